export type ContractViolationReason =
  | 'invalid-json'
  | 'invalid-envelope'
  | 'unknown-type'
  | 'unknown-version'
  | 'invalid-data'
  | 'upcast-failed';

/**
 * A message that no retry can fix: a consumer sends it to the dead-letter topic at once.
 */
export class ContractViolation extends Error {
  constructor(
    readonly reason: ContractViolationReason,
    message: string,
    /** Field paths at fault, for invalid envelopes and data. */
    readonly issues: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ContractViolation';
  }
}
