import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection, type ProjectionContext } from '@rhythm/projections';
import {
  meetsTarget,
  type Metric,
  type ObjectiveEvent,
  type ObjectiveKind,
  type ObjectiveStatus,
  type Owner,
  type RecordedObjectiveScore,
  type ReviewStage,
  type Visibility,
} from '@rhythm/goals-domain';
import { mapKey, ownerKey } from './read-model-keys';

export type KeyResultEntry = {
  keyResultId: string;
  title: string;
  metric: Metric;
  current: number;
  /** The person accountable. */
  owner: string;
  weight: number;
  achieved: boolean;
  /** Stream revision of KeyResultAdded: key results are listed in the order they were added. */
  order: number;
  scoreOverride?: { score: number; reason: string };
};

export type ReviewNoteEntry = {
  noteId: string;
  stage: ReviewStage;
  author: string;
  text: string;
  at: string;
  order: number;
};

/**
 * One objective with its key results, as it is now. Progress is not stored: it is derived on
 * read from each key result's metric and current value (objective-document.ts), so it can never
 * disagree with a target changed later.
 */
export type ObjectiveDocument = {
  _id: string;
  tenantId: string;
  objectiveId: string;
  cycleId: string;
  title: string;
  description: string;
  owner: Owner;
  /** `kind:id` of the owner, for the unit and person queries. */
  ownerKey: string;
  kind: ObjectiveKind;
  visibility: Visibility;
  status: ObjectiveStatus;
  /** Keyed by mapKey(keyResultId). */
  keyResults: Record<string, KeyResultEntry>;
  /** People who own at least one key result: "a person's OKRs". */
  keyResultOwners: string[];
  parents: string[];
  /** Guild ids. */
  followers: string[];
  contributors: string[];
  reviewNotes: Record<string, ReviewNoteEntry>;
  retrospective?: { author: string; wentWell: string; learned: string; doDifferently: string };
  score?: RecordedObjectiveScore;
  achievedAt?: string | null;
  abandoned?: { reason: string; at: string };
  fromProposalId?: string;
  fromTemplateId?: string;
  definedAt: string;
  updatedAt: string;
};

/** One alignment edge: `objectiveId` contributes to `parentObjectiveId`. */
export type AlignmentDocument = {
  _id: string;
  tenantId: string;
  objectiveId: string;
  parentObjectiveId: string;
  cycleId: string;
  /** False once unaligned (a tombstone could not be revived by aligning again). */
  active: boolean;
  alignedAt: string;
  unalignedAt?: string;
};

export const objectivesEventTypes = [
  'ObjectiveDefined',
  'KeyResultAdded',
  'ObjectiveActivated',
  'ObjectiveRenamed',
  'ObjectiveOwnerChanged',
  'ObjectiveVisibilityChanged',
  'KeyResultRenamed',
  'KeyResultTargetAdjusted',
  'KeyResultOwnerChanged',
  'KeyResultReweighted',
  'KeyResultDropped',
  'KeyResultProgressed',
  'KeyResultAchieved',
  'ObjectiveAchieved',
  'ObjectiveAligned',
  'ObjectiveUnaligned',
  'ObjectiveFollowed',
  'ObjectiveUnfollowed',
  'ContributorAdded',
  'ContributorRemoved',
  'ReviewNoteRecorded',
  'KeyResultScoreOverridden',
  'ObjectiveScored',
  'RetrospectiveRecorded',
  'ObjectiveAbandoned',
] as const satisfies readonly ObjectiveEvent['type'][];

type Collections = 'goals_objectives' | 'goals_alignments';

export const alignmentId = (objectiveId: string, parentObjectiveId: string): string =>
  `${objectiveId}>${parentObjectiveId}`;

/**
 * Objectives and their key results, and the alignment edges between objectives. Each document is
 * written by one objective stream only: 'stream' guards by revision, so replays change nothing.
 * Most events are plain $set/$unset; the few rare ones whose effect depends on the current
 * document (a new target, a key result owner changed or dropped) read it first, which is exact
 * on first application and harmless on replay, where the guard makes the write match nothing.
 */
