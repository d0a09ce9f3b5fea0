import { Inject, Injectable, Optional } from '@nestjs/common';
import { ServiceLogger } from '@rhythm/operability';
import type { EventStore } from '@rhythm/event-sourcing';
import type { TenantId } from '@rhythm/projections';
import { goalsStreams, type ObjectiveEvent } from '@rhythm/goals-domain';
import { GOALS_EVENT_STORE } from '../../infrastructure/goals-tokens';
import { EventsSetAside } from '../../read-models/events-set-aside';
import { GoalsReadModels } from '../../read-models/goals-read-models';
import {
  evolveCard,
  objectiveCardsProjection,
  objectiveOfCard,
  type ObjectiveCard,
} from '../../read-models/objective-cards.projection';

type HeldCard = Readonly<{ card: ObjectiveCard; revision: number; definedAt: string }>;

/**
 * A cycle's cards in this process, the store position up to which they show every event, and the
 * streams whose next event could not be folded: they stand as they were before it.
 */
type CycleCards = {
  cards: Map<string, HeldCard>;
  position: bigint | undefined;
  setAside: Set<string>;
};

/** A cycle as last refreshed, the refresh running and the one queued behind it. */
type HeldCycle = {
  settled?: CycleCards;
  running?: Promise<CycleCards>;
  queued?: Promise<CycleCards>;
};

/** Cycles held at once: each is about 2 KB per objective. */
const heldCycles = 32;

/** Further behind the store than this, a cycle is read from the cards again, not folded forward. */
const foldAtMost = 5_000n;

/** The order every list names objectives in: by definition, then id (as MongoDB compares). */
const inDefinitionOrder = (a: HeldCard, b: HeldCard): number =>
  a.definedAt < b.definedAt
    ? -1
    : a.definedAt > b.definedAt
      ? 1
      : a.card.objectiveId < b.card.objectiveId
        ? -1
        : a.card.objectiveId > b.card.objectiveId
          ? 1
          : 0;

/**
 * The cards of a cycle as of the store's head when asked (ADR 0043), for the tree and the lists.
 * A cycle is read once from its cards (one compact document per objective) at the cards
 * projection's checkpoint; each later request folds only the objective events appended since, by
 * the domain's own evolve, skipping those a card already shows (its revision). Reading 500 cards
 * from FerretDB costs ~50 ms on a quiet machine and several times that under load; folding the
 * few events of the last moments costs two PostgreSQL round trips.
 */
@Injectable()
export class CurrentCycleCards {
  /** By tenant and cycle, the most recently asked last. */
  private readonly cycles = new Map<string, HeldCycle>();

  private readonly setAside: EventsSetAside;

  constructor(
    private readonly readModels: GoalsReadModels,
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(ServiceLogger) logger?: ServiceLogger,
  ) {
    this.setAside = new EventsSetAside(
      'current cards: an event that cannot be read is left out, with its stream after it',
      logger,
    );
  }

  /** Every objective of these cycles as of now, in the order they were defined. */
  async objectives(tenantId: TenantId, cycleIds: readonly string[]): Promise<ObjectiveCard[]> {
    const cycles = await Promise.all(
      [...new Set(cycleIds)].map((cycleId) => this.cycle(tenantId, cycleId)),
    );
    return cycles
      .flatMap(({ cards }) => [...cards.values()])
      .sort(inDefinitionOrder)
      .map((held) => held.card);
  }

  /**
   * The cycle as of the store's head when asked. One refresh runs at a time per cycle; requests
   * that arrive meanwhile share the one that starts after it, so a burst of readers costs two.
   */
  private cycle(tenantId: TenantId, cycleId: string): Promise<CycleCards> {
    const key = JSON.stringify([tenantId, cycleId]);
    const entry = this.cycles.get(key) ?? {};
    // Most recently asked last: the first ones are let go beyond heldCycles.
    this.cycles.delete(key);
    this.cycles.set(key, entry);
    for (const oldest of this.cycles.keys()) {
      if (this.cycles.size <= heldCycles) break;
      this.cycles.delete(oldest);
    }
    if (entry.queued) return entry.queued;
    const start = (): Promise<CycleCards> => {
      const running = this.refreshed(tenantId, cycleId, entry.settled)
        .then((cycle) => (entry.settled = cycle))
        .finally(() => {
          if (entry.running === running) entry.running = undefined;
        });
      entry.running = running;
      return running;
    };
    if (!entry.running) return start();
    const queued = entry.running
      .catch(() => undefined)
      .then(() => {
        entry.queued = undefined;
        return start();
      });
    entry.queued = queued;
    return queued;
  }

  private async refreshed(
    tenantId: TenantId,
    cycleId: string,
    held: CycleCards | undefined,
  ): Promise<CycleCards> {
    const head = await this.store.headPosition();
    const stale =
      held === undefined || (head !== undefined && head - (held.position ?? 0n) > foldAtMost);
    const cycle = stale ? await this.read(tenantId, cycleId) : held;
    await this.foldForward(tenantId, cycleId, cycle);
    return cycle;
  }

  /**
   * The cycle from its cards. The position is read first: every event up to it is in the cards,
   * and a card that shows a later one says so by its revision.
   */
  private async read(tenantId: TenantId, cycleId: string): Promise<CycleCards> {
    const position = await this.readModels.positionOf(objectiveCardsProjection.name);
    const documents = await this.readModels.cards.ofCycles(tenantId, [cycleId]);
    return {
      position,
      setAside: new Set(),
      cards: new Map(
        documents.map((document) => [
          document.objectiveId,
          {
            card: objectiveOfCard(document),
            revision: document.revision,
            definedAt: document.definedAt,
          },
        ]),
      ),
    };
  }

  /** Folds the tenant's objective events after the cycle's position into its cards. */
  private async foldForward(tenantId: TenantId, cycleId: string, cycle: CycleCards) {
    // The prefix narrows the read; the tenant check keeps out a tenant whose id extends this one.
    const prefix = goalsStreams.objective(tenantId, '');
    for await (const recorded of this.store.readAll({
      after: cycle.position,
      streamPrefixes: [prefix],
    })) {
      cycle.position = recorded.globalPosition;
      if (recorded.metadata.tenantId !== tenantId) continue;
      if (cycle.setAside.has(recorded.streamId)) continue;
      const event = { type: recorded.type, data: recorded.data } as ObjectiveEvent;
      const held = cycle.cards.get(event.data.objectiveId);
      if (held ? recorded.streamRevision <= held.revision : event.type !== 'ObjectiveDefined') {
        continue;
      }
      if (!held && event.type === 'ObjectiveDefined' && event.data.cycleId !== cycleId) continue;
      let card: ObjectiveCard | null;
      try {
        card = evolveCard(held?.card ?? null, event);
      } catch (error) {
        // As the cards projection parks it (ADR 0065): the objective stands as it was before it,
        // and every other objective of the cycle and of the organisation carries on.
        cycle.setAside.add(recorded.streamId);
        this.setAside.record({ tenantId, cycleId }, recorded, error);
        continue;
      }
      if (!card) continue;
      cycle.cards.set(card.objectiveId, {
        card,
        revision: recorded.streamRevision,
        definedAt: held?.definedAt ?? recorded.metadata.occurredAt,
      });
    }
  }
}
