/**
 * One example `data` per checkins integration event (keyed by type): checked against the schemas
 * in the contract tests.
 */
const objectiveId = '7d9f3c2a-5b1e-4f6a-9c8d-1e2f3a4b5c61';
const keyResultId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c71';
const checkInId = '2f6c1a9e-3b7d-4e21-8a5f-9c0d1e2f3a41';
const ann = '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01';
const blockerId = 'c4d5e6f7-1a2b-4c3d-8e9f-0a1b2c3d4e91';
const ben = '8e2d1c0b-3a4f-4b5c-9d6e-7f8a9b0c1d02';

export const checkinsIntegrationEventExamples: Readonly<Record<string, Record<string, unknown>>> = {
  'checkins.check-in-recorded': {
    objectiveId,
    keyResultId,
    checkInId,
    authorId: ann,
    value: 36,
    confidence: 6,
    band: 'at-risk',
    recordedAt: '2026-02-06T16:40:00.000Z',
  },
  'checkins.check-in-corrected': {
    objectiveId,
    keyResultId,
    checkInId,
    authorId: ann,
    value: { before: 36, after: 34 },
    confidence: { before: 6, after: 5 },
    band: { before: 'at-risk', after: 'at-risk' },
    reason: 'The survey export double-counted one week',
    latest: true,
    correctedAt: '2026-02-07T09:15:00.000Z',
  },
  'checkins.blocker-resolved': {
    blockerId,
    objectiveId,
    keyResultId,
    raisedBy: ann,
    resolvedBy: ben,
    resolvedAt: '2026-02-10T11:05:00.000Z',
  },
};
