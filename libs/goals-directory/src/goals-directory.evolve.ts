import type { IntegrationEnvelope } from '@rhythm/contracts';
import type { Owner, Visibility } from '@rhythm/access-rules';

/**
 * What a service (checkins, recognition) knows of the goals context, from `rhythm.goals.events`
 * only (issue 9, item 3; ADR 0047): one record per cycle and per objective, folded from the
 * topic. Private objectives are kept too: the service decides who may see them
 * (docs/security.md).
 */
export type CycleStatus = 'planning' | 'active' | 'review' | 'closed';
export type ObjectiveStatus = 'draft' | 'active' | 'abandoned';

export type DirectoryKeyResult = Readonly<{
  keyResultId: string;
  title: string;
  ownerId: string;
  /** Since when its owner owes check-ins: its addition, activation or change of owner. */
  ownedSince: string;
  dropped: boolean;
  /** When it was dropped: the statistics stop owing its check-ins from then. */
  droppedAt?: string;
  /** The goals service's score of it when the cycle closed (0–1), for confidence calibration. */
  finalScore?: number;
  /** When goals scored it: the statistics as of an earlier date do not know the score yet. */
  scoredAt?: string;
  /** When it first reached its target (goals.key-result-achieved): a moment to celebrate. */
  achievedAt?: string;
}>;

/** An objective's retrospective, the latest recorded: lessons learned at cycle close. */
export type DirectoryRetrospective = Readonly<{
  authorId: string;
  wentWell: string;
  learned: string;
  doDifferently: string;
  recordedAt: string;
}>;

export type DirectoryObjective = Readonly<{
  objectiveId: string;
  cycleId: string;
  title: string;
  owner: Owner;
  visibility: Visibility;
  status: ObjectiveStatus;
  activatedAt?: string;
  contributorIds: readonly string[];
  /** Guilds following it: their members may post insights on it. */
  followerGuildIds: readonly string[];
  keyResults: readonly DirectoryKeyResult[];
  /** When every key result first reached its target (goals.objective-achieved). */
  achievedAt?: string;
  retrospective?: DirectoryRetrospective;
}>;

export type DirectoryCycle = Readonly<{
  cycleId: string;
  name: string;
  status: CycleStatus;
  /** Its first and last day (YYYY-MM-DD), as planned or last rescheduled. */
  startsOn?: string;
  endsOn?: string;
  /** When it last closed; a reopened cycle loses it. */
  closedAt?: string;
}>;

/** The stream of a goals event, as the checkins directory keeps it. */
export type GoalsSubject =
  Readonly<{ kind: 'cycle'; id: string }> | Readonly<{ kind: 'objective'; id: string }>;

type Data = Record<string, unknown>;
const text = (data: Data, field: string): string => String(data[field]);

/**
 * The cycle or objective an event is about, by its goals stream (`cycle-…`, `objective-…`);
 * proposals and anything else are not kept.
 */
export const goalsSubjectOf = (envelope: IntegrationEnvelope): GoalsSubject | undefined => {
  if (envelope.streamId.startsWith('cycle-')) {
    return { kind: 'cycle', id: text(envelope.data, 'cycleId') };
  }
  if (envelope.streamId.startsWith('objective-')) {
    return { kind: 'objective', id: text(envelope.data, 'objectiveId') };
  }
  return undefined;
};

const cycleStatusAfter: Readonly<Record<string, CycleStatus>> = {
  'goals.cycle-planned': 'planning',
  'goals.cycle-activated': 'active',
  'goals.cycle-review-started': 'review',
  'goals.cycle-reopened': 'active',
  'goals.cycle-closed': 'closed',
};

export const evolveCycle = (
  cycle: DirectoryCycle | undefined,
  envelope: IntegrationEnvelope,
): DirectoryCycle | undefined => {
  const { data, type, occurredAt } = envelope;
  if (type === 'goals.cycle-planned') {
    return {
      cycleId: text(data, 'cycleId'),
      name: text(data, 'name'),
      status: 'planning',
      startsOn: text(data, 'startsOn'),
      endsOn: text(data, 'endsOn'),
    };
  }
  if (type === 'goals.cycle-rescheduled') {
    if (cycle === undefined) return cycle;
    const after = (field: string) => String((data[field] as { after: unknown }).after);
    return { ...cycle, startsOn: after('startsOn'), endsOn: after('endsOn') };
  }
  const status = cycleStatusAfter[type];
  if (cycle === undefined || status === undefined) return cycle;
  const { closedAt: _closedAt, ...open } = cycle;
  return status === 'closed' ? { ...open, status, closedAt: occurredAt } : { ...open, status };
};

const without = (ids: readonly string[], id: string) => ids.filter((other) => other !== id);
const withOne = (ids: readonly string[], id: string) => (ids.includes(id) ? ids : [...ids, id]);

