import { guardFields } from './idempotency-guard';

type Fields = Readonly<Record<string, unknown>>;

/**
 * The update operators a projection may use: those that behave the same on MongoDB and on
 * FerretDB v1. Left out on purpose: `$currentDate` (wall-clock time makes replays differ; use the
 * event's occurredAt), `$rename`, pipeline updates, `arrayFilters` and `$[]` (not in FerretDB v1),
 * `$push` modifiers `$sort`/`$slice`/`$position` (FerretDB v1 ignores them without an error), and
 * `$pull` by condition or partial document (FerretDB v1 removes only equal values, silently):
 * keep collections of things as maps keyed by id and `$set`/`$unset` their entries.
 */
export type ReadModelUpdate = Readonly<{
  $set?: Fields;
  $setOnInsert?: Fields;
  $unset?: Readonly<Record<string, '' | 1 | true>>;
  $inc?: Readonly<Record<string, number>>;
  $mul?: Readonly<Record<string, number>>;
  $min?: Fields;
  $max?: Fields;
  $push?: Fields;
  $addToSet?: Fields;
  $pull?: Fields;
  $pullAll?: Readonly<Record<string, readonly unknown[]>>;
}>;

/** A filter over a collection's own fields; the tenant and the guard are added by the context. */
export type ReadModelFilter = Readonly<Record<string, unknown>>;

export class InvalidReadModelWrite extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReadModelWrite';
  }
}

const operators = new Set([
  '$set',
  '$setOnInsert',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$addToSet',
  '$pull',
  '$pullAll',
]);

/** Fields the context owns: identity, tenant, tombstone and guard. */
export const reservedFields: ReadonlySet<string> = new Set([
  '_id',
  'tenantId',
  '_deleted',
  ...guardFields,
]);

const silentlyIgnoredPushModifiers = ['$sort', '$slice', '$position'];

// $elemMatch finds nothing on FerretDB v1 for arrays of documents; the rest are not supported.
const refusedFilterOperators = new Set([
  '$where',
  '$expr',
  '$function',
  '$jsonSchema',
  '$elemMatch',
]);

export const assertValidUpdate = (where: string, update: ReadModelUpdate): void => {
  const entries = Object.entries(update).filter(([, fields]) => fields !== undefined);
  if (entries.length === 0) throw new InvalidReadModelWrite(`${where}: the update is empty`);
  for (const [operator, fields] of entries) {
    if (!operators.has(operator)) {
      throw new InvalidReadModelWrite(`${where}: update operator ${operator} is not allowed`);
    }
    for (const [path, value] of Object.entries(fields as Fields)) {
      assertWritablePath(where, path);
      if (
        operator === '$pull' &&
        typeof value === 'object' &&
        value !== null &&
        !(value instanceof Date)
      ) {
        throw new InvalidReadModelWrite(
          `${where}: $pull ${path} by condition or document is not reliable on FerretDB v1 (it removes only equal values); pull a plain value, or keep a map keyed by id and $unset the entry`,
        );
      }
      if ((operator === '$push' || operator === '$addToSet') && isObject(value)) {
        const modifier = silentlyIgnoredPushModifiers.find((name) => name in value);
        if (modifier) {
          throw new InvalidReadModelWrite(
            `${where}: ${operator} modifier ${modifier} is ignored by FerretDB v1; keep the array ordered in the event data instead`,
          );
        }
      }
    }
  }
};

/**
 * Also beware, on FerretDB v1, that in an update's filter a dotted path into an ARRAY of documents
 * (`'members.personId': x`) matches nothing, while find() matches it: filter on plain fields.
 */
export const assertValidFilter = (where: string, filter: ReadModelFilter): void => {
  for (const [key, value] of Object.entries(filter)) {
    if (refusedFilterOperators.has(key)) {
      throw new InvalidReadModelWrite(`${where}: filter operator ${key} is not allowed`);
    }
    if (!key.startsWith('$') && reservedFields.has(rootOf(key)) && key !== '_id') {
      throw new InvalidReadModelWrite(
        `${where}: the filter may not name ${key}; the context adds the tenant and the guard`,
      );
    }
    if (Array.isArray(value)) {
      for (const clause of value) if (isObject(clause)) assertValidFilter(where, clause);
    } else if (isObject(value)) {
      assertValidFilter(where, value);
    }
  }
};

const assertWritablePath = (where: string, path: string): void => {
  if (reservedFields.has(rootOf(path))) {
    throw new InvalidReadModelWrite(`${where}: ${path} is kept by the projection context`);
  }
  if (path.split('.').some((part) => part.startsWith('$') || part === '')) {
    throw new InvalidReadModelWrite(
      `${where}: positional paths such as ${path} are not supported by FerretDB v1`,
    );
  }
};

const rootOf = (path: string): string => path.split('.')[0];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
