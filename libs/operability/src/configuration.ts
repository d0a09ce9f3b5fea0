import { type z } from 'zod';

/** The environment does not describe a runnable service. Lists every problem at once. */
export class InvalidConfiguration extends Error {
  override name = 'InvalidConfiguration';
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((problem) => `  - ${problem}`).join('\n') +
        '\nSet these environment variables and start again.',
    );
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

/** An empty variable means "not set": `PORT=` must not become port 0. */
const withoutEmptyValues = (env: Environment) =>
  Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );

const expectedShapeOf = (schema: z.ZodType, variable: string): string | undefined => {
  const shape: Record<string, z.ZodType> | undefined = (schema as Partial<z.ZodObject>).shape;
  return shape?.[variable]?.description;
};

/**
 * Typed configuration from the environment, or InvalidConfiguration naming every missing or
 * malformed variable with the shape it expects. Values are never echoed: they may be secrets.
 */
export const parseConfiguration = <Schema extends z.ZodType>(
  schema: Schema,
  env: Environment = process.env,
): z.infer<Schema> => {
  const source = withoutEmptyValues(env);
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const [name, ...inside] = issue.path.map(String);
    const variable = name ?? '(environment)';
    const missing = issue.code === 'invalid_type' && source[variable] === undefined;
    const expected = expectedShapeOf(schema, variable);
    const where =
      typeof inside[0] === 'string' && /^\d+$/.test(inside[0])
        ? ` (item ${Number(inside[0]) + 1})`
        : '';
    const problem = missing ? 'missing' : `${issue.message}${where}`;
    return `${variable}: ${problem}${expected ? `; expected ${expected}` : ''}`;
  });
  throw new InvalidConfiguration(problems);
};

/** parseConfiguration for a service's main.ts: on a bad environment, says why and exits 1. */
export const loadConfiguration = <Schema extends z.ZodType>(
  schema: Schema,
  env: Environment = process.env,
): z.infer<Schema> => {
  try {
    return parseConfiguration(schema, env);
  } catch (error) {
    if (!(error instanceof InvalidConfiguration)) throw error;
    process.stderr.write(`${error.message}\n`);
    return process.exit(1);
  }
};
