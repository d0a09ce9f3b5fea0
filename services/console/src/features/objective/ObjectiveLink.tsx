import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useObjective } from './api';

/** A link to an objective, titled as the goals service names it for this reader. */
export function ObjectiveLink({ objectiveId }: { readonly objectiveId: string }) {
  const { t } = useTranslation('objective');
  const objective = useObjective(objectiveId);
  return (
    <Link to={`/objectives/${objectiveId}`}>
      {objective.data?.title ?? t('alignment.loadingTitle')}
    </Link>
  );
}
