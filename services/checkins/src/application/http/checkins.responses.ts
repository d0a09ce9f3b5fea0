import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
} from '@nestjs/swagger';

// What the checkins queries answer, documented for clients and checked by the document spec.
// Swagger cannot read a union or an alias: those carry their schema spelled out.

const unitKinds = ['tribe', 'squad', 'chapter', 'guild'];
const bands = ['on-track', 'at-risk', 'off-track'];

export class UnitResponse {
  @ApiProperty({ enum: unitKinds }) kind!: string;
  @ApiProperty() id!: string;
}

export class NoteResponse {
  @ApiProperty() progress!: string;
  @ApiProperty() obstacles!: string;
  @ApiProperty() nextSteps!: string;
}

export class ReadingResponse {
  @ApiProperty() value!: number;
  @ApiProperty({ type: 'integer' }) confidence!: number;
  @ApiProperty({ type: NoteResponse }) note!: NoteResponse;
}

export class CorrectionResponse {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) correctedAt!: string;
  @ApiProperty() correctedBy!: string;
  @ApiProperty({ type: ReadingResponse, description: 'The reading before the correction' })
  before!: ReadingResponse;
}

export class CheckInResponse {
  @ApiProperty({ format: 'uuid' }) checkInId!: string;
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiProperty({ format: 'uuid' }) keyResultId!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty() value!: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10 }) confidence!: number;
  @ApiProperty({ enum: bands }) band!: string;
  @ApiProperty({ type: NoteResponse }) note!: NoteResponse;
  @ApiProperty({ type: [String] }) blockerIds!: string[];
  @ApiProperty({ type: [String], description: 'The leads who may acknowledge it' })
  acknowledgers!: string[];
  @ApiProperty() awaitingAcknowledgement!: boolean;
  @ApiPropertyOptional() acknowledgedBy?: string;
  @ApiPropertyOptional({ format: 'date-time' }) acknowledgedAt?: string;
  @ApiPropertyOptional() acknowledgementComment?: string;
  @ApiProperty({ type: [CorrectionResponse] }) corrections!: CorrectionResponse[];
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class KeyResultCheckInsResponse {
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiProperty({ format: 'uuid' }) keyResultId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() ownerId!: string;
  @ApiProperty({
    description:
      'Whether a check-in can be recorded now: the key result is live, its objective active, ' +
      'its cycle active or in review',
  })
  acceptsCheckIns!: boolean;
  @ApiProperty({
    type: CheckInResponse,
    nullable: true,
    description: 'The latest check-in: what to show when writing the next one',
  })
  previous!: CheckInResponse | null;
  @ApiProperty({ type: [CheckInResponse], description: 'Newest first' })
  checkIns!: CheckInResponse[];
}

export class BlockerTargetResponse {
  @ApiProperty({ enum: ['key-result', 'objective'] }) kind!: string;
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) keyResultId?: string;
}

export class WaitsOnResponse {
  @ApiProperty({ enum: ['person', 'unit', 'outside'] }) kind!: string;
  @ApiPropertyOptional() personId?: string;
  @ApiPropertyOptional({ type: UnitResponse }) unit?: UnitResponse;
  @ApiPropertyOptional({ description: 'An outside party, e.g. the data team' }) name?: string;
}

export class OwnershipResponse {
  @ApiProperty({ type: [String] }) ownerIds!: string[];
  @ApiProperty({ format: 'date-time' }) from!: string;
}

export class BlockerResponse {
  @ApiProperty({ format: 'uuid' }) blockerId!: string;
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiProperty({ type: BlockerTargetResponse }) target!: BlockerTargetResponse;
  @ApiProperty() description!: string;
  @ApiProperty({ type: WaitsOnResponse }) waitsOn!: WaitsOnResponse;
  @ApiPropertyOptional() waitsOnPersonId?: string;
  @ApiProperty() raisedBy!: string;
  @ApiPropertyOptional({ format: 'uuid' }) checkInId?: string;
  @ApiProperty({ type: UnitResponse }) unit!: UnitResponse;
  @ApiProperty({ type: [String], description: 'Who must act on it now' }) ownerIds!: string[];
  @ApiProperty({ type: [OwnershipResponse], description: 'Who owned it from when' })
  owners!: OwnershipResponse[];
  @ApiProperty({ enum: ['open', 'resolved'] }) status!: string;
  @ApiProperty() awaitingAcknowledgement!: boolean;
  @ApiPropertyOptional({ type: UnitResponse }) escalatedTo?: UnitResponse;
  @ApiPropertyOptional({ format: 'date-time' }) escalateAfter?: string;
  @ApiPropertyOptional({ format: 'date-time' }) escalatedAt?: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) firstAcknowledgedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) resolvedAt?: string;
  @ApiPropertyOptional() resolvedBy?: string;
  @ApiPropertyOptional() resolution?: string;
}

