export type InboxEntry = Readonly<{
  /** The consumer (projection, policy…) whose effect is stored: dedupe is per consumer. */
  consumer: string;
  eventId: string;
  type: string;
  topic: string;
  partition: number;
  offset: string;
  handledAt: Date;
}>;

/**
 * The idempotency guard of Kafka consumers: which events a consumer already handled.
 * Written after the effect (no transaction spans both on FerretDB), so an effect must itself
 * tolerate being applied twice after a crash between the two.
 */
export interface InboxStore {
  has(consumer: string, eventId: string): Promise<boolean>;
  /** Recording the same (consumer, eventId) twice is not an error. */
  record(entry: InboxEntry): Promise<void>;
}
