#!/bin/sh
# One KRaft node (broker + controller) of the apache/kafka image with SASL/SCRAM, TLS where a
# listener asks for it, and ACLs (docs/adr/0035). deploy/k8s/infrastructure/kafka.yaml and
# docker-compose.yml start it; the kafka-access job then creates the other users and the ACLs.
#
# Environment (the listener settings as in server.properties; the controller listener is named
# CONTROLLER and takes only this node, with SASL/PLAIN):
#   KAFKA_NODE_ID, KAFKA_CLUSTER_ID (22 characters of base64url), KAFKA_CONTROLLER_QUORUM_VOTERS,
#   KAFKA_LISTENERS, KAFKA_ADVERTISED_LISTENERS, KAFKA_LISTENER_SECURITY_PROTOCOL_MAP,
#   KAFKA_INTER_BROKER_LISTENER_NAME
#   KAFKA_ADMIN_PASSWORD       the admin's SCRAM password: a super user, created when the storage
#                              is formatted; this node also talks to itself (transaction markers) as it
#   KAFKA_CONTROLLER_PASSWORD  this node's password on its controller listener
#   KAFKA_TLS_DIR              for SASL_SSL listeners: tls.crt (with its chain), tls.key (PKCS#8,
#                              unencrypted) and ca.crt
#   KAFKA_DATA_DIR             (/var/lib/kafka/data) the volume; KAFKA_BIN (/opt/kafka/bin)
#   KAFKA_EXTRA_PROPERTIES     more server.properties lines (sizing, retention)
set -eu

bin=${KAFKA_BIN:-/opt/kafka/bin}
data=${KAFKA_DATA_DIR:-/var/lib/kafka/data}
conf=${KAFKA_CONFIG_DIR:-/tmp/rhythm-kafka}
: "${KAFKA_NODE_ID:?}" "${KAFKA_CLUSTER_ID:?}" "${KAFKA_CONTROLLER_QUORUM_VOTERS:?}"
: "${KAFKA_LISTENERS:?}" "${KAFKA_ADVERTISED_LISTENERS:?}" "${KAFKA_LISTENER_SECURITY_PROTOCOL_MAP:?}"
: "${KAFKA_INTER_BROKER_LISTENER_NAME:?}"
: "${KAFKA_ADMIN_PASSWORD:?the admin principal's password (a secret)}"
: "${KAFKA_CONTROLLER_PASSWORD:?the controller listener's password (a secret)}"

umask 077
mkdir -p "$conf" "$data/kraft"
scram='org.apache.kafka.common.security.scram.ScramLoginModule required'
plain='org.apache.kafka.common.security.plain.PlainLoginModule required'

{
  cat <<EOF
# Written by kafka-broker.sh at each start (docs/adr/0035). Holds passwords: mode 600.
process.roles=broker,controller
node.id=$KAFKA_NODE_ID
controller.quorum.voters=$KAFKA_CONTROLLER_QUORUM_VOTERS
controller.listener.names=CONTROLLER
listeners=$KAFKA_LISTENERS
advertised.listeners=$KAFKA_ADVERTISED_LISTENERS
listener.security.protocol.map=$KAFKA_LISTENER_SECURITY_PROTOCOL_MAP
inter.broker.listener.name=$KAFKA_INTER_BROKER_LISTENER_NAME
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=$plain username="controller" password="$KAFKA_CONTROLLER_PASSWORD" user_controller="$KAFKA_CONTROLLER_PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:controller
log.dirs=$data/kraft
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# Consumers ask for a 3 s session (ADR 0028): a dead member is replaced within seconds.
group.min.session.timeout.ms=3000
EOF
  # Every client listener authenticates with SCRAM-SHA-512; this node logs in to them as the admin.
  tls=
  for entry in $(echo "$KAFKA_LISTENER_SECURITY_PROTOCOL_MAP" | tr ',' ' '); do
    name=${entry%%:*}
    protocol=${entry#*:}
    [ "$name" = CONTROLLER ] && continue
    case "$protocol" in
      SASL_PLAINTEXT | SASL_SSL) ;;
      *) echo "kafka-broker.sh: listener $name is $protocol; every client listener must be SASL_PLAINTEXT or SASL_SSL" >&2; exit 2 ;;
    esac
    [ "$protocol" = SASL_SSL ] && tls=1
    lower=$(echo "$name" | tr 'A-Z' 'a-z')
    echo "listener.name.$lower.sasl.enabled.mechanisms=SCRAM-SHA-512"
    echo "listener.name.$lower.scram-sha-512.sasl.jaas.config=$scram username=\"admin\" password=\"$KAFKA_ADMIN_PASSWORD\";"
  done
  if [ -n "$tls" ]; then
    : "${KAFKA_TLS_DIR:?SASL_SSL listeners need KAFKA_TLS_DIR with tls.crt, tls.key and ca.crt}"
    cat "$KAFKA_TLS_DIR/tls.key" "$KAFKA_TLS_DIR/tls.crt" >"$conf/keystore.pem"
    cat <<EOF
ssl.keystore.type=PEM
ssl.keystore.location=$conf/keystore.pem
ssl.truststore.type=PEM
ssl.truststore.location=$KAFKA_TLS_DIR/ca.crt
EOF
  fi
  printf '%s\n' "${KAFKA_EXTRA_PROPERTIES:-}"
} >"$conf/server.properties"

# What the kafka-access job and the health check connect with, as the admin.
{
  if [ -n "$tls" ]; then echo security.protocol=SASL_SSL; else echo security.protocol=SASL_PLAINTEXT; fi
  echo sasl.mechanism=SCRAM-SHA-512
  echo "sasl.jaas.config=$scram username=\"admin\" password=\"$KAFKA_ADMIN_PASSWORD\";"
  if [ -n "$tls" ]; then
    echo ssl.truststore.type=PEM
    echo "ssl.truststore.location=$KAFKA_TLS_DIR/ca.crt"
  fi
} >"$conf/admin.properties"

# The admin exists from the first start: users and ACLs can be made only by a super user.
if [ ! -f "$data/kraft/meta.properties" ]; then
  "$bin/kafka-storage.sh" format -t "$KAFKA_CLUSTER_ID" -c "$conf/server.properties" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$KAFKA_ADMIN_PASSWORD]"
fi
exec "$bin/kafka-server-start.sh" "$conf/server.properties"
