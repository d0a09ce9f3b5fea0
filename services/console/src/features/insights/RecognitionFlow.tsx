import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { QueryState } from '../../ui';
import type { UnitKind } from '../recognition/api';
import type { OrgDirectory } from '../recognition/org-directory';
import { useRecognitionFlow, type InsightsPeriod, type RecognitionFlow as Flow } from './api';
import { RecognitionFlowHeatMap } from './RecognitionFlowHeatMap';

const kinds: readonly UnitKind[] = ['squad', 'chapter', 'guild', 'tribe'];

/**
 * Who recognises whom: the heat map of kudos between units of a kind, counted by the
 * memberships of the day each kudos was given; the share tied to OKRs; the units that give or
 * receive little. People who give little are counted, not named: this is a screen for patterns.
 */
export function RecognitionFlow({
  period,
  directory,
}: {
  readonly period: InsightsPeriod;
  readonly directory: OrgDirectory | undefined;
}) {
  const { t } = useTranslation('insights');
  const id = useId();
  const flow = useRecognitionFlow(period);
  const [kind, setKind] = useState<UnitKind>('squad');
  return (
    <section className="card insights__panel insights__panel--wide" aria-labelledby="insights-flow">
      <h2 id="insights-flow">{t('flow.title')}</h2>
      <div className="field field--inline">
        <label htmlFor={`${id}-kind`}>{t('flow.kind')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(event) => setKind(event.target.value as UnitKind)}
        >
          {kinds.map((choice) => (
            <option key={choice} value={choice}>
              {t(`flow.kinds.${choice}`)}
            </option>
          ))}
        </select>
      </div>
      <QueryState query={flow}>
        {(found) => (
          <>
            <FlowSummary flow={found} directory={directory} />
            <RecognitionFlowHeatMap kind={kind} cells={found.matrix[kind]} directory={directory} />
          </>
        )}
      </QueryState>
    </section>
  );
}

function FlowSummary({
  flow,
  directory,
}: {
  readonly flow: Flow;
  readonly directory: OrgDirectory | undefined;
}) {
  const { t } = useTranslation('insights');
  const format = useFormat();
  const unitNames = (keys: readonly string[]) =>
    keys
      .map((key) => directory?.unit(key))
      .flatMap((unit) =>
        unit ? [t('unitLabel', { name: unit.name, kind: t(`common:units.${unit.kind}`) })] : [],
      );
  const list = (names: readonly string[]) =>
    names.length === 0 ? t('flow.nobody') : new Intl.ListFormat(format.locale).format(names);
  return (
    <dl className="figures">
      <div>
        <dt>{t('flow.kudos')}</dt>
        <dd className="figures__big">{format.number(flow.kudos, 0)}</dd>
        <dd className="muted">
          {flow.from
            ? t('flow.window', { from: format.date(flow.from), asOf: format.date(flow.asOf) })
            : t('flow.allTime', { asOf: format.date(flow.asOf) })}
        </dd>
      </div>
      <div>
        <dt>{t('flow.okrShare')}</dt>
        <dd className="figures__big">{format.percent(flow.okrShare)}</dd>
      </div>
      <div>
        <dt>{t('flow.givesLittle')}</dt>
        <dd>{list(unitNames(flow.givesLittle.units))}</dd>
        <dd className="muted">{t('flow.people', { count: flow.givesLittle.people.length })}</dd>
      </div>
      <div>
        <dt>{t('flow.receivesLittle')}</dt>
        <dd>{list(unitNames(flow.receivesLittle.units))}</dd>
        <dd className="muted">{t('flow.people', { count: flow.receivesLittle.people.length })}</dd>
      </div>
    </dl>
  );
}
