import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui';

// Placeholder: the screen is being built (issue 12).
export function OrganisationScreen() {
  const { t } = useTranslation('organisation');
  return <PageHeader title={t('title')} />;
}
