import { TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import { parseConfiguration } from '@rhythm/operability';
import type { z } from 'zod';
import type { FuzzReport } from './fuzz-run';
import type { OpenApiDocument } from './openapi-document';

/**
 * What every service's API document spec and fuzz spec check alike (issue 8, finding 6): the
 * document built offline, every error answer in the one error schema, every success documented,
 * the fuzz run over every operation without a finding.
 */

/** A service's configuration for building its document: stores and brokers nobody dials. */
export const offlineConfiguration = <S extends z.ZodType>(schema: S): z.infer<S> =>
  parseConfiguration(schema, {
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    MONGO_URL: 'mongodb://127.0.0.1:1/none',
    KAFKA_BROKERS: '127.0.0.1:1',
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
  });

/** The edge's answers every operation documents (libs/operability adds them). */
export const edgeStatuses = ['400', '401', '403', '413', '415', '429', '503'] as const;

/**
 * Operations whose answers miss one of `statuses`, or document an error outside the one error
 * schema: `get /path: missing 404` / `get /path: 404 not HttpErrorResponse`.
 */
export const errorAnswersAmiss = (
  document: OpenApiDocument,
  statuses: readonly string[] = edgeStatuses,
): string[] =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, operation]) => {
      const answers = operation.responses ?? {};
      const missing = statuses
        .filter((status) => !(status in answers))
        .map((status) => `${method} ${path}: missing ${status}`);
      const outside = Object.keys(answers)
        .filter((status) => Number(status) >= 400)
        .filter(
          (status) =>
            !JSON.stringify(answers[status]?.content?.['application/json']?.schema).includes(
              '#/components/schemas/HttpErrorResponse',
            ),
        )
        .map((status) => `${method} ${path}: ${status} not HttpErrorResponse`);
      return [...missing, ...outside];
    }),
  );

/** Successful answers with no documented JSON body: `GET /path 200`. */
export const undocumentedSuccesses = (document: OpenApiDocument): string[] =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, operation]) =>
      Object.entries(operation.responses ?? {})
        .filter(([status]) => Number(status) < 300)
        .filter(([, response]) => response.content?.['application/json']?.schema === undefined)
        .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
    ),
  );

/** Every operation a running service's document lists: `GET /path`. */
export const servedOperations = async (baseUrl: string): Promise<string[]> => {
  const document = (await (await fetch(`${baseUrl}/docs/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(document.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
};

/** A fuzz run's findings, each with the curl that repeats it. */
export const findingsOf = (report: FuzzReport): string[] =>
  report.findings.map(
    (finding) =>
      `${finding.operation} [${finding.case}] ${finding.status ?? ''} ${finding.problem}\n` +
      finding.curl,
  );

/** Answers with a 2xx per operation: valid-ish requests got through, not only refusals. */
export const successesOf = (report: FuzzReport, operation: string): number =>
  Object.entries(report.operations[operation] ?? {})
    .filter(([status]) => /^2\d\d$/.test(status))
    .reduce((sum, [, count]) => sum + count, 0);
