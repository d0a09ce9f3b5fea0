import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { ConfidenceBadge, ErrorMessage, PageHeader, ProgressBar, QueryState } from '../../ui';
import {
  confidenceLevelOf,
  useAcknowledgeCheckIn,
  useKeyResultCheckIns,
  useAgenda,
  useKudosReceived,
  useMyOkrs,
  type Agenda,
  type Band,
  type Blocker,
  type CheckIn,
  type DueCheckIn,
  type MyOkrs,
  type Objective,
} from './api';
import { CheckInForm } from './CheckInForm';
import './my-week.css';
import { PersonName } from './PersonName';

/**
 * Home: what I am working towards, what I owe this week, what waits on me, and who thanked me.
 * The first screen a person sees, so it stays light: no charts here.
 */
export function MyWeekScreen() {
  const { t } = useTranslation('my-week');
  const okrs = useMyOkrs();
  const agenda = useAgenda();
  return (
    <div className="my-week">
      <PageHeader title={t('title')} />
      <div className="my-week__columns">
        <section aria-labelledby="my-week-okrs" className="my-week__okrs">
          <h2 id="my-week-okrs">{t('okrs.heading')}</h2>
          <QueryState query={okrs}>
            {(mine) => <MyObjectives okrs={mine} agenda={agenda.data} />}
          </QueryState>
        </section>
        <section aria-labelledby="my-week-owed">
          <h2 id="my-week-owed">{t('owed.heading')}</h2>
          <QueryState query={agenda}>{(owed) => <CheckInsOwed agenda={owed} />}</QueryState>
        </section>
        <section aria-labelledby="my-week-waiting">
          <h2 id="my-week-waiting">{t('waiting.heading')}</h2>
          <QueryState query={agenda}>{(owed) => <WaitingOnMe agenda={owed} />}</QueryState>
        </section>
        <section aria-labelledby="my-week-kudos">
          <h2 id="my-week-kudos">{t('kudos.heading')}</h2>
          <KudosReceived />
        </section>
      </div>
    </div>
  );
}

/** Objectives I own or contribute to (once each), with my key results' latest confidence. */
function MyObjectives({ okrs, agenda }: { readonly okrs: MyOkrs; readonly agenda?: Agenda }) {
  const { t } = useTranslation('my-week');
  const seen = new Set<string>();
  const objectives = [...okrs.owned, ...okrs.contributed].filter((objective) => {
    if (seen.has(objective.objectiveId)) return false;
    seen.add(objective.objectiveId);
    return true;
  });
  if (objectives.length === 0) return <p>{t('okrs.none')}</p>;
  const lastBand = new Map<string, Band | undefined>(
    (agenda?.due ?? []).map((due) => [due.keyResultId, due.lastCheckIn?.band]),
  );
  return (
    <ul className="objective-list">
      {objectives.map((objective) => (
        <li key={objective.objectiveId}>
          <ObjectiveCard
            objective={objective}
            bandOf={(id) => lastBand.get(id)}
            isMine={(id) => lastBand.has(id)}
          />
        </li>
      ))}
    </ul>
  );
}

