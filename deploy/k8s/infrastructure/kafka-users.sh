#!/bin/sh
# Creates or updates the SCRAM-SHA-512 credentials of the Kafka principals, as the admin
# (docs/adr/0035): the first step of the kafka-access job (deploy/k8s/infrastructure/kafka.yaml,
# docker-compose.yml). Setting a password again replaces it: this is also how one is rotated.
#
# Environment:
#   KAFKA_BROKERS              host:port of a listener
#   KAFKA_ADMIN_PASSWORD       the admin's password
#   KAFKA_USERS                the principals, e.g. "org goals checkins recognition analytics"
#   KAFKA_PASSWORD_<NAME>      each one's password (KAFKA_PASSWORD_ORG, ...)
#   KAFKA_SSL_CA_FILE          set for a SASL_SSL listener: the certificate authority (PEM)
#   KAFKA_BIN                  (/opt/kafka/bin)
set -eu

bin=${KAFKA_BIN:-/opt/kafka/bin}
: "${KAFKA_BROKERS:?}" "${KAFKA_ADMIN_PASSWORD:?}" "${KAFKA_USERS:?}"

umask 077
client=$(mktemp)
trap 'rm -f "$client"' EXIT
{
  if [ -n "${KAFKA_SSL_CA_FILE:-}" ]; then
    echo security.protocol=SASL_SSL
    echo ssl.truststore.type=PEM
    echo "ssl.truststore.location=$KAFKA_SSL_CA_FILE"
  else
    echo security.protocol=SASL_PLAINTEXT
  fi
  echo sasl.mechanism=SCRAM-SHA-512
  echo "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$KAFKA_ADMIN_PASSWORD\";"
} >"$client"

for name in $KAFKA_USERS; do
  variable=KAFKA_PASSWORD_$(echo "$name" | tr 'a-z' 'A-Z')
  password=$(printenv "$variable" || true)
  [ -n "$password" ] || { echo "kafka-users.sh: $variable is not set" >&2; exit 2; }
  "$bin/kafka-configs.sh" --bootstrap-server "$KAFKA_BROKERS" --command-config "$client" \
    --alter --entity-type users --entity-name "$name" \
    --add-config "SCRAM-SHA-512=[password=$password]"
done
