import {
  AlreadyExists,
  Forbidden,
  NotFound,
  RuleViolated,
  ValidationFailed,
} from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import {
  ann,
  bob,
  cleo,
  eve,
  keyResultId,
  nina,
  npsKeyResult,
  objectiveId,
  tom,
  withFields,
} from '../testing/people.fixtures';
import type { AcknowledgeCheckIn } from './acknowledge-check-in.command';
import { checkInDecider } from './check-in.decider';
import type { CheckInRecorded } from './check-in.events';
import type { CorrectCheckIn } from './correct-check-in.command';
import { correctCheckIn } from './correct-check-in.command';
import type { RecordCheckIn } from './record-check-in.command';
import { recordCheckIn } from './record-check-in.command';
import { bandOf, defaultThresholds, thresholdsProblem } from './confidence';
import { fold } from '@rhythm/event-sourcing';
import { latestCheckIn } from './check-in.state';

const spec = DeciderSpecification.for(checkInDecider);
const note = {
  progress: ' NPS up to 38 ',
  obstacles: 'Survey tool is slow',
  nextSteps: 'Call churned',
};

const record: RecordCheckIn = {
  type: 'RecordCheckIn',
  actor: bob,
  data: {
    objectiveId,
    keyResultId,
    checkInId: 'week-1',
    value: 38,
    confidence: 8,
    note,
    at: '2026-03-06T16:30:00+01:00',
  },
  facts: { keyResult: npsKeyResult, thresholds: defaultThresholds },
};
const recorded: CheckInRecorded = {
  type: 'CheckInRecorded',
  data: {
    objectiveId,
    keyResultId,
    checkInId: 'week-1',
    authorId: 'bob',
    value: 38,
    confidence: 8,
    band: 'on-track',
    thresholds: defaultThresholds,
    note: { ...note, progress: 'NPS up to 38' },
    blockerIds: [],
    acknowledgers: ['ann'],
    recordedAt: '2026-03-06T15:30:00.000Z',
  },
};
const week2: CheckInRecorded = {
  type: 'CheckInRecorded',
  data: {
    ...recorded.data,
    checkInId: 'week-2',
    value: 39,
    confidence: 5,
    band: 'at-risk',
    recordedAt: '2026-03-13T15:30:00.000Z',
  },
};
const correct: CorrectCheckIn = {
  type: 'CorrectCheckIn',
  actor: bob,
  data: {
    objectiveId,
    keyResultId,
    checkInId: 'week-1',
    value: 36,
    confidence: 8,
    note: recorded.data.note,
    reason: 'Counted a test survey',
    at: '2026-03-09T09:00:00Z',
  },
  facts: { keyResult: npsKeyResult },
};
const acknowledge: AcknowledgeCheckIn = {
  type: 'AcknowledgeCheckIn',
  actor: ann,
  data: {
    objectiveId,
    keyResultId,
    checkInId: 'week-1',
    comment: ' Nice ',
    at: '2026-03-09T08:00:00Z',
  },
  facts: { keyResult: npsKeyResult },
};

