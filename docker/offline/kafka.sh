# shellcheck shell=bash
# Part "kafka": telephony/kafka:<kafka.version of the root pom>, a KRaft broker with Kafka's tools on
# telephony/jre:25, standing in for the apache/kafka image (which a registry would supply): the same
# KAFKA_* configuration, /etc/kafka/docker/run entry, /opt/kafka/bin scripts and uid 1000. Kafka's
# jars come from Maven Central through the Maven wrapper (docker/offline/kafka/pom.xml); what runs
# them is docker/offline/kafka/. Needs part jre first.

# kafka_version: the root pom's kafka.version, the one the services are built and tested against.
kafka_version() {
  sed -n 's:^[[:space:]]*<kafka\.version>\([^<]*\)</kafka\.version>.*:\1:p' "$REPO/pom.xml" | head -n 1
}

build_kafka() {
  local version recipe="$REPO/docker/offline/kafka" context="$IMAGES_WORK/kafka" base hash tag
  version=$(kafka_version)
  [[ -n "$version" ]] || die "no <kafka.version> in $REPO/pom.xml"
  tag=telephony/kafka:$version
  base=$(docker image inspect --format '{{.Id}}' telephony/jre:25 2> /dev/null) \
    || die "telephony/jre:25 is missing: build part jre first"
  # The recipe, the version and the runtime underneath: a new telephony/jre:25 rebuilds this too.
  hash=$(printf '%s\n' "$version" "$base" "$(recipe_hash "$recipe")" | sha256sum | cut -c1-16)
  if image_is_current "$tag" "$hash"; then
    log "$tag is up to date"
    return 0
  fi
  rm -rf "$context"
  mkdir -p "$context"
  log "Kafka $version's jars (Maven)"
  # No -o: the first run fetches kafka-tools and friends from Maven Central into ~/.m2; later runs
  # find them there (MAVEN_ARGS=-o keeps Maven offline).
  (cd "$REPO" && ./mvnw -B -q -f docker/offline/kafka/pom.xml dependency:copy-dependencies \
    -Dkafka.version="$version" -DoutputDirectory="$context/libs") \
    || die "could not resolve Kafka $version's jars (docker/offline/kafka/pom.xml)"
  cp -R "$recipe/Dockerfile" "$recipe/tools.list" "$recipe/bin" "$recipe/config" "$recipe/etc" "$context/"
  build_image "$tag" "$hash" "$context" --build-arg KAFKA_VERSION="$version"
}
