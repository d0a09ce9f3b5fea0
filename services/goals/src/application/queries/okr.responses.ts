import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  type ApiPropertyOptions,
  getSchemaPath,
} from '@nestjs/swagger';
import { ownerKinds, type ProposalOutcome, type ProposalSubject } from '@rhythm/goals-domain';
import { unitKinds } from './okr-queries.dto';

// OpenAPI shapes of the goals queries (the query services build the values). A property whose
// TypeScript type is a union or an alias needs its `type` (or `oneOf`) spelled out: swagger sees
// only `Object` there and would document an object.

/** A field's value in the audit history: whatever the event held (text, number, object, …). */
const anyJsonValue: ApiPropertyOptions = {
  nullable: true,
  anyOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'object', additionalProperties: true },
    { type: 'array', items: {} },
  ],
};

export class OwnerResponse {
  @ApiProperty({ enum: ownerKinds }) kind!: string;
  @ApiProperty({ description: 'For the company, the organisation id' }) id!: string;
}

export class UnitRefResponse {
  @ApiProperty({ enum: unitKinds }) kind!: string;
  @ApiProperty() id!: string;
}

export class ScoreZoneResponse {
  @ApiProperty() name!: string;
  @ApiProperty() from!: number;
  @ApiProperty() score!: number;
}

export class ScoringRuleResponse {
  @ApiProperty({ enum: ['linear', 'zones'] }) kind!: string;
  @ApiPropertyOptional({ type: [ScoreZoneResponse] }) zones?: ScoreZoneResponse[];
}

export class CycleResponse {
  @ApiProperty() cycleId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) startsOn!: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) endsOn!: string;
  @ApiProperty({
    enum: ['planning', 'active', 'review', 'closed', 'none'],
    description: 'none: in time travel, before the cycle was planned',
  })
  status!: string;
  @ApiProperty({ type: ScoringRuleResponse }) scoringRule!: ScoringRuleResponse;
  @ApiProperty({ type: 'integer', minimum: 0 }) reopenings!: number;
}

export class MetricResponse {
  @ApiProperty({ enum: ['number', 'percentage', 'currency', 'milestone'] }) type!: string;
  @ApiProperty({ example: 'points' }) unit!: string;
  @ApiProperty() start!: number;
  @ApiProperty() target!: number;
  @ApiProperty({ enum: ['increase', 'decrease'] }) direction!: string;
}

export class ScoreOverrideResponse {
  @ApiProperty() score!: number;
  @ApiProperty() reason!: string;
}

export class KeyResultResponse {
  @ApiProperty({ format: 'uuid' }) keyResultId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: MetricResponse }) metric!: MetricResponse;
  @ApiProperty() current!: number;
  @ApiProperty({ description: 'Towards the target, 0..1' }) progress!: number;
  @ApiProperty({ description: 'The person accountable (their id)' }) owner!: string;
  @ApiProperty() weight!: number;
  @ApiProperty() achieved!: boolean;
  @ApiProperty({ type: ScoreOverrideResponse, nullable: true })
  scoreOverride!: ScoreOverrideResponse | null;
}

export class KeyResultScoreResponse {
  @ApiProperty({ format: 'uuid' }) keyResultId!: string;
  @ApiProperty() weight!: number;
  @ApiProperty({ description: 'Unclamped progress towards the target' }) progress!: number;
  @ApiProperty({ description: 'What the rule gives' }) computed!: number;
  @ApiProperty({ description: 'What counts: the override if any' }) score!: number;
  @ApiProperty() overridden!: boolean;
}

export class RecordedScoreResponse {
  @ApiProperty({ type: ScoringRuleResponse }) rule!: ScoringRuleResponse;
  @ApiProperty({ type: [KeyResultScoreResponse] }) keyResults!: KeyResultScoreResponse[];
  @ApiProperty() score!: number;
  @ApiProperty({ enum: ['red', 'yellow', 'green'] }) grade!: string;
  @ApiProperty() success!: boolean;
}

