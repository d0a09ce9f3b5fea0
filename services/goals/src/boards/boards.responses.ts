import { ApiProperty } from '@nestjs/swagger';
import {
  MetricResponse,
  OwnerNodeResponse,
  OwnerResponse,
  TribeNodeResponse,
} from '../application/queries/okr.responses';
import { unitKinds } from '../application/queries/okr-queries.dto';

// OpenAPI shapes of the boards API (board-command.handlers.ts and board-views.ts build them).

export class BoardMadeResponse {
  @ApiProperty({ format: 'uuid' }) boardId!: string;
  @ApiProperty({
    description:
      'The signed link token: open GET /boards/view/{token} without signing in. Given out once; ' +
      'revoke the board to close it.',
  })
  token!: string;
}

export class BoardScopeResponse {
  @ApiProperty({ enum: unitKinds }) kind!: string;
  @ApiProperty({ description: 'For the company, the organisation id' }) id!: string;
}

export class BoardResponse {
  @ApiProperty({ format: 'uuid' }) boardId!: string;
  @ApiProperty({ type: BoardScopeResponse }) scope!: BoardScopeResponse;
  @ApiProperty() cycleId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['shown', 'revoked'] }) status!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ required: false }) revokedBy?: string;
  @ApiProperty({ required: false, format: 'date-time' }) revokedAt?: string;
}

export class BoardScopeViewResponse extends BoardScopeResponse {
  @ApiProperty() name!: string;
}

export class BoardCycleResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
}

export class BoardKeyResultResponse {
  @ApiProperty({ format: 'uuid' }) keyResultId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: MetricResponse }) metric!: MetricResponse;
  @ApiProperty() current!: number;
  @ApiProperty({ description: 'Towards the target, 0..1' }) progress!: number;
  @ApiProperty() achieved!: boolean;
}

export class BoardObjectiveResponse {
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: OwnerResponse }) owner!: OwnerResponse;
  @ApiProperty() ownerName!: string;
  @ApiProperty({ enum: ['committed', 'aspirational'] }) kind!: string;
  @ApiProperty({ enum: ['active', 'abandoned', 'scored'] }) status!: string;
  @ApiProperty() achieved!: boolean;
  @ApiProperty({ type: Number, nullable: true }) progress!: number | null;
  @ApiProperty({ type: Number, nullable: true }) rolledUpProgress!: number | null;
  @ApiProperty({ type: [BoardKeyResultResponse] }) keyResults!: BoardKeyResultResponse[];
  @ApiProperty({ type: [String], description: 'Objectives on the board it contributes to' })
  parents!: string[];
  @ApiProperty({ type: [String], description: 'Objectives on the board aligned to it' })
  children!: string[];
}

export class BoardViewResponse {
  @ApiProperty() title!: string;
  @ApiProperty({ type: BoardScopeViewResponse }) scope!: BoardScopeViewResponse;
  @ApiProperty({ type: BoardCycleResponse }) cycle!: BoardCycleResponse;
  @ApiProperty() organisationName!: string;
  @ApiProperty({
    type: [BoardObjectiveResponse],
    description:
      "The unit's public objectives of the cycle (a tribe's: its squads' and chapters' too)",
  })
  objectives!: BoardObjectiveResponse[];
  @ApiProperty({ type: [String], description: 'Objectives that contribute to none on the board' })
  roots!: string[];
  @ApiProperty({ type: OwnerNodeResponse, nullable: true }) company!: OwnerNodeResponse | null;
  @ApiProperty({ type: [TribeNodeResponse] }) tribes!: TribeNodeResponse[];
  @ApiProperty({ type: [OwnerNodeResponse] }) guilds!: OwnerNodeResponse[];
  @ApiProperty({ type: [OwnerNodeResponse] }) unplaced!: OwnerNodeResponse[];
  @ApiProperty({ format: 'date-time', description: 'When the board was read' }) asOf!: string;
}
