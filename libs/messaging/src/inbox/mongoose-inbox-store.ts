import { Schema, type Connection, type Model } from 'mongoose';
import type { InboxEntry, InboxStore } from './inbox-store';

const inboxEntrySchema = new Schema<InboxEntry>(
  {
    consumer: { type: String, required: true },
    eventId: { type: String, required: true },
    type: { type: String, required: true },
    topic: { type: String, required: true },
    partition: { type: Number, required: true },
    offset: { type: String, required: true },
    handledAt: { type: Date, required: true },
  },
  { versionKey: false, autoIndex: false },
);
// Serves has(consumer, eventId), and makes a second record of the same event impossible.
inboxEntrySchema.index({ consumer: 1, eventId: 1 }, { unique: true });

export type MongooseInboxStoreOptions = Readonly<{
  /** Default `inbox`; tests use one of their own. */
  collection?: string;
}>;

/** The inbox in MongoDB or FerretDB (no transaction needed: see InboxStore). */
export class MongooseInboxStore implements InboxStore {
  private readonly model: Model<InboxEntry>;

  constructor(connection: Connection, options: MongooseInboxStoreOptions = {}) {
    const collection = options.collection ?? 'inbox';
    const modelName = `InboxEntry:${collection}`;
    this.model =
      (connection.models[modelName] as Model<InboxEntry> | undefined) ??
      connection.model<InboxEntry>(modelName, inboxEntrySchema, collection);
  }

  /** Creates the unique index; call once at boot. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  async has(consumer: string, eventId: string): Promise<boolean> {
    return (await this.model.exists({ consumer, eventId })) !== null;
  }

  async record(entry: InboxEntry): Promise<void> {
    try {
      await this.model.create(entry);
    } catch (error) {
      if (isDuplicateKey(error)) return;
      throw error;
    }
  }
}

const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
