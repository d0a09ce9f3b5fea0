import { logLevel, type logCreator } from 'kafkajs';
import type { MessagingLogger } from '../messaging-logger';

export type KafkaLogger = MessagingLogger &
  Readonly<{ debug(bindings: Record<string, unknown>, message: string): void }>;

/**
 * A transaction begun while the broker still writes the previous one's commit markers gets
 * CONCURRENT_TRANSACTIONS; kafkajs retries it (after 20 ms for the relay) and logs each retry as
 * an ERROR. Routine under load: hundreds per 20,000 events in the goals benchmark.
 */
const routineRetry = /concurrent operation on the same transaction|CONCURRENT_TRANSACTIONS/;

/**
 * kafkajs logs into the service's own logger, one JSON stream with the rest, instead of its own
 * console format; its routine transactional retries go to debug.
 *
 *   new Kafka({ clientId, brokers, logLevel: logLevel.WARN, logCreator: kafkaLogCreator(logger) })
 */
export const kafkaLogCreator =
  (logger: KafkaLogger): logCreator =>
  () =>
  ({ namespace, level, log }) => {
    const { message, timestamp: _timestamp, logger: _logger, ...details } = log;
    const bindings = { kafka: namespace, ...details };
    const error = typeof details.error === 'string' ? details.error : '';
    if (routineRetry.test(error) || routineRetry.test(message)) {
      logger.debug(bindings, message);
      return;
    }
    switch (level) {
      case logLevel.ERROR:
        return logger.error(bindings, message);
      case logLevel.WARN:
        return logger.warn(bindings, message);
      case logLevel.INFO:
        return logger.info(bindings, message);
      default:
        return logger.debug(bindings, message);
    }
  };
