import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/http';
import { useLiveStream } from '../../api/live';
import { LanguageSwitch } from '../../app/Layout';
import { useFormat } from '../../i18n/format';
import { ErrorMessage, ProgressBar } from '../../ui';
import { useBoard, type BoardObjective } from './api';
import './tv-board.css';

/**
 * `/board/:token`: a read-only board for an office screen, opened by its signed link without
 * signing in. Large type, the objectives and their key results; refreshed by the board's live
 * stream and, should that drop, every minute.
 */
export function TvBoardScreen() {
  const { t } = useTranslation('tv-board');
  const format = useFormat();
  const { token = '' } = useParams();
  const board = useBoard(token);
  useLiveStream(token ? `/api/boards/${encodeURIComponent(token)}/live` : null);

  if (board.isPending) {
    return (
      <main className="tv-board">
        <p role="status">{t('common:state.loading')}</p>
      </main>
    );
  }
  if (board.isError) {
    const gone = board.error instanceof ApiError && board.error.status === 404;
    return (
      <main className="tv-board">
        {gone ? (
          <>
            <h1>{t('title')}</h1>
            <p role="alert">{t('notFound')}</p>
          </>
        ) : (
          <>
            <h1>{t('title')}</h1>
            <ErrorMessage error={board.error} onRetry={() => void board.refetch()} />
          </>
        )}
      </main>
    );
  }
  const view = board.data;
  return (
    <main className="tv-board">
      <header className="tv-board__header">
        <div>
          <p className="tv-board__organisation">{view.organisationName}</p>
          <h1>{view.title || view.scope.name}</h1>
          <p className="tv-board__cycle">
            {t('cycle', {
              name: view.cycle.name,
              from: format.date(view.cycle.startsOn),
              to: format.date(view.cycle.endsOn),
            })}
          </p>
        </div>
        <div className="tv-board__tools">
          <LanguageSwitch />
          <p className="tv-board__updated">
            {t('updated', { moment: format.dateTime(view.asOf) })}
          </p>
        </div>
      </header>
      {view.objectives.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ul className="tv-board__objectives">
          {view.objectives.map((objective) => (
            <BoardObjectiveCard key={objective.objectiveId} objective={objective} />
          ))}
        </ul>
      )}
    </main>
  );
}

function BoardObjectiveCard({ objective }: { readonly objective: BoardObjective }) {
  const { t } = useTranslation('tv-board');
  const format = useFormat();
  return (
    <li className="tv-board__objective">
      <h2>{objective.title}</h2>
      <p className="tv-board__owner">
        {objective.ownerName}
        {objective.achieved && <span className="tv-board__achieved"> · {t('achieved')}</span>}
      </p>
      <ProgressBar
        value={objective.rolledUpProgress ?? objective.progress}
        label={t('progressOf', { title: objective.title })}
      />
      <ul className="tv-board__key-results">
        {objective.keyResults.map((keyResult) => (
          <li key={keyResult.keyResultId}>
            <span className="tv-board__key-result-title">{keyResult.title}</span>
            <span className="tv-board__value">
              {t('value', {
                current: format.number(keyResult.current),
                target: format.number(keyResult.metric.target),
                unit: keyResult.metric.unit,
              })}
            </span>
            <ProgressBar
              value={keyResult.progress}
              label={t('progressOf', { title: keyResult.title })}
            />
          </li>
        ))}
      </ul>
    </li>
  );
}
