# shellcheck shell=bash
# Part "jre": telephony/jre:25, the base with a Java runtime linked (jlink) from the JDK the build runs
# on, at /opt/java/openjdk as in the Temurin images. Debian bookworm packages only Java 17, and the
# services need 21 or newer.

# The JDK's modules without the development tools (compiler, debugger, jshell, packaging): jcmd and
# jfr stay, for diagnosing a running container.
jre_modules() {
  "$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' \
    | grep -vxE 'jdk\.(compiler|javadoc|jshell|jdeps|jlink|jpackage|jartool|editpad|jdi|jdwp\.agent|jconsole|jstatd|hotspot\.agent|random|jsobject|accessibility|xml\.dom|internal\.(ed|jvmstat|le|opt|md)|incubator\..*|graal.*)' \
    | paste -sd, -
}

build_jre() {
  local major context="$IMAGES_WORK/jre" modules hash
  major=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  [[ "$major" -ge 21 ]] || die "JAVA_HOME ($JAVA_HOME) is Java $major; the images need 21 or newer"
  [[ "$major" == 25 ]] || log "linking the runtime from Java $major, tagged telephony/jre:25 all the same"
  modules=$(jre_modules)
  hash=$(printf '%s\n' "$("$JAVA_HOME/bin/java" -version 2>&1)" "$modules" "$(recipe_hash "$REPO/docker/offline/jre")" \
    | sha256sum | cut -c1-16)
  if image_is_current telephony/jre:25 "$hash"; then
    log "telephony/jre:25 is up to date"
    return 0
  fi
  rm -rf "$context"
  mkdir -p "$context"
  log "jlink: $(tr ',' '\n' <<< "$modules" | wc -l) modules from $JAVA_HOME"
  "$JAVA_HOME/bin/jlink" --add-modules "$modules" --output "$context/openjdk" \
    --strip-debug --no-man-pages --no-header-files || die "jlink failed"
  cp "$REPO/docker/offline/jre/Dockerfile" "$context/"
  build_image telephony/jre:25 "$hash" "$context"
}
