# shellcheck shell=bash
# Part "postgres": telephony/postgres:15, Debian bookworm's PostgreSQL 15 (the compose file's pinned
# postgres:17.6-alpine cannot be pulled offline). It runs docker-compose.yml's service "postgres"
# unchanged: POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD make the cluster at the first start on
# an empty /var/lib/postgresql/data, then the server runs as postgres (docker/offline/postgres/).
# A data directory made by PostgreSQL 17 cannot be opened by 15: docker-entrypoint refuses it.

POSTGRES_TAG=telephony/postgres:15

# package_version ROOTFS PACKAGE: the version of PACKAGE installed in ROOTFS, read from its dpkg
# status file (no dpkg needed on the host). The same in every part that uses it: each stands alone.
package_version() {
  awk -v p="$2" '$1 == "Package:" { m = ($2 == p) } m && $1 == "Version:" { print $2; exit }' "$1/var/lib/dpkg/status"
}

build_postgres() {
  local major=${POSTGRES_TAG##*:} dir="$IMAGES_WORK/rootfs-postgres" packages version rootfs_hash hash
  packages="$BASE_PACKAGES,postgresql-$major"
  debian_rootfs "$dir" "$packages"
  version=$(package_version "$dir" "postgresql-$major")
  [[ -n "$version" ]] || die "$DEBIAN_SUITE has no postgresql-$major: change POSTGRES_TAG"
  # Removed before the import, so that no layer carries them:
  # - the cluster "main" that postgresql-common may make when the package is configured
  #   (/etc/postgresql, /var/lib/postgresql/N/main): the image makes its own, in the volume;
  # - the JIT compiler, 155 MB of 440: LLVM and its solver z3 (only llvmjit.so links them) and the
  #   server's bitcode. Without llvmjit.so the server runs with JIT unavailable and says nothing
  #   (jit_provider's documented behaviour); JIT only pays for long analytical queries, and the
  #   authorization server's are short.
  rm -rf "$dir/etc/postgresql/$major" "$dir/var/lib/postgresql/$major" "$dir/var/log/postgresql"/* \
    "$dir/usr/lib/postgresql/$major/lib/llvmjit.so" "$dir/usr/lib/postgresql/$major/lib/llvmjit_types.bc" \
    "$dir/usr/lib/postgresql/$major/lib/bitcode" "$dir"/usr/lib/*/libLLVM-*.so* "$dir"/usr/lib/*/libz3.so*
  # The rootfs image is current while the installed packages (dpkg's status file) and this file are.
  rootfs_hash=$(cat "$dir/var/lib/dpkg/status" "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16)
  import_rootfs "$dir" telephony/rootfs-postgres:bookworm "$rootfs_hash" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8'
  hash=$(printf '%s %s' "$rootfs_hash" "$(recipe_hash "$REPO/docker/offline/postgres")" | sha256sum | cut -c1-16)
  build_image "$POSTGRES_TAG" "$hash" "$REPO/docker/offline/postgres" --label "telephony.postgres.version=$version" \
    --build-arg "PG_MAJOR=$major"
}
