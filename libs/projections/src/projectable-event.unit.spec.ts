import type { IntegrationEnvelope } from '@rhythm/contracts';
import { asRecordedEvent } from './projectable-event';

describe('events reaching a projection', () => {
  const metadata = {
    eventId: 'c2b5a1f3-9d7e-4c1a-8f2b-3e4d5c6b7a81',
    tenantId: 'acme',
    actor: 'person-1',
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    occurredAt: '2026-03-01T09:00:00.000Z',
  };

  it('reads an integration envelope from Kafka as a recorded event of the publishing store', () => {
    const envelope: IntegrationEnvelope = {
      ...metadata,
      type: 'org.tribe-formed',
      version: 1,
      streamId: 'tribe-1',
      streamRevision: 3,
      globalPosition: '9007199254740993', // beyond 2^53: must not lose precision
      reason: 'new market',
      data: { tribeId: 'tribe-1', name: 'Payments' },
    };

    expect(asRecordedEvent(envelope)).toEqual({
      type: 'org.tribe-formed',
      data: { tribeId: 'tribe-1', name: 'Payments' },
      metadata: { ...metadata, reason: 'new market' },
      streamId: 'tribe-1',
      streamRevision: 3,
      globalPosition: 9007199254740993n,
      recordedAt: new Date('2026-03-01T09:00:00.000Z'),
    });
  });

  it('accepts a store event whose position travelled as text', () => {
    const event = asRecordedEvent({
      type: 'TribeFormed',
      data: {},
      metadata,
      streamId: 'tribe-1',
      streamRevision: 0,
      globalPosition: '42',
      recordedAt: '2026-03-01T09:00:01.000Z',
    });
    expect(event.globalPosition).toBe(42n);
    expect(event.recordedAt).toEqual(new Date('2026-03-01T09:00:01.000Z'));
  });

  it('refuses an event without a tenant or a stream revision', () => {
    const base = { type: 'X', data: {}, streamId: 's', globalPosition: 1n };
    expect(() =>
      asRecordedEvent({ ...base, streamRevision: 0, metadata: { ...metadata, tenantId: '' } }),
    ).toThrow(/no tenant/);
    expect(() => asRecordedEvent({ ...base, streamRevision: -1, metadata })).toThrow(/revision/);
  });
});