export class ObjectiveResponse {
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiProperty() cycleId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: OwnerResponse }) owner!: OwnerResponse;
  @ApiProperty({
    description:
      'The owner as the organisation names it: the unit, the person, or for the company the organisation; its id while the goals service has not learnt the name',
  })
  ownerName!: string;
  @ApiProperty({ enum: ['committed', 'aspirational'] }) kind!: string;
  @ApiProperty({ enum: ['public', 'private'] }) visibility!: string;
  @ApiProperty({ enum: ['draft', 'active', 'abandoned', 'scored'] }) status!: string;
  @ApiProperty({ description: 'Every key result has reached its target' }) achieved!: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Weighted mean of the key results’ progress (by weight), 0..1; null without any',
  })
  progress!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'With the visible objectives aligned to it: each child counts as one key result of average weight (ADR 0020)',
  })
  rolledUpProgress!: number | null;
  @ApiProperty({ type: [KeyResultResponse] }) keyResults!: KeyResultResponse[];
  @ApiProperty({ type: [String], description: 'Objectives it contributes to' }) parents!: string[];
  @ApiProperty({ type: [String], description: 'Objectives aligned to it' }) children!: string[];
  @ApiProperty({ type: [String], description: 'Guilds that follow it' }) followers!: string[];
  @ApiProperty({ type: [String] }) contributors!: string[];
  @ApiProperty({ type: RecordedScoreResponse, nullable: true })
  score!: RecordedScoreResponse | null;
}

export class ReviewNoteResponse {
  @ApiProperty() noteId!: string;
  @ApiProperty({ enum: ['mid-cycle', 'end-of-cycle'] }) stage!: string;
  @ApiProperty() author!: string;
  @ApiProperty() text!: string;
}

export class RetrospectiveResponse {
  @ApiProperty() author!: string;
  @ApiProperty() wentWell!: string;
  @ApiProperty() learned!: string;
  @ApiProperty() doDifferently!: string;
}

export class AbandonedResponse {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ObjectiveDetailResponse extends ObjectiveResponse {
  @ApiProperty({ type: [ReviewNoteResponse] }) reviewNotes!: ReviewNoteResponse[];
  @ApiProperty({ type: RetrospectiveResponse, nullable: true })
  retrospective!: RetrospectiveResponse | null;
  @ApiProperty({ nullable: true, type: String }) fromProposalId!: string | null;
  @ApiProperty({ nullable: true, type: String }) fromTemplateId!: string | null;
  @ApiProperty({ type: AbandonedResponse, nullable: true }) abandoned!: AbandonedResponse | null;
  @ApiProperty({ format: 'date-time' }) definedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      "The objective's revision this answer shows at least: a client told of a change at a later revision (the integration event's streamRevision) asks again",
  })
  revision!: number;
}

export class OwnerNodeResponse {
  @ApiProperty({ enum: ownerKinds }) kind!: string;
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) objectiveIds!: string[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean rolled-up progress of its objectives with progress; null when none has any',
  })
  progress!: number | null;
}

export class TribeNodeResponse extends OwnerNodeResponse {
  @ApiProperty({ type: [OwnerNodeResponse] }) squads!: OwnerNodeResponse[];
  @ApiProperty({ type: [OwnerNodeResponse] }) chapters!: OwnerNodeResponse[];
}

export class CycleTreeResponse {
  @ApiProperty({ type: CycleResponse, description: 'The cycle (as it stood at asOf, if given)' })
  cycle!: CycleResponse;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) asOf!: string | null;
  @ApiProperty({ type: [ObjectiveResponse] }) objectives!: ObjectiveResponse[];
  @ApiProperty({ type: [String], description: 'Objectives that contribute to no visible one' })
  roots!: string[];
  @ApiProperty({ type: OwnerNodeResponse, nullable: true }) company!: OwnerNodeResponse | null;
  @ApiProperty({ type: [TribeNodeResponse] }) tribes!: TribeNodeResponse[];
  @ApiProperty({ type: [OwnerNodeResponse] }) guilds!: OwnerNodeResponse[];
  @ApiProperty({ type: [OwnerNodeResponse] }) people!: OwnerNodeResponse[];
  @ApiProperty({
    type: [OwnerNodeResponse],
    description: 'Squads and chapters whose tribe is unknown',
  })
  unplaced!: OwnerNodeResponse[];
}

export class ObjectiveRefResponse {
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: OwnerResponse }) owner!: OwnerResponse;
  @ApiProperty({ enum: ['committed', 'aspirational'] }) kind!: string;
}

export class OverCommittedUnitResponse {
  @ApiProperty({ type: OwnerResponse }) owner!: OwnerResponse;
  @ApiProperty({ type: 'integer', minimum: 0 }) objectives!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) committed!: number;
  @ApiProperty({ type: [String], enum: ['objectives', 'committed'] }) exceeds!: string[];
}

export class OverCommitmentThresholdsResponse {
  @ApiProperty({ type: 'integer', example: 5 }) maxObjectives!: number;
  @ApiProperty({ type: 'integer', example: 3 }) maxCommitted!: number;
}

