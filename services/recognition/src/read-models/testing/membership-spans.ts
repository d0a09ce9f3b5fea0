import type { Unit } from '@rhythm/recognition-domain';
import type { MembershipHistory } from '../../application/recognition-directory.port';

/** A person in a unit, or a squad or chapter in a tribe, from `from` until `until` (exclusive). */
export type Span = Readonly<{ member: string; unit: Unit; from: string; until?: string }>;

const during = (span: Span, at: string) =>
  span.from <= at && (span.until === undefined || at < span.until);

/**
 * An org history for the read-model specs, from spans written in the spec: the real one folds
 * the org topic (R1's directory) and is tested there; the service's e2e joins the two.
 */
export const membershipSpans = (spans: readonly Span[]): MembershipHistory => ({
  unitsAt: (_tenantId, personIds, at) =>
    Promise.resolve(
      new Map(
        personIds.flatMap((personId) => {
          const units = spans
            .filter((span) => span.member === personId && during(span, at))
            .map((span) => span.unit);
          return units.length === 0 ? [] : [[personId, units] as const];
        }),
      ),
    ),
  tribeOfAt: (_tenantId, unit, at) =>
    Promise.resolve(
      unit.kind === 'tribe'
        ? unit.id
        : spans.find(
            (span) =>
              span.member === `${unit.kind}:${unit.id}` &&
              span.unit.kind === 'tribe' &&
              during(span, at),
          )?.unit.id,
    ),
});
