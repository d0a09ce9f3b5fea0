/**
 * One example `data` per goals integration event (keyed by type): checked against the schemas in
 * the contract tests and printed in docs/events/goals.md.
 */
const objectiveId = '7d9f3c2a-5b1e-4f6a-9c8d-1e2f3a4b5c61';
const keyResultId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c71';
const proposalId = 'c0ffee00-1234-4abc-9def-0123456789a1';
const squadId = '0c8f4b7e-9d43-4d57-8a0e-6f0c3c1d2b11';
const ann = '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01';
const priya = '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f91';
const nps = {
  title: 'Raise NPS by 10 points',
  metric: { type: 'number', unit: 'points', start: 31, target: 41, direction: 'increase' },
  owner: ann,
  weight: 2,
};

export const goalsIntegrationEventExamples: Readonly<Record<string, Record<string, unknown>>> = {
  'goals.cycle-planned': {
    cycleId: '2026-q1',
    name: 'Q1 2026',
    startsOn: '2026-01-01',
    endsOn: '2026-03-31',
    scoringRule: { kind: 'linear' },
  },
  'goals.cycle-rescheduled': {
    cycleId: '2026-q1',
    startsOn: { before: '2026-01-01', after: '2026-01-05' },
    endsOn: { before: '2026-03-31', after: '2026-04-03' },
    reason: 'Align with the sprint calendar',
  },
  'goals.cycle-scoring-rule-changed': {
    cycleId: '2026-q1',
    scoringRule: {
      before: { kind: 'linear' },
      after: {
        kind: 'zones',
        zones: [
          { name: 'fail', from: 0, score: 0 },
          { name: 'commit', from: 0.3, score: 0.3 },
          { name: 'target', from: 0.7, score: 0.7 },
          { name: 'stretch', from: 1, score: 1 },
        ],
      },
    },
    reason: null,
  },
  'goals.cycle-activated': { cycleId: '2026-q1' },
  'goals.cycle-review-started': { cycleId: '2026-q1' },
  'goals.cycle-reopened': {
    cycleId: '2026-q1',
    reason: 'Review started before the last check-ins',
  },
  'goals.cycle-closed': { cycleId: '2026-q1', scoringRule: { kind: 'linear' } },
  'goals.objective-created': {
    objectiveId,
    cycleId: '2026-q1',
    title: 'Improve customer satisfaction',
    description: 'Customers recommend us because we solve their problems quickly and well.',
    owner: { kind: 'squad', id: squadId },
    kind: 'committed',
    visibility: 'public',
    fromProposalId: null,
    fromTemplateId: 'improve-customer-satisfaction',
  },
  'goals.key-result-added': {
    objectiveId,
    keyResultId,
    ...nps,
    fromProposalId: null,
    reason: null,
  },
  'goals.objective-activated': { objectiveId },
  'goals.objective-adjusted': {
    objectiveId,
    field: 'owner',
    owner: {
      before: { kind: 'squad', id: squadId },
      after: { kind: 'tribe', id: 'e4d3c2b1-a0f9-4e8d-8c7b-6a5f4e3d2c31' },
    },
    reason: 'The tribe takes it over after the reorganisation',
  },
  'goals.key-result-adjusted': {
    objectiveId,
    keyResultId,
    field: 'target',
    before: 41,
    after: 38,
    lowersAmbition: true,
    reason: 'Survey moved to the next quarter',
  },
  'goals.key-result-dropped': {
    objectiveId,
    keyResultId,
    title: 'Raise NPS by 10 points',
    reason: 'Replaced by a churn key result',
  },
  'goals.key-result-progressed': {
    objectiveId,
    keyResultId,
    value: 35,
    previousValue: 31,
    checkInId: null,
  },
  'goals.key-result-achieved': { objectiveId, keyResultId, value: 41, target: 41 },
  'goals.objective-achieved': { objectiveId },
  'goals.objective-aligned': {
    objectiveId,
    parentObjectiveId: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f1',
  },
  'goals.objective-unaligned': {
    objectiveId,
    parentObjectiveId: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f1',
    reason: null,
  },
  'goals.objective-followed': { objectiveId, guildId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b41' },
  'goals.objective-unfollowed': { objectiveId, guildId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b41' },
  'goals.contributor-added': { objectiveId, personId: priya },
  'goals.contributor-removed': { objectiveId, personId: priya },
  'goals.review-note-recorded': {
    objectiveId,
    noteId: 'b4c5d6e7-f8a9-4b0c-8d1e-2f3a4b5c6d71',
    stage: 'mid-cycle',
    author: ann,
    text: 'NPS moves slowly: the survey runs monthly.',
  },
  'goals.key-result-score-overridden': {
    objectiveId,
    keyResultId,
    score: { before: null, after: 0.6 },
    reason: 'Survey sample too small in March',
  },
  'goals.objective-scored': {
    objectiveId,
    rule: { kind: 'linear' },
    keyResults: [
      { keyResultId, weight: 2, progress: 0.7, computed: 0.7, score: 0.7, overridden: false },
    ],
    score: 0.7,
    grade: 'yellow',
    success: false,
  },
  'goals.retrospective-recorded': {
    objectiveId,
    author: ann,
    wentWell: 'Weekly NPS reviews with support',
    learned: 'Response time drives NPS more than resolution time',
    doDifferently: 'Measure the baseline before the cycle starts',
  },
  'goals.objective-abandoned': { objectiveId, reason: 'The product line was discontinued' },
  'goals.proposal-submitted': {
    proposalId,
    cycleId: '2026-q1',
    unit: { kind: 'squad', id: squadId },
    proposer: priya,
    subject: { kind: 'key-result', objectiveId, draft: nps },
  },
  'goals.proposal-commented': {
    proposalId,
    commentId: 'd1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f51',
    author: ann,
    text: 'Could we measure NPS per region?',
  },
  'goals.change-suggested': {
    proposalId,
    suggestionId: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a51',
    author: ann,
    text: 'Aim for 8 points: 10 is more than we ever moved in a quarter',
  },
  'goals.proposal-revised': {
    proposalId,
    revision: 2,
    subject: { kind: 'key-result', objectiveId, draft: { ...nps, title: 'Raise NPS by 8 points' } },
    addressedSuggestionIds: ['e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a51'],
  },
  'goals.proposal-resubmitted': { proposalId, revision: 2 },
  'goals.proposal-approved': {
    proposalId,
    approvedBy: ann,
    revision: 2,
    cycleId: '2026-q1',
    unit: { kind: 'squad', id: squadId },
    proposer: priya,
    objectiveId,
    keyResultIds: [keyResultId],
  },
  'goals.proposal-returned': {
    proposalId,
    returnedBy: ann,
    reason: 'Needs a baseline: what is NPS today?',
    revision: 1,
  },
  'goals.proposal-withdrawn': { proposalId, reason: null },
  'goals.board-created': {
    boardId: 'b0a4d0e2-6c1f-4e3a-9b7d-2f1e0c9a8b51',
    scope: { kind: 'squad', id: squadId },
    cycleId: '2026-q1',
    title: 'Checkout on the office screen',
  },
  'goals.board-revoked': { boardId: 'b0a4d0e2-6c1f-4e3a-9b7d-2f1e0c9a8b51' },
};
