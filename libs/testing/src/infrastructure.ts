/**
 * Where the integration tests find their servers. The jest global setup fills these from the
 * native local stack when the environment gives none (tools/jest/global-setup.js).
 */
const required = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. Run the tests through 'npm test' (which starts the native stack) ` +
        `or export ${name} yourself.`,
    );
  }
  return value;
};

export const testInfrastructure = {
  databaseUrl: () => required('DATABASE_URL'),
  kafkaBrokers: () => required('KAFKA_BROKERS').split(','),
  mongoUrl: () => required('MONGO_URL'),
  /** KurrentDB is not obtainable on machines without Docker: undefined means "not available here". */
  kurrentDbUrl: (): string | undefined => process.env.KURRENTDB_URL || undefined,
};

/** A name unique to this test run, for databases, topics, collections and consumer groups. */
export const uniqueName = (prefix: string): string =>
  `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
