import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader, QueryState } from '../../ui';
import { usePersonNames } from '../organisation/api';
import { useCycleTree, type CycleTree } from './api';
import { currentCycle, useCycles, type Cycle } from '../../goals/cycles';
import { ChangesBetweenDates } from './ChangesBetweenDates';
import { OkrTree } from './OkrTree';
import { ShareBoard } from './ShareBoard';
import { TimeSlider } from './TimeSlider';
import { cycleElapsed, outlineOf, ownersOf, unitsOf, type TreeFilters } from './tree-outline';
import './okr-tree.css';

/** `tree`: the active cycle's tree (or the newest cycle's, when none is active). */
export function ActiveCycleTreeScreen() {
  const { t } = useTranslation('okr-tree');
  const cycles = useCycles();
  const [search] = useSearchParams();
  return (
    <QueryState query={cycles}>
      {(list) => {
        const cycle = currentCycle(list);
        if (!cycle) {
          return (
            <>
              <PageHeader title={t('title')} />
              <p>{t('noCycles')}</p>
            </>
          );
        }
        const query = search.toString();
        return <Navigate to={`/cycles/${cycle.cycleId}/tree${query ? `?${query}` : ''}`} replace />;
      }}
    </QueryState>
  );
}

/**
 * `cycles/:cycleId/tree`: the OKR tree of a cycle as of now or any date, filtered by unit, owner or
 * risk, with what changed between two dates. The moment and the filters live in the address, so a
 * view can be shared and the back button steps through them.
 */
export function OkrTreeScreen() {
  const { t } = useTranslation('okr-tree');
  const { cycleId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const asOf = search.get('asOf') ?? undefined;
  const filters: TreeFilters = useMemo(
    () => ({
      unit: search.get('unit') ?? undefined,
      owner: search.get('owner') ?? undefined,
      atRisk: search.get('atRisk') === '1',
    }),
    [search],
  );
  // One "now" per visit keeps the slider's days and the queries' windows steady between renders.
  const [now] = useState(() => new Date());
  const tree = useCycleTree(cycleId, asOf);
  const personName = usePersonNames();

  const setParam = useCallback(
    (name: string, value: string | undefined) =>
      setSearch(
        (current) => {
          const next = new URLSearchParams(current);
          if (value === undefined || value === '') next.delete(name);
          else next.set(name, value);
          return next;
        },
        { replace: name !== 'asOf' },
      ),
    [setSearch],
  );
  const setAsOf = useCallback((value: string | undefined) => setParam('asOf', value), [setParam]);

  return (
    <>
      <PageHeader title={t('title')}>
        <CyclePicker cycleId={cycleId} />
      </PageHeader>
      <QueryState query={tree}>
        {(data) => (
          <>
            <p className="okr-tree__cycle">
              {t('cycleLine', {
                name: data.cycle.name,
                status: t(`status.${data.cycle.status}`),
              })}
            </p>
            <TimeSlider cycle={data.cycle} asOf={asOf} now={now} onChange={setAsOf} />
            <TreeFiltersBar
              tree={data}
              filters={filters}
              personName={personName}
              setParam={setParam}
            />
            <section aria-labelledby="okr-tree-heading" aria-busy={tree.isFetching}>
              <h2 id="okr-tree-heading">{t('tree.heading')}</h2>
              <FilteredTree tree={data} filters={filters} now={now} />
            </section>
            <ChangesBetweenDates
              cycle={data.cycle}
              objectives={data.objectives}
              personName={personName}
              now={now}
            />
            <ShareBoard cycle={data.cycle} tree={data} />
          </>
        )}
      </QueryState>
    </>
  );
}

function FilteredTree({
  tree,
  filters,
  now,
}: {
  readonly tree: CycleTree;
  readonly filters: TreeFilters;
  readonly now: Date;
}) {
  const moment = tree.asOf ? Date.parse(tree.asOf) : now.getTime();
  const outline = useMemo(
    () => outlineOf(tree, filters, new Date(moment)),
    [tree, filters, moment],
  );
  const filtering =
    filters.owner !== undefined || filters.atRisk === true || filters.unit !== undefined;
  return (
    <OkrTree
      // A new filter starts from the default open rows.
      key={`${filters.unit}-${filters.owner}-${filters.atRisk}`}
      outline={outline}
      elapsed={cycleElapsed(tree.cycle, new Date(moment))}
      openAll={filtering}
      live={tree.asOf === null}
    />
  );
}

function CyclePicker({ cycleId }: { readonly cycleId: string }) {
  const { t } = useTranslation('okr-tree');
  const cycles = useCycles();
  const navigate = useNavigate();
  const id = useId();
  if (!cycles.data || cycles.data.length < 2) return null;
  return (
    <span className="okr-tree__cycle-picker">
      <label htmlFor={id}>{t('cycle')}</label>
      <select
        id={id}
        value={cycleId}
        onChange={(event) => void navigate(`/cycles/${event.target.value}/tree`)}
      >
        {cycles.data.map((cycle: Cycle) => (
          <option key={cycle.cycleId} value={cycle.cycleId}>
            {cycle.name}
          </option>
        ))}
      </select>
    </span>
  );
}

function TreeFiltersBar({
  tree,
  filters,
  personName,
  setParam,
}: {
  readonly tree: CycleTree;
  readonly filters: TreeFilters;
  readonly personName: (personId: string) => string | undefined;
  readonly setParam: (name: string, value: string | undefined) => void;
}) {
  const { t } = useTranslation('okr-tree');
  const id = useId();
  const units = useMemo(() => unitsOf(tree), [tree]);
  const owners = useMemo(() => ownersOf(tree, personName), [tree, personName]);
  return (
    <fieldset className="okr-tree__filters">
      <legend>{t('filters.legend')}</legend>
      <label htmlFor={`${id}-unit`}>{t('filters.unit')}</label>
      <select
        id={`${id}-unit`}
        value={filters.unit ?? ''}
        onChange={(event) => setParam('unit', event.target.value)}
      >
        <option value="">{t('filters.allUnits')}</option>
        {units.map((unit) => (
          <option key={unit.key} value={unit.key}>
            {t('filters.unitOption', { kind: t(`common:units.${unit.kind}`), name: unit.name })}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-owner`}>{t('filters.owner')}</label>
      <select
        id={`${id}-owner`}
        value={filters.owner ?? ''}
        onChange={(event) => setParam('owner', event.target.value)}
      >
        <option value="">{t('filters.anyone')}</option>
        {owners.map((owner) => (
          <option key={owner.id} value={owner.id}>
            {owner.name}
          </option>
        ))}
      </select>
      <label className="okr-tree__checkbox">
        <input
          type="checkbox"
          checked={filters.atRisk === true}
          onChange={(event) => setParam('atRisk', event.target.checked ? '1' : undefined)}
        />
        {t('filters.atRisk')}
      </label>
    </fieldset>
  );
}
