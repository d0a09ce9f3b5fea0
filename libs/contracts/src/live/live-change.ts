/**
 * What the gateway pushes to a signed-in console over `GET /api/live` (server-sent events, event
 * name `change`), and to a TV board over `GET /api/boards/:token/live`. Ids only: the console
 * refetches what it shows through the services, which apply the access rules; the gateway sends a
 * change only to a person who may see its subject (docs/security.md).
 */
export interface LiveChange {
  /** The service whose topic carried the integration event. */
  readonly service: LiveService;
  /** The integration event's type, e.g. `goals.key-result-progress-recorded`. */
  readonly type: string;
  /** What changed, by the ids the console keys its queries by. */
  readonly subjects: readonly LiveSubject[];
  /** When the change happened (the event's occurredAt). */
  readonly occurredAt: string;
}

export type LiveService = 'org' | 'goals' | 'checkins' | 'recognition';

export interface LiveSubject {
  readonly kind: LiveSubjectKind;
  readonly id: string;
  /** The subject stream's version after the change, when the event carries it. */
  readonly version?: number;
}

export type LiveSubjectKind =
  | 'organisation'
  | 'unit'
  | 'person'
  | 'cycle'
  | 'objective'
  | 'proposal'
  | 'ambition'
  | 'check-in'
  | 'blocker'
  | 'kudos'
  | 'story'
  | 'celebration';
