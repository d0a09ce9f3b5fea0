import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormat } from '../../i18n/format';
import type { HistoryEntry } from './api';

export interface Measurement {
  /** Milliseconds since the epoch, for a time axis. */
  readonly at: number;
  readonly value: number;
}

/**
 * Every measurement of a key result from its audit history: its start when it was added, then
 * each value it progressed to (a check-in or a recorded measurement), in time order; and the
 * target as it stands after the last adjustment.
 */
export function measurementsOf(entries: readonly HistoryEntry[]): {
  readonly measurements: readonly Measurement[];
  readonly target: number | undefined;
} {
  const measurements: Measurement[] = [];
  let target: number | undefined;
  const inOrder = [...entries].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  for (const entry of inOrder) {
    const at = Date.parse(entry.occurredAt);
    for (const change of entry.changes) {
      if (change.field === 'metric' && change.after && typeof change.after === 'object') {
        const metric = change.after as { start?: unknown; target?: unknown };
        if (typeof metric.start === 'number') measurements.push({ at, value: metric.start });
        if (typeof metric.target === 'number') target = metric.target;
      }
      if (change.field === 'current' && typeof change.after === 'number')
        measurements.push({ at, value: change.after });
      if (change.field === 'target' && typeof change.after === 'number') target = change.after;
    }
  }
  return { measurements, target };
}

/** A key result's measurements over time as a line, with its target; the figures as a table too. */
export function MeasurementChart({
  title,
  entries,
  unit,
}: {
  readonly title: string;
  readonly entries: readonly HistoryEntry[];
  readonly unit: string;
}) {
  const { t } = useTranslation('objective');
  const format = useFormat();
  const captionId = useId();
  const { measurements, target } = measurementsOf(entries);
  if (measurements.length === 0) return <p>{t('chart.none')}</p>;
  const withUnit = (value: number) => `${format.number(value, 2)}${unit ? ` ${unit}` : ''}`;
  return (
    <figure className="measurement-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{t('chart.caption', { title })}</figcaption>
      <div className="measurement-chart__plot" aria-hidden="true">
        <ResponsiveContainer width="100%" height={220}>
          <LineChart
            accessibilityLayer={false}
            data={[...measurements]}
            margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(at: number) => format.date(new Date(at))}
            />
            <YAxis tickFormatter={(value: number) => format.number(value, 2)} width={56} />
            <Tooltip
              labelFormatter={(at) => format.dateTime(new Date(Number(at)))}
              formatter={(value) => [withUnit(Number(value)), t('chart.value')]}
            />
            {target !== undefined && (
              <ReferenceLine
                y={target}
                ifOverflow="extendDomain"
                stroke="#1a7f37"
                strokeDasharray="6 3"
                label={t('chart.target')}
              />
            )}
            <Line
              type="monotone"
              dataKey="value"
              stroke="#0b5cad"
              strokeWidth={2}
              dot
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>{t('chart.showFigures')}</summary>
        <table className="measurement-chart__figures">
          <caption className="visually-hidden">{t('chart.caption', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart.when')}</th>
              <th scope="col">{t('chart.value')}</th>
            </tr>
          </thead>
          <tbody>
            {measurements.map((measurement, index) => (
              <tr key={`${measurement.at}-${index}`}>
                <td>{format.dateTime(new Date(measurement.at))}</td>
                <td>{withUnit(measurement.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {target !== undefined && <p>{t('chart.targetIs', { target: withUnit(target) })}</p>}
      </details>
    </figure>
  );
}
