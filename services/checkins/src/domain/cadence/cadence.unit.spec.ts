import { Forbidden, NotFound, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import {
  ann,
  bob,
  keyResultId,
  objectiveId,
  sweeper,
  withFields,
} from '../testing/people.fixtures';
import type { Cadence } from './cadence';
import { defaultCadence, dueMoments } from './cadence';
import { cadenceDecider } from './cadence.decider';
import type { CadenceEvent } from './cadence.events';
import { checkInStreak, keyResultStanding } from './key-result-standing';
import type { KeyResultRhythm } from './key-result-standing';
import { addWorkingDays, zonedInstant } from './local-time';
import type { SweepCadence, SweptKeyResult } from './sweep-cadence.command';

const iso = (ms: number) => new Date(ms).toISOString();
const moments = (cadence: Cadence, from: string, to: string) =>
  dueMoments(cadence, Date.parse(from), Date.parse(to)).map(iso);

/** Support squad: Fridays at 17:00 in Amsterdam, from Monday 2 March 2026. */
const weekly = defaultCadence('Europe/Amsterdam', '2026-03-02');
const support = { kind: 'squad', id: 'support' } as const;

describe('The due moment, in the unit’s time zone', () => {
  it('is the wall-clock time of the day, on both sides of the change to summer time', () =>
    expect(moments(weekly, '2026-03-02T00:00:00Z', '2026-04-04T00:00:00Z')).toEqual([
      '2026-03-06T16:00:00.000Z',
      '2026-03-13T16:00:00.000Z',
      '2026-03-20T16:00:00.000Z',
      '2026-03-27T16:00:00.000Z', // CET, UTC+1
      '2026-04-03T15:00:00.000Z', // CEST, UTC+2 since 29 March
    ]));

  it('and back to winter time in October', () =>
    expect(moments(weekly, '2026-10-20T00:00:00Z', '2026-11-01T00:00:00Z')).toEqual([
      '2026-10-23T15:00:00.000Z',
      '2026-10-30T16:00:00.000Z',
    ]));

  it('in New York, whose clocks change on another day', () =>
    expect(
      moments(
        {
          everyWeeks: 1,
          weekday: 1,
          time: '09:00',
          timeZone: 'America/New_York',
          startsOn: '2026-03-01',
        },
        '2026-03-01T00:00:00Z',
        '2026-03-10T00:00:00Z',
      ),
    ).toEqual(['2026-03-02T14:00:00.000Z', '2026-03-09T13:00:00.000Z']));

  it('a time the clocks skip is the moment after the gap; a time shown twice, its second showing', () => {
    expect(iso(zonedInstant('2026-03-29', '02:30', 'Europe/Amsterdam'))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(iso(zonedInstant('2026-10-25', '02:30', 'Europe/Amsterdam'))).toBe(
      '2026-10-25T01:30:00.000Z',
    );
  });

  it.each([
    [2, ['2026-03-06T16:00:00.000Z', '2026-03-20T16:00:00.000Z', '2026-04-03T15:00:00.000Z']],
    [4, ['2026-03-06T16:00:00.000Z', '2026-04-03T15:00:00.000Z']],
  ] as const)('every %i weeks', (everyWeeks, expected) =>
    expect(
      moments({ ...weekly, everyWeeks }, '2026-03-02T00:00:00Z', '2026-04-04T00:00:00Z'),
    ).toEqual(expected),
  );

  it('counts from the first such weekday on or after the start, and a moment later on the day of `after`', () => {
    expect(moments(weekly, '2026-03-06T10:00:00Z', '2026-03-07T00:00:00Z')).toEqual([
      '2026-03-06T16:00:00.000Z',
    ]);
    expect(
      moments(
        { ...weekly, startsOn: '2026-03-07' },
        '2026-03-01T00:00:00Z',
        '2026-03-14T00:00:00Z',
      ),
    ).toEqual(['2026-03-13T16:00:00.000Z']);
  });

  it('working days skip the weekend and keep the wall-clock time across summer time', () => {
    expect(iso(addWorkingDays(Date.parse('2026-03-13T16:00:00Z'), 2, 'Europe/Amsterdam'))).toBe(
      '2026-03-17T16:00:00.000Z',
    );
    expect(iso(addWorkingDays(Date.parse('2026-03-27T16:00:00Z'), 2, 'Europe/Amsterdam'))).toBe(
      '2026-03-31T15:00:00.000Z',
    );
  });
});

const rhythm: KeyResultRhythm = {
  since: '2026-03-02T08:00:00Z',
  checkIns: ['2026-03-05T10:00:00Z'], // on time for Friday 6 March; nothing for the 13th
  outOfOffice: [],
};

describe('Where a key result stands', () => {
  it.each([
    [
      'before its first due moment, without a check-in: due',
      '2026-03-03T09:00:00Z',
      { ...rhythm, checkIns: [] },
      { status: 'due', dueAt: '2026-03-06T16:00:00.000Z' },
    ],
    [
      'checked in this period',
      '2026-03-05T12:00:00Z',
      rhythm,
      { status: 'checked-in', dueAt: '2026-03-06T16:00:00.000Z' },
    ],
    [
      'on time last period, nothing yet in this one: due',
      '2026-03-10T09:00:00Z',
      rhythm,
      { status: 'due', dueAt: '2026-03-13T16:00:00.000Z' },
    ],
    [
      'one minute past the due moment: overdue, nothing owed yet',
      '2026-03-13T16:01:00Z',
      rhythm,
      { status: 'overdue', dueAt: '2026-03-13T16:00:00.000Z', escalationsOwed: [] },
    ],
    [
      'the Monday after: still nothing owed (the weekend is no working day)',
      '2026-03-16T16:30:00Z',
      rhythm,
      { status: 'overdue', dueAt: '2026-03-13T16:00:00.000Z', escalationsOwed: [] },
    ],
    [
      'two working days on: the lead',
      '2026-03-17T16:00:00Z',
      rhythm,
      { status: 'overdue', dueAt: '2026-03-13T16:00:00.000Z', escalationsOwed: ['lead'] },
    ],
    [
      'four working days on: the next lead up too',
      '2026-03-19T16:00:00Z',
      rhythm,
      {
        status: 'overdue',
        dueAt: '2026-03-13T16:00:00.000Z',
        escalationsOwed: ['lead', 'next-lead'],
      },
    ],
    [
      'a late check-in ends it',
      '2026-03-19T16:00:00Z',
      { ...rhythm, checkIns: [...rhythm.checkIns, '2026-03-18T08:00:00Z'] },
      { status: 'checked-in', dueAt: '2026-03-20T16:00:00.000Z' },
    ],
    [
      'out of office now: paused',
      '2026-03-17T16:00:00Z',
      { ...rhythm, outOfOffice: [{ from: '2026-03-16T00:00:00Z', until: '2026-03-23T00:00:00Z' }] },
      { status: 'paused' },
    ],
    [
      'a due moment while out of office does not count',
      '2026-03-17T16:00:00Z',
      { ...rhythm, outOfOffice: [{ from: '2026-03-09T00:00:00Z', until: '2026-03-16T00:00:00Z' }] },
      { status: 'due', dueAt: '2026-03-20T16:00:00.000Z' },
    ],
  ] as const)('%s', (_, now, keyResult, standing) =>
    expect(keyResultStanding(weekly, keyResult, now)).toEqual(standing),
  );
});

it('a cadence that starts later is due at its first moment', () =>
  expect(
    keyResultStanding(
      { ...weekly, startsOn: '2026-04-01' },
      { ...rhythm, checkIns: [] },
      '2026-03-10T00:00:00Z',
    ),
  ).toEqual({ status: 'due', dueAt: '2026-04-03T15:00:00.000Z' }));

describe('Streaks', () => {
  const onTime = ['2026-03-05T10:00:00Z', '2026-03-12T10:00:00Z', '2026-03-19T10:00:00Z'];

  it('counts on-time periods in a row, back from the last due moment', () =>
    expect(checkInStreak(weekly, { ...rhythm, checkIns: onTime }, '2026-03-21T00:00:00Z')).toBe(3));

  it('a missed period breaks it, even when caught up late', () =>
    expect(
      checkInStreak(
        weekly,
        {
          ...rhythm,
          checkIns: ['2026-03-05T10:00:00Z', '2026-03-14T10:00:00Z', '2026-03-19T10:00:00Z'],
        },
        '2026-03-21T00:00:00Z',
      ),
    ).toBe(1));

  it('a week out of office pauses it without breaking it', () =>
    expect(
      checkInStreak(
        weekly,
        {
          ...rhythm,
          checkIns: ['2026-03-05T10:00:00Z', '2026-03-19T10:00:00Z'],
          outOfOffice: [{ from: '2026-03-09T00:00:00Z', until: '2026-03-16T00:00:00Z' }],
        },
        '2026-03-21T00:00:00Z',
      ),
    ).toBe(2));

  it('the period still running does not break it', () =>
    expect(
      checkInStreak(weekly, { ...rhythm, checkIns: onTime.slice(0, 2) }, '2026-03-18T00:00:00Z'),
    ).toBe(2));
});

describe('A unit’s cadence and its sweeps', () => {
  const spec = DeciderSpecification.for(cadenceDecider);
  const nps: SweptKeyResult = { ...rhythm, objectiveId, keyResultId, ownerId: 'bob' };
  const sweep = (now: string, keyResults: readonly SweptKeyResult[] = [nps]): SweepCadence => ({
    type: 'SweepCadence',
    actor: sweeper,
    data: { unit: support, now, keyResults },
    facts: { leads: { lead: ['ann'], 'next-lead': ['tom'] }, defaultCadence: weekly },
  });
  const about = {
    unit: support,
    objectiveId,
    keyResultId,
    ownerId: 'bob',
    dueAt: '2026-03-13T16:00:00.000Z',
  };
  const overdue: CadenceEvent = { type: 'CheckInOverdue', data: about };
  const toLead: CadenceEvent = {
    type: 'OverdueEscalated',
    data: { ...about, level: 'lead', toPersonIds: ['ann'] },
  };
  const toNextLead: CadenceEvent = {
    type: 'OverdueEscalated',
    data: { ...about, level: 'next-lead', toPersonIds: ['tom'] },
  };

  it('the tick after the due moment announces the key result overdue', () =>
    spec.given([]).when(sweep('2026-03-13T16:05:00Z')).then([overdue]));

  it('ticks over the weekend add nothing', () =>
    spec.given([overdue]).when(sweep('2026-03-16T08:00:00Z')).thenNothingHappens());

  it('two working days on, the lead is told; then the next lead up', () => {
    spec.given([overdue]).when(sweep('2026-03-17T16:00:00Z')).then([toLead]);
    spec.given([overdue, toLead]).when(sweep('2026-03-19T16:00:00Z')).then([toNextLead]);
  });

  it('a tick after missed ones catches up at once, and the next adds nothing', () => {
    spec.given([]).when(sweep('2026-03-19T16:30:00Z')).then([overdue, toLead, toNextLead]);
    spec
      .given([overdue, toLead, toNextLead])
      .when(sweep('2026-03-19T16:35:00Z'))
      .thenNothingHappens();
  });

  it('an owner who is their own lead is not told about themselves', () =>
    spec
      .given([overdue])
      .when({ ...sweep('2026-03-17T16:00:00Z', [{ ...nps, ownerId: 'ann' }]) })
      .then([]));

  it('an owner out of office is not overdue', () =>
    spec
      .given([])
      .when(
        sweep('2026-03-13T16:05:00Z', [
          {
            ...nps,
            outOfOffice: [{ from: '2026-03-09T00:00:00Z', until: '2026-03-16T00:00:00Z' }],
          },
        ]),
      )
      .thenNothingHappens());

  it('follows the cadence the unit set rather than the default', () =>
    spec
      .given([
        {
          type: 'CadenceSet',
          data: { unit: support, cadence: { ...weekly, everyWeeks: 2 }, setBy: 'ann' },
        },
      ])
      .when(sweep('2026-03-13T16:05:00Z'))
      .thenNothingHappens());

  it('only the scheduler sweeps', () =>
    spec
      .given([])
      .when({ ...sweep('2026-03-13T16:05:00Z'), actor: ann })
      .thenThrows(Forbidden));

  describe('set the cadence', () => {
    const set = {
      type: 'SetCadence',
      actor: ann,
      data: { unit: support, cadence: { ...weekly, everyWeeks: 2 } },
      facts: { unit: { leadIds: ['ann'] }, actorIsAdmin: false },
    } as const;
    const cadenceSet: CadenceEvent = {
      type: 'CadenceSet',
      data: { unit: support, cadence: { ...weekly, everyWeeks: 2 }, setBy: 'ann' },
    };

    it('the unit’s lead sets it', () => spec.given([]).when(set).then([cadenceSet]));
    it('an admin may too', () =>
      spec
        .given([])
        .when({ ...set, actor: bob, facts: { ...set.facts, actorIsAdmin: true } })
        .then([{ ...cadenceSet, data: { ...cadenceSet.data, setBy: 'bob' } }]));
    it('the same cadence again changes nothing', () =>
      spec.given([cadenceSet]).when(set).thenNothingHappens());
    it('an unknown unit answers 404 before the power', () =>
      spec
        .given([])
        .when({ ...set, actor: bob, facts: { ...set.facts, unit: 'no-unit' } })
        .thenThrows(NotFound));
    it('a member may not, whatever the input', () =>
      spec
        .given([])
        .when({
          ...set,
          actor: bob,
          data: { ...set.data, cadence: { ...weekly, everyWeeks: 3 as 1 } },
        })
        .thenThrows(Forbidden));
    it('names every field at fault', () =>
      spec
        .given([])
        .when({
          ...set,
          data: {
            unit: support,
            cadence: {
              everyWeeks: 3 as 1,
              weekday: 0,
              time: '25:00',
              timeZone: 'Mars/Olympus',
              startsOn: '2026-02-30',
            },
          },
        })
        .thenThrows(
          ValidationFailed,
          withFields({
            'cadence.everyWeeks': 'must be 1, 2 or 4',
            'cadence.weekday': /1 \(Monday\) to 7/,
            'cadence.time': 'must be HH:MM',
            'cadence.timeZone': /IANA/,
            'cadence.startsOn': /date/,
          }),
        ));
  });
});
