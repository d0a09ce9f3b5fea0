import { RequestInvalid } from '@rhythm/operability';
import type { Position } from '../../read-models/recognition-read-models';

/**
 * A page's cursor: where the next page starts (newest first: instant, then id). Opaque to
 * clients; a stable position, so an item added meanwhile never repeats or skips one.
 */
export const cursorOf = (position: Position): string =>
  Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');

export const positionOf = (cursor: string | undefined): Position | undefined => {
  if (cursor === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string'
    ) {
      return { at: parsed[0], id: parsed[1] };
    }
  } catch {
    // Not ours: answered below.
  }
  throw new RequestInvalid({ cursor: 'must be the `next` of a previous page' });
};

export type Page = Readonly<{ limit: number; cursor?: string }>;
export const defaultPageSize = 20;
export const largestPageSize = 100;
