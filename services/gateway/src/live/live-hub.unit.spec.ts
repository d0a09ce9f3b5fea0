import { randomUUID } from 'node:crypto';
import type { IntegrationEnvelope, LiveChange, LiveSubject } from '@rhythm/contracts';
import { expectEventually } from '@rhythm/testing';
import { type LiveConnection, LiveHub } from './live-hub';
import type { SubjectAnswer, SubjectVisibility } from './subject-visibility';

const event = (data: Record<string, unknown>, streamRevision = 1): IntegrationEnvelope => ({
  eventId: randomUUID(),
  type: 'goals.key-result-progressed',
  version: 1,
  tenantId: 'acme',
  streamId: `objective-acme.${String(data.objectiveId)}`,
  streamRevision,
  globalPosition: '1',
  actor: 'ada',
  correlationId: 'c',
  causationId: 'c',
  occurredAt: '2026-03-02T09:00:00.000Z',
  data,
});

/** The owning service as the hub sees it: answers from a table, every question counted. */
class AnsweringService {
  readonly questions: { token: string; subject: LiveSubject }[] = [];
  constructor(private readonly answer: (token: string, subject: LiveSubject) => SubjectAnswer) {}
  ask(token: string, subject: LiveSubject): Promise<SubjectAnswer> {
    this.questions.push({ token, subject });
    return Promise.resolve(this.answer(token, subject));
  }
}

const connection = (personId: string, received: LiveChange[]): LiveConnection => ({
  tenantId: 'acme',
  audience: {
    kind: 'person',
    personId,
    token: `token-of-${personId}`,
    expiresAt: Date.now() / 1000 + 600,
  },
  send: (change) => received.push(change),
  heartbeat: () => undefined,
  close: () => undefined,
});

describe('the live hub', () => {
  let hub: LiveHub;
  afterEach(() => hub.close());

  it('asks about a subject at once, then once more for all its changes within the window', async () => {
    const service = new AnsweringService(() => ({ visible: true }));
    hub = new LiveHub(service as unknown as SubjectVisibility, {
      connectionsPerPerson: 4,
      heartbeatMs: 60_000,
      batchMs: 1_000,
      catchUpMs: 0,
    });
    const received: LiveChange[] = [];
    hub.open(connection('ada', received));
    hub.publish(event({ objectiveId: 'o-1' }, 1));
    await expectEventually(() => expect(received).toHaveLength(1));
    for (const revision of [2, 3, 4]) hub.publish(event({ objectiveId: 'o-1' }, revision));
    await expectEventually(() => expect(received).toHaveLength(4));
    expect(service.questions).toHaveLength(2);
  });

  it('asks again while the service shows an older version than the change, then sends it', async () => {
    let shown = 5;
    const service = new AnsweringService(() => ({ visible: true, version: shown++ }));
    hub = new LiveHub(service as unknown as SubjectVisibility, {
      connectionsPerPerson: 4,
      heartbeatMs: 60_000,
      batchMs: 200,
      catchUpMs: 2_000,
    });
    const received: LiveChange[] = [];
    hub.open(connection('ada', received));
    hub.publish(event({ objectiveId: 'o-1' }, 7));
    await expectEventually(() => expect(received).toHaveLength(1));
    expect(service.questions).toHaveLength(3);
  });

  it('sends a change to the people the service lets see it, and keeps no answer', async () => {
    const service = new AnsweringService((token) => ({ visible: token === 'token-of-ada' }));
    hub = new LiveHub(service as unknown as SubjectVisibility, {
      connectionsPerPerson: 4,
      heartbeatMs: 60_000,
      // No window: every change is asked about on its own.
      batchMs: 0,
      catchUpMs: 0,
    });
    const ada: LiveChange[] = [];
    const bob: LiveChange[] = [];
    hub.open(connection('ada', ada));
    hub.open(connection('bob', bob));
    hub.publish(event({ objectiveId: 'o-1' }));
    await expectEventually(() => expect(service.questions).toHaveLength(2));
    await expectEventually(() => expect(ada).toHaveLength(1));
    hub.publish(event({ objectiveId: 'o-1' }));
    // Asked again, not remembered from the first time.
    await expectEventually(() => expect(service.questions).toHaveLength(4));
    await expectEventually(() => expect(ada).toHaveLength(2));
    expect(bob).toEqual([]);
  });
});
