import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitKind } from '../recognition/api';
import type { OrgDirectory } from '../recognition/org-directory';
import type { FlowCell } from './api';
import { heatOf } from './heat-scale';

/**
 * Kudos between units of one kind as a table: a row per giving unit, a column per receiving
 * one, each cell the number of kudos on a colour scale. The number is always written, so the
 * colour is never the only signal, and a screen reader reads it with its row and column.
 */
export function RecognitionFlowHeatMap({
  kind,
  cells,
  directory,
}: {
  readonly kind: UnitKind;
  readonly cells: readonly FlowCell[];
  readonly directory: OrgDirectory | undefined;
}) {
  const { t } = useTranslation('insights');
  const id = useId();
  const kindName = t(`common:units.${kind}`).toLocaleLowerCase();
  const nameOf = (unitId: string) =>
    directory?.unit({ kind, id: unitId })?.name ?? t('flow.unknownUnit', { kind: kindName });
  const byName = (a: string, b: string) => nameOf(a).localeCompare(nameOf(b));
  const givers = [...new Set(cells.map((cell) => cell.from))].sort(byName);
  const receivers = [...new Set(cells.map((cell) => cell.to))].sort(byName);
  const count = new Map(cells.map((cell) => [`${cell.from}→${cell.to}`, cell.kudos]));
  const max = Math.max(0, ...cells.map((cell) => cell.kudos));

  if (cells.length === 0) return <p className="muted">{t('flow.none', { kind: kindName })}</p>;
  return (
    <div className="heat-map">
      <h3 id={`${id}-caption`} className="heat-map__caption">
        {t('flow.caption', { kind: kindName })}
      </h3>
      <div
        className="heat-map__scroll"
        role="region"
        aria-labelledby={`${id}-caption`}
        tabIndex={0}
      >
        <table className="heat-map__table" aria-labelledby={`${id}-caption`}>
          <thead>
            <tr>
              <td className="heat-map__corner">
                <span aria-hidden="true">{t('flow.corner')}</span>
              </td>
              {receivers.map((receiver) => (
                <th key={receiver} scope="col">
                  {nameOf(receiver)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {givers.map((giver) => (
              <tr key={giver}>
                <th scope="row">{nameOf(giver)}</th>
                {receivers.map((receiver) => {
                  const kudos = count.get(`${giver}→${receiver}`) ?? 0;
                  const heat = heatOf(kudos, max);
                  return (
                    <td
                      key={receiver}
                      className="heat-map__cell"
                      style={{ background: heat.background, color: heat.color }}
                    >
                      {kudos}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="heat-map__legend" aria-hidden="true">
        <span>0</span>
        <span
          className="heat-map__gradient"
          style={{
            background: `linear-gradient(to right, ${heatOf(0, 1).background}, ${heatOf(1, 1).background})`,
          }}
        />
        <span>{max}</span>
      </div>
      <p className="muted">{t('flow.legend', { max })}</p>
    </div>
  );
}
