import { useTranslation } from 'react-i18next';
import { PageHeader } from '../ui';

export function NotFoundScreen() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('errors.notFound')} />
    </>
  );
}
