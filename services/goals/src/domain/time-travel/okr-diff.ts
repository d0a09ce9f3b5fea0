import type { RecordedEvent } from '@rhythm/event-sourcing';
import { assertNever } from '@rhythm/event-sourcing';
import type { Change } from '../change';
import { change } from '../change';
import type { CycleStatus } from '../cycle/cycle.state';
import { progressOf } from '../objective/metric';
import type { ObjectiveEvent } from '../objective/objective.events';
import { isObjectiveEvent } from '../objective/objective.events';
import type { KeyResult, Objective, ObjectiveStatus } from '../objective/objective.state';
import type { Owner } from '../owner';
import { sameOwner } from '../owner';
import type { OkrTree } from './okr-tree';
import { okrTreeAsOf } from './okr-tree';

/** Who changed something, when and why: from the events between the two dates. */
export type ChangeRecord = Readonly<{
  eventType: string;
  actor: string;
  occurredAt: string;
  reason?: string;
}>;

type KeyResultRef = Readonly<{ objectiveId: string; keyResultId: string }>;

/**
 * One net change between two dates. A change that was made and undone in between (a target
 * raised, then set back) is no change; its records are still in the audit history.
 */
export type OkrChange = Readonly<{ because: readonly ChangeRecord[] }> &
  (
    | Readonly<{ kind: 'cycle-status-changed'; status: Change<CycleStatus | 'none'> }>
    | Readonly<{
        kind: 'objective-created';
        objectiveId: string;
        title: string;
        owner: Owner;
        keyResults: readonly string[];
      }>
    | Readonly<{
        kind: 'objective-status-changed';
        objectiveId: string;
        status: Change<ObjectiveStatus>;
      }>
    | Readonly<{
        kind: 'objective-renamed';
        objectiveId: string;
        title: Change<string>;
        description: Change<string>;
      }>
    | Readonly<{ kind: 'objective-owner-changed'; objectiveId: string; owner: Change<Owner> }>
    | Readonly<{
        kind: 'objective-visibility-changed';
        objectiveId: string;
        visibility: Change<string>;
      }>
    | Readonly<{ kind: 'aligned' | 'unaligned'; objectiveId: string; parentObjectiveId: string }>
    | (KeyResultRef & Readonly<{ kind: 'key-result-added'; title: string; target: number }>)
    | (KeyResultRef & Readonly<{ kind: 'key-result-dropped'; title: string }>)
    | (KeyResultRef & Readonly<{ kind: 'key-result-renamed'; title: Change<string> }>)
    | (KeyResultRef &
        Readonly<{ kind: 'target-adjusted'; target: Change<number>; lowersAmbition: boolean }>)
    | (KeyResultRef & Readonly<{ kind: 'key-result-owner-changed'; owner: Change<string> }>)
    | (KeyResultRef & Readonly<{ kind: 'weight-changed'; weight: Change<number> }>)
    | (KeyResultRef &
        Readonly<{ kind: 'progressed'; value: Change<number>; progress: Change<number> }>)
  );

export type OkrDiff = Readonly<{
  cycleId: string;
  from: string;
  to: string;
  changes: readonly OkrChange[];
}>;

/**
 * What changed in a cycle between two dates (ADR 0020): the trees as they stood at `from` and at
 * `to` compared, each change with the records of who made it, when and why.
 */
export const okrDiff = (
  events: readonly RecordedEvent[],
  cycleId: string,
  from: Date,
  to: Date,
): OkrDiff => {
  const records = windowRecords(from, to);
  for (const event of events) records.add(event);
  return okrDiffOf(okrTreeAsOf(events, cycleId, from), okrTreeAsOf(events, cycleId, to), records);
};

/**
 * The same from the trees at both dates, and the records of the events of the window (each
 * stream's in revision order): time travel from snapshots (ADR 0045) reads them as it folds.
 */
