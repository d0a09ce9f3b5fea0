import type { OrgIntegrationEvent, OrgSubject } from '@rhythm/org-directory';
import type { Unit } from '../recognition-domain';

/**
 * Who belonged where, and when (issue 10, item 5): the recognition flow counts a kudos by the
 * units its people were in that day, not by today's org. Folded from the org topic's events of
 * one stream at a time, so the order between streams cannot matter; periods are half-open,
 * `[from, to)`, in UTC instants, `to` absent while it lasts.
 */
export type Period = Readonly<{ from: string; to?: string }>;

/** A person's memberships: squad and chapter one at a time, guilds any number. */
export type Membership = Period & Readonly<{ kind: 'squad' | 'chapter' | 'guild'; id: string }>;

/** A squad's or chapter's tribe over time: it changes when a squad moves. */
export type TribePeriod = Period & Readonly<{ tribeId: string }>;

export type PersonHistory = Readonly<{
  kind: 'person';
  id: string;
  memberships: readonly Membership[];
}>;

export type UnitHistory = Readonly<{
  kind: Unit['kind'];
  id: string;
  /** From its formation (or the first event seen) to its dissolution: its members' too. */
  existed?: Period;
  tribes: readonly TribePeriod[];
}>;

export type SubjectHistory = PersonHistory | UnitHistory;

/** Instants compare as text once all are written alike (with milliseconds, in UTC). */
export const instant = (at: string): string => new Date(at).toISOString();

/** Whether the instant falls in the period. */
export const holdsAt = (period: Period, at: string): boolean =>
  period.from <= at && (period.to === undefined || at < period.to);

const closeOpen = <P extends Period>(
  periods: readonly P[],
  at: string,
  which: (period: P) => boolean,
): P[] =>
  periods.map((period) =>
    period.to === undefined && which(period)
      ? // A period closed at its own start lasted nothing: it is kept, empty, as the events said.
        { ...period, to: at < period.from ? period.from : at }
      : period,
  );

const opened = (memberships: readonly Membership[], kind: Membership['kind'], id: string) =>
  memberships.some((period) => period.to === undefined && period.kind === kind && period.id === id);

const evolvePerson = (history: PersonHistory, event: OrgIntegrationEvent): PersonHistory => {
  const at = instant(event.occurredAt);
  const join = (kind: Membership['kind'], id: string, alone: boolean): PersonHistory => {
    if (opened(history.memberships, kind, id)) return history;
    // One squad and one chapter at a time: joining another ends the last.
    const before = alone
      ? closeOpen(history.memberships, at, (period) => period.kind === kind)
      : history.memberships;
    return { ...history, memberships: [...before, { kind, id, from: at }] };
  };
  const leave = (kind: Membership['kind'], id: string): PersonHistory => ({
    ...history,
    memberships: closeOpen(
      history.memberships,
      at,
      (period) => period.kind === kind && period.id === id,
    ),
  });
  switch (event.type) {
    case 'org.person-joined-squad':
      return join('squad', event.data.squadId, true);
    case 'org.person-left-squad':
      return leave('squad', event.data.squadId);
    case 'org.person-joined-chapter':
      return join('chapter', event.data.chapterId, true);
    case 'org.person-left-chapter':
      return leave('chapter', event.data.chapterId);
    case 'org.person-joined-guild':
      return join('guild', event.data.guildId, false);
    case 'org.person-left-guild':
      return leave('guild', event.data.guildId);
    case 'org.person-left':
    case 'org.person-erased':
      // Their memberships end with them; the history keeps ids only (ADR 0034: no names here).
      return { ...history, memberships: closeOpen(history.memberships, at, () => true) };
    default:
      return history;
  }
};

const evolveUnit = (history: UnitHistory, event: OrgIntegrationEvent): UnitHistory => {
  const at = instant(event.occurredAt);
  switch (event.type) {
    case 'org.tribe-formed':
    case 'org.guild-formed':
      return { ...history, existed: { from: at } };
    case 'org.squad-formed':
      return {
        ...history,
        existed: { from: instant(event.data.formedAt) },
        tribes: [{ tribeId: event.data.tribeId, from: instant(event.data.formedAt) }],
      };
    case 'org.chapter-formed':
      return {
        ...history,
        existed: { from: at },
        tribes: [{ tribeId: event.data.tribeId, from: at }],
      };
    case 'org.squad-moved': {
      // From effectiveAt on, which may lie before the event (a move recorded late).
      const since = instant(event.data.effectiveAt);
      const before = history.tribes
        .filter((period) => period.from < since)
        .map((period) =>
          period.to === undefined || period.to > since ? { ...period, to: since } : period,
        );
      return { ...history, tribes: [...before, { tribeId: event.data.toTribeId, from: since }] };
    }
    case 'org.tribe-dissolved':
    case 'org.squad-dissolved':
    case 'org.chapter-dissolved':
    case 'org.guild-dissolved':
      // Memberships end with the unit; no per-person event follows (as the org directory reads it).
      return {
        ...history,
        existed: { from: history.existed?.from ?? at, to: at },
        tribes: closeOpen(history.tribes, at, () => true),
      };
    default:
      return history;
  }
};

/** A subject's history from the events of its stream, in stream order whatever the arrival. */
export const historyOf = (
  subject: OrgSubject,
  events: readonly OrgIntegrationEvent[],
): SubjectHistory | undefined => {
  const ordered = [...events].sort((a, b) => a.streamRevision - b.streamRevision);
  if (subject.kind === 'company') return undefined;
  if (subject.kind === 'person') {
    return ordered.reduce(evolvePerson, { kind: 'person', id: subject.id, memberships: [] });
  }
  return ordered.reduce(evolveUnit, { kind: subject.kind, id: subject.id, tribes: [] });
};

/** The units a person was in at `at`, those dissolved by then left out, with their tribes. */
export const unitsAt = (
  person: PersonHistory,
  unitsById: ReadonlyMap<string, UnitHistory>,
  at: string,
): Unit[] => {
  const units: Unit[] = [];
  const tribes = new Set<string>();
  for (const membership of person.memberships) {
    if (!holdsAt(membership, at)) continue;
    const unit = unitsById.get(`${membership.kind}:${membership.id}`);
    if (unit?.existed !== undefined && !holdsAt(unit.existed, at)) continue;
    units.push({ kind: membership.kind, id: membership.id });
    const tribeId = unit === undefined ? undefined : tribeAt(unit, at);
    if (tribeId !== undefined) tribes.add(tribeId);
  }
  return [...units, ...[...tribes].map((id): Unit => ({ kind: 'tribe', id }))];
};

/** A squad's or chapter's tribe at `at`; a tribe is its own. */
export const tribeAt = (unit: UnitHistory, at: string): string | undefined => {
  if (unit.kind === 'tribe') return unit.id;
  return unit.tribes.find((period) => holdsAt(period, at))?.tribeId;
};
