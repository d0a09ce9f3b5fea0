export {
  evolveCycle,
  evolveObjective,
  goalsSubjectOf,
  type CycleStatus,
  type DirectoryCycle,
  type DirectoryKeyResult,
  type DirectoryObjective,
  type DirectoryRetrospective,
  type GoalsSubject,
  type ObjectiveStatus,
} from './goals-directory.evolve';
export { GoalsDirectoryProjector } from './goals-directory.projector';
export { GoalsDirectoryReader } from './goals-directory.reader';
export {
  goalsDirectoryCollections,
  GoalsDirectoryStore,
  type Stored,
} from './goals-directory.store';
export { ObjectiveSight, type Onlooker, type SightSources } from './objective-sight';
