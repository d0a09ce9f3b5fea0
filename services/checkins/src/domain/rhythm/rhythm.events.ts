import type { Event } from '@rhythm/event-sourcing';
import type { ConfidenceThresholds } from '../check-in/confidence';

/**
 * The organisation read confidences by new thresholds from now on (stream
 * `settings-<tenant>`): check-ins keep the band of their day.
 */
export type ConfidenceThresholdsSet = Event<
  'ConfidenceThresholdsSet',
  { thresholds: ConfidenceThresholds; setBy: string }
>;

/**
 * A person is out of office over [from, until) (stream `absence-<tenant>.<personId>`): no due
 * moment in it counts, nothing escalates meanwhile, and their streak carries over it.
 */
export type OutOfOfficeDeclared = Event<
  'OutOfOfficeDeclared',
  { personId: string; absenceId: string; from: string; until: string; declaredBy: string }
>;

export type OutOfOfficeCancelled = Event<
  'OutOfOfficeCancelled',
  { personId: string; absenceId: string; cancelledBy: string }
>;

export type SettingsEvent = ConfidenceThresholdsSet;
export type AbsenceEvent = OutOfOfficeDeclared | OutOfOfficeCancelled;