export class OverdueResponse {
  @ApiProperty({ type: UnitResponse }) unit!: UnitResponse;
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiProperty({ format: 'uuid' }) keyResultId!: string;
  @ApiProperty() ownerId!: string;
  @ApiProperty({ format: 'date-time', description: 'The due moment that passed' }) dueAt!: string;
  @ApiProperty({ type: [String], description: 'Who has been told' }) toldPersonIds!: string[];
  @ApiProperty({ enum: ['lead', 'next-lead'], isArray: true }) levels!: string[];
  @ApiProperty() open!: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) clearedAt?: string;
}

export class LastCheckInResponse {
  @ApiProperty() value!: number;
  @ApiProperty({ type: 'integer' }) confidence!: number;
  @ApiProperty({ enum: bands }) band!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class StandingResponse {
  @ApiProperty({
    enum: ['due', 'checked-in', 'overdue', 'paused'],
    description: 'due / checked-in: next dueAt; overdue: the missed dueAt; paused: out of office',
  })
  status!: string;
  @ApiPropertyOptional({ format: 'date-time' }) dueAt?: string;
  @ApiPropertyOptional({ enum: ['lead', 'next-lead'], isArray: true }) escalationsOwed?: string[];
}

export class DueCheckInResponse {
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiProperty() objectiveTitle!: string;
  @ApiProperty({ format: 'uuid' }) keyResultId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: UnitResponse, nullable: true }) unit!: UnitResponse | null;
  @ApiProperty({ type: StandingResponse }) standing!: StandingResponse;
  @ApiProperty({ type: LastCheckInResponse, nullable: true })
  lastCheckIn!: LastCheckInResponse | null;
}

export class AwaitingAcknowledgementResponse {
  @ApiProperty({ type: [CheckInResponse] }) checkIns!: CheckInResponse[];
  @ApiProperty({ type: [BlockerResponse] }) blockers!: BlockerResponse[];
}

export class AgendaResponse {
  @ApiProperty({
    type: [DueCheckInResponse],
    description: 'Every key result I own, where it stands',
  })
  due!: DueCheckInResponse[];
  @ApiProperty({ type: [OverdueResponse], description: 'Check-ins I missed' })
  overdue!: OverdueResponse[];
  @ApiProperty({ type: AwaitingAcknowledgementResponse })
  awaitingMyAcknowledgement!: AwaitingAcknowledgementResponse;
  @ApiProperty({ type: [OverdueResponse], description: 'Missed check-ins I was told of as a lead' })
  overdueInMyCare!: OverdueResponse[];
  @ApiProperty({ type: [BlockerResponse] }) blockersIOwn!: BlockerResponse[];
  @ApiProperty({ type: [BlockerResponse] }) blockersWaitingOnMe!: BlockerResponse[];
}

export class FeedEntryResponse {
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) keyResultId?: string;
  @ApiProperty({
    enum: ['check-in', 'check-in-corrected', 'blocker-raised', 'comment', 'insight'],
    description: 'What happened',
  })
  kind!: string;
  @ApiPropertyOptional({ description: 'The guild of an insight, or of a comment on one' })
  guildId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The insight an entry is or is about' })
  insightId?: string;
  @ApiProperty() actorId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'The check-in, blocker, comment or insight it is about' })
  subjectId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What it says, in short',
  })
  summary!: Record<string, unknown>;
}

export class FeedPageResponse {
  @ApiProperty({ type: [FeedEntryResponse], description: 'Newest first' })
  entries!: FeedEntryResponse[];
  @ApiPropertyOptional({ description: 'Pass as `before` for the next page; absent on the last' })
  next?: string;
}

export class ConfidenceThresholdsResponse {
  @ApiProperty({ type: 'integer' }) onTrackFrom!: number;
  @ApiProperty({ type: 'integer' }) atRiskFrom!: number;
}

export class OutOfOfficeSpanResponse {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) until!: string;
}

export class OutOfOfficeResponse {
  @ApiProperty() personId!: string;
  @ApiProperty({ type: [OutOfOfficeSpanResponse] }) outOfOffice!: OutOfOfficeSpanResponse[];
}

/** A query's answers: its body, and 404 for what is unknown or not visible to the caller. */
export const CheckinsQueryResponses = (type: Type<unknown> | [Type<unknown>]) =>
  applyDecorators(
    ApiBearerAuth(),
    ApiOkResponse({ type: Array.isArray(type) ? [type[0]] : type }),
    ApiNotFoundResponse({
      description: 'Unknown — or on an objective the caller may not see (the same answer)',
    }),
  );
