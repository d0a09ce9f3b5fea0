import type { Metric, Owner } from '../src/goals-domain';
import type { BenchUnit, GeneratedOrganisation } from './generated-organisation';
// A workspace tool shared with the API fuzzer, reached by path.
import type { SeededRandom } from '@rhythm/tools/seeded-random';

export type BenchKeyResult = {
  keyResultId: string;
  title: string;
  metric: Metric;
  current: number;
  owner: string;
  weight: number;
};

/** What the benchmark knows of an objective it created: enough to make valid changes. */
export type BenchObjective = {
  objectiveId: string;
  title: string;
  owner: Owner;
  /** Who manages it: the owner's lead, the person, or the admin for the company. */
  manager: string;
  keyResults: BenchKeyResult[];
  contributors: Set<string>;
  followers: Set<string>;
  renames: number;
};

/** An objective to define, with the key results it starts with. */
export type ObjectivePlan = Readonly<{
  title: string;
  owner: Owner;
  manager: string;
  keyResults: readonly Omit<BenchKeyResult, 'keyResultId' | 'current'>[];
}>;

/** A change to an existing objective, as a person would make it through the API. */
export type OkrChange =
  | Readonly<{
      kind: 'record-progress';
      issuer: string;
      objective: BenchObjective;
      keyResult: BenchKeyResult;
      value: number;
    }>
  | Readonly<{
      kind: 'adjust-target';
      issuer: string;
      objective: BenchObjective;
      keyResult: BenchKeyResult;
      target: number;
      reason: string;
    }>
  | Readonly<{
      kind: 'reweigh-key-result';
      issuer: string;
      objective: BenchObjective;
      keyResult: BenchKeyResult;
      weight: number;
      reason: string;
    }>
  | Readonly<{
      kind: 'rename-key-result';
      issuer: string;
      objective: BenchObjective;
      keyResult: BenchKeyResult;
      title: string;
      reason: string;
    }>
  | Readonly<{
      kind: 'record-review-note';
      issuer: string;
      objective: BenchObjective;
      text: string;
    }>
  | Readonly<{
      kind: 'add-contributor';
      issuer: string;
      objective: BenchObjective;
      personId: string;
    }>
  | Readonly<{
      kind: 'remove-contributor';
      issuer: string;
      objective: BenchObjective;
      personId: string;
    }>
  | Readonly<{ kind: 'follow'; issuer: string; objective: BenchObjective; guildId: string }>
  | Readonly<{ kind: 'unfollow'; issuer: string; objective: BenchObjective; guildId: string }>;

export type OkrChangeKind = OkrChange['kind'];

const themes = [
  'Delight customers at checkout',
  'Make onboarding effortless',
  'Ship with confidence',
  'Cut support response time',
  'Grow weekly active teams',
  'Raise customer satisfaction',
  'Halve incident recovery time',
  'Build a learning culture',
  'Open new markets',
  'Make the platform self-service',
];
const countedThings = ['signups', 'tickets closed', 'experiments', 'releases', 'partners'];
const reasons = [
  'Re-estimated after the mid-cycle review',
  'A dependency slipped to next quarter',
  'Scope grew after customer interviews',
  'Priorities shifted at the tribe sync',
];

const keyResultMetric = (random: SeededRandom): Metric => {
  const roll = random.next();
  if (roll < 0.35) {
    return {
      type: 'number',
      unit: random.pick(countedThings),
      start: 0,
      target: random.int(5, 50) * 10,
      direction: 'increase',
    };
  }
  if (roll < 0.55) {
    const start = random.int(10, 40);
    return {
      type: 'percentage',
      unit: '%',
      start,
      target: start + random.int(20, 50),
      direction: 'increase',
    };
  }
  if (roll < 0.7) {
    return {
      type: 'currency',
      unit: 'EUR',
      start: 0,
      target: random.int(1, 10) * 10_000,
      direction: 'increase',
    };
  }
  if (roll < 0.9) {
    const start = random.int(40, 100);
    return {
      type: 'number',
      unit: 'hours',
      start,
      target: Math.floor(start / 2),
      direction: 'decrease',
    };
  }
  return { type: 'milestone', unit: '', start: 0, target: 1, direction: 'increase' };
};

