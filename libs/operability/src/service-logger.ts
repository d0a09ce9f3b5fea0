import { type LoggerService, type LogLevel } from '@nestjs/common';
import { assertNever } from '@rhythm/event-sourcing';
import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { currentCorrelationId } from './request-context';

export type ServiceLoggerOptions = Readonly<{
  service: string;
  level?: LevelWithSilent;
  /** Defaults to stdout; tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}>;

/** JSON lines on stdout, each with the service name and the correlation id in context. */
export const createPinoLogger = ({ service, level = 'info', destination }: ServiceLoggerOptions) =>
  pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );

/** Nest's LoggerService over pino, so Nest's own `Logger` and ours write the same lines. */
export class ServiceLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }
  setLogLevels(levels: LogLevel[]) {
    const order: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
    const lowest = order.find((level) => levels.includes(level));
    this.pino.level = lowest ? pinoLevelOf(lowest) : 'silent';
  }

  /** Nest passes `(message, context)` or, for errors, `(message, stack, context)`. */
  private write(level: pino.Level, message: unknown, params: unknown[]) {
    const context =
      params.length > 0 && typeof params.at(-1) === 'string' ? params.at(-1) : undefined;
    const stack =
      level === 'error' && params.length === 2 && typeof params[0] === 'string'
        ? params[0]
        : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = stack;
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}

const pinoLevelOf = (level: LogLevel): pino.Level => {
  switch (level) {
    case 'verbose':
      return 'trace';
    case 'log':
      return 'info';
    case 'debug':
    case 'warn':
    case 'error':
    case 'fatal':
      return level;
    default:
      return assertNever(level);
  }
};
