import {
  Controller,
  Injectable,
  Module,
  type DynamicModule,
  type INestMicroservice,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { KafkaContext } from '@nestjs/microservices';
import { deadLetterTopicFor, type IntegrationEnvelope } from '@rhythm/contracts';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { InboxEntry, InboxStore } from '../inbox/inbox-store';
import { MongooseInboxStore } from '../inbox/mongoose-inbox-store';
import { leaveDeadMember } from '../testing/dead-group-member';
import {
  asMessage,
  createTopics,
  deleteTopics,
  expectEventually,
  noteAddedV1,
  noteEnvelope,
  publish,
  readTopic,
  testContracts,
  testInfrastructure,
  testKafka,
  testMongo,
  uniqueName,
} from '../testing/messaging.fixture';
import { IntegrationEventHandler } from './integration-event-handler.decorator';
import { IntegrationEventsModule } from './integration-events.module';
import { kafkaMicroserviceOptions } from './kafka-microservice-options';

jest.setTimeout(120_000);

/** What the handler did: an effect a test can see. */
@Injectable()
class NoteBook {
  readonly notes: { eventId: string; text: string; partition: number }[] = [];
  readonly failing = new Set<string>();
  attempts = 0;
}

const INBOX_STORE = Symbol('INBOX_STORE');

@Module({})
class InboxStoreModule {
  static of(store: InboxStore): DynamicModule {
    return {
      module: InboxStoreModule,
      providers: [{ provide: INBOX_STORE, useValue: store }],
      exports: [INBOX_STORE],
    };
  }
}

/** A microservice with one integration event handler on `topic`, as a service would write it. */
const notesMicroservice = (topic: string, inbox: DynamicModule) => {
  @Controller()
  class NotesConsumer {
    constructor(private readonly noteBook: NoteBook) {}

    @IntegrationEventHandler(topic, { consumer: 'tests.note-book' })
    onNote(event: IntegrationEnvelope, context: KafkaContext): Promise<void> {
      if (!noteAddedV1.matches(event)) return Promise.resolve();
      this.noteBook.attempts++;
      if (this.noteBook.failing.has(event.eventId)) {
        return Promise.reject(new Error('note book is full'));
      }
      this.noteBook.notes.push({
        eventId: event.eventId,
        text: event.data.text,
        partition: context.getPartition(),
      });
      return Promise.resolve();
    }
  }

  @Module({
    imports: [inbox],
    controllers: [NotesConsumer],
    providers: [NoteBook],
  })
  class NotesModule {}

  return NotesModule;
};

describe('@IntegrationEventHandler on the NestJS Kafka transport', () => {
  let kafka: Kafka;
  let mongo: Connection;
  let topic: string;
  let collection: string;
  let app: INestMicroservice | undefined;

  beforeEach(async () => {
    kafka = testKafka();
    topic = uniqueName('nest_inbox');
    await createTopics(kafka, topic, deadLetterTopicFor(topic));
    mongo = await testMongo();
    collection = uniqueName('inbox');
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await mongo.dropCollection(collection).catch(() => undefined);
    await mongo.close();
    await deleteTopics(kafka, topic, deadLetterTopicFor(topic));
  });

  it('validates, deduplicates, retries and dead-letters through a real Nest microservice', async () => {
    const inboxStore = new MongooseInboxStore(mongo, { collection });
    await inboxStore.ensureIndexes();
    const inbox = IntegrationEventsModule.forRoot({
      registry: testContracts,
      store: inboxStore,
      retry: { maxAttempts: 2, initialDelayMs: 20 },
    });
    app = await NestFactory.createMicroservice(notesMicroservice(topic, inbox), {
      ...kafkaMicroserviceOptions({
        connection: testInfrastructure.kafkaConnection(),
        clientId: 'nest-inbox-test',
        groupId: uniqueName('nest_group'),
      }),
      logger: false,
    });
    const noteBook = app.get(NoteBook);
    const first = noteEnvelope(0);
    const failing = noteEnvelope(1);
    const last = noteEnvelope(2);
    noteBook.failing.add(failing.eventId);
    await app.listen();

    await publish(kafka, topic, [
      asMessage(first),
      asMessage(first),
      { key: 'note-1', value: 'not json at all' },
      { key: 'note-1', value: JSON.stringify({ ...noteEnvelope(9), data: { text: 'no n' } }) },
      asMessage(failing),
      asMessage(last),
    ]);

    await expectEventually(() =>
      expect(noteBook.notes.map((note) => note.eventId)).toContain(last.eventId),
    );
    expect(noteBook.notes.map((note) => note.eventId)).toEqual([first.eventId, last.eventId]);
    expect(noteBook.notes[0].text).toBe('note 0');
    expect(noteBook.attempts).toBe(1 + 2 + 1); // first, failing twice, last
    expect(
      (await mongo.collection(collection).find({}).toArray())
        .map((entry) => String(entry.eventId))
        .sort(),
    ).toEqual([first.eventId, last.eventId].sort());

    const letters = await readTopic(kafka, deadLetterTopicFor(topic));
    expect(
      letters.map((letter) => [
        letter.headers['dlq-reason'],
        letter.headers['dlq-attempts'],
        letter.headers['dlq-original-offset'],
        letter.headers['dlq-consumer'],
      ]),
    ).toEqual([
      ['poison', '0', '2', 'tests.note-book'],
      ['poison', '0', '3', 'tests.note-book'],
      ['handler-failed', '2', '4', 'tests.note-book'],
    ]);
    expect(letters[0].value).toBe('not json at all');
    expect(letters[2].value).toBe(JSON.stringify(failing));
  });

  it('lets Kafka deliver again when the inbox cannot be written after the effect', async () => {
    const mongoInbox = new MongooseInboxStore(mongo, { collection });
    await mongoInbox.ensureIndexes();
    let recordFailures = 1;
    const flakyInbox = {
      has: (consumer: string, eventId: string) => mongoInbox.has(consumer, eventId),
      record: async (entry: InboxEntry) => {
        if (recordFailures-- > 0) throw new Error('inbox unavailable');
        await mongoInbox.record(entry);
      },
    };
    // As a service wires it: the store comes from another provider.
    const inbox = IntegrationEventsModule.forRootAsync({
      imports: [InboxStoreModule.of(flakyInbox)],
      inject: [INBOX_STORE],
      useFactory: (store: InboxStore) => ({ registry: testContracts, store }),
    });
    app = await NestFactory.createMicroservice(notesMicroservice(topic, inbox), {
      ...kafkaMicroserviceOptions({
        connection: testInfrastructure.kafkaConnection(),
        clientId: 'nest-inbox-test',
        groupId: uniqueName('nest_group'),
      }),
      logger: false,
    });
    const noteBook = app.get(NoteBook);
    await app.listen();
    const only = noteEnvelope(0);

    await publish(kafka, topic, [asMessage(only)]);

    // The effect ran, the inbox write failed, Nest rejected eachMessage: the offset was not
    // committed and the message came again. Hence effects must tolerate a second application.
    await expectEventually(() => expect(noteBook.attempts).toBe(2));
    await expectEventually(async () =>
      expect(await mongo.collection(collection).countDocuments({ eventId: only.eventId })).toBe(1),
    );
    expect(await readTopic(kafka, deadLetterTopicFor(topic))).toEqual([]);
  });

  it('listens while its group waits out a member killed with -9, then consumes (ADR 0028)', async () => {
    const groupId = uniqueName('nest_group');
    await leaveDeadMember(groupId, topic, 15_000);
    const inboxStore = new MongooseInboxStore(mongo, { collection });
    await inboxStore.ensureIndexes();
    const options = kafkaMicroserviceOptions({
      connection: testInfrastructure.kafkaConnection(),
      clientId: 'nest-inbox-test',
      groupId,
    });
    app = await NestFactory.createMicroservice(
      notesMicroservice(
        topic,
        IntegrationEventsModule.forRoot({ registry: testContracts, store: inboxStore }),
      ),
      { ...options, logger: false },
    );
    const noteBook = app.get(NoteBook);

    await app.listen();

    expect(options.strategy.membership?.state).toBe('joining');
    const note = noteEnvelope(0);
    await publish(kafka, topic, [asMessage(note)]);
    await expectEventually(
      () => expect(noteBook.notes.map((entry) => entry.eventId)).toEqual([note.eventId]),
      { timeoutMs: 60_000 },
    );
    expect(options.strategy.membership?.state).toBe('consuming');
  });
});
