import { randomUUID } from 'node:crypto';
import {
  cycleActivatedV1,
  cyclePlannedV1,
  keyResultAchievedV1,
  keyResultAddedV1,
  objectiveActivatedV1,
  objectiveCreatedV1,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import type { NewEvent } from '@rhythm/event-sourcing';
import { OrgHistory } from '@rhythm/org-directory/testing';
import {
  achievementKey,
  recognitionStreams,
  type Achievement,
  type AchievementCelebrated,
  type KudosGiven,
} from '../src/recognition-domain';
import { SourceTopics } from '../src/testing/directory-topics';

const day = 24 * 3600_000;
const iso = (at: number) => new Date(at).toISOString();

/** One squad of the generated organisation: its tribe, its product owner first, then members. */
export type BenchSquad = Readonly<{ squadId: string; tribeId: string; people: readonly string[] }>;

export type BenchKeyResult = Readonly<{
  squadId: string;
  tribeId: string;
  objectiveId: string;
  keyResultId: string;
}>;

/**
 * The generated organisation: `tribes` tribes of `squadsPerTribe` squads of `perSquad` people
 * (500 by default), three chapters per tribe and four guilds; everyone joined `since` ms ago.
 * At `movedAt` the first member of every squad moves to the next squad of the tribe: the flow
 * as of a date before counts their kudos under the old squad.
 */
export class BenchOrganisation {
  readonly squads: BenchSquad[] = [];
  readonly people: string[] = [];
  /** Everyone's squad as of now (after the moves). */
  readonly squadOf = new Map<string, BenchSquad>();

  constructor(
    readonly tenantId: string,
    readonly shape: Readonly<{ tribes: number; squadsPerTribe: number; perSquad: number }>,
    private readonly since: number,
    readonly movedAt: number,
  ) {
    for (let t = 1; t <= shape.tribes; t++) {
      for (let s = 1; s <= shape.squadsPerTribe; s++) {
        const squadId = `squad-${t}-${s}`;
        const people = Array.from(
          { length: shape.perSquad },
          (_, p) => `person-${t}-${s}-${String(p + 1).padStart(2, '0')}`,
        );
        this.squads.push({ squadId, tribeId: `tribe-${t}`, people });
        this.people.push(...people);
      }
    }
    for (const squad of this.squads)
      for (const person of squad.people) this.squadOf.set(person, squad);
    for (const [from, to] of this.moves()) this.squadOf.set(from.people[1], to);
  }

  /** Who moves: the first member (after the product owner) of each squad, to the next squad. */
  private moves(): [BenchSquad, BenchSquad][] {
    return this.squads.map((squad, index) => {
      const sameTribe = this.squads.filter((other) => other.tribeId === squad.tribeId);
      const next = sameTribe[(sameTribe.indexOf(squad) + 1) % sameTribe.length];
      void index;
      return [squad, next];
    });
  }

  /** The org topic as the org relay would have published it, each event at its past instant. */
  envelopes(): IntegrationEnvelope[] {
    const org = new OrgHistory(this.tenantId);
    const at = (instant: number, envelope: IntegrationEnvelope): IntegrationEnvelope => ({
      ...envelope,
      occurredAt: iso(instant),
    });
    const formed = this.since;
    const envelopes: IntegrationEnvelope[] = [at(formed, org.established('Bench'))];
    for (let t = 1; t <= this.shape.tribes; t++) {
      const tribeId = `tribe-${t}`;
      envelopes.push(at(formed, org.tribeFormed(tribeId, `Tribe ${t}`)));
      for (let c = 1; c <= 3; c++) {
        envelopes.push(at(formed, org.chapterFormed(`chapter-${t}-${c}`, tribeId, `Chapter ${c}`)));
      }
    }
    for (let g = 1; g <= 4; g++) envelopes.push(at(formed, org.guildFormed(`guild-${g}`)));
    for (const squad of this.squads) {
      envelopes.push(at(formed, org.squadFormed(squad.squadId, squad.tribeId, squad.squadId)));
      squad.people.forEach((personId, index) => {
        const chapterId = `chapter-${squad.tribeId.slice('tribe-'.length)}-${1 + (index % 3)}`;
        envelopes.push(
          at(formed, org.personJoined(personId, personId)),
          at(formed, org.joinedSquad(personId, squad.squadId)),
          at(formed, org.joinedChapter(personId, chapterId, squad.tribeId)),
        );
        if (index % 5 === 2) {
          envelopes.push(at(formed, org.joinedGuild(personId, `guild-${1 + (index % 4)}`)));
        }
      });
      envelopes.push(at(formed, org.productOwnerAppointed(squad.squadId, squad.people[0])));
    }
    for (const [from, to] of this.moves()) {
      envelopes.push(at(this.movedAt, org.joinedSquad(from.people[1], to.squadId, from.squadId)));
    }
    return envelopes;
  }
}

/**
 * Each squad's objectives with their key results (ids are uuids, as goals makes them), in the
 * current cycle, as goals' relay publishes them; `achieved` publishes one key result reached.
 */
export class BenchGoals {
  readonly keyResults: BenchKeyResult[] = [];
  private readonly topics: SourceTopics;

  constructor(
    readonly tenantId: string,
    squads: readonly BenchSquad[],
    shape: Readonly<{ objectivesPerSquad: number; keyResultsPerObjective: number }>,
    readonly cycleId = 'this-quarter',
  ) {
    this.topics = new SourceTopics(tenantId);
    for (const squad of squads) {
      for (let o = 0; o < shape.objectivesPerSquad; o++) {
        const objectiveId = randomUUID();
        for (let k = 0; k < shape.keyResultsPerObjective; k++) {
          this.keyResults.push({
            squadId: squad.squadId,
            tribeId: squad.tribeId,
            objectiveId,
            keyResultId: randomUUID(),
          });
        }
      }
    }
  }

  private stream = (objectiveId: string) => `objective-${this.tenantId}.${objectiveId}`;

  envelopes(squads: readonly BenchSquad[]): IntegrationEnvelope[] {
    const cycle = `cycle-${this.tenantId}.${this.cycleId}`;
    const envelopes: IntegrationEnvelope[] = [
      this.topics.on(cycle, cyclePlannedV1, {
        cycleId: this.cycleId,
        name: 'This quarter',
        startsOn: iso(Date.now() - 60 * day).slice(0, 10),
        endsOn: iso(Date.now() + 30 * day).slice(0, 10),
        scoringRule: { kind: 'linear' },
      }),
      this.topics.on(cycle, cycleActivatedV1, { cycleId: this.cycleId }),
    ];
    const byObjective = new Map<string, BenchKeyResult[]>();
    for (const keyResult of this.keyResults) {
      byObjective.set(keyResult.objectiveId, [
        ...(byObjective.get(keyResult.objectiveId) ?? []),
        keyResult,
      ]);
    }
    for (const [objectiveId, keyResults] of byObjective) {
      const squad = squads.find((one) => one.squadId === keyResults[0].squadId)!;
      envelopes.push(
        this.topics.on(this.stream(objectiveId), objectiveCreatedV1, {
          objectiveId,
          cycleId: this.cycleId,
          title: `${squad.squadId} delights its customers`,
          description: 'Generated for the benchmark',
          owner: { kind: 'squad', id: squad.squadId },
          kind: 'committed',
          visibility: 'public',
          fromProposalId: null,
          fromTemplateId: null,
        }),
        ...keyResults.map((keyResult, k) =>
          this.topics.on(this.stream(objectiveId), keyResultAddedV1, {
            objectiveId,
            keyResultId: keyResult.keyResultId,
            title: `Key result ${k + 1}`,
            metric: { type: 'number', unit: 'points', start: 0, target: 40, direction: 'increase' },
            owner: squad.people[1 + (k % (squad.people.length - 1))],
            weight: 1,
            fromProposalId: null,
            reason: null,
          }),
        ),
        this.topics.on(this.stream(objectiveId), objectiveActivatedV1, { objectiveId }),
      );
    }
    return envelopes;
  }

  achieved(keyResult: BenchKeyResult): IntegrationEnvelope {
    return this.topics.on(this.stream(keyResult.objectiveId), keyResultAchievedV1, {
      objectiveId: keyResult.objectiveId,
      keyResultId: keyResult.keyResultId,
      value: 41,
      target: 40,
    });
  }
}

/** One stream's past, appended in one call. */
export type StreamHistory = Readonly<{ streamId: string; events: NewEvent[] }>;

const stamped = (
  tenantId: string,
  actor: string,
  at: number,
  event: KudosGiven | AchievementCelebrated,
): NewEvent => ({
  ...event,
  metadata: {
    eventId: randomUUID(),
    tenantId,
    actor,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: iso(at),
  },
});

/** A small deterministic generator: the same sizes give the same history shape. */
const seeded = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

/**
 * `kudos` kudos over the `days` days before `now`, as the kudos decider would have written them
 * (one `KudosGiven` per stream): a random giver thanks one or two others, one in ten also their
 * squad, three in ten tied to a key result, one in ten private; and `cycles` past cycles in
 * which every key result was achieved and celebrated (`AchievementCelebrated` on its squad's
 * and tribe's walls), spread over the same days. Written straight to the event store: over HTTP
 * 100,000 kudos would take hours on this machine.
 */
export const recognitionHistory = (
  organisation: BenchOrganisation,
  goals: BenchGoals,
  sizes: Readonly<{ kudos: number; cycles: number; days: number }>,
  now: number,
): StreamHistory[] => {
  const { tenantId } = organisation;
  const random = seeded(20_261_206);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const instant = () => now - 3600_000 - Math.floor(random() * sizes.days * day);
  const history: StreamHistory[] = [];
  for (let k = 0; k < sizes.kudos; k++) {
    const kudosId = randomUUID();
    const giverId = pick(organisation.people);
    const receivers = new Set<string>();
    const wanted = random() < 0.8 ? 1 : 2;
    while (receivers.size < wanted) {
      const personId = pick(organisation.people);
      if (personId !== giverId) receivers.add(personId);
    }
    const givenAt = instant();
    const firstReceiver = [...receivers][0];
    const unit =
      random() < 0.1
        ? { kind: 'squad' as const, id: organisation.squadOf.get(firstReceiver)!.squadId }
        : undefined;
    const keyResult = random() < 0.3 ? pick(goals.keyResults) : undefined;
    history.push({
      streamId: recognitionStreams.kudos(tenantId, kudosId),
      events: [
        stamped(tenantId, giverId, givenAt, {
          type: 'KudosGiven',
          data: {
            kudosId,
            giverId,
            to: { personIds: [...receivers], ...(unit === undefined ? {} : { unit }) },
            message: 'Thank you for the help with the release!',
            values: [],
            ...(keyResult === undefined
              ? {}
              : {
                  about: {
                    kind: 'key-result' as const,
                    objectiveId: keyResult.objectiveId,
                    keyResultId: keyResult.keyResultId,
                  },
                }),
            audience: random() < 0.1 ? 'private' : 'public',
            givenAt: iso(givenAt),
          },
        }),
      ],
    });
  }
  for (let cycle = 1; cycle <= sizes.cycles; cycle++) {
    for (const keyResult of goals.keyResults) {
      const achievement: Achievement = {
        kind: 'key-result-achieved',
        cycleId: `past-cycle-${cycle}`,
        objectiveId: keyResult.objectiveId,
        keyResultId: keyResult.keyResultId,
        value: 41,
        target: 40,
      };
      const key = achievementKey(achievement);
      const celebratedAt = instant();
      history.push({
        streamId: recognitionStreams.celebration(tenantId, key),
        events: [
          stamped(tenantId, 'system:recognition-celebrations', celebratedAt, {
            type: 'AchievementCelebrated',
            data: {
              achievementKey: key,
              achievement,
              owner: {
                kind: 'unit',
                unit: { kind: 'squad', id: keyResult.squadId },
                tribeId: keyResult.tribeId,
              },
              walls: [
                { kind: 'squad', id: keyResult.squadId },
                { kind: 'tribe', id: keyResult.tribeId },
              ],
              visibility: 'public',
              objectiveTitle: `${keyResult.squadId} delights its customers`,
              keyResultTitle: 'Key result',
              celebratedAt: iso(celebratedAt),
            },
          }),
        ],
      });
    }
  }
  // Interleaved as the days were: kudos and celebrations in the store's order by their instant.
  return history.sort((a, b) =>
    String(a.events[0].metadata.occurredAt).localeCompare(String(b.events[0].metadata.occurredAt)),
  );
};
