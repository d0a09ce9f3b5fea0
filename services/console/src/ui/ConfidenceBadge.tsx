import { useTranslation } from 'react-i18next';

export type ConfidenceLevel = 'on-track' | 'at-risk' | 'off-track' | 'unknown';

const labelKey = {
  'on-track': 'confidence.onTrack',
  'at-risk': 'confidence.atRisk',
  'off-track': 'confidence.offTrack',
  unknown: 'confidence.unknown',
} as const;

/** The confidence of the latest check-in, as a word and a colour. */
export function ConfidenceBadge({ level }: { readonly level: ConfidenceLevel | undefined }) {
  const { t } = useTranslation();
  const shown = level ?? 'unknown';
  return <span className={`badge badge--${shown}`}>{t(labelKey[shown])}</span>;
}
