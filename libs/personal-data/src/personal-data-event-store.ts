import type {
  AppendResult,
  Event,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '@rhythm/event-sourcing';
import {
  subjectKey,
  type DataKey,
  type DataKeyLookup,
  type PersonalDataKeys,
  type Subject,
} from './personal-data-keys';
import { erasedValueOf, type PersonalDataPolicy } from './personal-data-policy';
import { isSealedText, openText, sealText, type SealedText } from './sealed-text';

/** Where the metadata's reason is bound to when sealed (a data field is bound to its own name). */
const metadataReason = 'metadata.reason';

type Fields = Record<string, unknown>;

/**
 * The keys one append or one read needs, each looked up once within it and never kept beyond:
 * a key destroyed by another replica is missed by no later read.
 */
class KeyRing {
  private readonly found = new Map<string, Promise<DataKeyLookup>>();

  constructor(private readonly keys: PersonalDataKeys) {}

  keyFor(tenantId: string, subjectId: string): Promise<DataKey> {
    return this.memo({ tenantId, subjectId }, () =>
      this.keys.keyFor(tenantId, subjectId),
    ) as Promise<DataKey>;
  }

  lookup(tenantId: string, subjectId: string): Promise<DataKeyLookup> {
    return this.memo({ tenantId, subjectId }, () => this.keys.lookup(tenantId, subjectId));
  }

  /** Looks the subjects not known yet up in one call (a page of events about to be opened). */
  async prefetch(subjects: readonly Subject[]): Promise<void> {
    const wanted = new Map<string, Subject>();
    for (const subject of subjects) {
      const id = subjectKey(subject);
      if (!this.found.has(id)) wanted.set(id, subject);
    }
    if (wanted.size === 0) return;
    const found = this.keys.lookupMany([...wanted.values()]);
    for (const id of wanted.keys()) {
      this.found.set(
        id,
        found.then((keys) => keys.get(id) ?? { status: 'unknown' }),
      );
    }
    await found;
  }

  private memo(subject: Subject, find: () => Promise<DataKeyLookup>) {
    const id = subjectKey(subject);
    let found = this.found.get(id);
    if (!found) this.found.set(id, (found = find()));
    return found;
  }
}

/** Events read ahead by `readAll`, so that their keys are looked up in one call. */
const readAllPage = 250;

const notYet = Symbol('not read yet');
/** Resolves once the events already read (settled promises) have had their turn. */
const afterEventsAlreadyRead = () =>
  new Promise<typeof notYet>((resolve) => setImmediate(() => resolve(notYet)));

/**
 * The event store as a context sees it when its events hold personal data (ADR 0034): on the way
 * in, the personal fields the policy names (and the metadata's reason) are sealed under the data
 * key of the person they are about; on the way out they are opened, and read as the policy's
 * placeholders once that key is destroyed. Appending an erasure event destroys the key first.
 * The store underneath, its hash chains included, only ever sees the sealed form: nothing stored
 * is rewritten by an erasure. Deciders, projections and the relay read plain events as before.
 */
export class PersonalDataEventStore implements EventStore {
  constructor(
    private readonly store: EventStore,
    private readonly policy: PersonalDataPolicy,
    readonly keys: PersonalDataKeys,
  ) {}

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: Readonly<{ expectedRevision: ExpectedRevision }>,
  ): Promise<AppendResult> {
    for (const event of events) await this.eraseFor(event);
    const ring = new KeyRing(this.keys);
    const sealed: NewEvent[] = [];
    for (const event of events) sealed.push(await this.sealed(event, ring));
    return this.store.append(streamId, sealed, options);
  }

  async readStream<E extends Event = Event>(
    streamId: string,
    options?: ReadStreamOptions,
  ): Promise<RecordedEvent<E>[]> {
    const events = await this.store.readStream<E>(streamId, options);
    const ring = new KeyRing(this.keys);
    const opened: RecordedEvent<E>[] = [];
    for (const event of events) opened.push(await this.opened(event, ring));
    return opened;
  }

  /** In pages: a rebuild reads the past, so reading ahead a little changes nothing it sees. */
  async *readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    let page: RecordedEvent[] = [];
    for await (const event of this.store.readAll(options)) {
      page.push(event);
      if (page.length < readAllPage) continue;
      yield* await this.openedPage(page);
      page = [];
    }
    yield* await this.openedPage(page);
  }

  /**
   * Opens what the subscription has already read as one page (one key lookup for all of it), and
   * waits for nothing more: a relay or projection catching up after an outage opens hundreds of
   * events per lookup instead of one, and a live event is opened as soon as it comes.
   */
  async *subscribeToAll(options?: SubscribeToAllOptions): AsyncIterable<RecordedEvent> {
    const events = this.store.subscribeToAll(options)[Symbol.asyncIterator]();
    const nextEvent = () => {
      const next = events.next();
      next.catch(() => undefined); // awaited below; this only keeps an early failure handled
      return next;
    };
    let pending = nextEvent();
    try {
      for (;;) {
        const first = await pending;
        if (first.done) return;
        const page = [first.value];
        pending = nextEvent();
        let ended = false;
        while (page.length < readAllPage) {
          const next = await Promise.race([pending, afterEventsAlreadyRead()]);
          if (next === notYet) break;
          if (next.done) {
            ended = true;
            break;
          }
          page.push(next.value);
          pending = nextEvent();
        }
        yield* await this.openedPage(page);
        if (ended) return;
      }
    } finally {
      // Not awaited: a live subscription ends when its signal aborts, not when asked to return.
      void events.return?.().catch(() => undefined);
    }
  }

  headPosition(): Promise<bigint | undefined> {
    return this.store.headPosition();
  }

  async close(): Promise<void> {
    await this.store.close();
    await this.keys.close();
  }

  private async openedPage(page: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const ring = new KeyRing(this.keys);
    await ring.prefetch(page.flatMap((event) => this.subjectsIn(event)));
    const opened: RecordedEvent[] = [];
    for (const event of page) opened.push(await this.opened(event, ring));
    return opened;
  }

  /** Whose keys opening the event may need: the owners of its sealed texts, or of plain ones. */
  private subjectsIn(event: RecordedEvent): Subject[] {
    const { tenantId } = event.metadata;
    const data = event.data as Fields;
    const subjects = [...Object.values(data), event.metadata.reason as unknown]
      .filter(isSealedText)
      .map((sealed) => ({ tenantId, subjectId: sealed.sealedFor }));
    const rule = this.policy.events[event.type];
    const plainSubject = rule ? data[rule.subject] : undefined;
    return typeof plainSubject === 'string'
      ? [...subjects, { tenantId, subjectId: plainSubject }]
      : subjects;
  }

  private async eraseFor(event: NewEvent): Promise<void> {
    const erasure = this.policy.erasures[event.type];
    if (!erasure) return;
    const subjectId = this.subjectOf(event, erasure.subject);
    await this.keys.erase(event.metadata.tenantId, subjectId, new Date(event.metadata.occurredAt));
  }

  private async sealed(event: NewEvent, ring: KeyRing): Promise<NewEvent> {
    const rule = this.policy.events[event.type];
    if (!rule) return event;
    const data = event.data as Fields;
    const texts = rule.fields.filter((field) => typeof data[field] === 'string');
    const { tenantId, reason } = event.metadata;
    if (texts.length === 0 && reason === undefined) return event;
    const subjectId = this.subjectOf(event, rule.subject);
    const key = await ring.keyFor(tenantId, subjectId);
    // A person erased already has no key, and never gets one again: their texts are not kept.
    const seal = (text: string, field: string, boundTo: string): SealedText | string =>
      key.status === 'active'
        ? sealText(key.key, text, { tenantId, subjectId, field: boundTo })
        : erasedValueOf(this.policy, field);
    const sealedData: Fields = { ...data };
    for (const field of texts) sealedData[field] = seal(data[field] as string, field, field);
    const metadata: EventMetadata =
      reason === undefined
        ? event.metadata
        : // Stored form: the adapters keep metadata as JSON; readers get the string back.
          { ...event.metadata, reason: seal(reason, 'reason', metadataReason) as string };
    return { ...event, data: sealedData, metadata };
  }

  private async opened<E extends Event>(
    event: RecordedEvent<E>,
    ring: KeyRing,
  ): Promise<RecordedEvent<E>> {
    const rule = this.policy.events[event.type];
    const data = event.data as Fields;
    const reason: unknown = event.metadata.reason;
    const sealedFields = Object.keys(data).filter((field) => isSealedText(data[field]));
    // Plain texts of a listed event were recorded before sealing began (ADR 0034).
    const plainFields = rule ? rule.fields.filter((field) => typeof data[field] === 'string') : [];
    const personalReason =
      isSealedText(reason) || (rule !== undefined && typeof reason === 'string');
    if (sealedFields.length === 0 && plainFields.length === 0 && !personalReason) return event;

    const { tenantId } = event.metadata;
    const plainSubject = rule && typeof data[rule.subject] === 'string' ? data[rule.subject] : null;
    const open = async (value: unknown, field: string, boundTo: string): Promise<string> => {
      if (isSealedText(value)) {
        const subjectId = value.sealedFor;
        const key = await ring.lookup(tenantId, subjectId);
        if (key.status !== 'active') return erasedValueOf(this.policy, field);
        try {
          return openText(key.key, value, { tenantId, subjectId, field: boundTo });
        } catch (error) {
          throw new Error(
            `${event.streamId}@${event.streamRevision}: ${boundTo} does not open with the key ` +
              `of ${subjectId} (altered, or moved from elsewhere)`,
            { cause: error },
          );
        }
      }
      if (typeof plainSubject !== 'string') return value as string;
      const key = await ring.lookup(tenantId, plainSubject);
      return key.status === 'erased' ? erasedValueOf(this.policy, field) : (value as string);
    };

    const openedData: Fields = { ...data };
    for (const field of [...sealedFields, ...plainFields]) {
      openedData[field] = await open(data[field], field, field);
    }
    const metadata: EventMetadata = personalReason
      ? { ...event.metadata, reason: await open(reason, 'reason', metadataReason) }
      : event.metadata;
    return { ...event, data: openedData, metadata };
  }

  private subjectOf(event: Event, field: string): string {
    const subjectId = (event.data as Fields)[field];
    if (typeof subjectId !== 'string' || subjectId === '') {
      throw new Error(`${event.type} names no ${field}: whose personal data is it?`);
    }
    return subjectId;
  }
}

/** Wraps a context's event store so that its personal data is sealed at rest and erasable. */
export const protectPersonalData = (
  store: EventStore,
  options: Readonly<{ policy: PersonalDataPolicy; keys: PersonalDataKeys }>,
): PersonalDataEventStore => new PersonalDataEventStore(store, options.policy, options.keys);
