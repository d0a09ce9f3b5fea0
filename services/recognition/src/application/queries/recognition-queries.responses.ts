import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { kudosReactions, unitKinds } from '../../recognition-domain';

// What the recognition reads answer, documented for clients. Swagger cannot read a union or an
// alias: those carry their schema spelled out.

export class UnitResponse {
  @ApiProperty({ enum: unitKinds }) kind!: string;
  @ApiProperty() id!: string;
}

export class KudosReceiversResponse {
  @ApiProperty({ type: [String] }) personIds!: string[];
  @ApiPropertyOptional({ type: UnitResponse }) unit?: UnitResponse;
}

export class KudosSubjectResponse {
  @ApiProperty({ enum: ['objective', 'key-result', 'check-in', 'blocker'] }) kind!: string;
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) keyResultId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) checkInId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) blockerId?: string;
}

export class ReactionsResponse {
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: [String], description: 'Who reacted so' }) by!: string[];
}

export class KudosCommentResponse {
  @ApiProperty({ format: 'uuid' }) commentId!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) commentedAt!: string;
}

export class KudosResponse {
  @ApiProperty({ format: 'uuid' }) kudosId!: string;
  @ApiProperty() giverId!: string;
  @ApiProperty({ type: [String] }) receiverIds!: string[];
  @ApiPropertyOptional({ type: UnitResponse, description: 'The unit thanked' }) unit?: UnitResponse;
  @ApiProperty() message!: string;
  @ApiProperty({ type: [String] }) values!: string[];
  @ApiPropertyOptional({ type: KudosSubjectResponse }) about?: KudosSubjectResponse;
  @ApiProperty({ enum: ['public', 'private'] }) audience!: string;
  @ApiProperty({
    description: `Per reaction (${kudosReactions.join(', ')}) that anyone gave: how many and who`,
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ReactionsResponse' },
  })
  reactions!: Record<string, ReactionsResponse>;
  @ApiProperty({ type: [KudosCommentResponse] }) comments!: KudosCommentResponse[];
  @ApiProperty({ format: 'date-time' }) givenAt!: string;
}

export class HelpersResponse {
  @ApiProperty({ type: [String] }) personIds!: string[];
  @ApiProperty({ type: [UnitResponse] }) units!: UnitResponse[];
}

export class StorySubjectResponse {
  @ApiProperty({ enum: ['objective', 'key-result'] }) kind!: string;
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) keyResultId?: string;
}

export class StoryResponse {
  @ApiProperty({ format: 'uuid' }) storyId!: string;
  @ApiProperty({ enum: ['success', 'lessons-learned'] }) kind!: string;
  @ApiProperty({ type: StorySubjectResponse }) about!: StorySubjectResponse;
  @ApiPropertyOptional({ type: UnitResponse, description: 'Whose wall it goes to' })
  unit?: UnitResponse;
  @ApiProperty() authorId!: string;
  @ApiProperty() draftedBy!: string;
  @ApiProperty({ type: HelpersResponse }) helpedBy!: HelpersResponse;
  @ApiProperty() title!: string;
  @ApiProperty() whatWasDone!: string;
  @ApiProperty() whatWasLearned!: string;
  @ApiProperty({ enum: ['draft', 'published', 'withdrawn'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) draftedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) revisedAt?: string;
  @ApiPropertyOptional() publishedBy?: string;
  @ApiPropertyOptional({ format: 'date-time' }) publishedAt?: string;
  @ApiPropertyOptional() withdrawnBy?: string;
  @ApiPropertyOptional({ format: 'date-time' }) withdrawnAt?: string;
  @ApiPropertyOptional() withdrawalReason?: string;
}

export class CelebrationResponse {
  @ApiProperty({ example: 'kr:2026-q1:9b7e3d2a-1f4c-4e8b-a6d5-3c2b1a0f9e88' })
  achievementKey!: string;
  @ApiProperty({
    description:
      'What was achieved: key-result-achieved, objective-achieved, objective-scored, blocker-resolved or streak-milestone, with its ids and figures',
    type: 'object',
    additionalProperties: true,
  })
  achievement!: Record<string, unknown>;
  @ApiProperty({
    description: 'Who owned the goal that day: company, a unit (with its tribe) or a person',
    type: 'object',
    additionalProperties: true,
  })
  owner!: Record<string, unknown>;
  @ApiProperty({ type: [UnitResponse] }) walls!: UnitResponse[];
  @ApiProperty({ enum: ['public', 'private'] }) visibility!: string;
  @ApiPropertyOptional() objectiveTitle?: string;
  @ApiPropertyOptional() keyResultTitle?: string;
  @ApiProperty({ format: 'date-time' }) celebratedAt!: string;
  @ApiProperty({ description: 'In the reader’s language (Accept-Language: en or nl)' })
  text!: string;
}

export class WallItemResponse {
  @ApiProperty({ enum: ['kudos', 'celebration', 'story'] }) item!: string;
  @ApiProperty({ format: 'date-time', description: 'Given, celebrated or published' })
  at!: string;
  @ApiPropertyOptional({ type: KudosResponse }) kudos?: KudosResponse;
  @ApiPropertyOptional({ type: CelebrationResponse }) celebration?: CelebrationResponse;
  @ApiPropertyOptional({ type: StoryResponse }) story?: StoryResponse;
}

export class WallResponse {
  @ApiProperty({ example: 'squad:support', description: '`kind:id`, or `organisation`' })
  wall!: string;
  @ApiProperty({ type: [WallItemResponse], description: 'Newest first' })
  items!: WallItemResponse[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last' })
  next?: string;
}

export class PersonKudosResponse {
  @ApiProperty() personId!: string;
  @ApiProperty({ type: [KudosResponse], description: 'Newest first' }) kudos!: KudosResponse[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last' })
  next?: string;
}

export class FlowCellResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: 'integer' }) kudos!: number;
}

export class FlowMatrixResponse {
  @ApiProperty({ type: [FlowCellResponse] }) tribe!: FlowCellResponse[];
  @ApiProperty({ type: [FlowCellResponse] }) squad!: FlowCellResponse[];
  @ApiProperty({ type: [FlowCellResponse] }) chapter!: FlowCellResponse[];
  @ApiProperty({ type: [FlowCellResponse] }) guild!: FlowCellResponse[];
}

export class TallyResponse {
  @ApiProperty({ type: 'integer' }) given!: number;
  @ApiProperty({ type: 'integer' }) received!: number;
}

export class LittleResponse {
  @ApiProperty({ type: [String] }) people!: string[];
  @ApiProperty({ type: [String], description: '`kind:id`' }) units!: string[];
}

export class FlowResponse {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiPropertyOptional({ format: 'date-time' }) from?: string;
  @ApiProperty({ type: 'integer' }) kudos!: number;
  @ApiProperty({ description: 'Kudos tied to an objective, key result, check-in or blocker' })
  okrShare!: number;
  @ApiProperty({
    type: FlowMatrixResponse,
    description: 'Per kind of unit, kudos from one unit to another, by the memberships of the day',
  })
  matrix!: FlowMatrixResponse;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/TallyResponse' },
    description: 'Per person',
  })
  people!: Record<string, TallyResponse>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/TallyResponse' },
    description: 'Per unit (`kind:id`)',
  })
  units!: Record<string, TallyResponse>;
  @ApiProperty({ type: LittleResponse, description: 'At most a quarter of the median given' })
  givesLittle!: LittleResponse;
  @ApiProperty({ type: LittleResponse, description: 'At most a quarter of the median received' })
  receivesLittle!: LittleResponse;
}
