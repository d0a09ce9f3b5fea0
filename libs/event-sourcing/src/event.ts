/**
 * Domain events as readonly `{ type, data }` records. Metadata (who, when, why, in which tenant,
 * caused by what) travels beside the data and is added by the application, never by a decider.
 */
export type Event<Type extends string = string, Data extends object = object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

export type EventType<E extends Event> = E['type'];

/** The audit trail of an event: every stored event carries it. */
export type EventMetadata = Readonly<{
  eventId: string;
  /** The organisation (tenant) the event belongs to. */
  tenantId: string;
  /** Who caused it: a person id, or `system:<component>` for automatic changes. */
  actor: string;
  /** Id shared by everything one request or process caused. */
  correlationId: string;
  /** Id of the command or event that directly caused this event. */
  causationId: string;
  /** ISO-8601 UTC, from the application clock. Time travel reads by this time. */
  occurredAt: string;
  /** Why, where the domain asks for one (lowering a target, dissolving a squad, ...). */
  reason?: string;
}>;

/** An event ready to be appended. */
export type NewEvent<E extends Event = Event> = E & Readonly<{ metadata: EventMetadata }>;

/** An event as the store returns it. */
export type RecordedEvent<E extends Event = Event> = E &
  Readonly<{
    metadata: EventMetadata;
    streamId: string;
    /** 0-based position of the event inside its stream. */
    streamRevision: number;
    /** Position in the store-wide order; strictly increasing in the order readers see events. */
    globalPosition: bigint;
    recordedAt: Date;
  }>;
