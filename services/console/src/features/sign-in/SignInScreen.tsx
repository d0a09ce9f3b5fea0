import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui';

// Placeholder: the screen is being built (issue 12).
export function SignInScreen() {
  const { t } = useTranslation('sign-in');
  return <PageHeader title={t('title')} />;
}
