export { OrgHistory, type OrgStreamKind } from './org-history';
export * from './org-topic';