export class AlignmentCoverageResponse {
  @ApiProperty({ type: CycleResponse }) cycle!: CycleResponse;
  @ApiProperty({ type: 'integer', minimum: 0 }) squadObjectives!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) alignedSquadObjectives!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Aligned share of squad objectives, 0..1; null without squad objectives',
  })
  share!: number | null;
  @ApiProperty({
    type: [ObjectiveRefResponse],
    description: 'Objectives (not the company’s) aligned to nothing',
  })
  orphans!: ObjectiveRefResponse[];
  @ApiProperty({ type: [OverCommittedUnitResponse] }) overCommitted!: OverCommittedUnitResponse[];
  @ApiProperty({ type: OverCommitmentThresholdsResponse })
  thresholds!: OverCommitmentThresholdsResponse;
}

export class ObjectiveScoreResponse {
  @ApiProperty() score!: number;
  @ApiProperty({ enum: ['red', 'yellow', 'green'] }) grade!: string;
  @ApiProperty() success!: boolean;
  @ApiProperty({ type: [KeyResultScoreResponse] }) keyResults!: KeyResultScoreResponse[];
}

export class RescoredObjectiveResponse {
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: OwnerResponse }) owner!: OwnerResponse;
  @ApiPropertyOptional({ type: RecordedScoreResponse, description: 'What the record says' })
  recorded?: RecordedScoreResponse;
  @ApiProperty({ type: ObjectiveScoreResponse, description: 'Under the rule asked for' })
  rescored!: ObjectiveScoreResponse;
}

export class CycleScoresResponse {
  @ApiProperty({ type: CycleResponse }) cycle!: CycleResponse;
  @ApiProperty({ enum: ['cycle', 'linear', 'google-zones'] }) ruleName!: string;
  @ApiProperty({ type: ScoringRuleResponse }) rule!: ScoringRuleResponse;
  @ApiProperty({ type: [RescoredObjectiveResponse] }) objectives!: RescoredObjectiveResponse[];
  @ApiProperty() meanScore!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) successes!: number;
}

export class ChangeRecordResponse {
  @ApiProperty() eventType!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiPropertyOptional() reason?: string;
}

export class OkrChangeResponse {
  @ApiProperty({
    description:
      'cycle-status-changed, objective-created, objective-status-changed, objective-renamed, ' +
      'objective-owner-changed, objective-visibility-changed, aligned, unaligned, ' +
      'key-result-added, key-result-dropped, key-result-renamed, target-adjusted, ' +
      'key-result-owner-changed, weight-changed, progressed; the other fields depend on it',
  })
  kind!: string;
  @ApiPropertyOptional({ format: 'uuid' }) objectiveId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) keyResultId?: string;
  @ApiProperty({ type: [ChangeRecordResponse], description: 'Who, when and why' })
  because!: ChangeRecordResponse[];
}

export class CycleChangesResponse {
  @ApiProperty() cycleId!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: [OkrChangeResponse] }) changes!: OkrChangeResponse[];
}

export class AuditChangeResponse {
  @ApiProperty({ example: 'target' }) field!: string;
  @ApiProperty({ ...anyJsonValue, description: 'null when the field was added' }) before!: unknown;
  @ApiProperty({ ...anyJsonValue, description: 'null when the field was removed' }) after!: unknown;
}

export class HistoryEntryResponse {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) keyResultId!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ example: 'KeyResultTargetAdjusted' }) eventType!: string;
  @ApiProperty({ description: 'Who: a person id, or system:<component>' }) actor!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why' }) reason!: string | null;
  @ApiProperty() correlationId!: string;
  @ApiProperty() causationId!: string;
  @ApiProperty({ type: [AuditChangeResponse] }) changes!: AuditChangeResponse[];
}

export class UnitOkrsUnitResponse extends UnitRefResponse {
  @ApiProperty() name!: string;
}

export class UnitOkrsResponse {
  @ApiProperty({ type: UnitOkrsUnitResponse }) unit!: UnitOkrsUnitResponse;
  @ApiProperty({ nullable: true, type: String }) cycleId!: string | null;
  @ApiProperty({ type: [ObjectiveResponse] }) objectives!: ObjectiveResponse[];
}

export class AmbitionLinkResponse {
  @ApiProperty({ enum: ['objective', 'key-result'] }) kind!: string;
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) keyResultId?: string;
}

