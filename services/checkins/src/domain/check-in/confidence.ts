import type { Problem } from '@rhythm/event-sourcing';

/** How sure the person checking in is of reaching the target: a whole number 0–10. */
export const confidenceProblem = (confidence: number): Problem =>
  Number.isInteger(confidence) && confidence >= 0 && confidence <= 10
    ? undefined
    : 'must be a whole number from 0 to 10';

export const confidenceBands = ['on-track', 'at-risk', 'off-track'] as const;
export type ConfidenceBand = (typeof confidenceBands)[number];

/**
 * The organisation's thresholds: a confidence of `onTrackFrom` or more is on track, of
 * `atRiskFrom` or more at risk, below it off track.
 */
export type ConfidenceThresholds = Readonly<{ onTrackFrom: number; atRiskFrom: number }>;

/** What an organisation that has set nothing gets: 7–10 on track, 4–6 at risk, 0–3 off track. */
export const defaultThresholds: ConfidenceThresholds = { onTrackFrom: 7, atRiskFrom: 4 };

export const thresholdsProblem = ({ onTrackFrom, atRiskFrom }: ConfidenceThresholds): Problem =>
  [onTrackFrom, atRiskFrom].every((n) => Number.isInteger(n)) &&
  atRiskFrom >= 1 &&
  atRiskFrom < onTrackFrom &&
  onTrackFrom <= 10
    ? undefined
    : 'must be whole numbers with 1 ≤ atRiskFrom < onTrackFrom ≤ 10';

export const bandOf = (confidence: number, thresholds: ConfidenceThresholds): ConfidenceBand => {
  if (confidence >= thresholds.onTrackFrom) return 'on-track';
  if (confidence >= thresholds.atRiskFrom) return 'at-risk';
  return 'off-track';
};