export const okrDiffOf = (before: OkrTree, after: OkrTree, records: WindowRecords): OkrDiff => {
  const because = (key: string): readonly ChangeRecord[] => records.of(key);

  const changes: OkrChange[] = [];
  if (before.cycle.status !== after.cycle.status) {
    changes.push({
      kind: 'cycle-status-changed',
      status: change(before.cycle.status, after.cycle.status),
      because: records.ofCycle(),
    });
  }
  const was = objectivesOf(before);
  for (const { objective } of after.objectives) {
    const previous = was.get(objective.objectiveId);
    if (previous === undefined) {
      changes.push({
        kind: 'objective-created',
        objectiveId: objective.objectiveId,
        title: objective.title,
        owner: objective.owner,
        keyResults: objective.keyResults.map((kr) => kr.title),
        because: because(keys.objective(objective.objectiveId)),
      });
      continue;
    }
    changes.push(...objectiveChanges(previous, objective, because));
  }
  return { cycleId: after.cycleId, from: before.asOf, to: after.asOf, changes };
};

const objectivesOf = (tree: OkrTree): Map<string, Objective> =>
  new Map(tree.objectives.map(({ objective }) => [objective.objectiveId, objective]));

const objectiveChanges = (
  before: Objective,
  after: Objective,
  because: (key: string) => readonly ChangeRecord[],
): OkrChange[] => {
  const id = after.objectiveId;
  const changes: OkrChange[] = [];
  if (before.status !== after.status) {
    changes.push({
      kind: 'objective-status-changed',
      objectiveId: id,
      status: change(before.status, after.status),
      because: because(keys.status(id)),
    });
  }
  if (before.title !== after.title || before.description !== after.description) {
    changes.push({
      kind: 'objective-renamed',
      objectiveId: id,
      title: change(before.title, after.title),
      description: change(before.description, after.description),
      because: because(keys.renamed(id)),
    });
  }
  if (!sameOwner(before.owner, after.owner)) {
    changes.push({
      kind: 'objective-owner-changed',
      objectiveId: id,
      owner: change(before.owner, after.owner),
      because: because(keys.owner(id)),
    });
  }
  if (before.visibility !== after.visibility) {
    changes.push({
      kind: 'objective-visibility-changed',
      objectiveId: id,
      visibility: change<string>(before.visibility, after.visibility),
      because: because(keys.visibility(id)),
    });
  }
  for (const parent of after.parents.filter((p) => !before.parents.includes(p))) {
    changes.push({
      kind: 'aligned',
      objectiveId: id,
      parentObjectiveId: parent,
      because: because(keys.alignment(id, parent)),
    });
  }
  for (const parent of before.parents.filter((p) => !after.parents.includes(p))) {
    changes.push({
      kind: 'unaligned',
      objectiveId: id,
      parentObjectiveId: parent,
      because: because(keys.alignment(id, parent)),
    });
  }
  const previous = new Map(before.keyResults.map((kr) => [kr.keyResultId, kr]));
  for (const keyResult of after.keyResults) {
    const was = previous.get(keyResult.keyResultId);
    if (was === undefined) {
      changes.push({
        kind: 'key-result-added',
        objectiveId: id,
        keyResultId: keyResult.keyResultId,
        title: keyResult.title,
        target: keyResult.metric.target,
        because: because(keys.keyResult(id, keyResult.keyResultId)),
      });
    } else {
      changes.push(...keyResultChanges(id, was, keyResult, because));
    }
  }
  const kept = new Set(after.keyResults.map((kr) => kr.keyResultId));
  for (const dropped of before.keyResults.filter((kr) => !kept.has(kr.keyResultId))) {
    changes.push({
      kind: 'key-result-dropped',
      objectiveId: id,
      keyResultId: dropped.keyResultId,
      title: dropped.title,
      because: because(keys.keyResult(id, dropped.keyResultId)),
    });
  }
  return changes;
};

