import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { ErrorMessage, QueryState } from '../../ui';
import type { Blocker, KeyResult, OwnerKind, UnitKind } from '../my-week/api';
import { PersonName } from '../my-week/PersonName';
import {
  useBlockerAction,
  useObjectiveBlockers,
  useRaiseBlocker,
  type BlockerAction,
  type WaitsOn,
} from './api';

/**
 * What the checkins service lets this person do to a blocker (checkins' blocker deciders): its
 * owner acknowledges; who raised it or owns it escalates, once, unless a tribe's; who raised it
 * or any lead it was routed to resolves. The service still decides; this only hides buttons
 * that would be refused.
 */
export function blockerActionsFor(blocker: Blocker, personId: string): BlockerAction[] {
  if (blocker.status !== 'open') return [];
  const owner = blocker.ownerIds.includes(personId);
  const raiser = blocker.raisedBy === personId;
  const everOwner = blocker.owners.some((ownership) => ownership.ownerIds.includes(personId));
  const actions: BlockerAction[] = [];
  if (owner && blocker.awaitingAcknowledgement) actions.push('acknowledge');
  if ((owner || raiser) && !blocker.escalatedTo && blocker.unit.kind !== 'tribe')
    actions.push('escalate');
  if (owner || raiser || everOwner) actions.push('resolve');
  return actions;
}

