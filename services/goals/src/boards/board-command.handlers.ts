import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type Clock, type EventStore } from '@rhythm/event-sourcing';
import { commandContextOf, type AuthenticatedActor } from '@rhythm/identity';
import { TenantId } from '@rhythm/projections';
import { mayManage, type Unit } from '@rhythm/goals-domain';
import { GoalsFactsReader } from '../application/goals-facts.reader';
import { ORG_DIRECTORY, type OrgDirectory } from '../application/org-directory.port';
import { GOALS_CLOCK, GOALS_EVENT_STORE } from '../infrastructure/goals-tokens';
import { newLinkId, signBoardLink } from './board-link';
import { BOARD_LINK_SECRET } from './board-link-secret';
import { boardDecider, type BoardCommand } from './board.decider';
import { boardStream } from './board.events';
import { BoardsRepository, type BoardDocument } from './boards.projection';

const handle = CommandHandler(boardDecider);

export type BoardRequest = Readonly<{ scope: Unit; cycleId: string; title?: string }>;

/** A new board and the one time its link is given out. */
export type BoardMade = Readonly<{ boardId: string; token: string }>;

/** The board's default title: the unit's name as the organisation gives it, and the cycle's. */
const defaultTitle = (unitName: string, cycleName: string): string =>
  `${unitName} · ${cycleName}`.slice(0, 200);

/**
 * Making, listing and revoking TV boards (ADR 0052). Who may: the lead of the unit shown (the
 * executives for the company) or an admin, as for the unit's goals (`mayManage`).
 */
@Injectable()
export class BoardCommandHandlers {
  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Inject(GOALS_CLOCK) private readonly clock: Clock,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(BOARD_LINK_SECRET) private readonly secret: string,
    private readonly facts: GoalsFactsReader,
    private readonly boards: BoardsRepository,
  ) {}

  async create(issuer: AuthenticatedActor, request: BoardRequest): Promise<BoardMade> {
    const { tenantId } = issuer;
    const boardId = randomUUID();
    const linkId = newLinkId();
    const [actor, cycle, scopeExists, [label]] = await Promise.all([
      this.facts.actor(issuer),
      this.facts.cycle(tenantId, request.cycleId),
      this.directory.ownerExists(tenantId, request.scope),
      this.directory.labelsOf(tenantId, [request.scope]),
    ]);
    const command: BoardCommand = {
      type: 'CreateBoard',
      actor,
      data: {
        boardId,
        scope: request.scope,
        cycleId: request.cycleId,
        title:
          request.title ??
          defaultTitle(
            label?.name ?? request.scope.id,
            cycle.status === 'none' ? request.cycleId : cycle.name,
          ),
        linkId,
      },
      facts: { cycleExists: cycle.status !== 'none', scopeExists },
    };
    await handle(
      this.store,
      boardStream(tenantId, boardId),
      (state) => boardDecider.decide(command, state),
      { context: commandContextOf(issuer, this.clock.now()) },
    );
    return { boardId, token: signBoardLink(this.secret, { tenantId, boardId, linkId }) };
  }

  /** Idempotent: a revoked board stays revoked; one the caller may not manage is not found. */
  async revoke(issuer: AuthenticatedActor, boardId: string): Promise<void> {
    const actor = await this.facts.actor(issuer);
    await handle(
      this.store,
      boardStream(issuer.tenantId, boardId),
      (state) => boardDecider.decide({ type: 'RevokeBoard', actor, data: { boardId } }, state),
      { context: commandContextOf(issuer, this.clock.now()) },
    );
  }

  /** The organisation's boards the caller may manage (all of them for an admin). */
  async list(issuer: AuthenticatedActor): Promise<BoardDocument[]> {
    const [actor, boards] = await Promise.all([
      this.facts.actor(issuer),
      this.boards.ofOrganisation(TenantId.of(issuer.tenantId)),
    ]);
    return boards.filter((board) => mayManage(actor, board.scope));
  }
}
