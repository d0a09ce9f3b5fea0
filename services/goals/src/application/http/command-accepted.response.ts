import { ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandOutcome } from '@rhythm/event-sourcing';

export class CommandAccepted {
  @ApiProperty({
    description:
      'Id of the cycle, objective, key result, proposal or ambition the command was about',
  })
  id!: string;

  @ApiProperty({
    description:
      "Its stream's revision after the command; send it back as If-Match to change it again",
    example: 3,
  })
  revision!: number;
}

/** The body of every command response, its revision as ETag, and where a new thing lives. */
export const accepted = <Extra extends object = Record<never, never>>(
  response: Response,
  outcome: CommandOutcome,
  location?: string,
  extra?: Extra,
): CommandAccepted & Extra => {
  response.setHeader('ETag', `"${outcome.revision}"`);
  if (location !== undefined) response.setHeader('Location', location);
  return { id: outcome.id, revision: outcome.revision, ...(extra as Extra) };
};

// Commands that make something inside a stream answer its id too (documented per command).

export class KeyResultAdded extends CommandAccepted {
  @ApiProperty({ format: 'uuid', description: 'The new key result (id: its objective)' })
  keyResultId!: string;
}

export class ReviewNoteRecorded extends CommandAccepted {
  @ApiProperty({ format: 'uuid' }) noteId!: string;
}

export class ProposalCommented extends CommandAccepted {
  @ApiProperty({ format: 'uuid' }) commentId!: string;
}

export class ChangeSuggested extends CommandAccepted {
  @ApiProperty({ format: 'uuid' }) suggestionId!: string;
}

export class CycleClosed extends CommandAccepted {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Active objectives scored on closing' })
  scoredObjectives!: number;
}