export const objectivesProjection = defineProjection({
  name: 'goals_objectives',
  // 2: documents keyed by tenant and id (ADR 0025).
  version: 2,
  handles: objectivesEventTypes,
  streamPrefixes: ['objective-'],
  collections: [
    {
      name: 'goals_objectives',
      guard: 'stream',
      indexes: [
        // The OKR tree, alignment coverage and re-scoring of a cycle.
        { keys: { tenantId: 1, cycleId: 1 }, serves: 'objectives of a cycle' },
        // A unit's OKRs.
        { keys: { tenantId: 1, ownerKey: 1, cycleId: 1 }, serves: 'objectives of an owner' },
        // A person's OKRs: owned key results, contributions.
        {
          keys: { tenantId: 1, keyResultOwners: 1 },
          serves: 'objectives with key results of a person',
        },
        { keys: { tenantId: 1, contributors: 1 }, serves: 'objectives a person contributes to' },
        { keys: { tenantId: 1, followers: 1 }, serves: 'objectives a guild follows' },
      ],
    },
    {
      name: 'goals_alignments',
      guard: 'stream',
      indexes: [
        {
          keys: { tenantId: 1, parentObjectiveId: 1, active: 1 },
          serves: 'children of an objective',
        },
      ],
    },
  ],
  apply: async (event: RecordedEvent<ObjectiveEvent>, context: ProjectionContext<Collections>) => {
    const at = event.metadata.occurredAt;
    const id = event.data.objectiveId;
    const set = (fields: Record<string, unknown>, more: Record<string, unknown> = {}) =>
      context.update('goals_objectives', id, { $set: { ...fields, updatedAt: at }, ...more });
    const kr = (keyResultId: string, field: string) => `keyResults.${mapKey(keyResultId)}.${field}`;
    const current = () => context.findOne<ObjectiveDocument>('goals_objectives', id);

    switch (event.type) {
      case 'ObjectiveDefined': {
        const { fromProposalId, fromTemplateId, ...defined } = event.data;
        context.upsert('goals_objectives', id, {
          $set: {
            ...defined,
            ownerKey: ownerKey(defined.owner),
            status: 'draft',
            keyResults: {},
            keyResultOwners: [],
            parents: [],
            followers: [],
            contributors: [],
            reviewNotes: {},
            ...(fromProposalId === undefined ? {} : { fromProposalId }),
            ...(fromTemplateId === undefined ? {} : { fromTemplateId }),
            definedAt: at,
            updatedAt: at,
          },
        });
        return;
      }
      case 'KeyResultAdded': {
        const { keyResultId, title, metric, owner, weight } = event.data;
        const entry: KeyResultEntry = {
          keyResultId,
          title,
          metric,
          current: metric.start,
          owner,
          weight,
          achieved: false,
          order: event.streamRevision,
        };
        set(
          { [`keyResults.${mapKey(keyResultId)}`]: entry },
          { $addToSet: { keyResultOwners: owner } },
        );
        return;
      }
      case 'ObjectiveActivated':
        return set({ status: 'active' });
      case 'ObjectiveRenamed':
        return set({ title: event.data.title.after, description: event.data.description.after });
      case 'ObjectiveOwnerChanged':
        return set({ owner: event.data.owner.after, ownerKey: ownerKey(event.data.owner.after) });
      case 'ObjectiveVisibilityChanged':
        return set({ visibility: event.data.visibility.after });
      case 'KeyResultRenamed':
        return set({ [kr(event.data.keyResultId, 'title')]: event.data.title.after });
      case 'KeyResultTargetAdjusted': {
        const entry = (await current())?.keyResults[mapKey(event.data.keyResultId)];
        if (!entry) return;
        const metric = { ...entry.metric, target: event.data.target.after };
        // As the domain: an achievement was for the old target; a new one is announced anew.
        return set({
          [kr(event.data.keyResultId, 'metric')]: metric,
          [kr(event.data.keyResultId, 'achieved')]:
            entry.achieved && meetsTarget(metric, entry.current),
        });
      }
      case 'KeyResultOwnerChanged': {
        const document = await current();
        if (!document) return;
        const owners = ownersAfter(document, event.data.keyResultId, event.data.owner.after);
        return set({
          [kr(event.data.keyResultId, 'owner')]: event.data.owner.after,
          keyResultOwners: owners,
        });
      }
      case 'KeyResultReweighted':
        return set({ [kr(event.data.keyResultId, 'weight')]: event.data.weight.after });
      case 'KeyResultDropped': {
        const document = await current();
        if (!document) return;
        return set(
          { keyResultOwners: ownersAfter(document, event.data.keyResultId, undefined) },
          { $unset: { [`keyResults.${mapKey(event.data.keyResultId)}`]: '' } },
        );
      }
      case 'KeyResultProgressed':
        return set({ [kr(event.data.keyResultId, 'current')]: event.data.value.after });
      case 'KeyResultAchieved':
        return set({ [kr(event.data.keyResultId, 'achieved')]: true });
      case 'ObjectiveAchieved':
        return set({ achievedAt: at });
      case 'ObjectiveAligned': {
        const { parentObjectiveId } = event.data;
        set({}, { $addToSet: { parents: parentObjectiveId } });
        // The cycle never changes, so reading it from the document is safe on replay.
        const document = await current();
        context.upsert('goals_alignments', alignmentId(id, parentObjectiveId), {
          $set: {
            objectiveId: id,
            parentObjectiveId,
            cycleId: document?.cycleId ?? '',
            active: true,
            alignedAt: at,
          },
          $unset: { unalignedAt: '' },
        });
        return;
      }
      case 'ObjectiveUnaligned': {
        const { parentObjectiveId } = event.data;
        set({}, { $pull: { parents: parentObjectiveId } });
        context.update('goals_alignments', alignmentId(id, parentObjectiveId), {
          $set: { active: false, unalignedAt: at },
        });
        return;
      }
      case 'ObjectiveFollowed':
        return set({}, { $addToSet: { followers: event.data.guildId } });
      case 'ObjectiveUnfollowed':
        return set({}, { $pull: { followers: event.data.guildId } });
      case 'ContributorAdded':
        return set({}, { $addToSet: { contributors: event.data.personId } });
      case 'ContributorRemoved':
        return set({}, { $pull: { contributors: event.data.personId } });
      case 'ReviewNoteRecorded': {
        const { noteId, stage, author, text } = event.data;
        const note: ReviewNoteEntry = {
          noteId,
          stage,
          author,
          text,
          at,
          order: event.streamRevision,
        };
        return set({ [`reviewNotes.${mapKey(noteId)}`]: note });
      }
      case 'KeyResultScoreOverridden':
        return set({
          [kr(event.data.keyResultId, 'scoreOverride')]: {
            score: event.data.score.after,
            reason: event.data.reason,
          },
        });
      case 'ObjectiveScored': {
        const { objectiveId: _objectiveId, ...score } = event.data;
        return set({ status: 'scored', score });
      }
      case 'RetrospectiveRecorded': {
        const { objectiveId: _objectiveId, ...retrospective } = event.data;
        return set({ retrospective });
      }
      case 'ObjectiveAbandoned':
        return set({ status: 'abandoned', abandoned: { reason: event.data.reason, at } });
      default:
        return assertNever(event);
    }
  },
});

/** Owners of the key results once `keyResultId` has `owner` (or is dropped: undefined). */
const ownersAfter = (
  document: ObjectiveDocument,
  keyResultId: string,
  owner: string | undefined,
): string[] => {
  const owners = Object.values(document.keyResults ?? {})
    .sort((a, b) => a.order - b.order)
    .map((entry) => (entry.keyResultId === keyResultId ? owner : entry.owner))
    .filter((person): person is string => person !== undefined);
  return [...new Set(owners)];
};
