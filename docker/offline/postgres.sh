# shellcheck shell=bash
# Part "postgres": telephony/postgres:15, Debian bookworm's PostgreSQL 15 (the compose file's pinned
# postgres:17.6-alpine cannot be pulled offline). It runs docker-compose.yml's service "postgres"
# unchanged: POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD make the cluster at the first start on
# an empty /var/lib/postgresql/data, then the server runs as postgres (docker/offline/postgres/).
# A data directory made by PostgreSQL 17 cannot be opened by 15: docker-entrypoint refuses it.

POSTGRES_TAG=telephony/postgres:15

build_postgres() {
  local major=${POSTGRES_TAG##*:} dir="$IMAGES_WORK/rootfs-postgres" packages version
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
  package_image postgres "$dir" "$POSTGRES_TAG" --label "telephony.postgres.version=$version" \
    --build-arg "PG_MAJOR=$major"
}
