import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ValidationFailed, type Clock } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { GOALS_CLOCK } from '../../infrastructure/goals-tokens';
import type { AlignmentCoverage } from './alignment-coverage';
import { GoalsQuery } from './goals-query.decorators';
import { VisibilityGate } from '../visibility/visibility.gate';
import { CycleChangesQueryDto, CycleScoresQueryDto, CycleTreeQueryDto } from './okr-queries.dto';
import { OkrQueries, type CycleScores, type CycleTree, type CycleView } from './okr.queries';
import {
  AlignmentCoverageResponse,
  CycleChangesResponse,
  CycleResponse,
  CycleScoresResponse,
  CycleTreeResponse,
} from './okr.responses';
import { TimeTravelQueries, type OkrChanges } from './time-travel.queries';

@ApiTags('cycles')
@Controller('cycles')
export class CyclesQueriesHttpController {
  constructor(
    private readonly visibility: VisibilityGate,
    private readonly okrs: OkrQueries,
    private readonly timeTravel: TimeTravelQueries,
    @Inject(GOALS_CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @GoalsQuery('The cycles, newest first', [CycleResponse])
  async cycles(@CurrentActor() actor: AuthenticatedActor): Promise<CycleView[]> {
    return this.okrs.cycles(await this.visibility.readerOf(actor));
  }

  @Get(':cycleId')
  @GoalsQuery('One cycle', CycleResponse)
  async cycle(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('cycleId') cycleId: string,
  ): Promise<CycleView> {
    return this.okrs.cycle(await this.visibility.readerOf(actor), cycleId);
  }

  @Get(':cycleId/tree')
  @GoalsQuery(
    'The OKR tree of a cycle: company → tribes → squads and chapters, guilds, people',
    CycleTreeResponse,
    'Every objective with its key results, alignment and progress rolled up through alignment ' +
      '(weighted by key result weight). With asOf: as it stood at that moment, folded from the ' +
      'event store. Private objectives the caller may not see are left out everywhere.',
  )
  async tree(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('cycleId') cycleId: string,
    @Query() query: CycleTreeQueryDto,
  ): Promise<CycleTree> {
    const reader = await this.visibility.readerOf(actor);
    if (query.asOf === undefined) return this.okrs.tree(reader, cycleId);
    const asOf = new Date(query.asOf);
    if (asOf.getTime() > this.clock.now().getTime()) {
      throw new ValidationFailed('asOf must not be in the future', { asOf: 'in the future' });
    }
    return this.timeTravel.treeAsOf(reader, cycleId, asOf);
  }

  @Get(':cycleId/alignment-coverage')
  @GoalsQuery(
    'How well a cycle’s objectives align upward',
    AlignmentCoverageResponse,
    'Share of squad objectives aligned to an objective of the cycle, orphans (objectives of any ' +
      'owner but the company aligned to nothing), and over-committed units (more than 5 ' +
      'objectives, or more than 3 committed ones, abandoned not counted).',
  )
  async coverage(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('cycleId') cycleId: string,
  ): Promise<AlignmentCoverage & { cycle: CycleView }> {
    return this.okrs.coverage(await this.visibility.readerOf(actor), cycleId);
  }

  @Get(':cycleId/scores')
  @GoalsQuery(
    'A cycle’s scores, re-scored under another rule as a view',
    CycleScoresResponse,
    'Scores every active or scored objective under the rule named (default: the cycle’s own), ' +
      'next to the recorded score. The record is never changed.',
  )
  async scores(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('cycleId') cycleId: string,
    @Query() query: CycleScoresQueryDto,
  ): Promise<CycleScores> {
    return this.okrs.scores(await this.visibility.readerOf(actor), cycleId, query.rule);
  }

  @Get(':cycleId/changes')
  @GoalsQuery(
    'What changed in a cycle between two dates',
    CycleChangesResponse,
    'The trees at `from` and at `to` compared, from the event store; each change with who made ' +
      'it, when and why.',
  )
  async changes(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('cycleId') cycleId: string,
    @Query() query: CycleChangesQueryDto,
  ): Promise<OkrChanges> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (from.getTime() >= to.getTime()) {
      throw new ValidationFailed('from must be before to', { from: 'must be before to' });
    }
    return this.timeTravel.changes(await this.visibility.readerOf(actor), cycleId, from, to);
  }
}
