# shellcheck shell=bash
# Part "base": telephony/debian:12, a minimal Debian bookworm made with debootstrap from the host's
# mirror; every other image starts from it or from a root file system made the same way.

build_base() {
  debian_rootfs "$IMAGES_WORK/rootfs-base" "$BASE_PACKAGES"
  import_rootfs "$IMAGES_WORK/rootfs-base" telephony/debian:12 \
    "$(printf '%s %s' "$DEBIAN_SUITE" "$BASE_PACKAGES" | sha256sum | cut -c1-16)" \
    --change 'CMD ["/bin/bash"]'
}
