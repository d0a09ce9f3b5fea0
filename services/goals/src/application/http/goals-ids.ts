import { ParseUUIDPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { RequestInvalid } from '@rhythm/operability';

/** Objectives, key results, proposals and ambitions get UUIDs from this service. */
export const uuidParam = new ParseUUIDPipe();

/** Ids of people and units come from the org topic, the company's is the organisation's. */
export const orgIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** A cycle id may be chosen by the champion, e.g. `2026-q1`. */
export const cycleIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** A path parameter that must match a pattern: 400 naming the parameter otherwise. */
export class IdPipe implements PipeTransform<string, string> {
  constructor(
    private readonly pattern: RegExp,
    private readonly describe: string,
  ) {}

  transform(value: string, metadata: ArgumentMetadata): string {
    if (this.pattern.test(value)) return value;
    throw new RequestInvalid({ [metadata.data ?? 'id']: `must be ${this.describe}` });
  }
}

export const cycleIdParam = new IdPipe(cycleIdPattern, 'a cycle id (letters, digits, - and _)');
export const orgIdParam = new IdPipe(orgIdPattern, 'an id of the organisation');
