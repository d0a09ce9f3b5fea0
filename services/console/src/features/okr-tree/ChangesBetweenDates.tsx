import type { TFunction } from 'i18next';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { QueryState } from '../../ui';
import { useCycleChanges, type Objective, type OkrChange } from './api';
import { type Cycle } from '../../goals/cycles';

const day = 86_400_000;
const isoDate = (moment: number) => new Date(moment).toISOString().slice(0, 10);

/** The window a pair of dates asks for: from the start of `from` to the end of `to` (or now). */
export function windowOf(from: string, to: string, now: Date) {
  const end = Math.min(Date.parse(`${to}T00:00:00Z`) + day - 1, now.getTime() - 1_000);
  return { from: `${from}T00:00:00.000Z`, to: new Date(end).toISOString() };
}

/**
 * What changed in the cycle between two dates: each objective or key result, before → after, who
 * changed it, when and why (the goals service compares the two trees from the event store).
 */
export function ChangesBetweenDates({
  cycle,
  objectives,
  personName,
  now,
}: {
  readonly cycle: Cycle;
  /** The tree's objectives now, for titles. */
  readonly objectives: readonly Objective[];
  readonly personName: (personId: string) => string | undefined;
  readonly now: Date;
}) {
  const { t } = useTranslation('okr-tree');
  const id = useId();
  const today = isoDate(now.getTime());
  const [from, setFrom] = useState(
    () => [cycle.startsOn, isoDate(now.getTime() - 7 * day)].sort()[1],
  );
  const [to, setTo] = useState(today);
  const ordered = from !== '' && to !== '' && from <= to;
  const window = ordered ? windowOf(from, to, now) : undefined;
  const changes = useCycleChanges(cycle.cycleId, window);
  const titles = useMemo(() => titlesOf(objectives), [objectives]);

  return (
    <section className="okr-changes" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('changes.heading')}</h2>
      <div className="okr-changes__dates">
        <label htmlFor={`${id}-from`}>{t('changes.from')}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={from}
          min={cycle.startsOn}
          max={today}
          onChange={(event) => setFrom(event.target.value)}
        />
        <label htmlFor={`${id}-to`}>{t('changes.to')}</label>
        <input
          id={`${id}-to`}
          type="date"
          value={to}
          min={cycle.startsOn}
          max={today}
          onChange={(event) => setTo(event.target.value)}
        />
      </div>
      {!ordered ? (
        <p role="alert" className="field-error">
          {t('changes.fromBeforeTo')}
        </p>
      ) : (
        <QueryState query={changes}>
          {(answer) =>
            answer.changes.length === 0 ? (
              <p>{t('changes.none')}</p>
            ) : (
              <ol className="okr-changes__list" aria-label={t('changes.listLabel')}>
                {answer.changes.map((change, index) => (
                  <ChangeItem
                    key={`${change.kind}-${'objectiveId' in change ? change.objectiveId : ''}-${'keyResultId' in change ? change.keyResultId : ''}-${index}`}
                    change={change}
                    titles={titles}
                    personName={personName}
                  />
                ))}
              </ol>
            )
          }
        </QueryState>
      )}
    </section>
  );
}

interface Titles {
  objective(objectiveId: string): string | undefined;
  keyResult(objectiveId: string, keyResultId: string): string | undefined;
}

function titlesOf(objectives: readonly Objective[]): Titles {
  const byId = new Map(objectives.map((objective) => [objective.objectiveId, objective]));
  return {
    objective: (objectiveId) => byId.get(objectiveId)?.title,
    keyResult: (objectiveId, keyResultId) =>
      byId.get(objectiveId)?.keyResults.find((keyResult) => keyResult.keyResultId === keyResultId)
        ?.title,
  };
}

