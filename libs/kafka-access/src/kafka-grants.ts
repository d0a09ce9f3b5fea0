import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type Admin,
  type AclEntry,
} from 'kafkajs';
import type { KafkaGrant, KafkaOperation, KafkaPrincipal } from './kafka-principals';

const resourceTypes: Record<KafkaGrant['resource'], AclResourceTypes> = {
  topic: AclResourceTypes.TOPIC,
  group: AclResourceTypes.GROUP,
  'transactional-id': AclResourceTypes.TRANSACTIONAL_ID,
  cluster: AclResourceTypes.CLUSTER,
};

const operationTypes: Record<KafkaOperation, AclOperationTypes> = {
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  create: AclOperationTypes.CREATE,
  delete: AclOperationTypes.DELETE,
  describe: AclOperationTypes.DESCRIBE,
  'describe-configs': AclOperationTypes.DESCRIBE_CONFIGS,
  'idempotent-write': AclOperationTypes.IDEMPOTENT_WRITE,
};

/** The ACL bindings of a principal: allow rules from any host, one per grant and operation. */
export const aclEntriesOf = (principal: KafkaPrincipal): AclEntry[] =>
  principal.grants.flatMap((grant) =>
    grant.operations.map((operation) => ({
      resourceType: resourceTypes[grant.resource],
      resourceName: grant.name,
      resourcePatternType:
        grant.pattern === 'prefixed' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
      principal: `User:${principal.name}`,
      host: '*',
      operation: operationTypes[operation],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );

const keyOf = (entry: AclEntry) =>
  [
    entry.resourceType,
    entry.resourceName,
    entry.resourcePatternType,
    entry.principal,
    entry.host,
    entry.operation,
    entry.permissionType,
  ].join('|');

export type GrantOutcome = Readonly<{ created: number; removed: number; kept: number }>;

/**
 * Makes the brokers' ACLs of these principals exactly the table: creates what is missing and
 * removes what the table no longer grants (a grant taken back in code is taken back on the
 * brokers). Other principals' ACLs are left alone. Needs a super user's client.
 */
export const grantKafkaAccess = async (
  admin: Admin,
  principals: readonly KafkaPrincipal[],
): Promise<GrantOutcome> => {
  const wanted = new Map(principals.flatMap(aclEntriesOf).map((entry) => [keyOf(entry), entry]));
  const existing: AclEntry[] = [];
  for (const principal of principals) {
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal: `User:${principal.name}`,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    for (const resource of resources) {
      for (const acl of resource.acls) {
        existing.push({
          resourceType: resource.resourceType,
          resourceName: resource.resourceName,
          resourcePatternType: resource.resourcePatternType,
          ...acl,
        });
      }
    }
  }
  const present = new Set(existing.map(keyOf));
  const stale = existing.filter((entry) => !wanted.has(keyOf(entry)));
  const missing = [...wanted.values()].filter((entry) => !present.has(keyOf(entry)));
  if (stale.length > 0) await admin.deleteAcls({ filters: stale });
  if (missing.length > 0) await admin.createAcls({ acl: missing });
  return { created: missing.length, removed: stale.length, kept: wanted.size - missing.length };
};
