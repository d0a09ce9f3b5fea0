import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { ErrorMessage } from '../../ui';
import { fieldError, kudosLimits, useCommentOnKudos, type Kudos } from './api';
import type { OrgDirectory } from './org-directory';

/** The comments on a kudos, oldest first, and a box to add one. */
export function KudosThread({
  kudos,
  directory,
}: {
  readonly kudos: Kudos;
  readonly directory: OrgDirectory | undefined;
}) {
  const { t } = useTranslation('recognition');
  const format = useFormat();
  const id = useId();
  const comment = useCommentOnKudos(kudos.kudosId);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return setProblem(t('thread.problems.empty'));
    if (text.length > kudosLimits.comment)
      return setProblem(t('thread.problems.tooLong', { max: kudosLimits.comment }));
    setProblem(undefined);
    comment.mutate(text.trim(), { onSuccess: () => setText('') });
  };
  const shownProblem = problem ?? fieldError(comment.error, 'text');
  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{t('thread.title')}</h2>
      {kudos.comments.length === 0 ? (
        <p className="muted">{t('thread.none')}</p>
      ) : (
        <ol className="thread">
          {kudos.comments.map((entry) => (
            <li key={entry.commentId}>
              <p className="wall-item__meta">
                <strong>{directory?.personName(entry.authorId) ?? t('someone')}</strong>{' '}
                <time dateTime={entry.commentedAt}>{format.dateTime(entry.commentedAt)}</time>
              </p>
              <p>{entry.text}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('thread.comment')}</label>
          <textarea
            id={`${id}-text`}
            rows={2}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-invalid={shownProblem ? true : undefined}
            aria-describedby={shownProblem ? `${id}-problem` : undefined}
          />
          {shownProblem && (
            <span id={`${id}-problem`} className="field-error">
              {shownProblem}
            </span>
          )}
        </div>
        <button type="submit" disabled={comment.isPending}>
          {t('thread.send')}
        </button>
        {comment.isError && !shownProblem && <ErrorMessage error={comment.error} />}
      </form>
    </section>
  );
}
