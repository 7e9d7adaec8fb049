# shellcheck shell=bash
# Part "haproxy": telephony/haproxy:2.6, Debian bookworm's HAProxy (the compose file's pinned
# haproxy:3.2-alpine cannot be pulled offline). It runs docker-compose.yml's service "haproxy"
# unchanged: the configuration is mounted at /usr/local/etc/haproxy/haproxy.cfg, certificates under
# /usr/local/etc/haproxy/certs, HAProxy runs in the foreground as user haproxy (docker/offline/haproxy/Dockerfile).

HAPROXY_TAG=telephony/haproxy:2.6

build_haproxy() {
  local dir="$IMAGES_WORK/rootfs-haproxy" packages="$BASE_PACKAGES,haproxy" version
  debian_rootfs "$dir" "$packages"
  version=$(package_version "$dir" haproxy)
  # The tag names the version; another Debian release would bring another one.
  [[ "$version" == "${HAPROXY_TAG##*:}".* ]] || die "$DEBIAN_SUITE has haproxy $version, not ${HAPROXY_TAG##*:}: change HAPROXY_TAG"
  package_image haproxy "$dir" "$HAPROXY_TAG" --label "telephony.haproxy.version=$version"
}
