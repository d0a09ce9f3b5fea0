import type { EventMetadata, NewEvent } from '@rhythm/event-sourcing';
import { goalsStreams } from '@rhythm/goals-domain';
import { TenantId } from '@rhythm/projections';
import { InMemoryEventStore } from '@rhythm/testing';
import { ObjectiveHistory } from './objective-history';

const metadata = (reason?: string): EventMetadata => ({
  eventId: crypto.randomUUID(),
  tenantId: 'acme',
  actor: 'person-ann',
  correlationId: 'correlation-1',
  causationId: 'command-1',
  occurredAt: '2026-02-10T09:00:00.000Z',
  ...(reason === undefined ? {} : { reason }),
});

const event = (type: string, data: object, reason?: string): NewEvent => ({
  type,
  data,
  metadata: metadata(reason),
});

describe('ObjectiveHistory: the audit history read from the objective stream', () => {
  const tenant = TenantId.of('acme');
  let store: InMemoryEventStore;
  let history: ObjectiveHistory;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    history = new ObjectiveHistory(store);
    await store.append(
      goalsStreams.objective('acme', 'grow'),
      [
        event('ObjectiveDefined', {
          objectiveId: 'grow',
          cycleId: '2026-q1',
          title: 'Grow',
          description: '',
          owner: { kind: 'squad', id: 'payments' },
          kind: 'committed',
          visibility: 'public',
        }),
        // Not an objective event: no entry, and no failure for the rest of the history.
        event('SomethingElseHappened', { objectiveId: 'grow' }),
        event(
          'KeyResultRenamed',
          {
            objectiveId: 'grow',
            keyResultId: 'nps',
            title: { before: 'NPS', after: 'Net promoter' },
          },
          'clearer',
        ),
      ],
      { expectedRevision: 'no_stream' },
    );
  });

  afterEach(() => store.close());

  it('gives each objective event as an entry, in stream order, with who, when and why', async () => {
    const entries = await history.ofObjective(tenant, 'grow');
    expect(entries.map((entry) => [entry.revision, entry.eventType])).toEqual([
      [0, 'ObjectiveDefined'],
      [2, 'KeyResultRenamed'],
    ]);
    expect(entries[1]).toMatchObject({
      objectiveId: 'grow',
      keyResultId: 'nps',
      actor: 'person-ann',
      occurredAt: '2026-02-10T09:00:00.000Z',
      reason: 'clearer',
      changes: [{ field: 'title', before: 'NPS', after: 'Net promoter' }],
    });
  });

  it('keeps a key result’s entries only, and reads nothing of another organisation', async () => {
    expect(
      (await history.ofKeyResult(tenant, 'grow', 'nps')).map((entry) => entry.eventType),
    ).toEqual(['KeyResultRenamed']);
    expect(await history.ofObjective(TenantId.of('globex'), 'grow')).toEqual([]);
  });
});
