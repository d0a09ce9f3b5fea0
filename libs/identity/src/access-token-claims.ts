import { identifierMaxLength } from '@rhythm/event-sourcing';

/** The tenant and the subject must be ids of this shape (`identifierPattern`, ADR 0026). */
export const identifierRuleText = `1 to ${identifierMaxLength} letters, digits, '.', '_' or '-', starting with a letter or digit`;

/**
 * The claims of a Rhythm access token. `roles` is the claim RFC 9068 names for access tokens;
 * the tenant is not a registered claim, so it is namespaced (identity providers such as Auth0
 * require that, and it cannot collide with anybody else's `tenant`). See docs/adr/0007.
 */
export const TENANT_CLAIM = 'https://rhythm.dev/tenant';
export const ROLES_CLAIM = 'roles';

export type AccessTokenClaims = Readonly<{
  /** Person id (`identifierPattern`). */
  sub: string;
  /** Organisation id (`identifierPattern`). */
  tenant: string;
  roles: readonly string[];
  name?: string;
}>;
