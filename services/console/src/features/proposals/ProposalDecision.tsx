import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field } from '../../ui';
import { useProposalActions, type Proposal } from './api';

/** The unit's lead approves, or returns the proposal to the proposer, always saying why. */
export function ProposalDecision({ proposal }: { readonly proposal: Proposal }) {
  const { t } = useTranslation('proposals');
  const actions = useProposalActions(proposal.proposalId);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const returnIt = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setReasonMissing(true);
      return;
    }
    setReasonMissing(false);
    actions.return.mutate(reason.trim(), { onSuccess: () => setReason('') });
  };
  return (
    <section className="card" aria-labelledby="decision-heading">
      <h2 id="decision-heading">{t('decision.heading')}</h2>
      <p>{t('decision.intro')}</p>
      <button
        type="button"
        className="primary"
        disabled={actions.approve.isPending}
        onClick={() => actions.approve.mutate()}
      >
        {t('decision.approve')}
      </button>
      {actions.approve.isError && <ErrorMessage error={actions.approve.error} />}
      <form onSubmit={returnIt} noValidate>
        <Field
          label={t('decision.reason')}
          field="reason"
          error={actions.return.error ?? undefined}
          hint={t('decision.reasonHint')}
        >
          {(control) => (
            <textarea
              {...control}
              {...(reasonMissing ? { 'aria-invalid': true } : {})}
              rows={2}
              value={reason}
              required
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        {reasonMissing && (
          <p className="field-error" role="alert">
            {t('decision.reasonRequired')}
          </p>
        )}
        <button type="submit" disabled={actions.return.isPending}>
          {t('decision.return')}
        </button>
        {actions.return.isError && <ErrorMessage error={actions.return.error} />}
      </form>
    </section>
  );
}
