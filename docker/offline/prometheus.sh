# shellcheck shell=bash
# Part "prometheus": telephony/prometheus:2.42, Debian bookworm's Prometheus (the compose file's pinned
# prom/prometheus:v3.5.0 cannot be pulled offline). It runs docker-compose.yml's service "prometheus"
# unchanged: the entry point is the prometheus binary, the compose file's command gives the flags,
# the configuration is mounted at /etc/prometheus, the data volume at /prometheus, user nobody
# (docker/offline/prometheus/Dockerfile).

PROMETHEUS_TAG=telephony/prometheus:2.42

# package_version ROOTFS PACKAGE: the version of PACKAGE installed in ROOTFS, read from its dpkg
# status file (no dpkg needed on the host). The same in every part that uses it: each stands alone.
package_version() {
  awk -v p="$2" '$1 == "Package:" { m = ($2 == p) } m && $1 == "Version:" { print $2; exit }' "$1/var/lib/dpkg/status"
}

build_prometheus() {
  local dir="$IMAGES_WORK/rootfs-prometheus" packages="$BASE_PACKAGES,prometheus" version rootfs_hash hash
  # debootstrap installs Depends only, never Recommends (prometheus-node-exporter stays out); the
  # package still depends on the JavaScript libraries of its web console.
  debian_rootfs "$dir" "$packages"
  # Of those libraries, moment-timezone brings 212 MB of time zone data in three formats (data/);
  # the console loads only moment-timezone-with-data.min.js, which has them built in.
  rm -rf "$dir/usr/share/javascript/moment-timezone/data"
  version=$(package_version "$dir" prometheus)
  # The tag names the version; another Debian release would bring another one.
  [[ "$version" == "${PROMETHEUS_TAG##*:}".* ]] || die "$DEBIAN_SUITE has prometheus $version, not ${PROMETHEUS_TAG##*:}: change PROMETHEUS_TAG"
  # The rootfs image is current while the installed packages (dpkg's status file) and this file are.
  rootfs_hash=$(cat "$dir/var/lib/dpkg/status" "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16)
  import_rootfs "$dir" telephony/rootfs-prometheus:bookworm "$rootfs_hash" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8'
  hash=$(printf '%s %s' "$rootfs_hash" "$(recipe_hash "$REPO/docker/offline/prometheus")" | sha256sum | cut -c1-16)
  build_image "$PROMETHEUS_TAG" "$hash" "$REPO/docker/offline/prometheus" --label "telephony.prometheus.version=$version"
}
