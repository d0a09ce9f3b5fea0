import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { PageHeader, QueryState } from '../../ui';
import { useProposals, type Proposal, type ProposalStatus } from './api';
import { useOrgDirectory, type OrgDirectory } from '../../org/org-directory';
import { isProposer, titleOf, waitsOn } from './proposal-rules';
import { ProposalStatusBadge } from './ProposalStatusBadge';
import './proposals.css';

const lists = ['waiting', 'mine', 'all'] as const;
type List = (typeof lists)[number];
const statuses: readonly ProposalStatus[] = ['open', 'returned', 'approved', 'withdrawn'];

/** Setting OKRs together: what waits on me, what I proposed, everything; and where to start. */
export function ProposalsScreen() {
  const { t } = useTranslation('proposals');
  const [search, setSearch] = useSearchParams();
  const list: List = lists.find((name) => name === search.get('list')) ?? 'waiting';
  const status = statuses.find((name) => name === search.get('status'));
  const session = useSession().data;
  const directory = useOrgDirectory().data;
  const proposals = useProposals(list === 'all' && status ? { status } : {});

  const shown = (all: readonly Proposal[]) =>
    all.filter((proposal) =>
      list === 'waiting'
        ? waitsOn(session, directory, proposal)
        : list === 'mine'
          ? isProposer(session, proposal)
          : true,
    );

  return (
    <>
      <PageHeader title={t('title')} />
      <p>{t('intro')}</p>
      <nav aria-label={t('startNavigation')} className="proposal-actions">
        <Link className="button-link primary" to="/proposals/new">
          {t('actions.propose')}
        </Link>
        <Link className="button-link" to="/proposals/new-objective">
          {t('actions.createObjective')}
        </Link>
        <Link className="button-link" to="/proposals/from-template">
          {t('actions.fromTemplate')}
        </Link>
        <Link className="button-link" to="/proposals/ambitions">
          {t('actions.ambitions')}
        </Link>
      </nav>

      <nav aria-label={t('listsNavigation')} className="proposal-lists">
        <ul>
          {lists.map((name) => (
            <li key={name}>
              <Link
                to={`/proposals?list=${name}`}
                aria-current={name === list ? 'page' : undefined}
              >
                {t(`lists.${name}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="proposals-list-heading">
        <h2 id="proposals-list-heading">{t(`lists.${list}`)}</h2>
        {list === 'all' && (
          <label className="inline-field">
            <span>{t('statusFilter')}</span>
            <select
              value={status ?? ''}
              onChange={(event) => {
                const next = new URLSearchParams(search);
                if (event.target.value) next.set('status', event.target.value);
                else next.delete('status');
                setSearch(next);
              }}
            >
              <option value="">{t('anyStatus')}</option>
              {statuses.map((name) => (
                <option key={name} value={name}>
                  {t(`status.${name}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <QueryState query={proposals}>
          {(all) => {
            const visible = shown(all);
            return visible.length === 0 ? (
              <p>{t(`empty.${list}`)}</p>
            ) : (
              <ul className="proposal-list">
                {visible.map((proposal) => (
                  <ProposalItem
                    key={proposal.proposalId}
                    proposal={proposal}
                    directory={directory}
                  />
                ))}
              </ul>
            );
          }}
        </QueryState>
      </section>
    </>
  );
}

function ProposalItem({
  proposal,
  directory,
}: {
  readonly proposal: Proposal;
  readonly directory: OrgDirectory | undefined;
}) {
  const { t } = useTranslation('proposals');
  const format = useFormat();
  const unit = directory?.unit(proposal.unit);
  return (
    <li className="card proposal-item">
      <h3>
        <Link to={`/proposals/${proposal.proposalId}`}>{titleOf(proposal)}</Link>
      </h3>
      <p>
        <ProposalStatusBadge status={proposal.status} /> {t(`subjects.${proposal.subject.kind}`)}
        {' · '}
        {t('forUnit', {
          unit: unit ? `${unit.name} (${t(`common:units.${unit.kind}`)})` : proposal.unit.id,
        })}
        {' · '}
        {t('proposedBy', {
          name: directory?.personName(proposal.proposer) ?? proposal.proposer,
          date: format.date(proposal.proposedAt),
        })}
      </p>
    </li>
  );
}
