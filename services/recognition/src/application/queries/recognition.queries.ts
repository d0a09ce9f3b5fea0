import { Inject, Injectable, Optional } from '@nestjs/common';
import { NotFound, type Clock } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import { TenantId } from '@rhythm/projections';
import { RequestInvalid } from '@rhythm/operability';
import {
  celebrationText,
  flowOfTotals,
  kudosReactions,
  languageOf,
  unitKey,
  unitNotFound,
  type FlowPopulation,
  type FlowWindow,
  type Language,
  type RecognitionFlow,
  type Unit,
} from '../../recognition-domain';
import { RECOGNITION_CLOCK } from '../../infrastructure/recognition-tokens';
import type { CelebrationDocument } from '../../read-models/celebrations.projection';
import { idOfFieldKey, type KudosDocument } from '../../read-models/kudos.projection';
import type { StoryDocument } from '../../read-models/stories.projection';
import { RecognitionReadModels, type Position } from '../../read-models/recognition-read-models';
import { organisationWall, type WallEntryDocument } from '../../read-models/walls.projection';
import { RecognitionFacts, type Reader } from '../recognition-facts';
import {
  GOALS_KNOWLEDGE,
  ORG_KNOWLEDGE,
  type GoalsKnowledge,
  type OrgKnowledge,
} from '../recognition-directory.port';
import { cursorOf, positionOf, type Page } from './page-cursor';

/**
 * Who was in the organisation at an instant, for "who gives or receives little". The directory's
 * org history answers it once it can list people and units as of a date; until then the flow's
 * population is everyone who took part in recognition by then.
 */
export interface FlowPopulationSource {
  populationAt(tenantId: string, at: string): Promise<FlowPopulation>;
}
export const FLOW_POPULATION = Symbol('FlowPopulation');

const withoutKeys = <T extends { _id: string; tenantId: string }>(document: T) => {
  const { _id: _key, tenantId: _tenant, ...rest } = document;
  return rest;
};

/** A kudos as read: reactions counted per kind with who reacted; no storage keys. */
const kudosView = (kudos: KudosDocument) => {
  const { reactions, objectiveId: _objective, ...rest } = withoutKeys(kudos);
  return {
    ...rest,
    reactions: Object.fromEntries(
      kudosReactions.flatMap((kind) => {
        const by = Object.keys(reactions?.[kind] ?? {})
          .map(idOfFieldKey)
          .sort();
        return by.length === 0 ? [] : [[kind, { count: by.length, by }]];
      }),
    ),
  };
};

const storyView = (story: StoryDocument) => {
  const { objectiveId: _objective, ...rest } = withoutKeys(story);
  return rest;
};

/** The people a celebration's text names, read by name when it is read (ADR 0034). */
const peopleNamed = (celebration: CelebrationDocument): string[] => {
  const { achievement } = celebration;
  switch (achievement.kind) {
    case 'blocker-resolved':
      return [achievement.resolvedBy];
    case 'streak-milestone':
      return [achievement.personId];
    default:
      return [];
  }
};

type WallItemView =
  | Readonly<{ item: 'kudos'; at: string; kudos: ReturnType<typeof kudosView> }>
  | Readonly<{ item: 'celebration'; at: string; celebration: Record<string, unknown> }>
  | Readonly<{ item: 'story'; at: string; story: ReturnType<typeof storyView> }>;

export type WallPage = Readonly<{ wall: string; items: readonly WallItemView[]; next?: string }>;

/** What one reader may see, asked once per objective per request. */
class Sight {
  private readonly objectives = new Map<string, Promise<boolean>>();

  constructor(
    private readonly facts: RecognitionFacts,
    private readonly goals: GoalsKnowledge,
    readonly reader: Reader,
  ) {}

  objective(objectiveId: string): Promise<boolean> {
    let seen = this.objectives.get(objectiveId);
    if (seen === undefined) {
      seen = this.facts
        .visibleObjective(this.reader, objectiveId, { wait: false })
        .then((objective) => objective !== undefined);
      this.objectives.set(objectiveId, seen);
    }
    return seen;
  }

