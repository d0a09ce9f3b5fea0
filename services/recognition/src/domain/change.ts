/** A value before and after a change: the event keeps both, so no history is lost. */
export type Change<T> = Readonly<{ before: T; after: T }>;
