import { memo, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfidenceBadge, ProgressBar } from '../../ui';
import { useLatestConfidence, type KeyResult, type Objective } from './api';
import { isBehindPace, type UnitBranch } from './tree-outline';

/**
 * The OKR tree as nested lists with disclosure buttons: every unit and objective opens and closes
 * with Enter or Space, and Tab walks the buttons and the objectives' links. Top-level units start
 * open and everything below them closed (or everything open while a filter narrows the tree), so a
 * cycle of 500 objectives renders a few dozen rows until someone opens more; rows are memoised, so
 * opening one re-renders only its branch.
 */
export function OkrTree({
  outline,
  elapsed,
  openAll,
  live,
}: {
  readonly outline: readonly UnitBranch[];
  /** The share of the cycle gone at the moment shown, for the at-risk marks. */
  readonly elapsed: number;
  readonly openAll: boolean;
  /** The tree as it is now: key results show their latest confidence (not in a past tree). */
  readonly live: boolean;
}) {
  const { t } = useTranslation('okr-tree');
  // Rows store only what a person toggled; whether a row is open is its default flipped by that.
  const [toggled, setToggled] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback(
    (key: string) =>
      setToggled((current) => {
        const next = new Set(current);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );
  if (outline.length === 0) return <p>{t(openAll ? 'tree.empty' : 'tree.none')}</p>;
  return (
    <ul className="okr-tree" aria-label={t('tree.label')}>
      {outline.map((branch) => (
        <BranchRow
          key={branch.key}
          branch={branch}
          depth={0}
          toggled={toggled}
          toggle={toggle}
          elapsed={elapsed}
          openAll={openAll}
          live={live}
        />
      ))}
    </ul>
  );
}

interface RowProps {
  readonly depth: number;
  readonly toggled: ReadonlySet<string>;
  readonly toggle: (key: string) => void;
  readonly elapsed: number;
  readonly openAll: boolean;
  readonly live: boolean;
}

const BranchRow = memo(function BranchRow({
  branch,
  depth,
  toggled,
  toggle,
  elapsed,
  openAll,
  live,
}: RowProps & { readonly branch: UnitBranch }) {
  const { t } = useTranslation('okr-tree');
  const open = (openAll || depth === 0) !== toggled.has(branch.key);
  const listId = `okr-tree-${branch.key}`;
  const name = isGroup(branch.kind) ? t(`groups.${branch.kind}`) : branch.name;
  const count = branch.objectives.length;
  return (
    <li className={`okr-tree__unit okr-tree__unit--${branch.kind}`}>
      <div className="okr-tree__row">
        <button
          type="button"
          className="okr-tree__toggle"
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          onClick={() => toggle(branch.key)}
        >
          <span className="okr-tree__kind">
            {isGroup(branch.kind) ? '' : t(`common:units.${branch.kind}`)}
          </span>{' '}
          <span className="okr-tree__name">{name}</span>{' '}
          <span className="okr-tree__count">{t('tree.objectiveCount', { count })}</span>
        </button>
        {branch.progress !== null && (
          <ProgressBar value={branch.progress} label={t('tree.unitProgress', { name })} />
        )}
      </div>
      {open && (
        <ul id={listId} className="okr-tree__children">
          {branch.objectives.map((objective) => (
            <ObjectiveRow
              key={objective.objectiveId}
              objective={objective}
              open={toggled.has(`objective:${objective.objectiveId}`)}
              toggle={toggle}
              behind={isBehindPace(objective, elapsed)}
              live={live}
            />
          ))}
          {branch.branches.map((child) => (
            <BranchRow
              key={child.key}
              branch={child}
              depth={depth + 1}
              toggled={toggled}
              toggle={toggle}
              elapsed={elapsed}
              openAll={openAll}
              live={live}
            />
          ))}
        </ul>
      )}
    </li>
  );
});

const ObjectiveRow = memo(function ObjectiveRow({
  objective,
  open,
  toggle,
  behind,
  live,
}: {
  readonly objective: Objective;
  readonly open: boolean;
  readonly toggle: (key: string) => void;
  readonly behind: boolean;
  readonly live: boolean;
}) {
  const { t } = useTranslation('okr-tree');
  const key = `objective:${objective.objectiveId}`;
  const listId = `okr-tree-${key}`;
  return (
    <li className="okr-tree__objective">
      <div className="okr-tree__row">
        <button
          type="button"
          className="okr-tree__toggle okr-tree__toggle--small"
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          aria-label={t('tree.keyResultsOf', { title: objective.title })}
          onClick={() => toggle(key)}
        >
          {t('tree.keyResultCount', { count: objective.keyResults.length })}
        </button>
        <Link className="okr-tree__title" to={`/objectives/${objective.objectiveId}`}>
          {objective.title}
        </Link>
        <span className="okr-tree__marks">
          {objective.visibility === 'private' && (
            <span className="mark mark--private">{t('marks.private')}</span>
          )}
          {objective.achieved && <span className="mark mark--achieved">{t('marks.achieved')}</span>}
          {objective.status === 'abandoned' && <span className="mark">{t('marks.abandoned')}</span>}
          {behind && <span className="mark mark--at-risk">{t('marks.behindPace')}</span>}
        </span>
        <ProgressBar
          value={objective.rolledUpProgress ?? objective.progress}
          confidence={behind ? 'at-risk' : undefined}
          label={t('tree.objectiveProgress', { title: objective.title })}
        />
      </div>
      {open && (
        <ul id={listId} className="okr-tree__children">
          {objective.keyResults.length === 0 && <li>{t('tree.noKeyResults')}</li>}
          {objective.keyResults.map((keyResult) => (
            <KeyResultRow
              key={keyResult.keyResultId}
              objectiveId={objective.objectiveId}
              keyResult={keyResult}
              live={live}
            />
          ))}
        </ul>
      )}
    </li>
  );
});

/** A key result with its progress and, in the tree as it is now, its latest confidence. */
function KeyResultRow({
  objectiveId,
  keyResult,
  live,
}: {
  readonly objectiveId: string;
  readonly keyResult: KeyResult;
  readonly live: boolean;
}) {
  const { t } = useTranslation('okr-tree');
  const latest = useLatestConfidence(objectiveId, keyResult.keyResultId, live);
  const band = live && latest.data ? latest.data.band : undefined;
  return (
    <li className="okr-tree__key-result">
      <div className="okr-tree__row okr-tree__row--key-result">
        <span className="okr-tree__title">{keyResult.title}</span>
        {live && <ConfidenceBadge level={band} />}
        <ProgressBar
          value={keyResult.progress}
          confidence={band}
          label={t('tree.keyResultProgress', { title: keyResult.title })}
        />
      </div>
    </li>
  );
}

function isGroup(kind: UnitBranch['kind']): kind is 'guilds' | 'people' | 'unplaced' {
  return kind === 'guilds' || kind === 'people' || kind === 'unplaced';
}
