import type { IntegrationEnvelope } from '@rhythm/contracts';
import { guardOf, liveChangeOf } from './live-change-of';

const envelope = (
  type: string,
  data: Record<string, unknown>,
  streamId: string,
  streamRevision = 3,
): IntegrationEnvelope => ({
  eventId: '8a7c3f3e-6c43-4a8e-9d39-4d3c0c2c0a11',
  type,
  version: 1,
  tenantId: 'acme',
  streamId,
  streamRevision,
  globalPosition: '42',
  actor: 'ada',
  correlationId: 'c',
  causationId: 'c',
  occurredAt: '2026-03-02T09:00:00.000Z',
  data,
});

describe('a live change from an integration event', () => {
  it('names the subjects by the ids the console keys its queries by, with the stream’s version', () => {
    const change = liveChangeOf(
      envelope(
        'checkins.check-in-recorded',
        { checkInId: 'ci-1', objectiveId: 'o-1', keyResultId: 'kr-1', personId: 'ada', value: 3 },
        'check-in-acme.ci-1',
        5,
      ),
    );
    expect(change).toEqual({
      service: 'checkins',
      type: 'checkins.check-in-recorded',
      occurredAt: '2026-03-02T09:00:00.000Z',
      subjects: [
        { kind: 'check-in', id: 'ci-1', version: 5 },
        { kind: 'objective', id: 'o-1' },
        { kind: 'person', id: 'ada' },
      ],
    });
    // Who may see a check-in is who may see its objective.
    expect(guardOf(change)).toEqual({ kind: 'objective', id: 'o-1' });
  });

  it('finds ids inside references and lists, and guards a kudos by the kudos', () => {
    const change = liveChangeOf(
      envelope(
        'recognition.kudos-given',
        {
          kudosId: 'k-1',
          giverId: 'cem',
          receiverIds: ['ada', 'bob'],
          unit: { kind: 'squad', id: 'sq-1' },
          about: { objectiveId: 'o-1', keyResultId: 'kr-1' },
          audience: 'private',
        },
        'kudos-acme.k-1',
      ),
    );
    expect(change.subjects).toEqual([
      { kind: 'kudos', id: 'k-1', version: 3 },
      { kind: 'person', id: 'cem' },
      { kind: 'person', id: 'ada' },
      { kind: 'person', id: 'bob' },
      { kind: 'unit', id: 'sq-1' },
      { kind: 'objective', id: 'o-1' },
    ]);
    expect(guardOf(change)).toEqual({ kind: 'kudos', id: 'k-1', version: 3 });
  });

  it('leaves org structure unguarded: everyone of the organisation may see it', () => {
    const renamed = liveChangeOf(
      envelope('org.organisation-renamed', { name: 'Acme' }, 'org-acme'),
    );
    expect(renamed.subjects).toEqual([{ kind: 'organisation', id: 'acme', version: 3 }]);
    expect(guardOf(renamed)).toBeUndefined();
    const moved = liveChangeOf(
      envelope(
        'org.squad-moved',
        { squadId: 'sq-1', fromTribeId: 't-1', toTribeId: 't-2' },
        'squad-acme.sq-1',
      ),
    );
    expect(moved.subjects.map((subject) => subject.id)).toEqual(['sq-1', 't-1', 't-2']);
    expect(guardOf(moved)).toBeUndefined();
  });
});
