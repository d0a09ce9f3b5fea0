import { ParseUUIDPipe } from '@nestjs/common';

/** Kudos, stories, objectives and key results are named by UUIDs. */
export const uuidParam = new ParseUUIDPipe();
