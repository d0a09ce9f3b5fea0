import type { Event } from '@rhythm/event-sourcing';

/** For one event type: whose data it is (a data field holding their id) and what is personal. */
export type PersonalFields = Readonly<{ subject: string; fields: readonly string[] }>;

/**
 * Which events of a context carry personal data, and what a reader gets once the person is gone.
 * An event type listed here also has its `metadata.reason` sealed: the reason a change to a person
 * was recorded for may name them.
 */
export type PersonalDataPolicy = Readonly<{
  events: Readonly<Record<string, PersonalFields | undefined>>;
  /**
   * Events that erase a person: appending one destroys the key of the person its `subject` field
   * names, before the event (and any sealed with it) is stored.
   */
  erasures: Readonly<Record<string, Readonly<{ subject: string }> | undefined>>;
  /** What a personal field reads as after erasure, by field name (`reason` for the metadata's). */
  erased: Readonly<Record<string, string>>;
  /** For a field `erased` does not name. */
  erasedText: string;
}>;

type DataOf<E extends Event, Type extends E['type']> = Extract<E, { type: Type }>['data'];

/** Keys of an event's data whose values are strings. */
type TextFields<Data> = {
  [K in keyof Data & string]: Data[K] extends string ? K : never;
}[keyof Data & string];

/** A context's policy, checked against its own event union: only text fields can be named. */
export type TypedPersonalDataPolicy<E extends Event> = Omit<
  PersonalDataPolicy,
  'events' | 'erasures'
> &
  Readonly<{
    events: Readonly<{
      [Type in E['type']]?: Readonly<{
        subject: TextFields<DataOf<E, Type>>;
        fields: readonly TextFields<DataOf<E, Type>>[];
      }>;
    }>;
    erasures: Readonly<{
      [Type in E['type']]?: Readonly<{ subject: TextFields<DataOf<E, Type>> }>;
    }>;
  }>;

export const personalDataPolicy = <E extends Event>(
  policy: TypedPersonalDataPolicy<E>,
): PersonalDataPolicy => policy;

export const erasedValueOf = (policy: PersonalDataPolicy, field: string): string =>
  policy.erased[field] ?? policy.erasedText;
