import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { ErrorMessage, PageHeader, QueryState } from '../../ui';
import {
  useObjective,
  useProposal,
  useProposalActions,
  type KeyResultDraft,
  type Proposal,
} from './api';
import { ProposalDecision } from './ProposalDecision';
import { ProposalDiscussion } from './ProposalDiscussion';
import { ProposalRevision } from './ProposalRevision';
import { useOrgDirectory, type OrgDirectory } from '../../org/org-directory';
import { isProposer, isUnderDiscussion, mayDecide, titleOf } from './proposal-rules';
import { ProposalStatusBadge } from './ProposalStatusBadge';
import './proposals.css';

/** One proposal: what is proposed, its discussion, and what the person may do with it. */
export function ProposalScreen() {
  const { t } = useTranslation('proposals');
  const { proposalId = '' } = useParams();
  const proposal = useProposal(proposalId);
  if (proposal.data) return <ProposalView proposal={proposal.data} />;
  return (
    <>
      <PageHeader title={t('proposalTitle')} />
      <QueryState query={proposal}>{() => null}</QueryState>
    </>
  );
}

function ProposalView({ proposal }: { readonly proposal: Proposal }) {
  const { t } = useTranslation('proposals');
  const format = useFormat();
  const session = useSession().data;
  const directory = useOrgDirectory().data;
  const name = (personId: string) => directory?.personName(personId) ?? personId;
  const unit = directory?.unit(proposal.unit);
  const proposer = isProposer(session, proposal);
  return (
    <>
      <PageHeader title={titleOf(proposal)}>
        <ProposalStatusBadge status={proposal.status} />
      </PageHeader>
      <p>
        <Link to="/proposals">{t('backToProposals')}</Link>
      </p>
      <dl className="proposal-facts">
        <dt>{t('facts.subject')}</dt>
        <dd>{t(`subjects.${proposal.subject.kind}`)}</dd>
        <dt>{t('facts.unit')}</dt>
        <dd>{unit ? `${unit.name} (${t(`common:units.${unit.kind}`)})` : proposal.unit.id}</dd>
        <dt>{t('facts.cycle')}</dt>
        <dd>{proposal.cycleId}</dd>
        <dt>{t('facts.proposer')}</dt>
        <dd>{name(proposal.proposer)}</dd>
        <dt>{t('facts.proposedAt')}</dt>
        <dd>{format.dateTime(proposal.proposedAt)}</dd>
        {proposal.subject.kind === 'key-result' && (
          <>
            <dt>{t('facts.objective')}</dt>
            <dd>
              <ObjectiveLink objectiveId={proposal.subject.objectiveId} />
            </dd>
          </>
        )}
      </dl>

      {proposal.lastReturn && proposal.status === 'returned' && (
        <div className="card proposal-returned" role="note">
          <h2>{t('returned.heading')}</h2>
          <p>
            {t('returned.by', {
              name: name(proposal.lastReturn.by),
              date: format.dateTime(proposal.lastReturn.at),
            })}
          </p>
          <blockquote>{proposal.lastReturn.reason}</blockquote>
        </div>
      )}
      {proposal.approval && (
        <div className="card" role="note">
          <p>
            {t('approved.by', {
              name: name(proposal.approval.by),
              date: format.dateTime(proposal.approval.at),
            })}{' '}
            <Link to={`/objectives/${proposal.approval.outcome.objectiveId}`}>
              {t('approved.open')}
            </Link>
          </p>
        </div>
      )}
      {proposal.withdrawal && (
        <div className="card" role="note">
          <p>
            {t('withdrawn.at', { date: format.dateTime(proposal.withdrawal.at) })}
            {proposal.withdrawal.reason ? ` — ${proposal.withdrawal.reason}` : ''}
          </p>
        </div>
      )}

      <section className="card" aria-labelledby="proposal-draft-heading">
        <h2 id="proposal-draft-heading">{t('draftHeading')}</h2>
        <ProposedDraft proposal={proposal} directory={directory} />
      </section>

      {mayDecide(session, directory, proposal) && <ProposalDecision proposal={proposal} />}
      {proposer && isUnderDiscussion(proposal) && (
        <ProposalRevision proposal={proposal} people={directory?.people ?? []} />
      )}
      {proposer && isUnderDiscussion(proposal) && <Withdrawal proposal={proposal} />}
      <ProposalDiscussion proposal={proposal} personName={name} />
    </>
  );
}

function ObjectiveLink({ objectiveId }: { readonly objectiveId: string }) {
  const objective = useObjective(objectiveId);
  return <Link to={`/objectives/${objectiveId}`}>{objective.data?.title ?? objectiveId}</Link>;
}

function ProposedDraft({
  proposal,
  directory,
}: {
  readonly proposal: Proposal;
  readonly directory: OrgDirectory | undefined;
}) {
  const { t } = useTranslation('proposals');
  const { subject } = proposal;
  if (subject.kind === 'key-result') {
    return (
      <ul className="key-result-drafts">
        <KeyResultLine draft={subject.draft} directory={directory} />
      </ul>
    );
  }
  const { draft } = subject;
  return (
    <>
      {draft.description && <p>{draft.description}</p>}
      <p>
        {t(`kinds.${draft.kind}`)} · {t(`visibilities.${draft.visibility}`)}
      </p>
      <h3>{t('keyResultsHeading')}</h3>
      {draft.keyResults.length === 0 ? (
        <p>{t('noKeyResults')}</p>
      ) : (
        <ul className="key-result-drafts">
          {draft.keyResults.map((keyResult, index) => (
            <KeyResultLine key={index} draft={keyResult} directory={directory} />
          ))}
        </ul>
      )}
    </>
  );
}

/** "Raise NPS: 31 → 41 points (increase), owned by Ann, weight 1". */
export function KeyResultLine({
  draft,
  directory,
}: {
  readonly draft: KeyResultDraft;
  readonly directory: OrgDirectory | undefined;
}) {
  const { t } = useTranslation('proposals');
  const format = useFormat();
  return (
    <li>
      <strong>{draft.title}</strong>
      <br />
      {t('keyResultLine', {
        start: format.number(draft.metric.start, 2),
        target: format.number(draft.metric.target, 2),
        unit: draft.metric.unit,
        direction: t(`directions.${draft.metric.direction}`),
        owner: directory?.personName(draft.owner) ?? draft.owner,
        weight: format.number(draft.weight, 2),
      })}
    </li>
  );
}

function Withdrawal({ proposal }: { readonly proposal: Proposal }) {
  const { t } = useTranslation('proposals');
  const { withdraw } = useProposalActions(proposal.proposalId);
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    withdraw.mutate(reason);
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="withdraw-heading" noValidate>
      <h2 id="withdraw-heading">{t('withdraw.heading')}</h2>
      <label className="field">
        <span>{t('withdraw.reason')}</span>
        <input value={reason} onChange={(event) => setReason(event.target.value)} />
      </label>
      <button type="submit" disabled={withdraw.isPending}>
        {t('withdraw.submit')}
      </button>
      {withdraw.isError && <ErrorMessage error={withdraw.error} />}
    </form>
  );
}
