import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import type { ConfidenceLevel } from './ConfidenceBadge';

/** Progress 0…1 as a bar coloured by confidence, with the figure as text (never colour alone). */
export function ProgressBar({
  value,
  confidence,
  label,
}: {
  readonly value: number | undefined | null;
  readonly confidence?: ConfidenceLevel;
  /** What the bar measures, for screen readers; defaults to "Progress". */
  readonly label?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const fraction = Math.max(0, Math.min(1, value ?? 0));
  return (
    <div className="progress">
      <div
        className={`progress__track progress__track--${confidence ?? 'unknown'}`}
        role="progressbar"
        aria-label={label ?? t('progress.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
        aria-valuetext={format.percent(fraction)}
      >
        <div className="progress__fill" style={{ width: `${fraction * 100}%` }} />
      </div>
      <span className="progress__figure">{format.percent(fraction)}</span>
    </div>
  );
}