const changeKeyResult = (
  objective: DirectoryObjective,
  keyResultId: string,
  change: (keyResult: DirectoryKeyResult) => DirectoryKeyResult,
): DirectoryObjective => ({
  ...objective,
  keyResults: objective.keyResults.map((keyResult) =>
    keyResult.keyResultId === keyResultId ? change(keyResult) : keyResult,
  ),
});

/**
 * Folds one goals event into an objective's record. Unknown types (a newer contract the
 * consumer's registry accepts) leave it as it is.
 */
export const evolveObjective = (
  objective: DirectoryObjective | undefined,
  envelope: IntegrationEnvelope,
): DirectoryObjective | undefined => {
  const { data, type, occurredAt } = envelope;
  if (type === 'goals.objective-created') {
    return {
      objectiveId: text(data, 'objectiveId'),
      cycleId: text(data, 'cycleId'),
      title: text(data, 'title'),
      owner: data.owner as Owner,
      visibility: data.visibility as Visibility,
      status: 'draft',
      contributorIds: [],
      followerGuildIds: [],
      keyResults: [],
    };
  }
  if (objective === undefined) return undefined;
  switch (type) {
    case 'goals.key-result-added':
      return {
        ...objective,
        keyResults: [
          ...objective.keyResults,
          {
            keyResultId: text(data, 'keyResultId'),
            title: text(data, 'title'),
            ownerId: text(data, 'owner'),
            ownedSince: occurredAt,
            dropped: false,
          },
        ],
      };
    case 'goals.objective-activated':
      return {
        ...objective,
        status: 'active',
        activatedAt: occurredAt,
        // Check-ins are owed from the day the objective is set, not from the draft's.
        keyResults: objective.keyResults.map((keyResult) => ({
          ...keyResult,
          ownedSince: occurredAt,
        })),
      };
    case 'goals.objective-adjusted': {
      const field = data.field;
      if (field === 'text') {
        return { ...objective, title: (data.title as { after: string }).after };
      }
      if (field === 'owner') return { ...objective, owner: (data.owner as { after: Owner }).after };
      if (field === 'visibility') {
        return { ...objective, visibility: (data.visibility as { after: Visibility }).after };
      }
      return objective;
    }
    case 'goals.key-result-adjusted': {
      const keyResultId = text(data, 'keyResultId');
      if (data.field === 'title') {
        return changeKeyResult(objective, keyResultId, (kr) => ({
          ...kr,
          title: text(data, 'after'),
        }));
      }
      if (data.field === 'owner') {
        return changeKeyResult(objective, keyResultId, (kr) => ({
          ...kr,
          ownerId: text(data, 'after'),
          ownedSince: occurredAt,
        }));
      }
      return objective;
    }
    case 'goals.key-result-dropped':
      return changeKeyResult(objective, text(data, 'keyResultId'), (kr) => ({
        ...kr,
        dropped: true,
        droppedAt: occurredAt,
      }));
    case 'goals.contributor-added':
      return {
        ...objective,
        contributorIds: withOne(objective.contributorIds, text(data, 'personId')),
      };
    case 'goals.contributor-removed':
      return {
        ...objective,
        contributorIds: without(objective.contributorIds, text(data, 'personId')),
      };
    case 'goals.objective-followed':
      return {
        ...objective,
        followerGuildIds: withOne(objective.followerGuildIds, text(data, 'guildId')),
      };
    case 'goals.objective-unfollowed':
      return {
        ...objective,
        followerGuildIds: without(objective.followerGuildIds, text(data, 'guildId')),
      };
    case 'goals.objective-abandoned':
      return { ...objective, status: 'abandoned' };
    case 'goals.key-result-achieved':
      // Once per target in goals; the first time is the one a celebration is dated by.
      return changeKeyResult(objective, text(data, 'keyResultId'), (kr) => ({
        ...kr,
        achievedAt: kr.achievedAt ?? occurredAt,
      }));
    case 'goals.objective-achieved':
      return { ...objective, achievedAt: objective.achievedAt ?? occurredAt };
    case 'goals.retrospective-recorded':
      return {
        ...objective,
        retrospective: {
          authorId: text(data, 'author'),
          wentWell: text(data, 'wentWell'),
          learned: text(data, 'learned'),
          doDifferently: text(data, 'doDifferently'),
          recordedAt: occurredAt,
        },
      };
    case 'goals.objective-scored': {
      const scores = new Map(
        (data.keyResults as readonly { keyResultId: string; score: number }[]).map((kr) => [
          kr.keyResultId,
          kr.score,
        ]),
      );
      return {
        ...objective,
        keyResults: objective.keyResults.map((kr) =>
          scores.has(kr.keyResultId)
            ? { ...kr, finalScore: scores.get(kr.keyResultId)!, scoredAt: occurredAt }
            : kr,
        ),
      };
    }
    default:
      return objective;
  }
};
