import { Inject, Injectable } from '@nestjs/common';
import { aggregateStream, NotFound, type Clock, type EventStore } from '@rhythm/event-sourcing';
import { viewerOf } from '@rhythm/access-rules';
import { RequestThrottled, TokenBuckets } from '@rhythm/operability';
import { TenantId } from '@rhythm/projections';
import { type Metric, type Objective, type Owner, type Unit } from '@rhythm/goals-domain';
import { ORG_DIRECTORY, type OrgDirectory } from '../application/org-directory.port';
import { OkrQueries } from '../application/queries/okr.queries';
import type { OwnerNode, TribeNode } from '../application/queries/okr-tree.view';
import type { Reader } from '../application/visibility/visibility.gate';
import type { GoalsConfiguration } from '../goals-configuration';
import {
  GOALS_CLOCK,
  GOALS_CONFIGURATION,
  GOALS_EVENT_STORE,
} from '../infrastructure/goals-tokens';
import { ownerKey } from '../read-models/read-model-keys';
import { verifyBoardLink } from './board-link';
import { BOARD_LINK_SECRET } from './board-link-secret';
import { boardDecider, type Board } from './board.decider';
import { boardStream } from './board.events';

export type BoardKeyResult = Readonly<{
  keyResultId: string;
  title: string;
  metric: Metric;
  current: number;
  progress: number;
  achieved: boolean;
}>;

/** An objective as an office screen shows it: no people, no description, nothing private. */
export type BoardObjective = Readonly<{
  objectiveId: string;
  title: string;
  owner: Owner;
  ownerName: string;
  kind: Objective['kind'];
  status: Objective['status'];
  achieved: boolean;
  progress: number | null;
  rolledUpProgress: number | null;
  keyResults: readonly BoardKeyResult[];
  parents: readonly string[];
  children: readonly string[];
}>;

export type BoardView = Readonly<{
  title: string;
  scope: Readonly<{ kind: Unit['kind']; id: string; name: string }>;
  cycle: Readonly<{ id: string; name: string; startsOn: string; endsOn: string }>;
  organisationName: string;
  objectives: readonly BoardObjective[];
  roots: readonly string[];
  company: OwnerNode | null;
  tribes: readonly TribeNode[];
  guilds: readonly OwnerNode[];
  unplaced: readonly OwnerNode[];
  asOf: string;
}>;

/** The one answer for a forged, unknown, revoked link and one of another organisation. */
const noSuchBoard = () => new NotFound('No such board');

/** A board is built at most once per this many milliseconds per replica, however many screens. */
const heldForMs = 5_000;
const heldBoards = 1_000;

/** Reads of one board's link, per replica: screens poll every few seconds, not many per second. */
const perBoard = { perSecond: 5, burst: 30 } as const;

/** Only what everyone in the organisation may see, and only the units' OKRs: no person's own. */
const showable = (objective: Objective): boolean =>
  objective.visibility === 'public' &&
  objective.owner.kind !== 'person' &&
  objective.status !== 'draft';

/**
 * The public read of a TV board (ADR 0052): the link is checked against the signature, then
 * against the board's own stream (so revoking takes effect at once); the tree is that of the
 * cycle's current cards, as a reader who is nobody in the organisation sees it (public objectives
 * only), narrowed to the board's unit.
 */
