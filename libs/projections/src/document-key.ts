/**
 * The stored `_id` of a tenant's document: the tenant, a `/`, then the id the projection or the
 * client chose (ADR 0025). Two organisations may both plan a cycle `2026-q1`; their documents are
 * `acme/2026-q1` and `globex/2026-q1`.
 *
 * Injective on its own, whatever the tenant id holds: `%` and `/` in the tenant are
 * percent-escaped, so the first `/` always ends the tenant. The tenant comes first, so within one
 * tenant the keys sort as the ids do (`sort: { _id: 1 }` keeps its meaning), and an equality on
 * `_id` stays one equality, which FerretDB pushes down (ADR 0023).
 */
export const documentKey = (tenantId: string, id: string): string => `${keyPrefix(tenantId)}${id}`;

/** The id a reader knows from a stored key of this tenant (as is when it has no tenant prefix). */
export const idOfKey = (tenantId: string, key: string): string => {
  const prefix = keyPrefix(tenantId);
  return key.startsWith(prefix) ? key.slice(prefix.length) : key;
};

const keyPrefix = (tenantId: string): string =>
  `${tenantId.replace(/%/g, '%25').replace(/\//g, '%2F')}/`;

type Filter = Readonly<Record<string, unknown>>;

/** A filter that names `_id` in a way the key cannot be put into (a regular expression …). */
export class UntranslatableIdFilter extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UntranslatableIdFilter';
  }
}

/** Operators on `_id` whose values are ids: each becomes its key. */
const valueOperators = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte']);
const listOperators = new Set(['$in', '$nin']);
/** Operators whose value is no id and means the same on keys. */
const keptOperators = new Set(['$exists', '$type']);
const logicalOperators = new Set(['$or', '$and', '$nor']);

/**
 * The filter with every condition on `_id` (top level, or inside `$or`/`$and`/`$nor`) stated on
 * the tenant's keys. Ranges keep their meaning inside one tenant because the prefix is the same
 * for all of its keys; the caller adds the tenant condition that confines them to it.
 */
export const withKeysOf = (tenantId: string, filter: Filter): Record<string, unknown> => {
  const translated: Record<string, unknown> = {};
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '_id') translated._id = keyCondition(tenantId, condition);
    else if (logicalOperators.has(field) && Array.isArray(condition)) {
      translated[field] = condition.map((clause: Filter) => withKeysOf(tenantId, clause));
    } else translated[field] = condition;
  }
  return translated;
};

const keyCondition = (tenantId: string, condition: unknown): unknown => {
  const key = (value: unknown) =>
    typeof value === 'string' ? documentKey(tenantId, value) : value;
  if (condition instanceof RegExp) {
    throw new UntranslatableIdFilter(
      'A read-model filter cannot match _id by a regular expression: ids are stored with their tenant',
    );
  }
  if (!isOperatorObject(condition)) return key(condition);
  const translated: Record<string, unknown> = {};
  for (const [operator, value] of Object.entries(condition)) {
    if (valueOperators.has(operator)) translated[operator] = key(value);
    else if (listOperators.has(operator) && Array.isArray(value)) {
      translated[operator] = value.map(key);
    } else if (keptOperators.has(operator)) translated[operator] = value;
    else {
      throw new UntranslatableIdFilter(
        `A read-model filter cannot use ${operator} on _id: ids are stored with their tenant`,
      );
    }
  }
  return translated;
};

const isOperatorObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).some((key) => key.startsWith('$'));