/**
 * The objectives of one cycle over the whole organisation: a few for the company, some per tribe,
 * squad, chapter and guild, and personal ones for the rest, each with 1–5 key results owned by
 * people of the owning unit.
 */
export const planObjectives = (
  org: GeneratedOrganisation,
  total: number,
  random: SeededRandom,
): ObjectivePlan[] => {
  const plans: ObjectivePlan[] = [];
  const add = (owner: Owner, name: string, candidates: readonly string[]) => {
    if (plans.length >= total || candidates.length === 0) return;
    const count = random.int(1, 5);
    plans.push({
      title: `${random.pick(themes)} (${name})`,
      owner,
      manager: org.managerOf(owner),
      keyResults: Array.from({ length: count }, (_, k) => ({
        title: `Key result ${k + 1} of ${name}`,
        metric: keyResultMetric(random),
        owner: random.pick(candidates),
        weight: random.int(1, 3),
      })),
    });
  };
  const everyone = org.people.map((person) => person.personId);
  const leads = (units: readonly BenchUnit[]) => units.flatMap((unit) => unit.leadIds);
  for (let n = 0; n < 5; n++)
    add({ kind: 'company', id: org.tenantId }, 'company', leads(org.tribes));
  const perUnit: readonly [readonly BenchUnit[], number][] = [
    [org.tribes, 3],
    [org.squads, 4],
    [org.chapters, 2],
    [org.guilds, 2],
  ];
  for (const [units, count] of perUnit) {
    for (const unit of units) {
      for (let n = 0; n < count; n++)
        add({ kind: unit.kind, id: unit.id }, unit.name, unit.memberIds);
    }
  }
  for (const personId of [...everyone].sort(() => random.next() - 0.5)) {
    add({ kind: 'person', id: personId }, personId, [personId]);
  }
  return plans;
};

/** The parent an objective contributes to, if any: tribes to the company, squads and chapters to their tribe, people to their squad. */
export const parentFor = (
  org: GeneratedOrganisation,
  objective: BenchObjective,
  byOwner: ReadonlyMap<string, readonly BenchObjective[]>,
  random: SeededRandom,
): BenchObjective | undefined => {
  const of = (kind: Owner['kind'], id: string) => byOwner.get(`${kind}:${id}`) ?? [];
  const company = of('company', org.tenantId);
  const { owner } = objective;
  switch (owner.kind) {
    case 'company':
      return undefined;
    case 'tribe':
    case 'guild':
      return company.length === 0 ? undefined : random.pick(company);
    case 'squad':
    case 'chapter': {
      const tribeObjectives = of('tribe', org.unit(owner.kind, owner.id).tribeId ?? '');
      return tribeObjectives.length === 0 ? undefined : random.pick(tribeObjectives);
    }
    case 'person': {
      // Some personal objectives stay orphans: alignment coverage has something to find.
      if (random.chance(0.3)) return undefined;
      const person = org.people.find((candidate) => candidate.personId === owner.id);
      const squadObjectives = person === undefined ? [] : of('squad', person.squadId);
      return squadObjectives.length === 0 ? undefined : random.pick(squadObjectives);
    }
    default:
      return undefined;
  }
};

/** Picks changes with a realistic mix, mostly progress, and keeps the model in step with them. */
export class OkrChangeMix {
  private readonly busy = new Set<string>();

  constructor(
    private readonly org: GeneratedOrganisation,
    private readonly objectives: readonly BenchObjective[],
    private readonly random: SeededRandom,
  ) {}

  /** The next change, on an objective no other client is changing right now. */
  next(among: readonly BenchObjective[] = this.objectives): OkrChange {
    for (let attempt = 0; ; attempt++) {
      const objective = this.random.pick(among);
      if (this.busy.has(objective.objectiveId) && attempt < 50) continue;
      const change = this.changeOf(objective);
      if (change === undefined) continue;
      this.busy.add(objective.objectiveId);
      return change;
    }
  }

  /** The change was acknowledged (or refused): the objective is free again. */
  settle(change: OkrChange, accepted: boolean): void {
    this.busy.delete(change.objective.objectiveId);
    if (accepted) applyToModel(change);
  }

