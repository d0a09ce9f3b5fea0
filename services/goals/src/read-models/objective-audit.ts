import { assertNever } from '@rhythm/event-sourcing';
import type { ObjectiveEvent } from '@rhythm/goals-domain';

/** One field of a goal that an event changed, with its value before and after. */
export type AuditChange = Readonly<{ field: string; before: unknown; after: unknown }>;

/** What one objective event changed, and the key result it concerns, if any. */
export type AuditRecord = Readonly<{ keyResultId?: string; changes: readonly AuditChange[] }>;

const changed = (field: string, before: unknown, after: unknown): AuditChange => ({
  field,
  before,
  after,
});
const added = (field: string, value: unknown) => changed(field, null, value);
const removed = (field: string, value: unknown) => changed(field, value, null);

/**
 * The before → after of every objective event, for the audit history. Who, when and why come
 * from the event's metadata (and the reason from its data where the domain requires one).
 */
export const auditRecordOf = (event: ObjectiveEvent): AuditRecord => {
  switch (event.type) {
    case 'ObjectiveDefined': {
      const { title, description, owner, kind, visibility, cycleId } = event.data;
      return {
        changes: [
          added('title', title),
          added('description', description),
          added('owner', owner),
          added('kind', kind),
          added('visibility', visibility),
          added('cycleId', cycleId),
        ],
      };
    }
    case 'KeyResultAdded': {
      const { keyResultId, title, metric, owner, weight } = event.data;
      return {
        keyResultId,
        changes: [
          added('title', title),
          added('metric', metric),
          added('owner', owner),
          added('weight', weight),
        ],
      };
    }
    case 'ObjectiveActivated':
      return { changes: [changed('status', 'draft', 'active')] };
    case 'ObjectiveRenamed': {
      const { title, description } = event.data;
      return {
        changes: [
          ...(title.before === title.after ? [] : [changed('title', title.before, title.after)]),
          ...(description.before === description.after
            ? []
            : [changed('description', description.before, description.after)]),
        ],
      };
    }
    case 'ObjectiveOwnerChanged':
      return { changes: [changed('owner', event.data.owner.before, event.data.owner.after)] };
    case 'ObjectiveVisibilityChanged': {
      const { visibility } = event.data;
      return { changes: [changed('visibility', visibility.before, visibility.after)] };
    }
    case 'KeyResultRenamed':
      return forKeyResult(event.data, [
        changed('title', event.data.title.before, event.data.title.after),
      ]);
    case 'KeyResultTargetAdjusted':
      return forKeyResult(event.data, [
        changed('target', event.data.target.before, event.data.target.after),
      ]);
    case 'KeyResultOwnerChanged':
      return forKeyResult(event.data, [
        changed('owner', event.data.owner.before, event.data.owner.after),
      ]);
    case 'KeyResultReweighted':
      return forKeyResult(event.data, [
        changed('weight', event.data.weight.before, event.data.weight.after),
      ]);
    case 'KeyResultDropped':
      return forKeyResult(event.data, [removed('keyResult', event.data.title)]);
    case 'KeyResultProgressed':
      return forKeyResult(event.data, [
        changed('current', event.data.value.before, event.data.value.after),
      ]);
    case 'KeyResultAchieved':
      return forKeyResult(event.data, [changed('achieved', false, true)]);
    case 'ObjectiveAchieved':
      return { changes: [changed('achieved', false, true)] };
    case 'ObjectiveAligned':
      return { changes: [added('parent', event.data.parentObjectiveId)] };
    case 'ObjectiveUnaligned':
      return { changes: [removed('parent', event.data.parentObjectiveId)] };
    case 'ObjectiveFollowed':
      return { changes: [added('follower', event.data.guildId)] };
    case 'ObjectiveUnfollowed':
      return { changes: [removed('follower', event.data.guildId)] };
    case 'ContributorAdded':
      return { changes: [added('contributor', event.data.personId)] };
    case 'ContributorRemoved':
      return { changes: [removed('contributor', event.data.personId)] };
    case 'ReviewNoteRecorded':
      return {
        changes: [added(`reviewNote.${event.data.stage}`, event.data.text)],
      };
    case 'KeyResultScoreOverridden':
      return forKeyResult(event.data, [
        changed('score', event.data.score.before, event.data.score.after),
      ]);
    case 'ObjectiveScored':
      return {
        changes: [
          added('score', event.data.score),
          ...event.data.keyResults.map((keyResult) =>
            added(`keyResults.${keyResult.keyResultId}.score`, keyResult.score),
          ),
        ],
      };
    case 'RetrospectiveRecorded':
      return { changes: [added('retrospective', event.data.learned)] };
    case 'ObjectiveAbandoned':
      return { changes: [changed('status', null, 'abandoned')] };
    default:
      return assertNever(event);
  }
};

const forKeyResult = (
  data: Readonly<{ keyResultId: string }>,
  changes: readonly AuditChange[],
): AuditRecord => ({ keyResultId: data.keyResultId, changes });

/** The reason of a change: the event's own (required by the domain) or the request's. */
export const reasonOf = (
  data: object,
  metadata: Readonly<{ reason?: string }>,
): string | undefined => {
  const own = (data as { reason?: unknown }).reason;
  return typeof own === 'string' ? own : metadata.reason;
};