  kudos(kudos: KudosDocument): Promise<boolean> {
    return this.facts.mayViewKudos(this.reader, {
      giverId: kudos.giverId,
      to: {
        personIds: kudos.receiverIds,
        ...(kudos.unit === undefined ? {} : { unit: kudos.unit }),
      },
      audience: kudos.audience,
      ...(kudos.objectiveId === undefined ? {} : { about: { objectiveId: kudos.objectiveId } }),
    });
  }

  /**
   * A celebration of an objective is as visible as the objective; one the directory does not
   * know (yet) only if it was public when celebrated. A streak's is everyone's.
   */
  async celebration(celebration: CelebrationDocument): Promise<boolean> {
    if (celebration.objectiveId === undefined) return true;
    const objective = await this.goals.objective(this.reader.tenantId, celebration.objectiveId);
    if (objective === undefined) return celebration.visibility === 'public';
    return this.facts.mayView(this.reader, objective);
  }

  async story(story: StoryDocument): Promise<boolean> {
    if (!(await this.objective(story.objectiveId))) return false;
    if (story.status !== 'draft') return true;
    const publisherIds = await this.facts.publisherIds(this.reader, story.unit);
    return this.facts.mayViewStory(this.reader, story, publisherIds);
  }
}

/**
 * The recognition read side: walls, the organisation's feed, a person's kudos, one kudos, story
 * or celebration, and the flow. Private means private (docs/security.md): an item tied to an
 * objective the reader may not see, and a private kudos not theirs, are left out of every list
 * and answer a direct read exactly as an unknown id.
 */
@Injectable()
export class RecognitionQueries {
  constructor(
    @Inject(RecognitionReadModels) private readonly readModels: RecognitionReadModels,
    @Inject(RecognitionFacts) private readonly facts: RecognitionFacts,
    @Inject(ORG_KNOWLEDGE) private readonly org: OrgKnowledge,
    @Inject(GOALS_KNOWLEDGE) private readonly goals: GoalsKnowledge,
    @Inject(RECOGNITION_CLOCK) private readonly clock: Clock,
    @Optional() @Inject(FLOW_POPULATION) private readonly population?: FlowPopulationSource,
  ) {}

  /** A unit's wall: its kudos, celebrations and stories, newest first. */
  async wall(actor: AuthenticatedActor, unit: Unit, page: Page, acceptLanguage?: string) {
    if ((await this.org.unit(actor.tenantId, unit)) === undefined) throw unitNotFound(unit);
    return this.page(actor, unitKey(unit), page, languageOf(acceptLanguage));
  }

  /** The organisation's feed: public kudos, celebrations and published stories of every unit. */
  feed(actor: AuthenticatedActor, page: Page, acceptLanguage?: string) {
    return this.page(actor, organisationWall, page, languageOf(acceptLanguage));
  }

  /** Kudos a person received or gave, newest first; `me` is the caller. */
  async kudosOf(
    actor: AuthenticatedActor,
    personId: string,
    side: 'received' | 'given',
    page: Page,
  ) {
    const person = personId === 'me' ? actor.personId : personId;
    if (
      person !== actor.personId &&
      (await this.org.person(actor.tenantId, person)) === undefined
    ) {
      throw new NotFound(`Person ${person} not found`);
    }
    const sight = new Sight(this.facts, this.goals, await this.facts.readerOf(actor));
    const tenant = TenantId.of(actor.tenantId);
    const found = await this.filled(
      (after, limit) => this.readModels.kudos.ofPerson(tenant, side, person, after, limit),
      (kudos) => sight.kudos(kudos),
      (kudos) => ({ at: kudos.givenAt, id: kudos._id }),
      page,
    );
    return {
      personId: person,
      kudos: found.items.map(kudosView),
      ...(found.next === undefined ? {} : { next: found.next }),
    };
  }

  async kudos(actor: AuthenticatedActor, kudosId: string) {
    const found = await this.readModels.kudos.findById(TenantId.of(actor.tenantId), kudosId);
    const sight = new Sight(this.facts, this.goals, await this.facts.readerOf(actor));
    if (found === null || !(await sight.kudos(found))) {
      throw new NotFound(`Kudos ${kudosId} not found`);
    }
    return kudosView(found);
  }

