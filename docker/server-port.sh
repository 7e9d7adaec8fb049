#!/bin/sh
# server-port.sh MODULE DIR: writes DIR/server-port (the module's default port) and
# DIR/server-port-variable (the environment variable that overrides it, SERVER_PORT unless the
# module's properties name another, as in server.port=${WEBHOOK_PORT:8080}), which the health check
# reads. Run from the repository root.
set -eu
module="$1"
dir="$2"
port="$(sed -n 's/^server\.port=//p' "${module}/src/main/resources/${module}.properties")"
case "${port}" in
  \$\{*:*\}) variable="${port#\$\{}"; variable="${variable%%:*}"; port="${port#*:}"; port="${port%\}}";;
  *) variable=SERVER_PORT;;
esac
printf '%s\n' "${port}" > "${dir}/server-port"
printf '%s\n' "${variable}" > "${dir}/server-port-variable"
printf '%s\n' "${port}" | grep -Eqx '[0-9]+' || { echo "server.port of ${module} is not a port: ${port}" >&2; exit 1; }
