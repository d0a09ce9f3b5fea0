import type { Event } from '@rhythm/event-sourcing';
import type { Change } from '../change';

/**
 * A person's growth and career ambitions, linked to the OKRs they contribute to (stream
 * `ambition-<tenant>.<personId>`: one stream per person, who alone edits it).
 */
export const ambitionKinds = ['growth', 'career'] as const;
export type AmbitionKind = (typeof ambitionKinds)[number];

export type AmbitionLink =
  | Readonly<{ kind: 'objective'; objectiveId: string }>
  | Readonly<{ kind: 'key-result'; objectiveId: string; keyResultId: string }>;

export const ambitionOutcomes = ['realised', 'set-aside'] as const;
export type AmbitionOutcome = (typeof ambitionOutcomes)[number];

export type AmbitionRecorded = Event<
  'AmbitionRecorded',
  { personId: string; ambitionId: string; kind: AmbitionKind; title: string; description: string }
>;

export type AmbitionRevised = Event<
  'AmbitionRevised',
  { personId: string; ambitionId: string; title: Change<string>; description: Change<string> }
>;

export type AmbitionLinked = Event<
  'AmbitionLinked',
  { personId: string; ambitionId: string; link: AmbitionLink }
>;

export type AmbitionUnlinked = Event<
  'AmbitionUnlinked',
  { personId: string; ambitionId: string; link: AmbitionLink }
>;

export type AmbitionClosed = Event<
  'AmbitionClosed',
  { personId: string; ambitionId: string; outcome: AmbitionOutcome; note: string }
>;

export type AmbitionEvent =
  AmbitionRecorded | AmbitionRevised | AmbitionLinked | AmbitionUnlinked | AmbitionClosed;

const ambitionEventTypeSet: Readonly<Record<AmbitionEvent['type'], true>> = {
  AmbitionRecorded: true,
  AmbitionRevised: true,
  AmbitionLinked: true,
  AmbitionUnlinked: true,
  AmbitionClosed: true,
};

export const isAmbitionEvent = <E extends Event>(event: E): event is E & AmbitionEvent =>
  Object.hasOwn(ambitionEventTypeSet, event.type);
