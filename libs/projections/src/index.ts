export {
  defineProjection,
  ProjectionDefinitionError,
  type IndexSpec,
  type Projection,
  type ProjectionContext,
  type ProjectionDefinition,
  type ReadModelCollectionSpec,
} from './projection';
export { type GuardKind } from './idempotency-guard';
export {
  InvalidReadModelWrite,
  type ReadModelFilter,
  type ReadModelUpdate,
} from './read-model-update';
export { ReadModelConflict } from './read-model-writer';
export { type ProjectableEvent } from './projectable-event';
export {
  ProjectionRunner,
  ProjectionSuperseded,
  type ProjectionRunnerOptions,
  type ProjectionRunnerStatus,
} from './projection-runner';
export {
  rebuildProjection,
  rebuildProjections,
  type RebuildOptions,
  type RebuildPhase,
  type RebuildProgress,
  type RebuildResult,
} from './rebuild-projection';
export {
  physicalCollectionName,
  ProjectionGenerations,
  RebuildAbandoned,
  RebuildInProgress,
  type GenerationPointer,
} from './projection-generations';
export { ProjectionCheckpoints, type CheckpointDocument } from './projection-checkpoints';
export { connectReadStore, readStoreConnectionOptions } from './read-store';
export {
  ParkedEvents,
  replayParkedEvents,
  type ParkedEvent,
  type ParkedEventDocument,
  type ReplayOutcome,
} from './parked-events';
export {
  noSuchProjection,
  replayParkedProjectionEvents,
  runParkedProjectionsCommand,
  type ParkedReplayOptions,
  type ParkedReplayResult,
} from './replay-parked-events';
export { ReadModelCollections, type ReadModelCollectionsOptions } from './read-model-collections';
export {
  TenantScopedCollection,
  TenantScopedRepository,
  type FindOptions,
  type ReadModelDocument,
  type TenantDocument,
  type TenantFilter,
  type WithoutTenant,
} from './tenant-scoped-repository';
export { documentKey, idOfKey, UntranslatableIdFilter } from './document-key';
export { TenantId } from './tenant-id';
export { ProjectionFleet, type FleetLogger, type ProjectionFleetOptions } from './projection-fleet';
export { projectionFleetProvider } from './projection-fleet.provider';
export { removeRetiredProjection, type RetiredProjection } from './retired-projection';
export {
  loadStoreConfiguration,
  rebuildReadModels,
  runRebuildCommand,
  type RebuildCommand,
  type RebuildReadModelsOptions,
  type StoreConfiguration,
} from './rebuild-read-models';
