/** A value before and after a change: the audit history shows both. */
export type Change<T> = Readonly<{ before: T; after: T }>;

export const change = <T>(before: T, after: T): Change<T> => ({ before, after });
