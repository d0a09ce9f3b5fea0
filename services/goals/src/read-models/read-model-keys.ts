/**
 * Ids used as field names in read-model maps (`keyResults.<id>`): dots and dollars would be read
 * as paths and operators, so they are escaped. Maps rather than arrays, because FerretDB v1 can
 * neither $pull an element by a partial match nor update one by position.
 */
export const mapKey = (id: string): string =>
  id.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/\$/g, '%24');

/** The owner as one indexable value: `squad:checkout`, `person:bob`. */
export const ownerKey = (owner: Readonly<{ kind: string; id: string }>): string =>
  `${owner.kind}:${owner.id}`;
