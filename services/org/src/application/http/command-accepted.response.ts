import { ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandOutcome } from '@rhythm/event-sourcing';

export class CommandAccepted {
  @ApiProperty({ description: 'Id of the organisation, person or unit the command was about' })
  id!: string;

  @ApiProperty({
    description: 'Its revision after the command; send it back as If-Match to change it again',
    example: 3,
  })
  revision!: number;
}

/** The body of every command response, its revision as ETag, and where a new thing lives. */
export const accepted = (
  response: Response,
  outcome: CommandOutcome,
  location?: string,
): CommandAccepted => {
  response.setHeader('ETag', `"${outcome.revision}"`);
  if (location !== undefined) response.setHeader('Location', location);
  return { id: outcome.id, revision: outcome.revision };
};
