export * from './org-directory.entries';
export {
  isOrgIntegrationEvent,
  subjectOf,
  type DirectoryRecord,
  type OrgIntegrationEvent,
  type PersonRecord,
  type UnitRecord,
} from './org-directory.evolve';
export { OrgDirectoryChanges } from './org-directory.changes';
export { OrgDirectoryProjector } from './org-directory.projector';
export { OrgDirectoryReader } from './org-directory.reader';
export {
  InProcessOrgDirectory,
  type InProcessOrgDirectoryOptions,
} from './org-directory.in-process';
export { orgDirectoryCollections, OrgDirectoryStore } from './org-directory.store';
