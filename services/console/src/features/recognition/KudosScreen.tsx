import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../../api/session';
import { ErrorMessage, PageHeader, QueryState } from '../../ui';
import { useKudos, useWithdrawKudos, type Kudos } from './api';
import { KudosCard } from './KudosCard';
import { KudosThread } from './KudosThread';
import { useOrgDirectory } from './org-directory';
import './recognition.css';

/** One kudos (`recognition/kudos/:kudosId`): the thanks, reactions, comments; its giver may withdraw it. */
export function KudosScreen() {
  const { t } = useTranslation('recognition');
  const { kudosId = '' } = useParams();
  const kudos = useKudos(kudosId);
  const org = useOrgDirectory();
  const session = useSession();
  const myPersonId = session.data?.personId ?? '';
  return (
    <div className="recognition">
      <PageHeader title={t('kudos.title')}>
        <Link to="/recognition">{t('wall.backToFeed')}</Link>
      </PageHeader>
      <QueryState query={kudos}>
        {(found) => (
          <>
            <div className="card">
              <KudosCard
                kudos={found}
                directory={org.directory}
                myPersonId={myPersonId}
                headingLevel={2}
                linksToThread={false}
              />
              {found.giverId === myPersonId && <WithdrawKudos kudos={found} />}
            </div>
            <KudosThread kudos={found} directory={org.directory} />
          </>
        )}
      </QueryState>
    </div>
  );
}

/** Withdrawing takes the kudos off every wall and count: asked twice, never by accident. */
function WithdrawKudos({ kudos }: { readonly kudos: Kudos }) {
  const { t } = useTranslation('recognition');
  const navigate = useNavigate();
  const withdraw = useWithdrawKudos(kudos.kudosId);
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)}>
        {t('kudos.withdraw')}
      </button>
    );
  }
  return (
    <div role="group" aria-label={t('kudos.withdraw')} className="confirm">
      <p>{t('kudos.withdrawQuestion')}</p>
      <button
        type="button"
        className="danger"
        disabled={withdraw.isPending}
        onClick={() =>
          withdraw.mutate(undefined, { onSuccess: () => void navigate('/recognition') })
        }
      >
        {t('kudos.withdrawConfirm')}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        {t('common:actions.cancel')}
      </button>
      {withdraw.isError && <ErrorMessage error={withdraw.error} />}
    </div>
  );
}
