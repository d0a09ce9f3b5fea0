declare const tenantIdBrand: unique symbol;

/**
 * An organisation's id, branded so that a plain string does not type-check where a tenant is
 * required: it comes from the authenticated actor or an event's metadata, never from a query.
 */
export type TenantId = string & { readonly [tenantIdBrand]: true };

export const TenantId = {
  of(value: string): TenantId {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new Error('A tenant id must be a non-empty string');
    }
    return value as TenantId;
  },
};
