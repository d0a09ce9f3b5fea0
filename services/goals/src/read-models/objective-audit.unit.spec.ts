import type { ObjectiveEvent } from '@rhythm/goals-domain';
import { auditRecordOf, reasonOf } from './objective-audit';

const objectiveId = 'effortless-checkout';

describe('the audit record of an objective event', () => {
  it('shows a lowered target before → after, for its key result', () => {
    const event: ObjectiveEvent = {
      type: 'KeyResultTargetAdjusted',
      data: {
        objectiveId,
        keyResultId: 'nps',
        target: { before: 41, after: 39 },
        lowersAmbition: true,
        reason: 'Survey moved',
      },
    };
    expect(auditRecordOf(event)).toEqual({
      keyResultId: 'nps',
      changes: [{ field: 'target', before: 41, after: 39 }],
    });
    expect(reasonOf(event.data, { reason: 'from the request' })).toBe('Survey moved');
  });

  it('records only the fields a rename changed', () => {
    expect(
      auditRecordOf({
        type: 'ObjectiveRenamed',
        data: {
          objectiveId,
          title: { before: 'A', after: 'B' },
          description: { before: 'same', after: 'same' },
        },
      }).changes,
    ).toEqual([{ field: 'title', before: 'A', after: 'B' }]);
  });

  it('records what was created, and what was removed', () => {
    const defined = auditRecordOf({
      type: 'ObjectiveDefined',
      data: {
        objectiveId,
        cycleId: 'q1',
        title: 'Effortless checkout',
        description: '',
        owner: { kind: 'squad', id: 'checkout' },
        kind: 'committed',
        visibility: 'private',
      },
    });
    expect(defined.keyResultId).toBeUndefined();
    expect(defined.changes).toContainEqual({ field: 'visibility', before: null, after: 'private' });
    expect(
      auditRecordOf({
        type: 'KeyResultDropped',
        data: { objectiveId, keyResultId: 'nps', title: 'Raise NPS', reason: 'Out of scope' },
      }),
    ).toEqual({
      keyResultId: 'nps',
      changes: [{ field: 'keyResult', before: 'Raise NPS', after: null }],
    });
  });

  it('takes the request’s reason when the event carries none', () => {
    expect(reasonOf({ objectiveId }, { reason: 'Reorganisation' })).toBe('Reorganisation');
    expect(reasonOf({ objectiveId }, {})).toBeUndefined();
  });
});
