#!/bin/bash
# kafka-server-start.sh server.properties: the broker (and controller) in the foreground, logging to
# stdout at INFO. A 1 GB heap unless KAFKA_HEAP_OPTS says otherwise, as in Kafka's own script.
set -euo pipefail

[[ $# -ge 1 ]] || { echo "usage: $0 server.properties [--override name=value ...]" >&2; exit 2; }
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}
export KAFKA_LOG4J_OPTS=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties}
exec /opt/kafka/bin/kafka-run-class.sh kafka.Kafka "$@"
