import type { ReadModelUpdate } from './read-model-update';

type Document = Record<string, unknown>;

/** An update MongoDB or FerretDB would refuse (a path through a scalar, $inc of a string …). */
export class DocumentUpdateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentUpdateError';
  }
}

/**
 * Applies a read-model update to a document held in memory, as MongoDB applies it to a stored one,
 * for the operators a projection may use (read-model-update.ts). `inserting` is true when the
 * update creates the document (an upsert that matched nothing): `$setOnInsert` then applies.
 * Values are copied in, so the document never shares objects with the event.
 *
 * A rebuild folds its documents with it and writes each one once (rebuild-writer.ts);
 * `document-update.int.spec.ts` holds it to what the real read store does.
 */
export const applyUpdate = (document: Document, update: ReadModelUpdate, inserting: boolean) => {
  for (const [operator, fields] of Object.entries(update)) {
    if (fields === undefined) continue;
    for (const [path, value] of Object.entries(fields)) {
      applyOperator(document, operator, path, value, inserting);
    }
  }
};

const applyOperator = (
  document: Document,
  operator: string,
  path: string,
  value: unknown,
  inserting: boolean,
): void => {
  switch (operator) {
    case '$setOnInsert':
      if (inserting) setAt(document, path, copy(value));
      return;
    case '$set':
      return setAt(document, path, copy(value));
    case '$unset':
      return unsetAt(document, path);
    case '$inc':
    case '$mul': {
      const current = getAt(document, path);
      if (current !== undefined && typeof current !== 'number') {
        throw new DocumentUpdateError(`${operator} ${path}: ${typeOf(current)} is not a number`);
      }
      const factor = value as number;
      if (operator === '$inc') return setAt(document, path, (current ?? 0) + factor);
      return setAt(document, path, (current ?? 0) * factor);
    }
    case '$min':
    case '$max': {
      const current = getAt(document, path);
      const order = current === undefined ? 0 : compareValues(value, current);
      if (current === undefined || (operator === '$min' ? order < 0 : order > 0)) {
        setAt(document, path, copy(value));
      }
      return;
    }
    case '$push':
    case '$addToSet': {
      const items = eachOf(value);
      const array = arrayAt(document, operator, path);
      for (const item of items) {
        if (operator === '$addToSet' && array.some((element) => sameValue(element, item))) continue;
        array.push(copy(item));
      }
      return;
    }
    case '$pull':
    case '$pullAll': {
      const current = getAt(document, path);
      if (current === undefined) return;
      if (!Array.isArray(current)) {
        throw new DocumentUpdateError(`${operator} ${path}: ${typeOf(current)} is not an array`);
      }
      const removed = operator === '$pull' ? [value] : (value as unknown[]);
      const kept: unknown[] = current.filter(
        (element: unknown) => !removed.some((item) => sameValue(element, item)),
      );
      current.splice(0, current.length, ...kept);
      return;
    }
    default:
      throw new DocumentUpdateError(`Update operator ${operator} is not supported`);
  }
};

const eachOf = (value: unknown): unknown[] =>
  isPlainObject(value) && Array.isArray(value.$each) ? value.$each : [value];

const arrayAt = (document: Document, operator: string, path: string): unknown[] => {
  const current = getAt(document, path);
  if (current === undefined) {
    const created: unknown[] = [];
    setAt(document, path, created);
    return created;
  }
  if (!Array.isArray(current)) {
    throw new DocumentUpdateError(`${operator} ${path}: ${typeOf(current)} is not an array`);
  }
  return current;
};

type Container = Document | unknown[];

const getAt = (document: Document, path: string): unknown => {
  let node: unknown = document;
  for (const part of path.split('.')) {
    if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else if (isContainerObject(node)) node = node[part];
    else return undefined;
  }
  return node;
};

/** The container of the path's last part, created along the way like MongoDB does. */
const parentOf = (document: Document, path: string): [Container, string] => {
  const parts = path.split('.');
  let node: Container = document;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(node) && !/^\d+$/.test(part)) {
      throw new DocumentUpdateError(`Cannot create field ${part} of ${path} in an array`);
    }
    let next: unknown = Array.isArray(node) ? node[Number(part)] : node[part];
    if (next === undefined) {
      next = {};
      if (Array.isArray(node)) node[Number(part)] = next;
      else node[part] = next;
    }
    if (!isContainer(next)) {
      throw new DocumentUpdateError(`Cannot create field in ${path}: ${part} is a ${typeOf(next)}`);
    }
    node = next;
  }
  return [node, parts[parts.length - 1]];
};

const setAt = (document: Document, path: string, value: unknown): void => {
  const [parent, last] = parentOf(document, path);
  if (Array.isArray(parent)) {
    if (!/^\d+$/.test(last)) throw new DocumentUpdateError(`Cannot set ${path} in an array`);
    const index = Number(last);
    while (parent.length < index) parent.push(null);
    parent[index] = value;
  } else {
    parent[last] = value;
  }
};

const unsetAt = (document: Document, path: string): void => {
  const parts = path.split('.');
  const parentPath = parts.slice(0, -1).join('.');
  const parent = parentPath === '' ? document : getAt(document, parentPath);
  const last = parts[parts.length - 1];
  // MongoDB leaves a null in an array's place rather than shifting the elements.
  if (Array.isArray(parent)) {
    if (/^\d+$/.test(last) && Number(last) < parent.length) parent[Number(last)] = null;
  } else if (isContainerObject(parent)) {
    delete parent[last];
  }
};

const copy = <T>(value: T): T => structuredClone(value);

const isContainer = (value: unknown): value is Container =>
  Array.isArray(value) || isContainerObject(value);

const isContainerObject = (value: unknown): value is Document =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Date) &&
  !ArrayBuffer.isView(value);

const isPlainObject = isContainerObject;

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** BSON's order of types, for $min/$max across types. */
const typeRank = (value: unknown): number => {
  if (value === null || value === undefined) return 1;
  if (typeof value === 'number' || typeof value === 'bigint') return 2;
  if (typeof value === 'string') return 3;
  if (Array.isArray(value)) return 5;
  if (typeof value === 'boolean') return 8;
  if (value instanceof Date) return 9;
  return 4;
};

const compareValues = (a: unknown, b: unknown): number => {
  const rank = typeRank(a) - typeRank(b);
  if (rank !== 0) return rank;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeRank(a) === 2 || typeof a === 'boolean') {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (sameValue(a, b)) return 0;
  throw new DocumentUpdateError('$min/$max of documents or arrays is not supported');
};

/** Equality as MongoDB matches values: numbers by value, documents field by field in order. */
export const sameValue = (a: unknown, b: unknown): boolean => {
  if (typeRank(a) === 2 && typeRank(b) === 2) return Number(a) === Number(b);
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((element, index) => sameValue(element, b[index]))
    );
  }
  if (isContainerObject(a) && isContainerObject(b)) {
    const aKeys = Object.keys(a).filter((key) => a[key] !== undefined);
    const bKeys = Object.keys(b).filter((key) => b[key] !== undefined);
    return (
      aKeys.length === bKeys.length &&
      aKeys.every((key, index) => key === bKeys[index] && sameValue(a[key], b[key]))
    );
  }
  return a === b || (a == null && b == null);
};
