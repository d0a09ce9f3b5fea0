import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { QueryState } from '../../ui';
import { PersonName } from '../my-week/PersonName';
import { useObjectiveProposals, type ObjectiveDetail } from './api';

/** Proposals about the objective, each a link to where it is discussed and decided. */
export function ObjectiveProposals({ objective }: { readonly objective: ObjectiveDetail }) {
  const { t } = useTranslation('objective');
  const format = useFormat();
  const proposals = useObjectiveProposals(objective);
  if (proposals.fetchStatus === 'idle' && proposals.isPending) return <p>{t('proposals.none')}</p>;
  return (
    <QueryState query={proposals}>
      {(found) =>
        found.length === 0 ? (
          <p>{t('proposals.none')}</p>
        ) : (
          <ul className="proposal-list">
            {found.map((proposal) => (
              <li key={proposal.proposalId}>
                <Link to={`/proposals/${proposal.proposalId}`}>
                  {t(`proposals.kind.${proposal.subject.kind}`, {
                    title: proposal.subject.draft.title,
                  })}
                </Link>{' '}
                · {t(`proposals.status.${proposal.status}`)} ·{' '}
                <PersonName personId={proposal.proposer} />,{' '}
                <time dateTime={proposal.proposedAt}>{format.date(proposal.proposedAt)}</time>
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}
