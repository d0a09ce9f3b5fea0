import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isAdmin, useSession } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { ErrorMessage, PageHeader, QueryState } from '../../ui';
import {
  fieldError,
  usePublishStory,
  useReviseStory,
  useStory,
  useWithdrawStory,
  type Story,
} from './api';
import { useOrgDirectory, type OrgDirectory } from './org-directory';
import { StoryForm } from './StoryForm';
import './recognition.css';

/**
 * One story (`recognition/stories/:storyId`): read it; its author or the unit's lead revise a
 * draft, the lead publishes it (an admin for a company objective), either withdraws it with a
 * reason. Only the buttons the person may use are shown; the service still decides.
 */
export function StoryScreen() {
  const { t } = useTranslation('recognition');
  const { storyId = '' } = useParams();
  const story = useStory(storyId);
  const org = useOrgDirectory();
  return (
    <div className="recognition">
      {story.data ? (
        <StoryView story={story.data} directory={org.directory} />
      ) : (
        <>
          <PageHeader title={t('story.title')} />
          <QueryState query={story}>{() => null}</QueryState>
        </>
      )}
    </div>
  );
}

function StoryView({
  story,
  directory,
}: {
  readonly story: Story;
  readonly directory: OrgDirectory | undefined;
}) {
  const { t } = useTranslation('recognition');
  const format = useFormat();
  const session = useSession();
  const me = session.data?.personId ?? '';
  const [editing, setEditing] = useState(false);
  const revise = useReviseStory(story.storyId);
  const publish = usePublishStory(story.storyId);
  const isAuthor = story.authorId === me || story.draftedBy === me;
  const leadsIt = story.unit
    ? (directory?.unit(story.unit)?.leadIds.includes(me) ?? false)
    : isAdmin(session.data);
  const name = (personId: string) => directory?.personName(personId) ?? t('someone');
  return (
    <>
      <PageHeader title={story.title}>
        <Link to="/recognition">{t('wall.backToFeed')}</Link>
      </PageHeader>
      <article className="card story">
        <p className="wall-item__meta">
          {t(`story.kind.${story.kind}`)} · {t(`story.status.${story.status}`)} ·{' '}
          {t('story.by', { name: name(story.authorId) })} ·{' '}
          <time dateTime={story.publishedAt ?? story.draftedAt}>
            {format.dateTime(story.publishedAt ?? story.draftedAt)}
          </time>
        </p>
        <h2>{t('storyForm.whatWasDone')}</h2>
        <p className="story__text">{story.whatWasDone}</p>
        {story.whatWasLearned && (
          <>
            <h2>{t('storyForm.whatWasLearned')}</h2>
            <p className="story__text">{story.whatWasLearned}</p>
          </>
        )}
        {(story.helpedBy.personIds.length > 0 || story.helpedBy.units.length > 0) && (
          <>
            <h2>{t('story.helpedBy')}</h2>
            <ul>
              {story.helpedBy.personIds.map((personId) => (
                <li key={personId}>{name(personId)}</li>
              ))}
              {story.helpedBy.units.map((unit) => (
                <li key={`${unit.kind}:${unit.id}`}>
                  {t('unitLabel', {
                    kind: t(`common:units.${unit.kind}`),
                    name: directory?.unit(unit)?.name ?? '',
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
        <p>
          <Link to={`/objectives/${story.about.objectiveId}`}>
            {t(`kudos.about.${story.about.kind}`)}
          </Link>
        </p>
        {story.status === 'withdrawn' && story.withdrawalReason && (
          <p>{t('story.withdrawnBecause', { reason: story.withdrawalReason })}</p>
        )}
      </article>
      {story.status !== 'withdrawn' && (
        <div className="form-actions" role="group" aria-label={t('story.actions')}>
          {story.status === 'draft' && (isAuthor || leadsIt) && !editing && (
            <button type="button" onClick={() => setEditing(true)}>
              {t('story.edit')}
            </button>
          )}
          {story.status === 'draft' && leadsIt && (
            <button
              type="button"
              className="primary"
              disabled={publish.isPending}
              onClick={() => publish.mutate()}
            >
              {t('story.publish')}
            </button>
          )}
          {publish.isSuccess && <p role="status">{t('story.published')}</p>}
          {publish.isError && <ErrorMessage error={publish.error} />}
        </div>
      )}
      {editing && directory && (
        <StoryForm
          directory={directory}
          initial={story}
          error={revise.error}
          pending={revise.isPending}
          submitLabel={t('common:actions.save')}
          onSubmit={({ about: _about, ...text }) =>
            revise.mutate(text, { onSuccess: () => setEditing(false) })
          }
        />
      )}
      {story.status !== 'withdrawn' && (isAuthor || leadsIt) && <WithdrawStory story={story} />}
    </>
  );
}

function WithdrawStory({ story }: { readonly story: Story }) {
  const { t } = useTranslation('recognition');
  const id = useId();
  const withdraw = useWithdrawStory(story.storyId);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') return setProblem(t('storyForm.problems.required'));
    setProblem(undefined);
    withdraw.mutate(reason.trim());
  };
  const shown = problem ?? fieldError(withdraw.error, 'reason');
  return (
    <details className="card">
      <summary>{t('story.withdraw')}</summary>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('story.withdrawReason')}</label>
          <input
            id={`${id}-reason`}
            type="text"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={shown ? true : undefined}
            aria-describedby={shown ? `${id}-problem` : undefined}
          />
          {shown && (
            <span id={`${id}-problem`} className="field-error">
              {shown}
            </span>
          )}
        </div>
        <button type="submit" className="danger" disabled={withdraw.isPending}>
          {t('story.withdrawConfirm')}
        </button>
        {withdraw.isError && !shown && <ErrorMessage error={withdraw.error} />}
      </form>
    </details>
  );
}
