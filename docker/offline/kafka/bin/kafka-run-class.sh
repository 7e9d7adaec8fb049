#!/bin/bash
# kafka-run-class.sh CLASS [ARG...]: runs a Kafka main class on the jars in /opt/kafka/libs, with the
# JVM settings Kafka's scripts take from the environment (same variable names, similar defaults):
#   KAFKA_HEAP_OPTS             heap; default -Xmx256M (a tool; kafka-server-start.sh sets its own)
#   KAFKA_JVM_PERFORMANCE_OPTS  GC and the like; default G1 tuned as Kafka's scripts tune it
#   KAFKA_LOG4J_OPTS            logging; default the tools' configuration: warnings on stderr
#   KAFKA_JMX_OPTS, KAFKA_OPTS  passed on as they are (no default)
# Kafka's distribution is not on Maven Central, so neither are its scripts: these stand in for them.
set -euo pipefail

[[ $# -ge 1 ]] || { echo "usage: $0 CLASS [ARG...]" >&2; exit 2; }
class=$1
shift

java=java
[[ -n "${JAVA_HOME:-}" ]] && java=$JAVA_HOME/bin/java

heap=${KAFKA_HEAP_OPTS:--Xmx256M}
performance=${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}
log4j=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.properties}

# The option variables are word-split on purpose: each holds several JVM options.
# shellcheck disable=SC2086
exec "$java" $heap $performance ${KAFKA_JMX_OPTS:-} $log4j ${KAFKA_OPTS:-} \
  -cp '/opt/kafka/libs/*' "$class" "$@"