export function ObjectiveBlockers({
  objectiveId,
  owner,
  keyResults,
  personId,
}: {
  readonly objectiveId: string;
  readonly owner: { readonly kind: OwnerKind; readonly id: string };
  readonly keyResults: readonly KeyResult[];
  readonly personId: string;
}) {
  const { t } = useTranslation('objective');
  const blockers = useObjectiveBlockers(objectiveId);
  return (
    <>
      <QueryState query={blockers}>
        {(all) =>
          all.length === 0 ? (
            <p>{t('blockers.none')}</p>
          ) : (
            <ul className="blocker-list">
              {all.map((blocker) => (
                <li key={blocker.blockerId}>
                  <BlockerCard
                    blocker={blocker}
                    objectiveId={objectiveId}
                    keyResults={keyResults}
                    actions={blockerActionsFor(blocker, personId)}
                  />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <RaiseBlockerForm objectiveId={objectiveId} owner={owner} keyResults={keyResults} />
    </>
  );
}

function BlockerCard({
  blocker,
  objectiveId,
  keyResults,
  actions,
}: {
  readonly blocker: Blocker;
  readonly objectiveId: string;
  readonly keyResults: readonly KeyResult[];
  readonly actions: readonly BlockerAction[];
}) {
  const { t } = useTranslation('objective');
  const format = useFormat();
  const act = useBlockerAction(objectiveId);
  const [resolving, setResolving] = useState(false);
  const [note, setNote] = useState('');
  const noteId = useId();
  const keyResult = keyResults.find(
    (candidate) => candidate.keyResultId === blocker.target.keyResultId,
  );
  const resolve = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim() === '') return;
    act.mutate(
      { blockerId: blocker.blockerId, action: 'resolve', note },
      { onSuccess: () => setResolving(false) },
    );
  };
  return (
    <article className={`card blocker blocker--${blocker.status}`}>
      <h3>{blocker.description}</h3>
      <p className="blocker__status">
        {t(`blockers.status.${blocker.status}`)}
        {blocker.status === 'open' && blocker.awaitingAcknowledgement
          ? ` · ${t('blockers.unacknowledged')}`
          : ''}
        {blocker.escalatedTo ? ` · ${t('blockers.escalated')}` : ''}
      </p>
      <dl className="facts">
        {keyResult && (
          <div>
            <dt>{t('blockers.on')}</dt>
            <dd>{keyResult.title}</dd>
          </div>
        )}
        <div>
          <dt>{t('blockers.waitsOn')}</dt>
          <dd>
            {blocker.waitsOn.kind === 'person' && blocker.waitsOn.personId ? (
              <PersonName personId={blocker.waitsOn.personId} />
            ) : blocker.waitsOn.kind === 'outside' ? (
              blocker.waitsOn.name
            ) : (
              t('blockers.waitsOnUnit', {
                unit: t(`common:units.${blocker.waitsOn.unit?.kind ?? blocker.unit.kind}`),
              })
            )}
          </dd>
        </div>
        <div>
          <dt>{t('blockers.raisedBy')}</dt>
          <dd>
            <PersonName personId={blocker.raisedBy} />,{' '}
            <time dateTime={blocker.raisedAt}>{format.dateTime(blocker.raisedAt)}</time>
          </dd>
        </div>
        {blocker.status === 'resolved' && blocker.resolvedAt && (
          <div>
            <dt>{t('blockers.resolved')}</dt>
            <dd>
              <time dateTime={blocker.resolvedAt}>{format.dateTime(blocker.resolvedAt)}</time>
              {blocker.resolution ? ` — ${blocker.resolution}` : ''}
            </dd>
          </div>
        )}
      </dl>
      {actions.length > 0 && (
        <div className="blocker__actions">
          {actions.includes('acknowledge') && (
            <button
              type="button"
              disabled={act.isPending}
              onClick={() => act.mutate({ blockerId: blocker.blockerId, action: 'acknowledge' })}
            >
              {t('blockers.acknowledge')}
            </button>
          )}
          {actions.includes('escalate') && (
            <button
              type="button"
              disabled={act.isPending}
              onClick={() => act.mutate({ blockerId: blocker.blockerId, action: 'escalate' })}
            >
              {t('blockers.escalate')}
            </button>
          )}
          {actions.includes('resolve') && !resolving && (
            <button type="button" onClick={() => setResolving(true)}>
              {t('blockers.resolve')}
            </button>
          )}
        </div>
      )}
      {resolving && (
        <form onSubmit={resolve} className="form-row">
          <label htmlFor={noteId}>{t('blockers.resolutionNote')}</label>
          <input
            id={noteId}
            value={note}
            required
            maxLength={1000}
            onChange={(event) => setNote(event.target.value)}
          />
          <button type="submit" className="primary" disabled={act.isPending || !note.trim()}>
            {t('blockers.confirmResolve')}
          </button>
          <button type="button" onClick={() => setResolving(false)}>
            {t('common:actions.cancel')}
          </button>
        </form>
      )}
      <p role="status">{act.isSuccess ? t('blockers.done') : ''}</p>
      {act.isError && <ErrorMessage error={act.error} />}
    </article>
  );
}

const unitKinds: readonly string[] = ['tribe', 'squad', 'chapter', 'guild'];

/** Raise a blocker on the objective or one of its key results, waiting on its unit or outside. */
function RaiseBlockerForm({
  objectiveId,
  owner,
  keyResults,
}: {
  readonly objectiveId: string;
  readonly owner: { readonly kind: OwnerKind; readonly id: string };
  readonly keyResults: readonly KeyResult[];
}) {
  const { t } = useTranslation('objective');
  const raise = useRaiseBlocker(objectiveId);
  const id = useId();
  const ownedByUnit = unitKinds.includes(owner.kind);
  const [target, setTarget] = useState('');
  const [description, setDescription] = useState('');
  const [waitsOnKind, setWaitsOnKind] = useState<'unit' | 'outside'>(
    ownedByUnit ? 'unit' : 'outside',
  );
  const [outside, setOutside] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const waitsOn: WaitsOn =
      waitsOnKind === 'unit' && ownedByUnit
        ? { kind: 'unit', unitKind: owner.kind as UnitKind, unitId: owner.id }
        : { kind: 'outside', name: outside };
    raise.mutate(
      {
        target: target
          ? { kind: 'key-result', objectiveId, keyResultId: target }
          : { kind: 'objective', objectiveId },
        description,
        waitsOn,
      },
      {
        onSuccess: () => {
          setDescription('');
          setOutside('');
        },
      },
    );
  };

  return (
    <details className="raise-blocker">
      <summary>{t('blockers.raise')}</summary>
      <form onSubmit={submit} className="form-grid">
        <label htmlFor={`${id}-target`}>{t('blockers.target')}</label>
        <select
          id={`${id}-target`}
          value={target}
          onChange={(event) => setTarget(event.target.value)}
        >
          <option value="">{t('blockers.wholeObjective')}</option>
          {keyResults.map((keyResult) => (
            <option key={keyResult.keyResultId} value={keyResult.keyResultId}>
              {keyResult.title}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-description`}>{t('blockers.description')}</label>
        <textarea
          id={`${id}-description`}
          rows={2}
          required
          maxLength={2000}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
        <fieldset>
          <legend>{t('blockers.waitsOn')}</legend>
          {ownedByUnit && (
            <label>
              <input
                type="radio"
                name={`${id}-waits-on`}
                checked={waitsOnKind === 'unit'}
                onChange={() => setWaitsOnKind('unit')}
              />
              {t('blockers.waitsOnOwnUnit')}
            </label>
          )}
          <label>
            <input
              type="radio"
              name={`${id}-waits-on`}
              checked={waitsOnKind === 'outside'}
              onChange={() => setWaitsOnKind('outside')}
            />
            {t('blockers.waitsOnOutside')}
          </label>
          {waitsOnKind === 'outside' && (
            <>
              <label htmlFor={`${id}-outside`}>{t('blockers.outsideName')}</label>
              <input
                id={`${id}-outside`}
                required
                maxLength={200}
                value={outside}
                onChange={(event) => setOutside(event.target.value)}
              />
            </>
          )}
        </fieldset>
        <button type="submit" className="primary" disabled={raise.isPending}>
          {t('blockers.submitRaise')}
        </button>
        <p role="status">{raise.isSuccess ? t('blockers.raised') : ''}</p>
        {raise.isError && <ErrorMessage error={raise.error} />}
      </form>
    </details>
  );
}
