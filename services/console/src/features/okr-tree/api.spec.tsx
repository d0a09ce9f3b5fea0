import { latestChangeAtOrBefore } from './api';

// The goals service's diff is net: an objective created in the window shows as created, with
// only its creation's record, whatever happened to it afterwards. The step back must still find
// the check-in made after the creation.
const created = '2026-02-10T09:00:00.000Z';
const checkedIn = '2026-02-10T09:05:00.000Z';

function goalsDiffAnswering() {
  const asked: string[] = [];
  global.fetch = jest.fn((input: string | URL) => {
    const url = new URL(input, 'http://console.test');
    asked.push(url.searchParams.get('from') ?? '');
    const from = Date.parse(url.searchParams.get('from') ?? '');
    const changes =
      from < Date.parse(created)
        ? [
            {
              kind: 'objective-created',
              objectiveId: 'o1',
              title: 'Ship the player',
              owner: { kind: 'squad', id: 's1' },
              keyResults: ['k1'],
              because: [{ eventType: 'ObjectiveDefined', actor: 'p1', occurredAt: created }],
            },
          ]
        : [
            {
              kind: 'progressed',
              objectiveId: 'o1',
              keyResultId: 'k1',
              value: { before: 0, after: 3 },
              progress: { before: 0, after: 0.3 },
              because: [{ eventType: 'KeyResultProgressed', actor: 'p1', occurredAt: checkedIn }],
            },
          ].filter(() => from < Date.parse(checkedIn));
    return Promise.resolve(
      new Response(JSON.stringify({ cycleId: 'c1', from: '', to: '', changes }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
  }) as unknown as typeof fetch;
  return asked;
}

describe('stepping to the latest change', () => {
  it('finds a check-in made after the objective was created in the same window', async () => {
    const asked = goalsDiffAnswering();
    const latest = await latestChangeAtOrBefore(
      { cycleId: 'c1', startsOn: '2026-01-01' },
      Date.parse('2026-02-11T00:00:00.000Z'),
    );
    expect(latest === undefined ? undefined : new Date(latest).toISOString()).toBe(checkedIn);
    expect(asked).toEqual(['2026-01-01T00:00:00.000Z', created, checkedIn]);
  });

  it('finds nothing before the first change', async () => {
    goalsDiffAnswering();
    expect(
      await latestChangeAtOrBefore(
        { cycleId: 'c1', startsOn: '2026-02-10' },
        Date.parse('2026-02-10T08:00:00.000Z'),
      ),
    ).toBeUndefined();
  });
});
