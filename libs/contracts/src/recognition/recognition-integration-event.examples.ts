/**
 * One example `data` per recognition integration event (keyed by type): checked against the
 * schemas in the contract tests.
 */
const objectiveId = '7d9f3c2a-5b1e-4f6a-9c8d-1e2f3a4b5c61';
const keyResultId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c71';
const kudosId = 'c3a8e1f0-6d2b-4a95-8f1e-7b3c9d2e4a10';
const storyId = 'e9d4b2a1-0c3f-4e58-9a7b-6f1d2c3b4a20';
const ann = '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01';
const bo = '8e2d4f6a-3c5b-4d7e-8f9a-1b2c3d4e5f02';

export const recognitionIntegrationEventExamples: Readonly<
  Record<string, Record<string, unknown>>
> = {
  'recognition.kudos-given': {
    kudosId,
    giverId: ann,
    receiverIds: [],
    unit: { kind: 'squad', id: 'support' },
    values: ['customer first'],
    about: { kind: 'key-result', objectiveId, keyResultId },
    audience: 'public',
    givenAt: '2026-03-06T15:10:00.000Z',
  },
  'recognition.kudos-withdrawn': {
    kudosId,
    withdrawnBy: ann,
    withdrawnAt: '2026-03-06T15:12:00.000Z',
  },
  'recognition.achievement-celebrated': {
    achievementKey: `kr:2026-q1:${keyResultId}`,
    kind: 'key-result-achieved',
    cycleId: '2026-q1',
    objectiveId,
    keyResultId,
    walls: [
      { kind: 'squad', id: 'support' },
      { kind: 'tribe', id: 'customer-experience' },
    ],
    visibility: 'public',
    celebratedAt: '2026-03-05T09:30:00.000Z',
  },
  'recognition.story-published': {
    storyId,
    kind: 'success',
    about: { kind: 'key-result', objectiveId, keyResultId },
    unit: { kind: 'squad', id: 'support' },
    authorId: bo,
    publishedBy: bo,
    helperIds: [ann],
    helperUnits: [],
    publishedAt: '2026-03-09T10:00:00.000Z',
  },
  'recognition.story-withdrawn': {
    storyId,
    withdrawnBy: bo,
    withdrawnAt: '2026-03-10T08:00:00.000Z',
  },
};
