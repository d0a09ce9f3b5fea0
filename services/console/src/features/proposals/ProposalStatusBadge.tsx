import { useTranslation } from 'react-i18next';
import type { ProposalStatus } from './api';

/** The proposal's status as a word (the colour only repeats it). */
export function ProposalStatusBadge({ status }: { readonly status: ProposalStatus }) {
  const { t } = useTranslation('proposals');
  return (
    <span className={`proposal-status proposal-status--${status}`}>{t(`status.${status}`)}</span>
  );
}
