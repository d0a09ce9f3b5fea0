/**
 * Failures a caller can act on. Deciders throw `DomainRuleViolated` (or a subclass) when a command
 * breaks a rule; the HTTP edge maps each code to a status and a message in one place.
 */
export type DomainErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'already_exists'
  | 'rule_violated'
  | 'forbidden'
  | 'version_conflict';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Fields at fault, for 400 responses. */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends DomainError {
  constructor(message: string, fields: Readonly<Record<string, string>> = {}) {
    super('validation_failed', message, fields);
  }
}

export class NotFound extends DomainError {
  /** `fields`: when what is missing is named by the request (a person id in the body). */
  constructor(message: string, fields: Readonly<Record<string, string>> = {}) {
    super('not_found', message, fields);
  }
}

export class AlreadyExists extends DomainError {
  constructor(message: string) {
    super('already_exists', message);
  }
}

export class RuleViolated extends DomainError {
  constructor(message: string, fields: Readonly<Record<string, string>> = {}) {
    super('rule_violated', message, fields);
  }
}

export class Forbidden extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

/** The stream moved on since it was read: another writer won. */
export class WrongExpectedRevision extends DomainError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevisionLike,
    readonly actual: number | 'no_stream',
  ) {
    super(
      'version_conflict',
      `Stream ${streamId} was expected at revision ${String(expected)} but is at ${String(actual)}`,
    );
  }
}

type ExpectedRevisionLike = number | 'no_stream' | 'any' | 'stream_exists';

/**
 * A stream holds an event its aggregate cannot fold: its data is not what its type says (a faulty
 * migration, a hand-made event). Nothing can be decided on that stream until the event is
 * repaired; a server fault, not the caller's (ADR 0066). It names the event for the log only.
 */
export class StreamUnreadable extends Error {
  constructor(
    readonly streamId: string,
    readonly streamRevision: number,
    readonly eventType: string,
    cause: unknown,
  ) {
    // The cause's own message follows in the log (pino's error serializer appends it).
    super(`${streamId}@${streamRevision} (${eventType}) cannot be folded`, { cause });
    this.name = 'StreamUnreadable';
  }
}