export class AmbitionResponse {
  @ApiProperty({ format: 'uuid' }) ambitionId!: string;
  @ApiProperty({ enum: ['growth', 'career'] }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ['open', 'realised', 'set-aside'] }) status!: string;
  @ApiProperty({ type: [AmbitionLinkResponse] }) links!: AmbitionLinkResponse[];
}

export class FollowedObjectiveResponse extends ObjectiveResponse {
  @ApiProperty({ type: [String], description: 'The person’s guilds that follow it' })
  throughGuilds!: string[];
}

export class PersonOkrsResponse {
  @ApiProperty() personId!: string;
  @ApiProperty({ nullable: true, type: String }) cycleId!: string | null;
  @ApiProperty({
    type: [ObjectiveResponse],
    description: 'Owned by the person, or with a key result they own',
  })
  owned!: ObjectiveResponse[];
  @ApiProperty({ type: [ObjectiveResponse] }) contributed!: ObjectiveResponse[];
  @ApiProperty({ type: [FollowedObjectiveResponse] }) followed!: FollowedObjectiveResponse[];
  @ApiProperty({
    type: [AmbitionResponse],
    nullable: true,
    description: 'Only for the person themselves',
  })
  ambitions!: AmbitionResponse[] | null;
}

export class ProposalCommentResponse {
  @ApiProperty({ format: 'uuid' }) commentId!: string;
  @ApiProperty() author!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class SuggestionResponse {
  @ApiProperty({ format: 'uuid' }) suggestionId!: string;
  @ApiProperty() author!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    nullable: true,
    type: 'integer',
    description: 'The revision that took it up; null while none has',
  })
  addressedIn!: number | null;
}

export class ProposalReturnResponse {
  @ApiProperty() by!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() revisedSince!: boolean;
}

export class ProposalApprovalResponse {
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({
    oneOf: [
      {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['objective'] },
          objectiveId: { type: 'string', format: 'uuid' },
          keyResultIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
        },
        required: ['kind', 'objectiveId', 'keyResultIds'],
      },
      {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['key-result'] },
          objectiveId: { type: 'string', format: 'uuid' },
          keyResultId: { type: 'string', format: 'uuid' },
        },
        required: ['kind', 'objectiveId', 'keyResultId'],
      },
    ],
    description: 'The objective (and key results), or the key result, the approval created',
  })
  outcome!: ProposalOutcome;
}

export class ProposalWithdrawalResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional() reason?: string;
}

export class KeyResultDraftResponse {
  @ApiProperty() title!: string;
  @ApiProperty({ type: MetricResponse }) metric!: MetricResponse;
  @ApiProperty({ description: 'The person who would be accountable (their id)' }) owner!: string;
  @ApiProperty() weight!: number;
}

export class ObjectiveDraftResponse {
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ['committed', 'aspirational'] }) kind!: string;
  @ApiProperty({ enum: ['public', 'private'] }) visibility!: string;
  @ApiProperty({ type: [KeyResultDraftResponse] }) keyResults!: KeyResultDraftResponse[];
}

@ApiExtraModels(ObjectiveDraftResponse, KeyResultDraftResponse)
export class ProposalResponse {
  @ApiProperty({ format: 'uuid' }) proposalId!: string;
  @ApiProperty() cycleId!: string;
  @ApiProperty({ type: UnitRefResponse }) unit!: UnitRefResponse;
  @ApiProperty() proposer!: string;
  @ApiProperty({
    oneOf: [
      {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['objective'] },
          draft: { $ref: getSchemaPath(ObjectiveDraftResponse) },
        },
        required: ['kind', 'draft'],
      },
      {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['key-result'] },
          objectiveId: { type: 'string', format: 'uuid' },
          draft: { $ref: getSchemaPath(KeyResultDraftResponse) },
        },
        required: ['kind', 'objectiveId', 'draft'],
      },
    ],
    description: 'What would become part of the OKRs: an objective, or a key result of one',
  })
  subject!: ProposalSubject;
  @ApiProperty({ enum: ['open', 'returned', 'approved', 'withdrawn'] }) status!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ type: [ProposalCommentResponse] }) comments!: ProposalCommentResponse[];
  @ApiProperty({ type: [SuggestionResponse] }) suggestions!: SuggestionResponse[];
  @ApiProperty({ type: ProposalReturnResponse, nullable: true })
  lastReturn!: ProposalReturnResponse | null;
  @ApiProperty({ type: ProposalApprovalResponse, nullable: true })
  approval!: ProposalApprovalResponse | null;
  @ApiProperty({ type: ProposalWithdrawalResponse, nullable: true })
  withdrawal!: ProposalWithdrawalResponse | null;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
