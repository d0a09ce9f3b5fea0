/**
 * The claims of a Rhythm access token. `roles` is the claim RFC 9068 names for access tokens;
 * the tenant is not a registered claim, so it is namespaced (identity providers such as Auth0
 * require that, and it cannot collide with anybody else's `tenant`). See docs/adr/0007.
 */
export const TENANT_CLAIM = 'https://rhythm.dev/tenant';
export const ROLES_CLAIM = 'roles';

export type AccessTokenClaims = Readonly<{
  /** Person id. */
  sub: string;
  /** Organisation id. */
  tenant: string;
  roles: readonly string[];
  name?: string;
}>;
