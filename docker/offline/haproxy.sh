# shellcheck shell=bash
# Part "haproxy": telephony/haproxy:2.6, Debian bookworm's HAProxy (the compose file's pinned
# haproxy:3.2-alpine cannot be pulled offline). It runs docker-compose.yml's service "haproxy"
# unchanged: the configuration is mounted at /usr/local/etc/haproxy/haproxy.cfg, certificates under
# /usr/local/etc/haproxy/certs, HAProxy runs in the foreground as user haproxy (docker/offline/haproxy/Dockerfile).

HAPROXY_TAG=telephony/haproxy:2.6

# package_version ROOTFS PACKAGE: the version of PACKAGE installed in ROOTFS, read from its dpkg
# status file (no dpkg needed on the host). The same in every part that uses it: each stands alone.
package_version() {
  awk -v p="$2" '$1 == "Package:" { m = ($2 == p) } m && $1 == "Version:" { print $2; exit }' "$1/var/lib/dpkg/status"
}

build_haproxy() {
  local dir="$IMAGES_WORK/rootfs-haproxy" packages="$BASE_PACKAGES,haproxy" version rootfs_hash hash
  debian_rootfs "$dir" "$packages"
  version=$(package_version "$dir" haproxy)
  # The tag names the version; another Debian release would bring another one.
  [[ "$version" == "${HAPROXY_TAG##*:}".* ]] || die "$DEBIAN_SUITE has haproxy $version, not ${HAPROXY_TAG##*:}: change HAPROXY_TAG"
  # The rootfs image is current while the installed packages (dpkg's status file) and this file are.
  rootfs_hash=$(cat "$dir/var/lib/dpkg/status" "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16)
  import_rootfs "$dir" telephony/rootfs-haproxy:bookworm "$rootfs_hash" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8'
  hash=$(printf '%s %s' "$rootfs_hash" "$(recipe_hash "$REPO/docker/offline/haproxy")" | sha256sum | cut -c1-16)
  build_image "$HAPROXY_TAG" "$hash" "$REPO/docker/offline/haproxy" --label "telephony.haproxy.version=$version"
}