function ObjectiveCard({
  objective,
  bandOf,
  isMine,
}: {
  readonly objective: Objective;
  readonly bandOf: (keyResultId: string) => Band | undefined;
  /** The agenda knows the last check-in only of key results I own. */
  readonly isMine: (keyResultId: string) => boolean;
}) {
  const { t } = useTranslation('my-week');
  return (
    <article className="card objective-card">
      <h3>
        <Link to={`/objectives/${objective.objectiveId}`}>{objective.title}</Link>
      </h3>
      <p className="objective-card__owner">{t('okrs.owner', { owner: objective.ownerName })}</p>
      <ProgressBar
        value={objective.progress}
        label={t('okrs.progressOf', { title: objective.title })}
      />
      {objective.keyResults.length > 0 && (
        <ul className="key-result-list">
          {objective.keyResults.map((keyResult) => (
            <li key={keyResult.keyResultId}>
              <span className="key-result-list__title">{keyResult.title}</span>
              <ProgressBar
                value={keyResult.progress}
                confidence={confidenceLevelOf(bandOf(keyResult.keyResultId))}
                label={t('okrs.progressOf', { title: keyResult.title })}
              />
              {isMine(keyResult.keyResultId) ? (
                <ConfidenceBadge level={confidenceLevelOf(bandOf(keyResult.keyResultId))} />
              ) : (
                <span />
              )}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

const standingOrder = { overdue: 0, due: 1, 'checked-in': 2, paused: 3 } as const;

/** Every key result I own, overdue first, each with a check-in form a click away. */
function CheckInsOwed({ agenda }: { readonly agenda: Agenda }) {
  const { t } = useTranslation('my-week');
  if (agenda.due.length === 0) return <p>{t('owed.none')}</p>;
  const owed = [...agenda.due].sort(
    (a, b) => standingOrder[a.standing.status] - standingOrder[b.standing.status],
  );
  return (
    <ul className="owed-list">
      {owed.map((due) => (
        <li key={due.keyResultId}>
          <OwedCheckIn due={due} />
        </li>
      ))}
    </ul>
  );
}

function OwedCheckIn({ due }: { readonly due: DueCheckIn }) {
  const { t } = useTranslation('my-week');
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const formId = useId();
  // The agenda does not say how a key result is measured; my OKRs (already read) do.
  const okrs = useMyOkrs();
  const metric = [...(okrs.data?.owned ?? []), ...(okrs.data?.contributed ?? [])]
    .flatMap((objective) => objective.keyResults)
    .find((keyResult) => keyResult.keyResultId === due.keyResultId)?.metric;
  const { status, dueAt } = due.standing;
  return (
    <article className={`card owed owed--${status}`}>
      <h3>{due.title}</h3>
      <p>
        <Link to={`/objectives/${due.objectiveId}`}>{due.objectiveTitle}</Link>
      </p>
      <p className="owed__standing">
        {t(`owed.standing.${status}`, { date: format.dateTime(dueAt) })}
      </p>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen(!open)}
      >
        {open ? t('owed.close') : t('owed.checkIn', { title: due.title })}
      </button>
      <div id={formId}>
        {open && (
          <CheckInForm
            objectiveId={due.objectiveId}
            keyResultId={due.keyResultId}
            title={due.title}
            metric={metric}
          />
        )}
      </div>
    </article>
  );
}

/** Check-ins and blockers that wait on me: as their lead, or as the one a blocker waits on. */
function WaitingOnMe({ agenda }: { readonly agenda: Agenda }) {
  const { t } = useTranslation('my-week');
  const acknowledge = useAcknowledgeCheckIn();
  const format = useFormat();
  const blockers = new Map<string, Blocker>();
  for (const blocker of [
    ...agenda.awaitingMyAcknowledgement.blockers,
    ...agenda.blockersWaitingOnMe,
    ...agenda.blockersIOwn,
  ]) {
    if (blocker.status === 'open') blockers.set(blocker.blockerId, blocker);
  }
  const checkIns = agenda.awaitingMyAcknowledgement.checkIns;
  if (checkIns.length === 0 && blockers.size === 0 && agenda.overdueInMyCare.length === 0)
    return <p>{t('waiting.none')}</p>;
  return (
    <>
      {checkIns.length > 0 && (
        <>
          <h3>{t('waiting.checkIns')}</h3>
          {keyResultsOf(checkIns).map(([keyResultId, ofKeyResult]) => (
            <CheckInsToAcknowledge
              key={keyResultId}
              checkIns={ofKeyResult}
              acknowledge={(checkIn) => acknowledge.mutate(checkIn)}
              busy={acknowledge.isPending}
            />
          ))}
        </>
      )}
      {blockers.size > 0 && (
        <>
          <h3>{t('waiting.blockers')}</h3>
          <ul className="waiting-list">
            {[...blockers.values()].map((blocker) => (
              <li key={blocker.blockerId}>
                <Link to={`/objectives/${blocker.objectiveId}`}>{blocker.description}</Link>{' '}
                <span>
                  {t('waiting.raised', { date: format.date(blocker.raisedAt) })}{' '}
                  {blocker.awaitingAcknowledgement ? t('waiting.unacknowledged') : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {agenda.overdueInMyCare.length > 0 && (
        <>
          <h3>{t('waiting.overdueInMyCare')}</h3>
          <ul className="waiting-list">
            {agenda.overdueInMyCare.map((overdue) => (
              <li key={`${overdue.keyResultId}-${overdue.dueAt}`}>
                <Trans
                  t={t}
                  i18nKey="waiting.missed"
                  values={{ date: format.dateTime(overdue.dueAt) }}
                  components={{ person: <PersonName personId={overdue.ownerId} /> }}
                />{' '}
                <Link to={`/objectives/${overdue.objectiveId}`}>{t('waiting.open')}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <p role="status">{acknowledge.isSuccess ? t('waiting.acknowledged') : ''}</p>
      {acknowledge.isError && <ErrorMessage error={acknowledge.error} />}
    </>
  );
}

/** Check-ins grouped by their key result, in the agenda's order. */
function keyResultsOf(checkIns: readonly CheckIn[]): [string, CheckIn[]][] {
  const groups = new Map<string, CheckIn[]>();
  for (const checkIn of checkIns) {
    groups.set(checkIn.keyResultId, [...(groups.get(checkIn.keyResultId) ?? []), checkIn]);
  }
  return [...groups.entries()];
}

/**
 * One key result's check-ins that wait for my acknowledgement, under its title (read with its
 * check-ins), each button described by the check-in it acknowledges.
 */
function CheckInsToAcknowledge({
  checkIns,
  acknowledge,
  busy,
}: {
  readonly checkIns: readonly CheckIn[];
  readonly acknowledge: (checkIn: CheckIn) => void;
  readonly busy: boolean;
}) {
  const { t } = useTranslation('my-week');
  const format = useFormat();
  const id = useId();
  const { objectiveId, keyResultId } = checkIns[0];
  const keyResult = useKeyResultCheckIns(objectiveId, keyResultId);
  return (
    <>
      <h4>
        <Link to={`/objectives/${objectiveId}`}>
          {keyResult.data?.title ?? t('waiting.keyResult')}
        </Link>
      </h4>
      <ul className="waiting-list">
        {checkIns.map((checkIn) => (
          <li key={checkIn.checkInId}>
            <p id={`${id}-${checkIn.checkInId}`}>
              <Trans
                t={t}
                i18nKey="waiting.checkIn"
                values={{
                  value: format.number(checkIn.value, 2),
                  date: format.date(checkIn.recordedAt),
                }}
                components={{ person: <PersonName personId={checkIn.authorId} /> }}
              />{' '}
              <ConfidenceBadge level={confidenceLevelOf(checkIn.band)} />
            </p>
            <button
              type="button"
              disabled={busy}
              aria-describedby={`${id}-${checkIn.checkInId}`}
              onClick={() => acknowledge(checkIn)}
            >
              {t('waiting.acknowledge')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function KudosReceived() {
  const { t } = useTranslation('my-week');
  const format = useFormat();
  const kudos = useKudosReceived();
  return (
    <QueryState query={kudos}>
      {(received) =>
        received.kudos.length === 0 ? (
          <p>{t('kudos.none')}</p>
        ) : (
          <ul className="kudos-list">
            {received.kudos.map((one) => (
              <li key={one.kudosId} className="card">
                <blockquote>{one.message}</blockquote>
                <p>
                  <Trans
                    t={t}
                    i18nKey="kudos.from"
                    values={{ date: format.date(one.givenAt) }}
                    components={{ person: <PersonName personId={one.giverId} /> }}
                  />
                  {one.audience === 'private' ? ` · ${t('kudos.private')}` : ''}
                </p>
                {one.values.length > 0 && (
                  <p className="kudos-list__values">
                    {t('kudos.values', { values: one.values.join(', ') })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}
