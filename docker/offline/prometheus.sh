# shellcheck shell=bash
# Part "prometheus": telephony/prometheus:2.42, Debian bookworm's Prometheus (the compose file's pinned
# prom/prometheus:v3.5.0 cannot be pulled offline). It runs docker-compose.yml's service "prometheus"
# unchanged: the entry point is the prometheus binary, the compose file's command gives the flags,
# the configuration is mounted at /etc/prometheus, the data volume at /prometheus, user nobody
# (docker/offline/prometheus/Dockerfile).

PROMETHEUS_TAG=telephony/prometheus:2.42

build_prometheus() {
  local dir="$IMAGES_WORK/rootfs-prometheus" packages="$BASE_PACKAGES,prometheus" version
  # debootstrap installs Depends only, never Recommends (prometheus-node-exporter stays out); the
  # package still depends on the JavaScript libraries of its web console.
  debian_rootfs "$dir" "$packages"
  # Of those libraries, moment-timezone brings 212 MB of time zone data in three formats (data/);
  # the console loads only moment-timezone-with-data.min.js, which has them built in.
  rm -rf "$dir/usr/share/javascript/moment-timezone/data"
  version=$(package_version "$dir" prometheus)
  # The tag names the version; another Debian release would bring another one.
  [[ "$version" == "${PROMETHEUS_TAG##*:}".* ]] || die "$DEBIAN_SUITE has prometheus $version, not ${PROMETHEUS_TAG##*:}: change PROMETHEUS_TAG"
  package_image prometheus "$dir" "$PROMETHEUS_TAG" --label "telephony.prometheus.version=$version"
}