  async story(actor: AuthenticatedActor, storyId: string) {
    const found = await this.readModels.stories.findById(TenantId.of(actor.tenantId), storyId);
    const sight = new Sight(this.facts, this.goals, await this.facts.readerOf(actor));
    if (found === null || !(await sight.story(found))) {
      throw new NotFound(`Story ${storyId} not found`);
    }
    return storyView(found);
  }

  async celebration(actor: AuthenticatedActor, achievementKey: string, acceptLanguage?: string) {
    const found = await this.readModels.celebrations.findById(
      TenantId.of(actor.tenantId),
      achievementKey,
    );
    const sight = new Sight(this.facts, this.goals, await this.facts.readerOf(actor));
    if (found === null || !(await sight.celebration(found))) {
      throw new NotFound(`Celebration ${achievementKey} not found`);
    }
    const [view] = await this.celebrationViews(actor.tenantId, [found], languageOf(acceptLanguage));
    return view;
  }

  /**
   * How recognition flows, as of `asOf` (default now), within `[from, asOf]` when `from` is
   * given: kudos counted by the units of the day, those who give or receive little, the share
   * tied to OKRs. Counts only, no message: private kudos count too.
   */
  async flow(
    actor: AuthenticatedActor,
    window: Readonly<{ asOf?: string; from?: string; cycleId?: string }>,
  ): Promise<RecognitionFlow> {
    const cycle = await this.cycleWindow(actor.tenantId, window);
    const asOf = new Date(
      window.asOf ?? earliest(this.clock.now().toISOString(), cycle?.until),
    ).toISOString();
    const start = cycle?.from ?? window.from;
    const from = start === undefined ? undefined : new Date(start).toISOString();
    if (from !== undefined && from > asOf) {
      throw new RequestInvalid({ from: 'must not be after asOf' });
    }
    const flowWindow: FlowWindow = { asOf, ...(from === undefined ? {} : { from }) };
    const tenant = TenantId.of(actor.tenantId);
    const [{ totals, parties }, population] = await Promise.all([
      this.readModels.flow.totals(tenant, flowWindow),
      this.population?.populationAt(actor.tenantId, asOf),
    ]);
    return flowOfTotals(totals, population ?? parties, flowWindow);
  }

  /** A cycle's window from the goals directory: its first day to the end of its last. */
  private async cycleWindow(
    tenantId: string,
    window: Readonly<{ from?: string; cycleId?: string }>,
  ): Promise<Readonly<{ from: string; until?: string }> | undefined> {
    if (window.cycleId === undefined) return undefined;
    if (window.from !== undefined) {
      throw new RequestInvalid({ cycleId: 'give a cycle or a start (from), not both' });
    }
    const cycle = await this.goals.cycle(tenantId, window.cycleId);
    if (cycle === undefined) throw new NotFound(`Cycle ${window.cycleId} not found`);
    if (cycle.startsOn === undefined) {
      throw new NotFound(`Cycle ${window.cycleId} has no dates known to recognition yet`);
    }
    const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
    return {
      from: `${cycle.startsOn}T00:00:00.000Z`,
      ...(cycle.endsOn === undefined
        ? {}
        : { until: new Date(dayAfter(cycle.endsOn).getTime() - 1).toISOString() }),
    };
  }

  private async page(
    actor: AuthenticatedActor,
    wall: string,
    page: Page,
    language: Language,
  ): Promise<WallPage> {
    const tenant = TenantId.of(actor.tenantId);
    const sight = new Sight(this.facts, this.goals, await this.facts.readerOf(actor));
    const found = await this.filled(
      async (after, limit) => {
        const entries = await this.readModels.walls.page(tenant, wall, after, limit);
        return this.withItems(tenant, entries);
      },
      (entry) => this.visible(sight, entry),
      (entry) => ({ at: entry.entry.at, id: entry.entry._id }),
      page,
    );
    const celebrations = await this.celebrationViews(
      actor.tenantId,
      found.items.flatMap((entry) => (entry.celebration ? [entry.celebration] : [])),
      language,
    );
    const byKey = new Map(celebrations.map((view) => [view.achievementKey, view]));
    const items = found.items.flatMap((entry): WallItemView[] => {
      const at = entry.entry.at;
      if (entry.kudos) return [{ item: 'kudos', at, kudos: kudosView(entry.kudos) }];
      if (entry.story) return [{ item: 'story', at, story: storyView(entry.story) }];
      const celebration = entry.celebration && byKey.get(entry.celebration.achievementKey);
      return celebration ? [{ item: 'celebration', at, celebration }] : [];
    });
    return { wall, items, ...(found.next === undefined ? {} : { next: found.next }) };
  }