  private changeOf(objective: BenchObjective): OkrChange | undefined {
    const { random } = this;
    const measurable = objective.keyResults.filter(
      (keyResult) => keyResult.metric.type !== 'milestone',
    );
    const keyResult = random.pick(objective.keyResults);
    const roll = random.next();
    if (roll < 0.8) {
      const progressing = measurable.length > 0 ? random.pick(measurable) : keyResult;
      return {
        kind: 'record-progress',
        issuer: progressing.owner,
        objective,
        keyResult: progressing,
        value: nextValue(progressing, random),
      };
    }
    if (roll < 0.85 && measurable.length > 0) {
      const adjusted = random.pick(measurable);
      return {
        kind: 'adjust-target',
        issuer: objective.manager,
        objective,
        keyResult: adjusted,
        target: nextTarget(adjusted, random),
        reason: random.pick(reasons),
      };
    }
    if (roll < 0.89) {
      return {
        kind: 'record-review-note',
        issuer: keyResult.owner,
        objective,
        text: `Mid-cycle review: ${random.pick(['on track', 'at risk', 'ahead of plan'])}; next steps agreed.`,
      };
    }
    if (roll < 0.92) {
      return {
        kind: 'reweigh-key-result',
        issuer: objective.manager,
        objective,
        keyResult,
        weight: keyResult.weight === 1 ? random.int(2, 3) : 1,
        reason: random.pick(reasons),
      };
    }
    if (roll < 0.94) {
      return {
        kind: 'rename-key-result',
        issuer: objective.manager,
        objective,
        keyResult,
        title: `${keyResult.title.replace(/ \(rev \d+\)$/, '')} (rev ${++objective.renames})`,
        reason: 'Clearer wording after the review',
      };
    }
    if (roll < 0.97) {
      const person = random.pick(this.org.people).personId;
      return objective.contributors.has(person)
        ? { kind: 'remove-contributor', issuer: person, objective, personId: person }
        : { kind: 'add-contributor', issuer: person, objective, personId: person };
    }
    const guild = random.pick(this.org.guilds);
    const coordinator = guild.leadIds[0];
    if (coordinator === undefined) return undefined;
    return objective.followers.has(guild.id)
      ? { kind: 'unfollow', issuer: coordinator, objective, guildId: guild.id }
      : { kind: 'follow', issuer: coordinator, objective, guildId: guild.id };
  }
}

/** A new current value on the way to the target, never reaching it (no achievement storms). */
export const nextValue = (keyResult: BenchKeyResult, random: SeededRandom): number => {
  const { start, target } = keyResult.metric;
  if (keyResult.metric.type === 'milestone') return keyResult.current === 0 ? 1 : 0;
  const span = target - start;
  let value = Math.round(start + span * random.next() * 0.9);
  if (value === keyResult.current) value += span > 0 ? 1 : -1;
  return value;
};

/** A target moved by 5–15 %, either way, keeping the direction valid. */
const nextTarget = (keyResult: BenchKeyResult, random: SeededRandom): number => {
  const { start, target, direction } = keyResult.metric;
  const moved = Math.round(
    target * (1 + ((random.chance(0.5) ? 1 : -1) * random.int(5, 15)) / 100),
  );
  const valid = direction === 'increase' ? Math.max(moved, start + 1) : Math.min(moved, start - 1);
  return valid === target ? target + (direction === 'increase' ? 1 : -1) : valid;
};

const applyToModel = (change: OkrChange): void => {
  switch (change.kind) {
    case 'record-progress':
      change.keyResult.current = change.value;
      return;
    case 'adjust-target':
      change.keyResult.metric = { ...change.keyResult.metric, target: change.target };
      return;
    case 'reweigh-key-result':
      change.keyResult.weight = change.weight;
      return;
    case 'rename-key-result':
      change.keyResult.title = change.title;
      return;
    case 'add-contributor':
      change.objective.contributors.add(change.personId);
      return;
    case 'remove-contributor':
      change.objective.contributors.delete(change.personId);
      return;
    case 'follow':
      change.objective.followers.add(change.guildId);
      return;
    case 'unfollow':
      change.objective.followers.delete(change.guildId);
      return;
    case 'record-review-note':
      return;
    default: {
      const never: never = change;
      throw new Error(`Unknown change ${JSON.stringify(never)}`);
    }
  }
};
