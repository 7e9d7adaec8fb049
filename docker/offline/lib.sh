# shellcheck shell=bash
# Helpers of scripts/build-images: Debian root file systems made with debootstrap, imported into
# Docker without a registry, and image builds that never reach a network.
#
# Every image carries the label telephony.recipe, a hash of what it was built from (its recipe files,
# its inputs); an image whose label matches is kept, so a second run only rebuilds what changed.

# Debian release and mirror of the host (its apt sources), so that the images get the same packages.
DEBIAN_SUITE=${DEBIAN_SUITE:-bookworm}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# Packages of every image: TLS roots, openssl (the sandbox key pair), wget (health checks), ps.
BASE_PACKAGES=ca-certificates,openssl,wget,procps,netbase

log() { printf '[build-images] %s\n' "$*" >&2; }

die() {
  log "error: $*"
  exit 1
}

# recipe_hash FILE_OR_DIR...: a short hash of the contents of the files given (directories recursed).
# Paths count relative to the repository, so that another clone of the same files gets the same hash.
recipe_hash() {
  find "$@" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sed "s| ${REPO:-/nonexistent}/| |" \
    | sha256sum | cut -c1-16
}

# image_is_current TAG HASH: whether TAG exists and was built from HASH.
image_is_current() {
  local label
  label=$(docker image inspect --format '{{ index .Config.Labels "telephony.recipe" }}' "$1" 2> /dev/null) || return 1
  [[ "$label" == "$2" ]]
}

# build_image TAG HASH CONTEXT [docker build arguments...]: builds CONTEXT/Dockerfile with no network
# (everything an image needs is in its context or its base image), unless TAG is current.
build_image() {
  local tag=$1 hash=$2 context=$3
  shift 3
  if image_is_current "$tag" "$hash"; then
    log "$tag is up to date"
    return 0
  fi
  log "building $tag"
  # The classic builder: BuildKit needs the buildx plugin, which Debian's docker.io does not have.
  # Its output only matters when it fails.
  if ! DOCKER_BUILDKIT=0 docker build --network none --label "telephony.recipe=$hash" -t "$tag" "$@" "$context" \
    > "$IMAGES_WORK/build.log" 2>&1; then
    tail -n 30 "$IMAGES_WORK/build.log" >&2
    die "docker build of $tag failed (log: $IMAGES_WORK/build.log)"
  fi
}

# debian_rootfs DIR PACKAGES: a minimal Debian in DIR (debootstrap's minbase plus the comma-separated
# PACKAGES); kept between runs, remade when the package list changes.
debian_rootfs() {
  local dir=$1 packages=$2
  if [[ -f "$dir/.telephony-packages" && "$(cat "$dir/.telephony-packages")" == "$DEBIAN_SUITE $packages" ]]; then
    return 0
  fi
  command -v debootstrap > /dev/null || die "debootstrap is missing (apt-get install debootstrap)"
  [[ "$(id -u)" -eq 0 ]] || die "debootstrap needs root"
  log "debootstrap $DEBIAN_SUITE ($packages) into $dir"
  rm -rf "$dir" "$dir.new"
  mkdir -p "$(dirname "$dir")"
  # Downloaded packages are kept beside the root file systems: the next one reuses them.
  mkdir -p "$(dirname "$dir")/debs"
  debootstrap --variant=minbase --cache-dir="$(cd "$(dirname "$dir")/debs" && pwd)" --include="$packages" \
    "$DEBIAN_SUITE" "$dir.new" "$DEBIAN_MIRROR" > "$dir.log" 2>&1 \
    || die "debootstrap failed: see $dir.log"
  # debootstrap may leave the kernel file systems it mounted for the package scripts mounted (seen
  # with /proc here): they must not end up in the image, nor keep the directory busy.
  local mount
  for mount in dev/pts dev sys proc; do
    if mountpoint -q "$dir.new/$mount"; then
      umount "$dir.new/$mount" || die "could not unmount $dir.new/$mount"
    fi
  done
  # Package lists and caches are not needed at run time.
  rm -rf "$dir.new"/var/lib/apt/lists/* "$dir.new"/var/cache/apt/*.bin "$dir.new"/var/cache/apt/archives/*.deb
  printf '%s\n' "$DEBIAN_SUITE $packages" > "$dir.new/.telephony-packages"
  mv "$dir.new" "$dir"
}

# package_version ROOTFS PACKAGE: the version of PACKAGE installed in ROOTFS, read from its dpkg
# status file (no dpkg needed on the host).
package_version() {
  awk -v p="$2" '$1 == "Package:" { m = ($2 == p) } m && $1 == "Version:" { print $2; exit }' "$1/var/lib/dpkg/status"
}

# package_image PART DIR TAG [docker build arguments...]: the root file system DIR (made and trimmed
# by the part) imported as telephony/rootfs-PART, then docker/offline/PART/Dockerfile built on it as
# TAG. The imported image is current while DIR's installed packages (dpkg's status file) and the
# part's script are; TAG while that and the recipe folder are.
package_image() {
  local part=$1 dir=$2 tag=$3 rootfs_hash hash
  shift 3
  rootfs_hash=$(cat "$dir/var/lib/dpkg/status" "$REPO/docker/offline/$part.sh" | sha256sum | cut -c1-16)
  import_rootfs "$dir" "telephony/rootfs-$part:$DEBIAN_SUITE" "$rootfs_hash"
  hash=$(printf '%s %s' "$rootfs_hash" "$(recipe_hash "$REPO/docker/offline/$part")" | sha256sum | cut -c1-16)
  build_image "$tag" "$hash" "$REPO/docker/offline/$part" "$@"
}

# import_rootfs DIR TAG HASH [--change ...]: DIR as the image TAG, unless TAG is current. Every image
# so made gets the usual PATH and a UTF-8 locale (docker import sets no environment).
import_rootfs() {
  local dir=$1 tag=$2 hash=$3
  shift 3
  if image_is_current "$tag" "$hash"; then
    log "$tag is up to date"
    return 0
  fi
  log "importing $dir as $tag"
  tar --numeric-owner --exclude=./.telephony-packages -C "$dir" -cf - . \
    | docker import --change "LABEL telephony.recipe=$hash" \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8' "$@" - "$tag" > /dev/null \
    || die "docker import of $tag failed"
}