const keyResultChanges = (
  objectiveId: string,
  before: KeyResult,
  after: KeyResult,
  because: (key: string) => readonly ChangeRecord[],
): OkrChange[] => {
  const ref = { objectiveId, keyResultId: after.keyResultId };
  const changes: OkrChange[] = [];
  if (before.title !== after.title) {
    changes.push({
      kind: 'key-result-renamed',
      ...ref,
      title: change(before.title, after.title),
      because: because(keys.keyResultTitle(objectiveId, ref.keyResultId)),
    });
  }
  if (before.metric.target !== after.metric.target) {
    changes.push({
      kind: 'target-adjusted',
      ...ref,
      target: change(before.metric.target, after.metric.target),
      lowersAmbition:
        after.metric.direction === 'increase'
          ? after.metric.target < before.metric.target
          : after.metric.target > before.metric.target,
      because: because(keys.target(objectiveId, ref.keyResultId)),
    });
  }
  if (before.owner !== after.owner) {
    changes.push({
      kind: 'key-result-owner-changed',
      ...ref,
      owner: change(before.owner, after.owner),
      because: because(keys.keyResultOwner(objectiveId, ref.keyResultId)),
    });
  }
  if (before.weight !== after.weight) {
    changes.push({
      kind: 'weight-changed',
      ...ref,
      weight: change(before.weight, after.weight),
      because: because(keys.weight(objectiveId, ref.keyResultId)),
    });
  }
  if (before.current !== after.current) {
    changes.push({
      kind: 'progressed',
      ...ref,
      value: change(before.current, after.current),
      progress: change(
        progressOf(before.metric, before.current),
        progressOf(after.metric, after.current),
      ),
      because: because(keys.progress(objectiveId, ref.keyResultId)),
    });
  }
  return changes;
};

/** What each event is a record of, as keys the comparison above looks up. */
const keys = {
  objective: (o: string) => `objective:${o}`,
  status: (o: string) => `status:${o}`,
  renamed: (o: string) => `renamed:${o}`,
  owner: (o: string) => `owner:${o}`,
  visibility: (o: string) => `visibility:${o}`,
  alignment: (o: string, parent: string) => `alignment:${o}:${parent}`,
  keyResult: (o: string, kr: string) => `key-result:${o}:${kr}`,
  keyResultTitle: (o: string, kr: string) => `key-result-title:${o}:${kr}`,
  target: (o: string, kr: string) => `target:${o}:${kr}`,
  keyResultOwner: (o: string, kr: string) => `key-result-owner:${o}:${kr}`,
  weight: (o: string, kr: string) => `weight:${o}:${kr}`,
  progress: (o: string, kr: string) => `progress:${o}:${kr}`,
};

const keyOf = (event: ObjectiveEvent): string | undefined => {
  const o = event.data.objectiveId;
  switch (event.type) {
    case 'ObjectiveDefined':
      return keys.objective(o);
    case 'ObjectiveActivated':
    case 'ObjectiveScored':
    case 'ObjectiveAbandoned':
      return keys.status(o);
    case 'ObjectiveRenamed':
      return keys.renamed(o);
    case 'ObjectiveOwnerChanged':
      return keys.owner(o);
    case 'ObjectiveVisibilityChanged':
      return keys.visibility(o);
    case 'ObjectiveAligned':
    case 'ObjectiveUnaligned':
      return keys.alignment(o, event.data.parentObjectiveId);
    case 'KeyResultAdded':
    case 'KeyResultDropped':
      return keys.keyResult(o, event.data.keyResultId);
    case 'KeyResultRenamed':
      return keys.keyResultTitle(o, event.data.keyResultId);
    case 'KeyResultTargetAdjusted':
      return keys.target(o, event.data.keyResultId);
    case 'KeyResultOwnerChanged':
      return keys.keyResultOwner(o, event.data.keyResultId);
    case 'KeyResultReweighted':
      return keys.weight(o, event.data.keyResultId);
    case 'KeyResultProgressed':
      return keys.progress(o, event.data.keyResultId);
    // Engagement and celebrations are not changes to the goal.
    case 'KeyResultAchieved':
    case 'ObjectiveAchieved':
    case 'ObjectiveFollowed':
    case 'ObjectiveUnfollowed':
    case 'ContributorAdded':
    case 'ContributorRemoved':
    case 'ReviewNoteRecorded':
    case 'KeyResultScoreOverridden':
    case 'RetrospectiveRecorded':
      return undefined;
    default:
      return assertNever(event);
  }
};

