import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui';
import { useProposalActions, type Proposal } from './api';
import {
  KeyResultDraftFields,
  keyResultDraftOf,
  keyResultFormOf,
  type KeyResultForm,
} from './KeyResultDraftFields';
import { KeyResultList } from './KeyResultList';
import { ObjectiveDraftFields, type ObjectiveForm } from './ObjectiveDraftFields';
import type { PersonRef } from '../../org/org-directory';

/**
 * The proposer's new version of the draft, taking up suggestions. A returned proposal goes back to
 * the lead with it ("Revise and resubmit"); the service refuses a resubmission without a revision.
 */
export function ProposalRevision({
  proposal,
  people,
}: {
  readonly proposal: Proposal;
  readonly people: readonly PersonRef[];
}) {
  const { t } = useTranslation('proposals');
  const actions = useProposalActions(proposal.proposalId);
  const { subject } = proposal;
  const [objective, setObjective] = useState<ObjectiveForm>(() =>
    subject.kind === 'objective'
      ? {
          title: subject.draft.title,
          description: subject.draft.description,
          kind: subject.draft.kind,
          visibility: subject.draft.visibility,
        }
      : { title: '', description: '', kind: 'committed', visibility: 'public' },
  );
  const [keyResults, setKeyResults] = useState<KeyResultForm[]>(() =>
    subject.kind === 'objective'
      ? subject.draft.keyResults.map(keyResultFormOf)
      : [keyResultFormOf(subject.draft)],
  );
  const open = proposal.suggestions.filter((suggestion) => suggestion.addressedIn === null);
  const [addressed, setAddressed] = useState<string[]>([]);
  const returned = proposal.status === 'returned';
  const awaitsResubmission = returned && proposal.lastReturn?.revisedSince === true;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const revised =
      subject.kind === 'objective'
        ? {
            objective: {
              ...objective,
              keyResults: keyResults.map((form) => keyResultDraftOf(form, proposal.proposer)),
            },
          }
        : { keyResult: keyResultDraftOf(keyResults[0], proposal.proposer) };
    await actions.revise.mutateAsync({
      ...revised,
      ...(addressed.length > 0 ? { addressedSuggestionIds: addressed } : {}),
    });
    setAddressed([]);
    if (returned) await actions.resubmit.mutateAsync();
  };
  const field = subject.kind === 'objective' ? 'objective' : 'keyResult';
  return (
    <section className="card" aria-labelledby="revision-heading">
      <h2 id="revision-heading">{t('revision.heading')}</h2>
      {awaitsResubmission && (
        <p>
          {t('revision.revisedSinceReturn')}{' '}
          <button
            type="button"
            className="primary"
            disabled={actions.resubmit.isPending}
            onClick={() => actions.resubmit.mutate()}
          >
            {t('revision.resubmit')}
          </button>
        </p>
      )}
      <form onSubmit={(event) => void submit(event).catch(() => undefined)} noValidate>
        {subject.kind === 'objective' ? (
          <>
            <ObjectiveDraftFields
              value={objective}
              onChange={setObjective}
              error={actions.revise.error ?? undefined}
              field={field}
            />
            <KeyResultList
              value={keyResults}
              onChange={setKeyResults}
              people={people}
              error={actions.revise.error ?? undefined}
              field={`${field}.keyResults`}
              min={0}
            />
          </>
        ) : (
          <KeyResultDraftFields
            value={keyResults[0]}
            onChange={(next) => setKeyResults([next])}
            people={people}
            error={actions.revise.error ?? undefined}
            field={field}
            legend={t('keyResultsHeading')}
          />
        )}
        {open.length > 0 && (
          <fieldset>
            <legend>{t('revision.addresses')}</legend>
            {open.map((suggestion) => (
              <label key={suggestion.suggestionId} className="checkbox">
                <input
                  type="checkbox"
                  checked={addressed.includes(suggestion.suggestionId)}
                  onChange={(event) =>
                    setAddressed((ids) =>
                      event.target.checked
                        ? [...ids, suggestion.suggestionId]
                        : ids.filter((id) => id !== suggestion.suggestionId),
                    )
                  }
                />
                <span>{suggestion.text}</span>
              </label>
            ))}
          </fieldset>
        )}
        <button
          type="submit"
          className="primary"
          disabled={actions.revise.isPending || actions.resubmit.isPending}
        >
          {returned ? t('revision.reviseAndResubmit') : t('revision.save')}
        </button>
        {actions.revise.isError && <ErrorMessage error={actions.revise.error} />}
        {actions.resubmit.isError && <ErrorMessage error={actions.resubmit.error} />}
        {actions.revise.isSuccess && <p role="status">{t('revision.saved')}</p>}
      </form>
    </section>
  );
}
