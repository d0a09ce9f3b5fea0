import { ApiProperty } from '@nestjs/swagger';

export class CommandAccepted {
  @ApiProperty({ description: 'Id of the organisation, person or unit the command was about' })
  id!: string;

  @ApiProperty({
    description: 'Its revision after the command; send it back as If-Match to change it again',
    example: 3,
  })
  revision!: number;
}

// Answered by `accepted` (@rhythm/operability): the body, its revision as ETag, its Location.
export { accepted } from '@rhythm/operability';
