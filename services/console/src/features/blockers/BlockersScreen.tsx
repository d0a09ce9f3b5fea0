import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { ErrorMessage, PageHeader, QueryState } from '../../ui';
import { currentCycle, useCycles } from '../../goals/cycles';
import { CycleSelect } from '../proposals/CycleSelect';
import {
  unitKey,
  unitOfKey,
  useOrgDirectory,
  type OrgDirectory,
  type UnitRef,
} from '../../org/org-directory';
import { UnitSelect } from '../proposals/UnitSelect';
import { useBlockersOf, useObjectivesOfUnits, useUnitBlockerStatistics, type Blocker } from './api';
import { columnOf, columns } from './blocker-board';
import { BlockerCard } from './BlockerCard';
import { formatDuration } from './duration';
import './blockers.css';

/**
 * A unit's blockers board (`?unit=squad:<id>`): raised, acknowledged, escalated, resolved, with
 * the time each took and the unit's median time to resolve.
 */
export function BlockersScreen() {
  const { t } = useTranslation('blockers');
  const [search, setSearch] = useSearchParams();
  const session = useSession().data;
  const directory = useOrgDirectory();
  const cycles = useCycles();
  const [cycleChoice, setCycleId] = useState('');
  const cycleId = cycleChoice || currentCycle(cycles.data)?.cycleId || '';
  const unit = unitOfKey(search.get('unit')) ?? defaultUnit(session?.personId, directory.data);
  return (
    <>
      <PageHeader title={t('title')} />
      <QueryState query={directory}>
        {(org) => (
          <div className="blockers-pickers">
            <UnitSelect
              label={t('unit')}
              units={org.units.filter((candidate) => candidate.kind !== 'company')}
              value={unit ? unitKey(unit) : ''}
              onChange={(key) => setSearch({ unit: key })}
              field="unit"
            />
            <CycleSelect cycles={cycles.data ?? []} value={cycleId} onChange={setCycleId} />
          </div>
        )}
      </QueryState>
      {unit && cycleId && directory.data && (
        <UnitBoard
          unit={unit}
          cycleId={cycleId}
          personId={session?.personId ?? ''}
          directory={directory.data}
        />
      )}
      {directory.data && !unit && <p>{t('noUnit')}</p>}
    </>
  );
}

/** My squad, else a unit I lead, else the first there is. */
function defaultUnit(
  personId: string | undefined,
  directory: OrgDirectory | undefined,
): UnitRef | undefined {
  const units = directory?.units.filter((unit) => unit.kind !== 'company') ?? [];
  const mine =
    units.find((unit) => unit.kind === 'squad' && personId && unit.memberIds.includes(personId)) ??
    units.find((unit) => personId && unit.leadIds.includes(personId)) ??
    units[0];
  return mine ? { kind: mine.kind, id: mine.id } : undefined;
}

function UnitBoard({
  unit,
  cycleId,
  personId,
  directory,
}: {
  readonly unit: UnitRef;
  readonly cycleId: string;
  readonly personId: string;
  readonly directory: OrgDirectory | undefined;
}) {
  const { t } = useTranslation('blockers');
  const format = useFormat();
  // A tribe's board also reads its squads' and chapters' objectives: their blockers escalated to
  // the tribe are the tribe lead's now.
  const sameUnit = (other: { kind: string; id: string } | undefined) =>
    other?.kind === unit.kind && other.id === unit.id;
  const units: UnitRef[] = [
    unit,
    ...(unit.kind === 'tribe'
      ? (directory?.units ?? [])
          .filter((child) => child.tribeId === unit.id)
          .map(({ kind, id }) => ({ kind, id }))
      : []),
  ];
  const objectives = useObjectivesOfUnits(units, cycleId);
  const all = useBlockersOf(objectives.objectives.map((o) => o.objectiveId));
  const blockers = {
    ...all,
    blockers: all.blockers.filter(
      (blocker) => sameUnit(blocker.unit) || sameUnit(blocker.escalatedTo),
    ),
  };
  const statistics = useUnitBlockerStatistics(unit);
  // One "now" per render of the board, so every open blocker is measured to the same moment.
  const [now] = useState(() => new Date());
  const titles = new Map(objectives.objectives.map((o) => [o.objectiveId, o.title]));
  const byColumn = (column: (typeof columns)[number]): Blocker[] =>
    blockers.blockers.filter((blocker) => columnOf(blocker) === column);
  const toResolve = statistics.data?.blockers.toResolve;
  const toAcknowledge = statistics.data?.blockers.toAcknowledge;
  return (
    <>
      <section aria-labelledby="blocker-times-heading" className="card">
        <h2 id="blocker-times-heading">{t('times.heading')}</h2>
        {statistics.isError ? (
          <ErrorMessage error={statistics.error} />
        ) : (
          <p role="status">
            {toResolve?.p50Ms == null
              ? t('times.noneResolved', { weeks: statistics.data?.window.weeks ?? 12 })
              : t('times.medianToResolve', {
                  duration: formatDuration(toResolve.p50Ms, format.locale),
                  count: toResolve.count,
                  weeks: statistics.data?.window.weeks ?? 12,
                })}
            {toAcknowledge?.p50Ms != null &&
              ` ${t('times.medianToAcknowledge', {
                duration: formatDuration(toAcknowledge.p50Ms, format.locale),
              })}`}
          </p>
        )}
      </section>
      {objectives.error && <ErrorMessage error={objectives.error} />}
      {blockers.error && <ErrorMessage error={blockers.error} onRetry={blockers.refetch} />}
      {objectives.isPending || blockers.isPending ? (
        <p className="loading" role="status">
          {t('common:state.loading')}
        </p>
      ) : (
        <div className="blocker-board">
          {columns.map((column) => {
            const inColumn = byColumn(column);
            return (
              <section
                key={column}
                className={`blocker-column blocker-column--${column}`}
                aria-labelledby={`blocker-column-${column}`}
              >
                <h2 id={`blocker-column-${column}`}>
                  {t(`columns.${column}`)}{' '}
                  <span className="blocker-column__count">
                    {t('columnCount', { count: inColumn.length })}
                  </span>
                </h2>
                {inColumn.length === 0 ? (
                  <p>{t('emptyColumn')}</p>
                ) : (
                  <ul className="blocker-column__list">
                    {inColumn.map((blocker) => (
                      <BlockerCard
                        key={blocker.blockerId}
                        blocker={blocker}
                        personId={personId}
                        directory={directory}
                        objectiveTitle={titles.get(blocker.objectiveId)}
                        now={now}
                      />
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </>
  );
}
