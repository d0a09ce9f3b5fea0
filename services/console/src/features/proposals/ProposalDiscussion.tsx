import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { ErrorMessage, Field } from '../../ui';
import { useProposalActions, type Proposal } from './api';
import { isUnderDiscussion } from './proposal-rules';

/** Comments and suggested changes; anyone who sees the proposal may add to them while it is open. */
export function ProposalDiscussion({
  proposal,
  personName,
}: {
  readonly proposal: Proposal;
  readonly personName: (personId: string) => string;
}) {
  const { t } = useTranslation('proposals');
  const format = useFormat();
  const actions = useProposalActions(proposal.proposalId);
  return (
    <section className="card" aria-labelledby="discussion-heading">
      <h2 id="discussion-heading">{t('discussion.heading')}</h2>
      <h3>{t('discussion.suggestions')}</h3>
      {proposal.suggestions.length === 0 ? (
        <p>{t('discussion.noSuggestions')}</p>
      ) : (
        <ul className="discussion">
          {proposal.suggestions.map((suggestion) => (
            <li key={suggestion.suggestionId}>
              <p>{suggestion.text}</p>
              <small>
                {t('discussion.byOn', {
                  name: personName(suggestion.author),
                  date: format.dateTime(suggestion.at),
                })}
                {' · '}
                {suggestion.addressedIn === null
                  ? t('discussion.notAddressed')
                  : t('discussion.addressed', { revision: suggestion.addressedIn })}
              </small>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('discussion.comments')}</h3>
      {proposal.comments.length === 0 ? (
        <p>{t('discussion.noComments')}</p>
      ) : (
        <ul className="discussion">
          {proposal.comments.map((comment) => (
            <li key={comment.commentId}>
              <p>{comment.text}</p>
              <small>
                {t('discussion.byOn', {
                  name: personName(comment.author),
                  date: format.dateTime(comment.at),
                })}
              </small>
            </li>
          ))}
        </ul>
      )}
      {isUnderDiscussion(proposal) && (
        <div className="draft-fields__row">
          <TextForm
            label={t('discussion.commentLabel')}
            submit={t('discussion.comment')}
            mutation={actions.comment}
          />
          <TextForm
            label={t('discussion.suggestLabel')}
            submit={t('discussion.suggest')}
            mutation={actions.suggest}
          />
        </div>
      )}
    </section>
  );
}

function TextForm({
  label,
  submit,
  mutation,
}: {
  readonly label: string;
  readonly submit: string;
  readonly mutation: ReturnType<typeof useProposalActions>['comment'];
}) {
  const [text, setText] = useState('');
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    mutation.mutate(text.trim(), { onSuccess: () => setText('') });
  };
  return (
    <form onSubmit={send} noValidate>
      <Field label={label} field="text" error={mutation.error ?? undefined}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={mutation.isPending || text.trim() === ''}>
        {submit}
      </button>
      {mutation.isError && <ErrorMessage error={mutation.error} />}
    </form>
  );
}
