# shellcheck shell=bash
# Picks a JDK >= 21 for the build and the local stack. Sourced by ./run-local and .ci/run:
#   source scripts/pick-jdk.sh && pick_jdk || exit 1
# Order: $JAVA_HOME if new enough, else the `java` on PATH if new enough, else the newest JDK
# under /usr/lib/jvm or /Library/Java/JavaVirtualMachines. Exports JAVA_HOME and puts its bin
# first on PATH, so ./mvnw and `java` agree.

PICK_JDK_MIN_VERSION=${PICK_JDK_MIN_VERSION:-21}

# Prints "<major>\t<java.home>" for a java executable; nothing if it does not run.
# The JVM's own properties are used because `java -version` output differs between vendors.
_pick_jdk_describe() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '
    $1 ~ /^ *java\.specification\.version$/ { version = $2 }
    $1 ~ /^ *java\.home$/ { home = $2 }
    END {
      sub(/^1\./, "", version)   # 1.8 -> 8
      if (version ~ /^[0-9]+$/ && home != "") printf "%s\t%s\n", version, home
    }'
}

_pick_jdk_use() {
  export JAVA_HOME="$1"
  export PATH="$JAVA_HOME/bin:$PATH"
  PICKED_JDK_MAJOR=$2
}

# Exports JAVA_HOME and PATH for a JDK >= $1 (default 21) and sets PICKED_JDK_MAJOR (e.g. 25);
# returns 1 with a message if there is none.
pick_jdk() {
  local min=${1:-$PICK_JDK_MIN_VERSION} major home candidate best_home="" best_major=0

  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    IFS=$'\t' read -r major home < <(_pick_jdk_describe "$JAVA_HOME/bin/java") || true
    if [[ -n "${major:-}" ]] && (( major >= min )); then
      _pick_jdk_use "$JAVA_HOME" "$major"
      return 0
    fi
  fi

  if command -v java >/dev/null 2>&1; then
    major="" home=""
    IFS=$'\t' read -r major home < <(_pick_jdk_describe "$(command -v java)") || true
    if [[ -n "${major:-}" ]] && (( major >= min )); then
      _pick_jdk_use "$home" "$major"
      return 0
    fi
  fi

  for candidate in /usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [[ -x "$candidate" ]] || continue
    major="" home=""
    IFS=$'\t' read -r major home < <(_pick_jdk_describe "$candidate") || true
    if [[ -n "${major:-}" ]] && (( major >= min && major > best_major )); then
      best_major=$major
      best_home=$home
    fi
  done
  if [[ -n "$best_home" ]]; then
    _pick_jdk_use "$best_home" "$best_major"
    return 0
  fi

  echo "No JDK $min or newer found (looked at JAVA_HOME, the java on PATH, /usr/lib/jvm and" \
    "/Library/Java/JavaVirtualMachines). Install one, e.g. Temurin $min+, or set JAVA_HOME to it." >&2
  return 1
}
