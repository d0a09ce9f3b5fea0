import { boundedPool, migrateOwnedTables, ownedTableName } from '@rhythm/event-store-postgres';
import type { Pool } from 'pg';
import type { MasterKey } from './master-key';
import {
  subjectKey,
  type DataKey,
  type DataKeyLookup,
  type PersonalDataKeys,
  type Subject,
} from './personal-data-keys';
import { newDataKey } from './sealed-text';

export type PostgresPersonalDataKeysOptions = Readonly<{
  /** The services' role: it may read, make and destroy keys, never change one (ADR 0034). */
  connectionString: string;
  /** The schema owner's role, for migrate() only (ADR 0029); default: connectionString. */
  ownerConnectionString?: string;
  /** The schema of the event store whose personal data the keys seal. */
  schema: string;
  /** Wraps the data keys at rest; without it they are stored as they are. */
  masterKey?: MasterKey;
  poolSize?: number;
  /** Any statement that runs this long is cancelled by the server. Default 5000 ms. */
  statementTimeoutMs?: number;
}>;

/** What `wrapped_by` says of a key stored as it is. */
const unwrapped = 'none';

type KeyRow = Readonly<{ data_key: Buffer | null; wrapped_by: string | null; erased: boolean }>;

/**
 * `personal_data_keys` and `personal_data_erasures` in the event store's schema. The services'
 * role may SELECT, INSERT and DELETE keys (never UPDATE: a key is made once and destroyed once),
 * and SELECT and INSERT erasures: the record that someone was erased outlives their key, so that
 * no key is made for them again and plain text recorded before sealing began reads as erased.
 */
export class PostgresPersonalDataKeys implements PersonalDataKeys {
  private readonly pool: Pool;
  private readonly keys: string;
  private readonly erasures: string;

  constructor(private readonly options: PostgresPersonalDataKeysOptions) {
    this.keys = ownedTableName(options.schema, 'personal_data_keys');
    this.erasures = ownedTableName(options.schema, 'personal_data_erasures');
    // No call waits without a bound (ADR 0028).
    this.pool = boundedPool({
      connectionString: options.connectionString,
      poolSize: options.poolSize ?? 4,
      applicationName: `rhythm-personal-data-keys:${options.schema}`,
      ...(options.statementTimeoutMs === undefined
        ? {}
        : { statementTimeoutMs: options.statementTimeoutMs }),
    });
  }

  /**
   * Creates both tables as the owner and grants the services' role; safe to repeat and to run
   * concurrently. Without an owner, tables already there are left alone (tools run as the
   * services' role, which may not create anything).
   */
  async migrate(): Promise<void> {
    if (this.options.ownerConnectionString === undefined && (await this.tablesExist())) return;
    const { schema } = this.options;
    await migrateOwnedTables({
      schema,
      serviceConnectionString: this.options.connectionString,
      ownerConnectionString: this.options.ownerConnectionString,
      tables: [
        {
          name: this.keys,
          create: `CREATE TABLE IF NOT EXISTS ${this.keys} (
            tenant_id text NOT NULL,
            subject_id text NOT NULL,
            data_key bytea NOT NULL,
            wrapped_by text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (tenant_id, subject_id)
          )`,
          privileges: 'SELECT, INSERT, DELETE',
        },
        {
          name: this.erasures,
          create: `CREATE TABLE IF NOT EXISTS ${this.erasures} (
            tenant_id text NOT NULL,
            subject_id text NOT NULL,
            erased_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, subject_id)
          )`,
          privileges: 'SELECT, INSERT',
        },
      ],
    });
  }

  async keyFor(tenantId: string, subjectId: string): Promise<DataKey> {
    const found = await this.lookup(tenantId, subjectId);
    if (found.status !== 'unknown') return found;
    const key = newDataKey();
    const masterKey = this.options.masterKey;
    // Two appends for one new person may race: the first key stays, the second reads it back.
    await this.pool.query(
      `INSERT INTO ${this.keys} (tenant_id, subject_id, data_key, wrapped_by)
       SELECT $1, $2, $3, $4
       WHERE NOT EXISTS (SELECT 1 FROM ${this.erasures} WHERE tenant_id = $1 AND subject_id = $2)
       ON CONFLICT (tenant_id, subject_id) DO NOTHING`,
      [
        tenantId,
        subjectId,
        masterKey ? masterKey.wrap(key, tenantId, subjectId) : key,
        masterKey?.id ?? unwrapped,
      ],
    );
    const made = await this.lookup(tenantId, subjectId);
    if (made.status === 'unknown') throw new Error(`No data key could be made for ${subjectId}`);
    return made;
  }

  async lookup(tenantId: string, subjectId: string): Promise<DataKeyLookup> {
    const subject = { tenantId, subjectId };
    return (await this.lookupMany([subject])).get(subjectKey(subject))!;
  }

  async lookupMany(subjects: readonly Subject[]): Promise<ReadonlyMap<string, DataKeyLookup>> {
    const found = new Map<string, DataKeyLookup>();
    if (subjects.length === 0) return found;
    const { rows } = await this.pool.query<KeyRow & Subject>(
      `SELECT wanted.tenant_id AS "tenantId", wanted.subject_id AS "subjectId",
              k.data_key, k.wrapped_by, e.subject_id IS NOT NULL AS erased
       FROM unnest($1::text[], $2::text[]) AS wanted (tenant_id, subject_id)
       LEFT JOIN ${this.keys} k USING (tenant_id, subject_id)
       LEFT JOIN ${this.erasures} e USING (tenant_id, subject_id)`,
      [subjects.map((subject) => subject.tenantId), subjects.map((subject) => subject.subjectId)],
    );
    for (const row of rows) found.set(subjectKey(row), this.lookupOf(row));
    return found;
  }

  async erase(tenantId: string, subjectId: string, at: Date): Promise<void> {
    // One statement, one transaction: never a destroyed key without its erasure on record.
    await this.pool.query(
      `WITH recorded AS (
         INSERT INTO ${this.erasures} (tenant_id, subject_id, erased_at) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, subject_id) DO NOTHING
       )
       DELETE FROM ${this.keys} WHERE tenant_id = $1 AND subject_id = $2`,
      [tenantId, subjectId, at],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private lookupOf(row: KeyRow & Subject): DataKeyLookup {
    if (row.erased) return { status: 'erased' };
    if (row.data_key === null || row.wrapped_by === null) return { status: 'unknown' };
    const key = this.unwrap(row.data_key, row.wrapped_by, row.tenantId, row.subjectId);
    return { status: 'active', key };
  }

  private unwrap(stored: Buffer, wrappedBy: string, tenantId: string, subjectId: string): Buffer {
    if (wrappedBy === unwrapped) return stored;
    const masterKey = this.options.masterKey;
    if (masterKey?.id !== wrappedBy) {
      throw new Error(
        `The data key of ${subjectId} is wrapped by master key ${wrappedBy}, ` +
          `not by the one configured (${masterKey?.id ?? 'none'}): set PERSONAL_DATA_MASTER_KEY`,
      );
    }
    return masterKey.unwrap(stored, tenantId, subjectId);
  }

  private async tablesExist(): Promise<boolean> {
    try {
      await this.pool.query(`SELECT 1 FROM ${this.keys} LIMIT 0`);
      await this.pool.query(`SELECT 1 FROM ${this.erasures} LIMIT 0`);
      return true;
    } catch {
      return false;
    }
  }
}
