# shellcheck shell=bash
# Part "services": telephony/<module>:$TELEPHONY_IMAGE_TAG for every service, from the executable jars
# the Maven build left in <module>/target (built here first when missing), on telephony/jre:25. The
# same image as docker/Dockerfile's runtime stage, without its Maven stage, which needs a registry.

SERVICE_MODULES=(mcp-gateway dispatcher webhook-ingest vonage-sandbox authorization-server)

# service_jar MODULE: the module's one executable jar.
service_jar() {
  local jars=("$REPO/$1/target/$1"-*-exec.jar)
  [[ ${#jars[@]} -eq 1 && -f "${jars[0]}" ]] || return 1
  printf '%s\n' "${jars[0]}"
}

build_services() {
  local tag module missing=() jar context hash
  tag=$(sed -n 's/^TELEPHONY_IMAGE_TAG=//p' "$REPO/.env")
  [[ -n "$tag" ]] || die "TELEPHONY_IMAGE_TAG is not set in .env"
  for module in "${SERVICE_MODULES[@]}"; do
    service_jar "$module" > /dev/null || missing+=("$module")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    log "building the jars of ${missing[*]}"
    (cd "$REPO" && ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true -pl "$(IFS=,; echo "${missing[*]}")" -am package) \
      || die "the Maven build of ${missing[*]} failed"
  fi
  for module in "${SERVICE_MODULES[@]}"; do
    jar=$(service_jar "$module") || die "expected exactly one executable jar in $module/target"
    hash=$( (sha256sum "$jar"; recipe_hash "$REPO/docker/offline/service" "$REPO/docker/healthcheck" \
      "$REPO/docker/server-port.sh" "$REPO/$module/src/main/resources/$module.properties") | sha256sum | cut -c1-16)
    if image_is_current "telephony/$module:$tag" "$hash"; then
      log "telephony/$module:$tag is up to date"
      continue
    fi
    context="$IMAGES_WORK/service-$module"
    rm -rf "$context"
    mkdir -p "$context"
    # Spring Boot's layers (dependencies, loader, snapshot dependencies, application), each its own
    # image layer, as in docker/Dockerfile.
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --layers --launcher --destination "$context/extracted" \
      > /dev/null || die "could not extract the layers of $jar"
    (cd "$REPO" && docker/server-port.sh "$module" "$context") || die "no server.port for $module"
    cp "$REPO/docker/healthcheck" "$REPO/docker/offline/service/Dockerfile" "$context/"
    build_image "telephony/$module:$tag" "$hash" "$context" --build-arg MODULE="$module"
  done
}
