import { createPinoLogger, ServiceLogger } from './service-logger';
import { correlationIdFrom, runWithCorrelationId } from './request-context';

const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const logger = new ServiceLogger(
    createPinoLogger({
      service: 'org',
      level: 'trace',
      destination: {
        write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
      },
    }),
  );
  return { logger, lines };
};

describe('ServiceLogger', () => {
  it('writes JSON lines with service, level label, context and the correlation id in context', () => {
    const { logger, lines } = capture();
    runWithCorrelationId('corr-1', () => logger.log('squad formed', 'SquadsController'));
    logger.warn('no context here');
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'org',
      context: 'SquadsController',
      correlationId: 'corr-1',
      msg: 'squad formed',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it("understands Nest's error(message, stack, context)", () => {
    const { logger, lines } = capture();
    logger.error('relay failed', 'Error: boom\n    at relay.ts:1', 'OrgEventRelay');
    expect(lines[0]).toMatchObject({
      level: 'error',
      msg: 'relay failed',
      stack: 'Error: boom\n    at relay.ts:1',
      context: 'OrgEventRelay',
    });
  });

  it('serialises an Error with its stack', () => {
    const { logger, lines } = capture();
    logger.error(new Error('pool exhausted'), 'EventStore');
    expect(lines[0]).toMatchObject({ msg: 'pool exhausted', context: 'EventStore' });
    expect((lines[0].err as { stack: string }).stack).toContain('pool exhausted');
  });

  it('follows the levels Nest asks for', () => {
    const { logger, lines } = capture();
    logger.setLogLevels(['warn', 'error']);
    logger.log('dropped');
    logger.warn('kept');
    expect(lines.map((line) => line.msg)).toEqual(['kept']);
  });
});

describe('correlationIdFrom', () => {
  it('keeps a plain incoming id and replaces anything else with a new UUID', () => {
    expect(correlationIdFrom('req-42:a.b_c')).toBe('req-42:a.b_c');
    for (const unsafe of [undefined, '', 'with space', 'x'.repeat(129), '{"level":"fatal"}']) {
      expect(correlationIdFrom(unsafe)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
    }
  });
});