const recordOf = (event: RecordedEvent): ChangeRecord => {
  const dataReason = (event.data as { reason?: unknown }).reason;
  const reason = typeof dataReason === 'string' ? dataReason : event.metadata.reason;
  return {
    eventType: event.type,
    actor: event.metadata.actor,
    occurredAt: event.metadata.occurredAt,
    ...(reason === undefined ? {} : { reason }),
  };
};

/**
 * The records of a run of consecutive events of a cycle, by what each is a record of, in their
 * order: what the snapshot taker keeps beside each snapshot for the events since the one before
 * (ADR 0061), so that a window holding all of them need not read them again. Plain JSON.
 */
export type SegmentRecords = Readonly<{
  ofCycle: readonly ChangeRecord[];
  byKey: Readonly<Record<string, readonly ChangeRecord[]>>;
}>;

/** Who changed what in a window: the records of its events, taken one event at a time. */
export type WindowRecords = Readonly<{
  /** Takes an event; `occurredAt` is its time in milliseconds, when the caller has it. */
  add: (event: RecordedEvent, occurredAt?: number) => void;
  /**
   * Takes the records of a segment every event of which occurred in the window, in its place
   * among the events taken: after those before it, before those after it.
   */
  addSegment: (segment: SegmentRecords) => void;
  of: (key: string) => readonly ChangeRecord[];
  ofCycle: () => readonly ChangeRecord[];
}>;

const cycleChanges = /^Cycle(Activated|ReviewStarted|Reopened|Closed)$/;

/** Records of the events taken that occurred after `after` and by `by` (milliseconds). */
const recordsBetween = (after: number, by: number) => {
  const byKey = new Map<string, ChangeRecord[]>();
  const ofCycle: ChangeRecord[] = [];
  const append = (key: string, taken: readonly ChangeRecord[]) => {
    const known = byKey.get(key);
    if (known === undefined) byKey.set(key, [...taken]);
    else for (const record of taken) known.push(record);
  };
  return {
    byKey,
    ofCycle,
    add: (event: RecordedEvent, occurredAt = Date.parse(event.metadata.occurredAt)): void => {
      if (occurredAt <= after || occurredAt > by) return;
      if (cycleChanges.test(event.type)) {
        ofCycle.push(recordOf(event));
        return;
      }
      if (!isObjectiveEvent(event)) return;
      const key = keyOf(event);
      if (key !== undefined) append(key, [recordOf(event)]);
    },
    addSegment: (segment: SegmentRecords): void => {
      for (const record of segment.ofCycle) ofCycle.push(record);
      for (const [key, taken] of Object.entries(segment.byKey)) append(key, taken);
    },
  };
};

/** Records of the events that occurred after `from` and by `to`. */
export const windowRecords = (from: Date, to: Date): WindowRecords => {
  const records = recordsBetween(from.getTime(), to.getTime());
  return {
    add: records.add,
    addSegment: records.addSegment,
    of: (key) => records.byKey.get(key) ?? [],
    ofCycle: () => records.ofCycle,
  };
};

/** Records of every event taken, whenever it occurred: a segment's, as the snapshot taker keeps them. */
export const segmentRecords = () => {
  const records = recordsBetween(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  return {
    add: (event: RecordedEvent): void => records.add(event),
    taken: (): SegmentRecords => ({
      ofCycle: [...records.ofCycle],
      byKey: Object.fromEntries(records.byKey),
    }),
  };
};
