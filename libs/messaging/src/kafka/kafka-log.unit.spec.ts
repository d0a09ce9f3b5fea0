import { logLevel } from 'kafkajs';
import { kafkaLogCreator, type KafkaLogger } from './kafka-log';

describe("kafkajs logs in the service's logger", () => {
  const recorded: Array<[string, Record<string, unknown>, string]> = [];
  const logger: KafkaLogger = {
    debug: (bindings, message) => recorded.push(['debug', bindings, message]),
    info: (bindings, message) => recorded.push(['info', bindings, message]),
    warn: (bindings, message) => recorded.push(['warn', bindings, message]),
    error: (bindings, message) => recorded.push(['error', bindings, message]),
  };
  const log = kafkaLogCreator(logger)(logLevel.WARN);
  const entry = (level: logLevel, message: string, extra: Record<string, unknown> = {}) => ({
    namespace: 'Producer',
    level,
    label: 'ERROR',
    log: { timestamp: '2026-11-23T00:00:00Z', logger: 'kafkajs', message, ...extra },
  });

  beforeEach(() => recorded.splice(0));

  it('keeps the level, the namespace and the details, without kafkajs own timestamp', () => {
    log(entry(logLevel.ERROR, 'Connection error', { broker: '127.0.0.1:59092', retryCount: 2 }));
    log(entry(logLevel.WARN, 'Rebalancing'));
    expect(recorded).toEqual([
      [
        'error',
        { kafka: 'Producer', broker: '127.0.0.1:59092', retryCount: 2 },
        'Connection error',
      ],
      ['warn', { kafka: 'Producer' }, 'Rebalancing'],
    ]);
  });

  it('logs the routine CONCURRENT_TRANSACTIONS retries at debug', () => {
    log(
      entry(
        logLevel.ERROR,
        'Failed to send messages: The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing',
        { retryCount: 0 },
      ),
    );
    log(
      entry(logLevel.ERROR, 'Response AddPartitionsToTxn(key: 24, version: 1)', {
        error:
          'The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing',
      }),
    );
    expect(recorded.map(([level]) => level)).toEqual(['debug', 'debug']);
  });
});
