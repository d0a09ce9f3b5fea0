import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../ui';
import { ObjectiveSetUpFailed } from './api';

/** A refused step; when the objective was already made, where to finish it. */
export function ObjectiveSetUpError({ error }: { readonly error: unknown }) {
  const { t } = useTranslation('proposals');
  if (!(error instanceof ObjectiveSetUpFailed)) return <ErrorMessage error={error} />;
  return (
    <>
      <ErrorMessage error={error.cause} />
      {error.objectiveId && (
        <p role="status">
          {t(`define.failedAt.${error.step}`)}{' '}
          <Link to={`/objectives/${error.objectiveId}`}>{t('define.openDraft')}</Link>
        </p>
      )}
    </>
  );
}
