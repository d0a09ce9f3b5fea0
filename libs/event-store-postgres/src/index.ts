export {
  PostgresEventStore,
  createPostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres-event-store';
export {
  eventStoreSchemas,
  verifyHashChains,
  type BrokenLink,
  type ChainProblem,
  type ChainVerification,
  type MissingPositions,
  type StoreVerification,
  type VerifyOptions,
} from './hash-chain-verification';
export {
  migrateOwnedSchema,
  migrateOwnedTables,
  ownedTableName,
  quotedRole,
  type OwnedSchemaMigration,
  type OwnedTable,
} from './owned-schema';
export { boundedPool, type BoundedPoolOptions } from './bounded-pool';