export function ChangeItem({
  change,
  titles,
  personName,
}: {
  readonly change: OkrChange;
  readonly titles: Titles;
  readonly personName: (personId: string) => string | undefined;
}) {
  const { t } = useTranslation('okr-tree');
  const format = useFormat();
  const objectiveTitle =
    'objectiveId' in change
      ? (titles.objective(change.objectiveId) ??
        (change.kind === 'objective-created' ? change.title : t('changes.anObjective')))
      : undefined;
  const keyResultTitle =
    'keyResultId' in change
      ? (titles.keyResult(change.objectiveId, change.keyResultId) ??
        ('title' in change && typeof change.title === 'string'
          ? change.title
          : t('changes.aKeyResult')))
      : undefined;
  const latest = change.because[change.because.length - 1];
  return (
    <li className="okr-changes__item">
      <p className="okr-changes__what">
        {'objectiveId' in change && objectiveTitle !== undefined ? (
          <Link to={`/objectives/${change.objectiveId}`}>{objectiveTitle}</Link>
        ) : (
          <strong>{t('changes.theCycle')}</strong>
        )}
        {keyResultTitle !== undefined && <> › {keyResultTitle}</>}
      </p>
      <p className="okr-changes__how">{describe(change, t, format.number, format.percent)}</p>
      {latest && (
        <p className="okr-changes__who">
          {t('changes.by', {
            who: personName(latest.actor) ?? t('changes.someone'),
            when: format.dateTime(latest.occurredAt),
          })}
          {latest.reason ? <> — {t('changes.why', { reason: latest.reason })}</> : null}
          {change.because.length > 1 && (
            <> ({t('changes.moreRecords', { count: change.because.length - 1 })})</>
          )}
        </p>
      )}
    </li>
  );
}

type Translate = TFunction<'okr-tree'>;

function describe(
  change: OkrChange,
  t: Translate,
  number: (value: number) => string,
  percent: (value: number) => string,
): string {
  switch (change.kind) {
    case 'cycle-status-changed':
      return t('changes.kinds.cycleStatus', {
        before: t(`status.${change.status.before}`),
        after: t(`status.${change.status.after}`),
      });
    case 'objective-created':
      return t('changes.kinds.objectiveCreated', { count: change.keyResults.length });
    case 'objective-status-changed':
      return t('changes.kinds.objectiveStatus', {
        before: t(`status.${change.status.before}`, { defaultValue: change.status.before }),
        after: t(`status.${change.status.after}`, { defaultValue: change.status.after }),
      });
    case 'objective-renamed':
      return t('changes.kinds.renamed', { before: change.title.before, after: change.title.after });
    case 'objective-owner-changed':
      return t('changes.kinds.ownerChanged');
    case 'objective-visibility-changed':
      return t('changes.kinds.visibility', {
        before: t(`visibility.${change.visibility.before}`, {
          defaultValue: change.visibility.before,
        }),
        after: t(`visibility.${change.visibility.after}`, {
          defaultValue: change.visibility.after,
        }),
      });
    case 'aligned':
      return t('changes.kinds.aligned');
    case 'unaligned':
      return t('changes.kinds.unaligned');
    case 'key-result-added':
      return t('changes.kinds.keyResultAdded', { target: number(change.target) });
    case 'key-result-dropped':
      return t('changes.kinds.keyResultDropped');
    case 'key-result-renamed':
      return t('changes.kinds.renamed', { before: change.title.before, after: change.title.after });
    case 'target-adjusted':
      return t(change.lowersAmbition ? 'changes.kinds.targetLowered' : 'changes.kinds.target', {
        before: number(change.target.before),
        after: number(change.target.after),
      });
    case 'key-result-owner-changed':
      return t('changes.kinds.ownerChanged');
    case 'weight-changed':
      return t('changes.kinds.weight', {
        before: number(change.weight.before),
        after: number(change.weight.after),
      });
    case 'progressed':
      return t('changes.kinds.progressed', {
        before: number(change.value.before),
        after: number(change.value.after),
        progressBefore: percent(change.progress.before),
        progressAfter: percent(change.progress.after),
      });
    default:
      return assertNever(change);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown change ${JSON.stringify(value)}`);
}
