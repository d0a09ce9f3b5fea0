export { OrgHistory, type OrgStreamKind } from './org-history';
