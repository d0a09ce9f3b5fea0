// What the services answer about one objective, for the Objective screen's component tests.
export const objectiveId = '7b897e85-0d78-44b5-9032-63a197f922e6';
export const parentId = '19d69890-6b23-438f-bce9-d98a247ba00c';
export const keyResultId = 'e7f0c8e8-e230-41be-b576-11e60aa03f00';
export const blockerId = 'df123be3-10e7-44a0-bdec-01367849668d';
export const checkInId = '2047f979-c050-45aa-8e7c-6608b39dcfc1';
export const squadId = '755e0150-01e9-43d5-b91e-52c66904166f';

export const objective = {
  objectiveId,
  cycleId: 'q1',
  title: 'Checkout in one step',
  description: 'Fewer clicks to pay',
  owner: { id: squadId, kind: 'squad' },
  ownerName: 'Checkout',
  kind: 'committed',
  visibility: 'public',
  status: 'active',
  achieved: false,
  progress: 0.25,
  rolledUpProgress: 0.25,
  keyResults: [
    {
      keyResultId,
      title: 'Conversion to 60%',
      metric: { type: 'percentage', unit: '%', start: 40, target: 60, direction: 'increase' },
      current: 45,
      progress: 0.25,
      owner: 'sam',
      weight: 1,
      achieved: false,
      scoreOverride: null,
    },
  ],
  parents: [parentId],
  children: [],
  followers: [],
  contributors: [],
  score: null,
  reviewNotes: [],
  retrospective: null,
  fromProposalId: null,
  fromTemplateId: null,
  abandoned: null,
  definedAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-06T09:00:00.000Z',
};

export const keyResultHistory = [
  {
    eventId: 'e1',
    objectiveId,
    keyResultId,
    revision: 1,
    eventType: 'KeyResultAdded',
    actor: 'pete',
    occurredAt: '2026-12-01T09:00:00.000Z',
    reason: null,
    changes: [
      { field: 'title', before: null, after: 'Conversion to 60%' },
      {
        field: 'metric',
        before: null,
        after: { type: 'percentage', unit: '%', start: 40, target: 60, direction: 'increase' },
      },
      { field: 'owner', before: null, after: 'sam' },
    ],
  },
  {
    eventId: 'e3',
    objectiveId,
    keyResultId,
    revision: 4,
    eventType: 'KeyResultTargetAdjusted',
    actor: 'pete',
    occurredAt: '2026-12-06T09:00:00.000Z',
    reason: 'Stretch after the A/B test',
    changes: [{ field: 'target', before: 60, after: 65 }],
  },
  {
    eventId: 'e2',
    objectiveId,
    keyResultId,
    revision: 3,
    eventType: 'KeyResultProgressed',
    actor: 'sam',
    occurredAt: '2026-12-04T16:00:00.000Z',
    reason: null,
    changes: [{ field: 'current', before: 40, after: 45 }],
  },
];

export const blocker = {
  blockerId,
  objectiveId,
  target: { kind: 'key-result', objectiveId, keyResultId },
  description: 'Need the payments API',
  waitsOn: { kind: 'outside', name: 'the data team' },
  raisedBy: 'sam',
  unit: { kind: 'squad', id: squadId },
  ownerIds: ['pete'],
  owners: [{ ownerIds: ['pete'], from: '2026-12-04T16:00:00.000Z' }],
  status: 'open',
  awaitingAcknowledgement: true,
  raisedAt: '2026-12-04T16:00:00.000Z',
};

export const checkIn = {
  checkInId,
  objectiveId,
  keyResultId,
  authorId: 'sam',
  value: 45,
  confidence: 6,
  band: 'at-risk',
  note: { progress: 'A/B test live', obstacles: '', nextSteps: '' },
  blockerIds: [],
  acknowledgers: ['pete'],
  awaitingAcknowledgement: true,
  corrections: [],
  recordedAt: '2026-12-04T16:00:00.000Z',
};
