import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isAdmin, useSession } from '../../api/session';
import { ErrorMessage } from '../../ui';
import { unitsLedBy, useOrgTree } from '../organisation/api';
import {
  useBoardLinks,
  useCreateBoardLink,
  useRevokeBoardLink,
  type BoardScope,
  type CycleTree,
} from './api';
import { type Cycle } from '../../goals/cycles';

export const boardAddress = (token: string) =>
  `${typeof window === 'undefined' ? '' : window.location.origin}/board/${encodeURIComponent(token)}`;

/**
 * "Share as TV board": a lead makes a signed link to a read-only board of a unit they lead (an
 * admin: of any unit or the company), and lists and revokes the links. Only leads and admins see
 * it; the goals service decides again on every request.
 */
export function ShareBoard({ cycle, tree }: { readonly cycle: Cycle; readonly tree: CycleTree }) {
  const { t } = useTranslation('okr-tree');
  const session = useSession();
  const orgTree = useOrgTree();
  const [open, setOpen] = useState(false);
  const admin = isAdmin(session.data);
  const led = session.data ? unitsLedBy(orgTree.data, session.data.personId) : [];
  if (!admin && led.length === 0) return null;

  const scopes: { value: string; scope: BoardScope; label: string }[] = admin
    ? [
        ...(tree.company
          ? [{ value: 'company', scope: { kind: 'company' as const }, label: t('share.company') }]
          : []),
        ...unitScopes(tree).map((unit) => ({
          value: `${unit.kind}:${unit.id}`,
          scope: { kind: unit.kind, unitId: unit.id },
          label: t('filters.unitOption', { kind: t(`common:units.${unit.kind}`), name: unit.name }),
        })),
      ]
    : led.map((unit) => ({
        value: `${unit.kind}:${unit.id}`,
        scope: { kind: unit.kind, unitId: unit.id },
        label: t('filters.unitOption', { kind: t(`common:units.${unit.kind}`), name: unit.name }),
      }));

  return (
    <section className="share-board" aria-labelledby="share-board-heading">
      <h2 id="share-board-heading">
        <button
          type="button"
          aria-expanded={open}
          aria-controls="share-board-body"
          onClick={() => setOpen((value) => !value)}
        >
          {t('share.heading')}
        </button>
      </h2>
      {open && (
        <div id="share-board-body">
          <NewBoardForm cycle={cycle} scopes={scopes} />
          <BoardLinks cycle={cycle} />
        </div>
      )}
    </section>
  );
}

function unitScopes(tree: CycleTree) {
  return [
    ...tree.tribes.flatMap((tribe) => [tribe, ...tribe.squads, ...tribe.chapters]),
    ...tree.guilds,
  ].filter(
    (unit): unit is typeof unit & { kind: 'tribe' | 'squad' | 'chapter' | 'guild' } =>
      unit.kind !== 'company' && unit.kind !== 'person',
  );
}

function NewBoardForm({
  cycle,
  scopes,
}: {
  readonly cycle: Cycle;
  readonly scopes: readonly { value: string; scope: BoardScope; label: string }[];
}) {
  const { t } = useTranslation('okr-tree');
  const id = useId();
  const create = useCreateBoardLink();
  const [scope, setScope] = useState(scopes[0]?.value ?? '');
  const [title, setTitle] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = scopes.find((candidate) => candidate.value === scope);
    if (!chosen) return;
    create.mutate({
      scope: chosen.scope,
      cycleId: cycle.cycleId,
      ...(title.trim() ? { title: title.trim() } : {}),
    });
  };
  return (
    <form className="share-board__form" onSubmit={submit}>
      <label htmlFor={`${id}-scope`}>{t('share.scope')}</label>
      <select id={`${id}-scope`} value={scope} onChange={(event) => setScope(event.target.value)}>
        {scopes.map((candidate) => (
          <option key={candidate.value} value={candidate.value}>
            {candidate.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-title`}>{t('share.boardTitle')}</label>
      <input
        id={`${id}-title`}
        value={title}
        maxLength={200}
        onChange={(event) => setTitle(event.target.value)}
      />
      <button type="submit" className="primary" disabled={create.isPending || scope === ''}>
        {t('share.create')}
      </button>
      {create.isError && <ErrorMessage error={create.error} />}
      <div role="status">
        {create.data && (
          <p>
            {t('share.created')}{' '}
            <a href={boardAddress(create.data.token)} target="_blank" rel="noreferrer">
              {boardAddress(create.data.token)}
            </a>
          </p>
        )}
      </div>
    </form>
  );
}

function BoardLinks({ cycle }: { readonly cycle: Cycle }) {
  const { t } = useTranslation('okr-tree');
  const boards = useBoardLinks(true);
  const revoke = useRevokeBoardLink();
  if (boards.isPending) return <p role="status">{t('common:state.loading')}</p>;
  if (boards.isError)
    return <ErrorMessage error={boards.error} onRetry={() => void boards.refetch()} />;
  const ofCycle = boards.data.filter(
    (board) => board.cycleId === cycle.cycleId && board.status !== 'revoked',
  );
  return (
    <>
      <h3>{t('share.existing')}</h3>
      {ofCycle.length === 0 ? (
        <p>{t('share.none')}</p>
      ) : (
        <ul className="share-board__links">
          {ofCycle.map((board) => {
            const name = board.title || t(`common:units.${board.scope.kind}`);
            return (
              <li key={board.boardId}>
                <span>{name}</span>{' '}
                <button
                  type="button"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(board.boardId)}
                  aria-label={t('share.revokeNamed', { name })}
                >
                  {t('share.revoke')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {revoke.isError && <ErrorMessage error={revoke.error} />}
    </>
  );
}