  /** Entries with their items, three queries for the page (one per kind of item). */
  private async withItems(tenant: TenantId, entries: readonly WallEntryDocument[]) {
    const ids = (item: WallEntryDocument['item']) =>
      entries.filter((entry) => entry.item === item).map((entry) => entry.itemId);
    const [kudos, celebrations, stories] = await Promise.all([
      this.readModels.kudos.findWhereIn(tenant, '_id', ids('kudos')),
      this.readModels.celebrations.findWhereIn(tenant, '_id', ids('celebration')),
      this.readModels.stories.findWhereIn(tenant, '_id', ids('story')),
    ]);
    const kudosById = new Map(kudos.map((one) => [one._id, one]));
    const celebrationsById = new Map(celebrations.map((one) => [one._id, one]));
    const storiesById = new Map(stories.map((one) => [one._id, one]));
    return entries.map((entry) => ({
      entry,
      kudos: entry.item === 'kudos' ? kudosById.get(entry.itemId) : undefined,
      celebration: entry.item === 'celebration' ? celebrationsById.get(entry.itemId) : undefined,
      story: entry.item === 'story' ? storiesById.get(entry.itemId) : undefined,
    }));
  }

  private async visible(
    sight: Sight,
    entry: Readonly<{
      kudos?: KudosDocument | undefined;
      celebration?: CelebrationDocument | undefined;
      story?: StoryDocument | undefined;
    }>,
  ): Promise<boolean> {
    if (entry.kudos) return sight.kudos(entry.kudos);
    if (entry.celebration) return sight.celebration(entry.celebration);
    if (entry.story) return entry.story.status === 'published' && sight.story(entry.story);
    // Withdrawn since the entry was read: gone.
    return false;
  }

  /**
   * A page of what the reader may see: reads on past hidden items until the page is full or
   * the list ends, so a hidden item neither shows nor shortens a page.
   */
  private async filled<T>(
    read: (after: Position | undefined, limit: number) => Promise<T[]>,
    visible: (item: T) => Promise<boolean>,
    positionOfItem: (item: T) => Position,
    page: Page,
  ): Promise<{ items: T[]; next?: string }> {
    const items: T[] = [];
    let after = positionOf(page.cursor);
    for (;;) {
      const batch = await read(after, page.limit + 1);
      const seen = await Promise.all(batch.map(visible));
      for (const [index, item] of batch.entries()) {
        if (items.length === page.limit) {
          // One more visible item exists: the page ends at the last one taken.
          if (seen[index]) return { items, next: cursorOf(positionOfItem(items.at(-1) as T)) };
          continue;
        }
        if (seen[index]) items.push(item);
      }
      if (batch.length <= page.limit) return { items };
      after = positionOfItem(batch.at(-1) as T);
    }
  }

  private async celebrationViews(
    tenantId: string,
    celebrations: readonly CelebrationDocument[],
    language: Language,
  ) {
    const named = [...new Set(celebrations.flatMap(peopleNamed))];
    const labels =
      named.length === 0
        ? []
        : await this.org.labelsOf(
            tenantId,
            named.map((id) => ({ kind: 'person', id })),
          );
    const names = new Map(labels.map((label) => [label.id, label.name]));
    return celebrations.map((celebration) => ({
      ...withoutKeys(celebration),
      text: celebrationText(celebration, language, (personId) => names.get(personId) ?? personId),
    }));
  }
}

/** The earlier of two instants (UTC ISO strings compare as text); the first when no second. */
const earliest = (a: string, b: string | undefined): string => (b !== undefined && b < a ? b : a);