describe('Check-ins on a key result', () => {
  describe('record', () => {
    it('the owner checks in: value, confidence with its band, the note split in three', () =>
      spec.given([]).when(record).then([recorded]));

    it.each([
      ['a contributor', cleo],
      ["the objective's lead", ann],
    ])('%s may check in too', (_, actor) => {
      const [event] = recordCheckIn({ ...record, actor }, fold(checkInDecider, []));
      expect(event?.data.authorId).toBe(actor.personId);
    });

    it('the lead checking in is not asked to acknowledge their own check-in', () =>
      spec
        .given([])
        .when({ ...record, actor: ann })
        .then([{ ...recorded, data: { ...recorded.data, authorId: 'ann', acknowledgers: [] } }]));

    it("names the objective's and the unit's leads of that day as those who acknowledge it", () =>
      spec
        .given([])
        .when({
          ...record,
          facts: { ...record.facts, keyResult: { ...npsKeyResult, unitLeadIds: ['nina', 'ann'] } },
        })
        .then([{ ...recorded, data: { ...recorded.data, acknowledgers: ['ann', 'nina'] } }]));

    it('links blockers by id', () =>
      spec
        .given([])
        .when({ ...record, data: { ...record.data, blockerIds: ['data-team'] } })
        .then([{ ...recorded, data: { ...recorded.data, blockerIds: ['data-team'] } }]));

    it.each([
      [10, 'on-track'],
      [7, 'on-track'],
      [6, 'at-risk'],
      [4, 'at-risk'],
      [3, 'off-track'],
      [0, 'off-track'],
    ])('confidence %i reads as %s by the default thresholds', (confidence, band) =>
      expect(bandOf(confidence, defaultThresholds)).toBe(band),
    );

    it("reads the band by the organisation's own thresholds, and keeps them with the check-in", () =>
      spec
        .given([])
        .when({
          ...record,
          facts: { ...record.facts, thresholds: { onTrackFrom: 9, atRiskFrom: 6 } },
        })
        .then([
          {
            ...recorded,
            data: {
              ...recorded.data,
              band: 'at-risk',
              thresholds: { onTrackFrom: 9, atRiskFrom: 6 },
            },
          },
        ]));

    it.each([
      [{ onTrackFrom: 7, atRiskFrom: 4 }, undefined],
      [{ onTrackFrom: 4, atRiskFrom: 4 }, /atRiskFrom < onTrackFrom/],
      [{ onTrackFrom: 11, atRiskFrom: 4 }, /≤ 10/],
      [{ onTrackFrom: 7, atRiskFrom: 0 }, /1 ≤/],
      [{ onTrackFrom: 7.5, atRiskFrom: 4 }, /whole numbers/],
    ])('thresholds %j: %s', (thresholds, problem) => {
      const found = thresholdsProblem(thresholds);
      if (problem === undefined) expect(found).toBeUndefined();
      else expect(found).toMatch(problem);
    });

    it('someone not accountable for the key result may not check in', () =>
      spec
        .given([])
        .when({ ...record, actor: tom })
        .thenThrows(
          Forbidden,
          /Only the owner of key result .* its contributors or the objective's lead/,
        ));

    it('names every field at fault', () =>
      spec
        .given([])
        .when({
          ...record,
          data: {
            ...record.data,
            value: Number.NaN,
            confidence: 11,
            note: { ...note, obstacles: 'x'.repeat(2001) },
            blockerIds: ['a', 'a'],
            at: '2026-03-06 16:30',
          },
        })
        .thenThrows(
          ValidationFailed,
          withFields({
            value: 'must be a finite number',
            confidence: 'must be a whole number from 0 to 10',
            'note.obstacles': 'must be at most 2000 characters',
            blockerIds: 'must not repeat an id',
            at: /ISO-8601/,
          }),
        ));

    it.each([[-1], [4.5]])('refuses confidence %p', (confidence) =>
      spec
        .given([])
        .when({ ...record, data: { ...record.data, confidence } })
        .thenThrows(ValidationFailed, withFields({ confidence: /0 to 10/ })),
    );

    it('refuses a check-in id that is taken', () =>
      spec
        .given([recorded])
        .when(record)
        .thenThrows(AlreadyExists, /Check-in week-1/));

    it('refuses a check-in older than the latest one', () =>
      spec
        .given([week2])
        .when({ ...record, data: { ...record.data, checkInId: 'late' } })
        .thenThrows(RuleViolated, withFields({ at: 'before the latest check-in' })));

    it('refuses while the objective or its cycle does not run', () =>
      spec
        .given([])
        .when({
          ...record,
          facts: { ...record.facts, keyResult: { ...npsKeyResult, acceptsCheckIns: false } },
        })
        .thenThrows(RuleViolated, /not active in a running cycle/));

    it('the latest check-in is what a new one is written beside', () => {
      const state = fold(checkInDecider, [recorded, week2]);
      expect(latestCheckIn(state)).toMatchObject({ checkInId: 'week-2', value: 39, confidence: 5 });
    });
  });

  describe('the order: exists 404, power 403, input 400, state 409', () => {
    it('a private objective answers as an unknown one, before any power or input', () =>
      spec
        .given([recorded])
        .when({
          ...record,
          actor: eve,
          data: { ...record.data, confidence: 99 },
          facts: { ...record.facts, keyResult: 'no-objective' },
        })
        .thenThrows(NotFound, `Objective ${objectiveId} not found`));

    it('an unknown key result answers 404', () =>
      spec
        .given([])
        .when({ ...record, facts: { ...record.facts, keyResult: 'no-key-result' } })
        .thenThrows(NotFound, `Key result ${keyResultId} not found on objective ${objectiveId}`));

    it('the power before the input', () =>
      spec
        .given([])
        .when({ ...record, actor: eve, data: { ...record.data, confidence: 99 } })
        .thenThrows(Forbidden));

    it('the power before the state: a stranger learns nothing of a taken id or a stopped objective', () =>
      spec
        .given([recorded])
        .when({
          ...record,
          actor: eve,
          facts: { ...record.facts, keyResult: { ...npsKeyResult, acceptsCheckIns: false } },
        })
        .thenThrows(Forbidden));

    it('the input before the state', () =>
      spec
        .given([recorded])
        .when({ ...record, data: { ...record.data, confidence: 99 } })
        .thenThrows(ValidationFailed));
  });

  describe('correct', () => {
    it('the author corrects with a reason; the event keeps before and after', () =>
      spec
        .given([recorded])
        .when(correct)
        .then([
          {
            type: 'CheckInCorrected',
            data: {
              objectiveId,
              keyResultId,
              checkInId: 'week-1',
              value: { before: 38, after: 36 },
              confidence: { before: 8, after: 8 },
              band: { before: 'on-track', after: 'on-track' },
              note: { before: recorded.data.note, after: recorded.data.note },
              reason: 'Counted a test survey',
              latest: true,
              correctedAt: '2026-03-09T09:00:00.000Z',
            },
          },
        ]));

    it('an older check-in corrected is not the current value', () => {
      const [event] = correctCheckIn(correct, fold(checkInDecider, [recorded, week2]));
      expect(event?.data.latest).toBe(false);
    });

    it('reads the corrected band with the thresholds of the day it was recorded', () => {
      const strict = {
        ...recorded,
        data: { ...recorded.data, thresholds: { onTrackFrom: 9, atRiskFrom: 6 } },
      };
      const [event] = correctCheckIn(
        { ...correct, data: { ...correct.data, confidence: 5 } },
        fold(checkInDecider, [strict]),
      );
      expect(event?.data.band).toEqual({ before: 'on-track', after: 'off-track' });
    });

    it('the history keeps both readings: state shows the corrected one and counts the correction', () => {
      const state = fold(checkInDecider, [
        recorded,
        ...checkInDecider.decide(correct, fold(checkInDecider, [recorded])),
      ]);
      expect(latestCheckIn(state)).toMatchObject({ value: 36, corrections: 1 });
    });

    it.each([
      ["the objective's lead", ann],
      ['a contributor', cleo],
    ])("%s may not correct another's check-in", (_, actor) =>
      spec
        .given([recorded])
        .when({ ...correct, actor })
        .thenThrows(Forbidden, /Only the author/),
    );

    it('needs a reason', () =>
      spec
        .given([recorded])
        .when({ ...correct, data: { ...correct.data, reason: '  ' } })
        .thenThrows(ValidationFailed, withFields({ reason: 'must not be empty' })));

    it('an unknown check-in answers 404 before the power', () =>
      spec
        .given([])
        .when({ ...correct, actor: eve })
        .thenThrows(NotFound, 'Check-in week-1 not found'));

    it('a private objective answers as unknown', () =>
      spec
        .given([recorded])
        .when({ ...correct, facts: { keyResult: 'no-objective' } })
        .thenThrows(NotFound, `Objective ${objectiveId} not found`));

    it('the power before the input', () =>
      spec
        .given([recorded])
        .when({ ...correct, actor: eve, data: { ...correct.data, reason: '' } })
        .thenThrows(Forbidden));

    it('nothing to correct: no event', () =>
      spec
        .given([recorded])
        .when({ ...correct, data: { ...correct.data, value: 38 } })
        .thenNothingHappens());
  });

  describe('acknowledge', () => {
    it("the objective's lead acknowledges, with a comment", () =>
      spec
        .given([recorded])
        .when(acknowledge)
        .then([
          {
            type: 'CheckInAcknowledged',
            data: {
              objectiveId,
              keyResultId,
              checkInId: 'week-1',
              acknowledgedBy: 'ann',
              comment: 'Nice',
              acknowledgedAt: '2026-03-09T08:00:00.000Z',
            },
          },
        ]));

    it("the unit's lead of that day may acknowledge too", () =>
      spec
        .given([{ ...recorded, data: { ...recorded.data, acknowledgers: ['ann', 'tom'] } }])
        .when({ ...acknowledge, actor: tom, data: { ...acknowledge.data, comment: undefined } })
        .then([
          {
            type: 'CheckInAcknowledged',
            data: {
              objectiveId,
              keyResultId,
              checkInId: 'week-1',
              acknowledgedBy: 'tom',
              comment: '',
              acknowledgedAt: '2026-03-09T08:00:00.000Z',
            },
          },
        ]));

    it('a lead appointed after the check-in does not inherit it, though they lead the objective now', () =>
      spec
        .given([recorded])
        .when({
          ...acknowledge,
          actor: nina,
          facts: {
            keyResult: { ...npsKeyResult, objectiveLeadIds: ['nina'], unitLeadIds: ['nina'] },
          },
        })
        .thenThrows(Forbidden, /when check-in week-1 was recorded/));

    it('the author may not acknowledge their own check-in', () =>
      spec
        .given([recorded])
        .when({ ...acknowledge, actor: bob })
        .thenThrows(Forbidden));

    it('acknowledging twice changes nothing', () =>
      spec
        .given([recorded, ...checkInDecider.decide(acknowledge, fold(checkInDecider, [recorded]))])
        .when(acknowledge)
        .thenNothingHappens());

    it('acknowledged by one lead, another is told so', () => {
      const both = { ...recorded, data: { ...recorded.data, acknowledgers: ['ann', 'tom'] } };
      return spec
        .given([both, ...checkInDecider.decide(acknowledge, fold(checkInDecider, [both]))])
        .when({ ...acknowledge, actor: tom })
        .thenThrows(RuleViolated, /already acknowledged/);
    });

    it('a comment too long is named', () =>
      spec
        .given([recorded])
        .when({ ...acknowledge, data: { ...acknowledge.data, comment: 'x'.repeat(2001) } })
        .thenThrows(ValidationFailed, withFields({ comment: /at most 2000/ })));

    it('the power before the input and the state', () => {
      const both = { ...recorded, data: { ...recorded.data, acknowledgers: ['ann'] } };
      return spec
        .given([both, ...checkInDecider.decide(acknowledge, fold(checkInDecider, [both]))])
        .when({
          ...acknowledge,
          actor: eve,
          data: { ...acknowledge.data, comment: 'x'.repeat(2001) },
        })
        .thenThrows(Forbidden);
    });

    it('an unknown check-in, and a private objective, answer 404', () => {
      spec.given([]).when(acknowledge).thenThrows(NotFound, 'Check-in week-1 not found');
      spec
        .given([recorded])
        .when({ ...acknowledge, facts: { keyResult: 'no-objective' } })
        .thenThrows(NotFound, `Objective ${objectiveId} not found`);
    });
  });
});
