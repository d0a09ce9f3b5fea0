import {
  ContractRegistry,
  defineIntegrationEvent,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import { z } from 'zod';
import type { DeadLetter } from './dead-letters';
import type { InboxEntry, InboxStore } from './inbox-store';
import { IntegrationEventInbox, UnprocessableEvent } from './integration-event-inbox';
import type { KafkaDelivery } from './kafka-delivery';

const tribeFormedV1 = defineIntegrationEvent({
  type: 'org.tribe-formed',
  version: 1,
  description: 'A tribe was formed.',
  schema: z.object({ tribeId: z.string(), name: z.string() }),
});
const tribeFormedV2 = defineIntegrationEvent({
  type: 'org.tribe-formed',
  version: 2,
  description: 'Adds the mission.',
  schema: z.object({ tribeId: z.string(), name: z.string(), mission: z.string().nullable() }),
  previous: tribeFormedV1,
  upcast: (v1) => ({ ...v1, mission: null }),
});
const registry = new ContractRegistry([tribeFormedV1, tribeFormedV2]);

class InMemoryInboxStore implements InboxStore {
  readonly entries: InboxEntry[] = [];
  has(consumer: string, eventId: string) {
    return Promise.resolve(
      this.entries.some((entry) => entry.consumer === consumer && entry.eventId === eventId),
    );
  }
  record(entry: InboxEntry) {
    this.entries.push(entry);
    return Promise.resolve();
  }
}

const envelope = (eventId = 'c2b5a1f3-9d7e-4c1a-8f2b-3e4d5c6b7a81') => ({
  eventId,
  type: 'org.tribe-formed',
  version: 1,
  tenantId: 'acme',
  streamId: 'tribe-1',
  streamRevision: 0,
  globalPosition: '17',
  actor: 'person-1',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  occurredAt: '2026-03-01T09:00:00.000Z',
  data: { tribeId: 'tribe-1', name: 'Payments' },
});

const delivery = (value: KafkaDelivery['value'], offset = '5'): KafkaDelivery => ({
  topic: 'rhythm.org.events',
  partition: 1,
  offset,
  key: 'tribe-1',
  value,
  headers: { 'event-type': 'org.tribe-formed' },
});

const setup = (retry = { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 1_000, factor: 2 }) => {
  const store = new InMemoryInboxStore();
  const deadLetters: DeadLetter[] = [];
  const sleeps: number[] = [];
  const heartbeats: number[] = [];
  const inbox = new IntegrationEventInbox({
    registry,
    store,
    retry,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
  const channel = {
    deadLetters: (letter: DeadLetter) => {
      deadLetters.push(letter);
      return Promise.resolve();
    },
    heartbeat: () => {
      heartbeats.push(Date.now());
      return Promise.resolve();
    },
  };
  return { store, deadLetters, sleeps, heartbeats, inbox, channel };
};

describe('IntegrationEventInbox', () => {
  it('hands a valid event, upcast to the latest version, to the handler and records it', async () => {
    const { inbox, channel, store } = setup();
    const handled: IntegrationEnvelope[] = [];

    const outcome = await inbox.receive(
      'goals.org-directory',
      delivery(Buffer.from(JSON.stringify(envelope()))),
      (event) => {
        handled.push(event);
        return Promise.resolve();
      },
      channel,
    );

    expect(outcome).toEqual({ outcome: 'handled', eventId: envelope().eventId, attempts: 1 });
    expect(handled).toHaveLength(1);
    expect(handled[0].version).toBe(2);
    expect(handled[0].data).toEqual({ tribeId: 'tribe-1', name: 'Payments', mission: null });
    expect(store.entries).toEqual([
      expect.objectContaining({
        consumer: 'goals.org-directory',
        eventId: envelope().eventId,
        topic: 'rhythm.org.events',
        partition: 1,
        offset: '5',
      }),
    ]);
  });

  it('skips an event the same consumer already handled', async () => {
    const { inbox, channel } = setup();
    let calls = 0;
    const handle = () => {
      calls++;
      return Promise.resolve();
    };
    const value = Buffer.from(JSON.stringify(envelope()));

    await inbox.receive('goals.org-directory', delivery(value, '5'), handle, channel);
    const second = await inbox.receive(
      'goals.org-directory',
      delivery(value, '9'),
      handle,
      channel,
    );
    await inbox.receive('checkins.org-directory', delivery(value, '5'), handle, channel);

    expect(second.outcome).toBe('duplicate');
    expect(calls).toBe(2); // once per consumer
  });

  it.each([
    ['invalid JSON', Buffer.from('{"eventId": "c2b5'), 'Not JSON'],
    ['an empty value', null, 'Empty message value'],
    [
      'an unknown type',
      { ...envelope(), type: 'org.guild-founded' },
      'Unknown integration event type',
    ],
    ['a newer version', { ...envelope(), version: 3 }, 'latest known: v2'],
    ['a contract violation', { ...envelope(), data: { tribeId: 7 } }, 'violates the contract'],
  ])('dead-letters %s at once, without calling the handler', async (_, value, error) => {
    const { inbox, channel, deadLetters, store } = setup();
    let calls = 0;

    const outcome = await inbox.receive(
      'goals.org-directory',
      delivery(value),
      () => {
        calls++;
        return Promise.resolve();
      },
      channel,
    );

    expect(outcome).toMatchObject({ outcome: 'dead-lettered', reason: 'poison', attempts: 0 });
    expect(calls).toBe(0);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({ consumer: 'goals.org-directory', reason: 'poison' });
    expect(deadLetters[0].error).toContain(error);
    expect(store.entries).toEqual([]);
  });

  it('retries a failing handler with exponential backoff, then dead-letters it', async () => {
    const { inbox, channel, deadLetters, sleeps, store } = setup({
      maxAttempts: 4,
      initialDelayMs: 100,
      maxDelayMs: 250,
      factor: 2,
    });
    let calls = 0;

    const outcome = await inbox.receive(
      'goals.org-directory',
      delivery(JSON.stringify(envelope())),
      () => {
        calls++;
        return Promise.reject(new Error(`database unavailable (${calls})`));
      },
      channel,
    );

    expect(calls).toBe(4);
    expect(sleeps).toEqual([100, 200, 250]);
    expect(outcome).toMatchObject({
      outcome: 'dead-lettered',
      reason: 'handler-failed',
      attempts: 4,
      error: 'database unavailable (4)',
    });
    expect(deadLetters[0]).toMatchObject({ reason: 'handler-failed', attempts: 4 });
    expect(store.entries).toEqual([]); // a replay from the dead-letter topic will be handled
  });

  it('keeps the consumer alive between attempts', async () => {
    const { inbox, channel, heartbeats } = setup();

    await inbox.receive(
      'goals.org-directory',
      delivery(JSON.stringify(envelope())),
      () => Promise.reject(new Error('down')),
      channel,
    );

    expect(heartbeats.length).toBeGreaterThanOrEqual(2);
  });

  it('heartbeats at least every half second through a long back-off', async () => {
    const calls: string[] = [];
    const inbox = new IntegrationEventInbox({
      registry,
      store: new InMemoryInboxStore(),
      retry: { maxAttempts: 2, initialDelayMs: 1_200, maxDelayMs: 5_000, factor: 2 },
      sleep: (ms) => {
        calls.push(`sleep ${ms}`);
        return Promise.resolve();
      },
    });

    await inbox.receive(
      'goals.org-directory',
      delivery(JSON.stringify(envelope())),
      () => Promise.reject(new Error('down')),
      {
        deadLetters: () => Promise.resolve(),
        heartbeat: () => {
          calls.push('heartbeat');
          return Promise.resolve();
        },
      },
    );

    expect(calls).toEqual([
      'heartbeat',
      'sleep 500',
      'heartbeat',
      'sleep 500',
      'heartbeat',
      'sleep 200',
      'heartbeat',
    ]);
  });

  it('handles an event whose handler succeeds on a later attempt', async () => {
    const { inbox, channel, deadLetters, store } = setup();
    let calls = 0;

    const outcome = await inbox.receive(
      'goals.org-directory',
      delivery(JSON.stringify(envelope())),
      () => (++calls < 3 ? Promise.reject(new Error('busy')) : Promise.resolve()),
      channel,
    );

    expect(outcome).toEqual({ outcome: 'handled', eventId: envelope().eventId, attempts: 3 });
    expect(deadLetters).toEqual([]);
    expect(store.entries).toHaveLength(1);
  });

  it('dead-letters at once when the handler says the event is unprocessable', async () => {
    const { inbox, channel, deadLetters } = setup();
    let calls = 0;

    await inbox.receive(
      'goals.org-directory',
      delivery(JSON.stringify(envelope())),
      () => {
        calls++;
        return Promise.reject(new UnprocessableEvent('unknown tenant'));
      },
      channel,
    );

    expect(calls).toBe(1);
    expect(deadLetters[0]).toMatchObject({
      reason: 'poison',
      attempts: 1,
      error: 'unknown tenant',
    });
  });

  it('throws when the dead-letter topic cannot be written, so Kafka delivers the message again', async () => {
    const { inbox } = setup();

    await expect(
      inbox.receive('goals.org-directory', delivery('not json'), () => Promise.resolve(), {
        deadLetters: () => Promise.reject(new Error('broker down')),
      }),
    ).rejects.toThrow('broker down');
  });
});
