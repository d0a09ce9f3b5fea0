import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui';

// Placeholder: the screen is being built (issue 12).
export function BlockersScreen() {
  const { t } = useTranslation('blockers');
  return <PageHeader title={t('title')} />;
}
