import {
  deadLetterTopicFor,
  publishingContexts,
  topicFor,
  type PublishingContext,
} from '@rhythm/contracts';

export type KafkaOperation =
  'read' | 'write' | 'create' | 'delete' | 'describe' | 'describe-configs' | 'idempotent-write';

/** One ACL binding, allow only: a resource by exact name (`literal`) or by name prefix. */
export type KafkaGrant = Readonly<{
  resource: 'topic' | 'group' | 'transactional-id' | 'cluster';
  pattern: 'literal' | 'prefixed';
  name: string;
  operations: readonly KafkaOperation[];
  why: string;
}>;

export type KafkaPrincipal = Readonly<{ name: string; grants: readonly KafkaGrant[] }>;

/** The super user of the stack and the tests: creates topics, users and ACLs. Not a service's. */
export const kafkaAdminPrincipal = 'admin';

/**
 * Who learns what from whom, over Kafka only (the architecture brief): the contexts whose
 * published topic each context consumes. A consumer reads these topics and writes their dead
 * letters; checkins and recognition are granted ahead of their services.
 */
export const consumedContexts: Readonly<Record<PublishingContext, readonly PublishingContext[]>> = {
  org: [],
  goals: ['org', 'checkins'],
  checkins: ['org', 'goals'],
  recognition: ['org', 'goals', 'checkins'],
};

/** Consumer groups of a principal: `rhythm-goals.org-directory`, `rhythm-goals.relay-tail…`. */
export const consumerGroupPrefix = (principal: string): string => `rhythm-${principal}.`;

/** Transactional ids of a context's relays: `rhythm-relay-org-<schema>` and its replay. */
export const transactionalIdPrefix = (context: PublishingContext): string =>
  `rhythm-relay-${context}-`;

/** Topics a context owns: its published topic `rhythm.<context>.events` and any later one. */
export const ownTopicPrefix = (context: PublishingContext): string => `rhythm.${context}.`;

const cluster = 'kafka-cluster';

const groups = (principal: string): KafkaGrant => ({
  resource: 'group',
  pattern: 'prefixed',
  name: consumerGroupPrefix(principal),
  operations: ['read', 'describe', 'delete'],
  why: 'its own consumer groups only (join, commit offsets, delete a throwaway reader group)',
});

const servicePrincipal = (context: PublishingContext): KafkaPrincipal => ({
  name: context,
  grants: [
    {
      resource: 'topic',
      pattern: 'prefixed',
      name: ownTopicPrefix(context),
      operations: ['write', 'read', 'create', 'describe'],
      why: "publishes its events; the relay reads its own topic's tail to resume after a crash",
    },
    ...consumedContexts[context].flatMap((source): KafkaGrant[] => [
      {
        resource: 'topic',
        pattern: 'literal',
        name: topicFor(source),
        operations: ['read', 'describe'],
        why: `consumes ${source}'s integration events`,
      },
      {
        resource: 'topic',
        pattern: 'literal',
        name: deadLetterTopicFor(topicFor(source)),
        operations: ['write', 'describe'],
        why: `parks ${source}'s events it cannot process (it may not read others' dead letters)`,
      },
    ]),
    groups(context),
    {
      resource: 'transactional-id',
      pattern: 'prefixed',
      name: transactionalIdPrefix(context),
      operations: ['write', 'describe'],
      why: "its relay's transactions (exactly once per event), never another context's",
    },
    {
      resource: 'cluster',
      pattern: 'literal',
      name: cluster,
      operations: ['idempotent-write', 'describe-configs'],
      why: "idempotent producers; the brokers' minimum consumer session (ADR 0028)",
    },
  ],
});

/** Reads what the contexts publish, for reporting: no dead letters, no internal topics, no writes. */
const analyticsPrincipal: KafkaPrincipal = {
  name: 'analytics',
  grants: [
    ...publishingContexts.map((context): KafkaGrant => ({
      resource: 'topic',
      pattern: 'literal',
      name: topicFor(context),
      operations: ['read', 'describe'],
      why: `reads ${context}'s published integration events`,
    })),
    groups('analytics'),
  ],
};

/**
 * The gateway (services/gateway) reads what the contexts publish to push live changes to the
 * console: each replica in a group of its own, which it deletes when it stops. No writes.
 */
const gatewayPrincipal: KafkaPrincipal = {
  name: 'gateway',
  grants: [
    ...publishingContexts.map((context): KafkaGrant => ({
      resource: 'topic',
      pattern: 'literal',
      name: topicFor(context),
      operations: ['read', 'describe'],
      why: `pushes ${context}'s changes to the consoles that may see them`,
    })),
    groups('gateway'),
  ],
};

/** Every principal but the admin, with what it may do: the written table of docs/security.md. */
export const kafkaPrincipals: readonly KafkaPrincipal[] = [
  ...publishingContexts.map(servicePrincipal),
  analyticsPrincipal,
  gatewayPrincipal,
];

export const kafkaPrincipalNames = [
  kafkaAdminPrincipal,
  ...kafkaPrincipals.map((principal) => principal.name),
] as const;
