import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';

/**
 * A failed request in words a person understands: 404 says "not found, or you may not see it"
 * (the services answer the same for both), 409 asks to reload, 400 lists the fields at fault.
 */
export function ErrorMessage({
  error,
  onRetry,
}: {
  readonly error: unknown;
  readonly onRetry?: () => void;
}) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : undefined;
  const message =
    status === 404
      ? t('errors.notFound')
      : status === 403
        ? t('errors.forbidden')
        : status === 409
          ? t('errors.conflict')
          : status === 400
            ? t('errors.invalid')
            : status === 401
              ? t('errors.signInNeeded')
              : status !== undefined && status >= 500
                ? t('errors.unavailable')
                : error instanceof TypeError
                  ? t('errors.unavailable')
                  : t('errors.unexpected');
  const fields = error instanceof ApiError ? Object.entries(error.body.fields ?? {}) : [];
  return (
    <div role="alert" className="error">
      <p>{message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, problem]) => (
            <li key={field}>
              <strong>{field}</strong>: {problem}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('actions.retry')}
        </button>
      )}
    </div>
  );
}
