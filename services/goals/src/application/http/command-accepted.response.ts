import { ApiProperty } from '@nestjs/swagger';

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

// Answered by `accepted` (@rhythm/operability): the body, its revision as ETag, its Location.
export { accepted } from '@rhythm/operability';

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
