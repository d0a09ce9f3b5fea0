import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
} from 'kafkajs';
import { aclEntriesOf } from './kafka-grants';
import {
  kafkaPrincipalNames,
  kafkaPrincipals,
  type KafkaGrant,
  type KafkaOperation,
} from './kafka-principals';
import { provisionedTopics } from './kafka-topics';

const principal = (name: string) => {
  const found = kafkaPrincipals.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no principal ${name}`);
  return found;
};

/** What the brokers' prefixed and literal ACLs let a principal do on one topic. */
const mayOnTopic = (name: string, topic: string, operation: KafkaOperation): boolean =>
  principal(name).grants.some(
    (grant: KafkaGrant) =>
      grant.resource === 'topic' &&
      grant.operations.includes(operation) &&
      (grant.pattern === 'literal' ? topic === grant.name : topic.startsWith(grant.name)),
  );

const allTopics = [...provisionedTopics, '__consumer_offsets', '__transaction_state'];

describe('the Kafka principals (docs/security.md, "Kafka")', () => {
  it('lets each service write only its own topics and the dead letters of what it consumes', () => {
    const writable = (name: string) =>
      allTopics.filter((topic) => mayOnTopic(name, topic, 'write'));

    expect(writable('org')).toEqual(['rhythm.org.events', 'rhythm.org.events.dlq']);
    expect(writable('goals')).toEqual([
      'rhythm.org.events.dlq',
      'rhythm.goals.events',
      'rhythm.goals.events.dlq',
      'rhythm.checkins.events.dlq',
    ]);
    expect(writable('analytics')).toEqual([]);
  });

  it('lets each service read its own topic and the published topics it consumes, no others', () => {
    const readable = (name: string) => allTopics.filter((topic) => mayOnTopic(name, topic, 'read'));

    expect(readable('goals')).toEqual([
      'rhythm.org.events',
      'rhythm.goals.events',
      'rhythm.goals.events.dlq',
      'rhythm.checkins.events',
    ]);
    expect(readable('org')).toEqual(['rhythm.org.events', 'rhythm.org.events.dlq']);
  });

  it('lets analytics read the four published topics only: no dead letters, no internal topics', () => {
    expect(allTopics.filter((topic) => mayOnTopic('analytics', topic, 'read'))).toEqual([
      'rhythm.org.events',
      'rhythm.goals.events',
      'rhythm.checkins.events',
      'rhythm.recognition.events',
    ]);
    expect(
      principal('analytics').grants.filter((grant) => grant.resource === 'transactional-id'),
    ).toEqual([]);
  });

  it('lets the gateway read the four published topics and write nothing', () => {
    expect(allTopics.filter((topic) => mayOnTopic('gateway', topic, 'read'))).toEqual([
      'rhythm.org.events',
      'rhythm.goals.events',
      'rhythm.checkins.events',
      'rhythm.recognition.events',
    ]);
    expect(allTopics.filter((topic) => mayOnTopic('gateway', topic, 'write'))).toEqual([]);
    expect(principal('gateway').grants.map((grant) => grant.resource)).not.toContain(
      'transactional-id',
    );
  });

  it('keeps consumer groups and transactional ids under each principal prefix', () => {
    for (const { name, grants } of kafkaPrincipals) {
      for (const grant of grants.filter((g) => g.resource === 'group')) {
        expect(grant).toMatchObject({ pattern: 'prefixed', name: `rhythm-${name}.` });
      }
      for (const grant of grants.filter((g) => g.resource === 'transactional-id')) {
        expect(grant).toMatchObject({ pattern: 'prefixed', name: `rhythm-relay-${name}-` });
      }
    }
  });

  it('turns grants into allow-only ACL bindings for User:<name>', () => {
    const entries = aclEntriesOf(principal('goals'));

    expect(entries).toContainEqual({
      resourceType: AclResourceTypes.TOPIC,
      resourceName: 'rhythm.goals.',
      resourcePatternType: ResourcePatternTypes.PREFIXED,
      principal: 'User:goals',
      host: '*',
      operation: AclOperationTypes.WRITE,
      permissionType: AclPermissionTypes.ALLOW,
    });
    expect(entries.every((entry) => entry.permissionType === AclPermissionTypes.ALLOW)).toBe(true);
    expect(entries.every((entry) => entry.principal === 'User:goals')).toBe(true);
  });

  it('names the same principals as the local stack creates users for', () => {
    const stack = readFileSync(
      path.join(__dirname, '..', '..', '..', 'deploy', 'local', 'stack.sh'),
      'utf8',
    );
    const line = /^KAFKA_PRINCIPALS=\((.*)\)$/m.exec(stack)?.[1] ?? '';
    const names = line
      .split(/\s+/)
      .map((word) => (word === '"$KAFKA_ADMIN_PRINCIPAL"' ? 'admin' : word));

    expect(names).toEqual([...kafkaPrincipalNames]);
  });
});
