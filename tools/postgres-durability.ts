/**
 * Whether a commit on this PostgreSQL server survives a crash, for a benchmark's header: figures
 * taken with fsync off are not the figures of a durable deployment.
 */
export const postgresDurability = async (
  sql: Readonly<{ query: (text: string) => Promise<{ rows: Array<Record<string, unknown>> }> }>,
): Promise<string> => {
  const settings: Record<string, string> = {};
  for (const name of ['fsync', 'synchronous_commit', 'full_page_writes']) {
    const { rows } = await sql.query(`SHOW ${name}`);
    const value = rows[0]?.[name];
    settings[name] = typeof value === 'string' ? value : '?';
  }
  const durable = settings.fsync === 'on' && settings.synchronous_commit !== 'off';
  const detail = Object.entries(settings)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  return `${durable ? 'durable' : 'NOT durable'} PostgreSQL (${detail})`;
};
