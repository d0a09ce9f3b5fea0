import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui';
import type { NamedUnit } from '../recognition/org-directory';
import { useUnitStatistics, type Durations, type InsightsPeriod } from './api';
import { useDurationText } from './figures';

/** How long the unit's blockers waited to be acknowledged and resolved: p50 and p90. */
export function BlockerTimes({
  unit,
  period,
}: {
  readonly unit: NamedUnit | undefined;
  readonly period: InsightsPeriod;
}) {
  const { t } = useTranslation('insights');
  const statistics = useUnitStatistics(unit, period);
  const duration = useDurationText();
  const row = (label: string, durations: Durations) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{durations.count}</td>
      <td>{duration(durations.p50Ms) ?? t('blockers.noFigure')}</td>
      <td>{duration(durations.p90Ms) ?? t('blockers.noFigure')}</td>
      <td>{durations.pending}</td>
    </tr>
  );
  return (
    <section className="card insights__panel" aria-labelledby="insights-blockers">
      <h2 id="insights-blockers">{t('blockers.title')}</h2>
      {!unit ? (
        <p className="muted">{t('chooseUnit')}</p>
      ) : (
        <QueryState query={statistics}>
          {(found) => (
            <>
              <p>
                {t('blockers.raised', {
                  count: found.blockers.raised,
                  unit: unit.name,
                  weeks: found.window.weeks,
                })}
              </p>
              <table className="figures-table">
                <caption className="visually-hidden">
                  {t('blockers.caption', { unit: unit.name })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('blockers.stage')}</th>
                    <th scope="col">{t('blockers.count')}</th>
                    <th scope="col">{t('blockers.p50')}</th>
                    <th scope="col">{t('blockers.p90')}</th>
                    <th scope="col">{t('blockers.pending')}</th>
                  </tr>
                </thead>
                <tbody>
                  {row(t('blockers.toAcknowledge'), found.blockers.toAcknowledge)}
                  {row(t('blockers.toResolve'), found.blockers.toResolve)}
                </tbody>
              </table>
            </>
          )}
        </QueryState>
      )}
    </section>
  );
}
