import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui';

// Placeholder: the screen is being built (issue 12).
export function RecognitionScreen() {
  const { t } = useTranslation('recognition');
  return <PageHeader title={t('title')} />;
}
