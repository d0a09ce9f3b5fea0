import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { ErrorMessage } from '../../ui';
import type { NamedUnit } from '../recognition/org-directory';
import {
  useCycleCalibration,
  usePersonCalibration,
  useUnitStatistics,
  type InsightsPeriod,
  type PhasedCalibration,
} from './api';

/**
 * How well check-in confidences foretold the final scores (the Brier score: 0 is perfect, 0.25
 * is always saying 5 out of 10): mine, my unit's and the organisation's over the cycle, overall
 * and by third of the cycle.
 */
export function ConfidenceCalibration({
  personId,
  personLabel,
  unit,
  period,
}: {
  readonly personId: string;
  readonly personLabel: string;
  readonly unit: NamedUnit | undefined;
  readonly period: InsightsPeriod;
}) {
  const { t } = useTranslation('insights');
  const mine = usePersonCalibration(personId, period);
  const ours = useUnitStatistics(unit, period);
  const organisation = useCycleCalibration(period);
  const rows: { label: string; figures: Figures }[] = [
    { label: personLabel, figures: mine },
    ...(unit ? [{ label: unit.name, figures: { ...ours, data: ours.data?.calibration } }] : []),
    ...(period.cycleId ? [{ label: t('calibration.organisation'), figures: organisation }] : []),
  ];
  return (
    <section
      className="card insights__panel insights__panel--wide"
      aria-labelledby="insights-calibration"
    >
      <h2 id="insights-calibration">{t('calibration.title')}</h2>
      <p className="muted">{t('calibration.explained')}</p>
      <table className="figures-table">
        <caption className="visually-hidden">{t('calibration.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calibration.who')}</th>
            <th scope="col">{t('calibration.brier')}</th>
            <th scope="col">{t('calibration.early')}</th>
            <th scope="col">{t('calibration.mid')}</th>
            <th scope="col">{t('calibration.late')}</th>
            <th scope="col">{t('calibration.checkIns')}</th>
            <th scope="col">{t('calibration.meanForecast')}</th>
            <th scope="col">{t('calibration.achievedShare')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <CalibrationRow key={row.label} label={row.label} figures={row.figures} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A calibration as it is being read: the row shows the figures, or that they are loading or failed. */
interface Figures {
  readonly isError: boolean;
  readonly error: unknown;
  readonly data: PhasedCalibration | undefined;
}

function CalibrationRow({ label, figures }: { readonly label: string; readonly figures: Figures }) {
  const { t } = useTranslation('insights');
  const format = useFormat();
  const score = (value: number | null | undefined) =>
    value === null || value === undefined ? t('calibration.noScore') : format.number(value, 3);
  if (figures.isError || !figures.data) {
    return (
      <tr>
        <th scope="row">{label}</th>
        <td colSpan={7}>
          {figures.isError ? (
            <ErrorMessage error={figures.error} />
          ) : (
            <span role="status">{t('common:state.loading')}</span>
          )}
        </td>
      </tr>
    );
  }
  const calibration = figures.data;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{score(calibration.brierScore)}</td>
      <td>{score(calibration.byPhase.early.brierScore)}</td>
      <td>{score(calibration.byPhase.mid.brierScore)}</td>
      <td>{score(calibration.byPhase.late.brierScore)}</td>
      <td>{format.number(calibration.checkIns, 0)}</td>
      <td>{format.percent(calibration.meanForecast) || t('calibration.noScore')}</td>
      <td>{format.percent(calibration.achievedShare) || t('calibration.noScore')}</td>
    </tr>
  );
}
