// Shared by every service (libs/operability): If-Match as the revision a change is based on.
export { ExpectedRevision } from '@rhythm/operability';