@Injectable()
export class BoardViews {
  private readonly held = new Map<string, Readonly<{ until: number; view: BoardView }>>();
  private readonly buckets: TokenBuckets | undefined;

  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Inject(GOALS_CLOCK) private readonly clock: Clock,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(BOARD_LINK_SECRET) private readonly secret: string,
    @Inject(GOALS_CONFIGURATION) config: GoalsConfiguration,
    private readonly okrs: OkrQueries,
  ) {
    this.buckets = config.RATE_LIMITS === 'on' ? new TokenBuckets(perBoard) : undefined;
  }

  async view(token: string): Promise<BoardView> {
    const claims = verifyBoardLink(this.secret, token);
    if (claims === undefined) throw noSuchBoard();
    const key = `${claims.tenantId}/${claims.boardId}`;
    const wait = this.buckets?.take(key) ?? 0;
    if (wait > 0) throw new RequestThrottled('client', wait);
    const { state } = await aggregateStream(
      this.store,
      boardStream(claims.tenantId, claims.boardId),
      boardDecider,
    );
    if (state.status !== 'shown' || state.linkId !== claims.linkId) throw noSuchBoard();

    const now = Date.now();
    const held = this.held.get(key);
    if (held !== undefined && held.until > now) return held.view;
    const view = await this.build(claims.tenantId, state);
    this.held.delete(key);
    if (this.held.size >= heldBoards) this.held.delete(this.held.keys().next().value as string);
    this.held.set(key, { until: now + heldForMs, view });
    return view;
  }

  private async build(tenantId: string, board: Board): Promise<BoardView> {
    const reader: Reader = {
      tenantId: TenantId.of(tenantId),
      // Nobody: no person, no role, no membership, no unit led — so public objectives only.
      viewer: viewerOf(`board:${board.boardId}`, [], undefined),
    };
    const company: Owner = { kind: 'company', id: tenantId };
    const [cycle, objectives] = await Promise.all([
      this.okrs.cycleDocument(reader.tenantId, board.cycleId),
      this.okrs.visibleOfCycle(reader, board.cycleId),
    ]);
    const public_ = objectives.filter(showable);
    const labels = await this.directory.labelsOf(tenantId, [
      company,
      board.scope,
      ...new Map(public_.map(({ owner }) => [ownerKey(owner), owner])).values(),
    ]);
    const tribeOf = new Map(labels.map((label) => [ownerKey(label), label.tribeId]));
    const nameOf = new Map(labels.map((label) => [ownerKey(label), label.name]));
    const inScope = (owner: Owner): boolean => {
      switch (board.scope.kind) {
        case 'company':
          return true;
        case 'tribe':
          return (
            (owner.kind === 'tribe' && owner.id === board.scope.id) ||
            ((owner.kind === 'squad' || owner.kind === 'chapter') &&
              tribeOf.get(ownerKey(owner)) === board.scope.id)
          );
        default:
          return ownerKey(owner) === ownerKey(board.scope);
      }
    };
    const tree = await this.okrs.treeOf(
      reader,
      public_.filter((objective) => inScope(objective.owner)),
    );
    return {
      title: board.title,
      scope: {
        kind: board.scope.kind,
        id: board.scope.id,
        name: nameOf.get(ownerKey(board.scope)) ?? board.scope.id,
      },
      cycle: {
        id: cycle.cycleId,
        name: cycle.name,
        startsOn: cycle.startsOn,
        endsOn: cycle.endsOn,
      },
      organisationName: nameOf.get(ownerKey(company)) ?? tenantId,
      objectives: tree.objectives.map((objective) => ({
        objectiveId: objective.objectiveId,
        title: objective.title,
        owner: objective.owner,
        ownerName: objective.ownerName,
        kind: objective.kind,
        status: objective.status,
        achieved: objective.achieved,
        progress: objective.progress,
        rolledUpProgress: objective.rolledUpProgress,
        keyResults: objective.keyResults.map((keyResult) => ({
          keyResultId: keyResult.keyResultId,
          title: keyResult.title,
          metric: keyResult.metric,
          current: keyResult.current,
          progress: keyResult.progress,
          achieved: keyResult.achieved,
        })),
        parents: objective.parents,
        children: objective.children,
      })),
      roots: tree.roots,
      company: tree.company,
      tribes: tree.tribes,
      guilds: tree.guilds,
      unplaced: tree.unplaced,
      asOf: this.clock.now().toISOString(),
    };
  }
}
