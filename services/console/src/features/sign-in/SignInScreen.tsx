import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../../app/Layout';
import { ErrorMessage, QueryState } from '../../ui';
import {
  usePeopleToSignInAs,
  useDevelopmentSignIn,
  useSignInProviders,
  useStartOrganisation,
} from './api';

/** Where to go after signing in: a path of this console only, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : '/';
}

export function SignInScreen() {
  const { t } = useTranslation('sign-in');
  const providers = useSignInProviders();
  const [search] = useSearchParams();
  const next = safeNext(search.get('next'));
  return (
    <main id="main" className="sign-in">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <LanguageSwitch />
      </header>
      <p>{t('intro')}</p>
      <QueryState query={providers}>
        {(available) => (
          <>
            {available.oidc && (
              <section className="card" aria-labelledby="sign-in-oidc">
                <h2 id="sign-in-oidc">{t('oidc.heading')}</h2>
                <a className="button primary" href={`/auth/login?next=${encodeURIComponent(next)}`}>
                  {t('oidc.action')}
                </a>
              </section>
            )}
            {available.development && (
              <>
                <DevelopmentSignIn next={next} />
                <StartOrganisation />
              </>
            )}
            {!available.oidc && !available.development && <p role="alert">{t('none')}</p>}
          </>
        )}
      </QueryState>
    </main>
  );
}

function DevelopmentSignIn({ next }: { readonly next: string }) {
  const { t } = useTranslation('sign-in');
  const navigate = useNavigate();
  const [organisationId, setOrganisationId] = useState('acme');
  const [shownOrganisation, setShownOrganisation] = useState<string | null>(null);
  const [personId, setPersonId] = useState('');
  const [admin, setAdmin] = useState(false);
  const people = usePeopleToSignInAs(shownOrganisation);
  const signIn = useDevelopmentSignIn();

  const showPeople = (event: FormEvent) => {
    event.preventDefault();
    setPersonId('');
    setShownOrganisation(organisationId.trim());
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!shownOrganisation || !personId) return;
    signIn.mutate(
      { organisationId: shownOrganisation, personId, admin },
      { onSuccess: () => void navigate(next, { replace: true }) },
    );
  };

  return (
    <section className="card" aria-labelledby="sign-in-development">
      <h2 id="sign-in-development">{t('development.heading')}</h2>
      <p>{t('development.explanation')}</p>
      <form onSubmit={showPeople} className="form-row">
        <label>
          {t('development.organisation')}
          <input
            name="organisationId"
            value={organisationId}
            onChange={(event) => setOrganisationId(event.target.value)}
            required
            autoComplete="organization"
          />
        </label>
        <button type="submit">{t('development.showPeople')}</button>
      </form>
      {shownOrganisation && (
        <QueryState query={people}>
          {(candidates) =>
            candidates.length === 0 ? (
              <p role="status">{t('development.nobody', { organisationId: shownOrganisation })}</p>
            ) : (
              <form onSubmit={submit}>
                <fieldset>
                  <legend>{t('development.who')}</legend>
                  <ul className="sign-in__people">
                    {candidates.map((candidate) => (
                      <li key={candidate.personId}>
                        <label>
                          <input
                            type="radio"
                            name="personId"
                            value={candidate.personId}
                            checked={personId === candidate.personId}
                            onChange={() => setPersonId(candidate.personId)}
                          />
                          {candidate.name}
                          {candidate.leads && candidate.leads.length > 0 && (
                            <span className="sign-in__leads"> — {candidate.leads.join(', ')}</span>
                          )}
                        </label>
                      </li>
                    ))}
                  </ul>
                </fieldset>
                <label>
                  <input
                    type="checkbox"
                    checked={admin}
                    onChange={(event) => setAdmin(event.target.checked)}
                  />
                  {t('development.admin')}
                </label>
                <div>
                  <button
                    type="submit"
                    className="primary"
                    disabled={!personId || signIn.isPending}
                  >
                    {t('development.signIn')}
                  </button>
                </div>
                {signIn.isError && <ErrorMessage error={signIn.error} />}
              </form>
            )
          }
        </QueryState>
      )}
    </section>
  );
}

function StartOrganisation() {
  const { t } = useTranslation('sign-in');
  const navigate = useNavigate();
  const start = useStartOrganisation();
  const [organisationId, setOrganisationId] = useState('');
  const [organisationName, setOrganisationName] = useState('');
  const [yourName, setYourName] = useState('');
  const [yourEmail, setYourEmail] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate(
      {
        organisationId: organisationId.trim(),
        organisationName: organisationName.trim(),
        yourName: yourName.trim(),
        yourEmail: yourEmail.trim(),
      },
      { onSuccess: () => void navigate('/organisation', { replace: true }) },
    );
  };
  return (
    <section className="card" aria-labelledby="sign-in-start">
      <h2 id="sign-in-start">{t('start.heading')}</h2>
      <form onSubmit={submit} className="form-grid">
        <label>
          {t('start.organisationId')}
          <input
            value={organisationId}
            onChange={(event) => setOrganisationId(event.target.value)}
            required
            pattern="[A-Za-z0-9][A-Za-z0-9_.\-]*"
          />
        </label>
        <label>
          {t('start.organisationName')}
          <input
            value={organisationName}
            onChange={(event) => setOrganisationName(event.target.value)}
            required
          />
        </label>
        <label>
          {t('start.yourName')}
          <input
            value={yourName}
            onChange={(event) => setYourName(event.target.value)}
            required
            autoComplete="name"
          />
        </label>
        <label>
          {t('start.yourEmail')}
          <input
            type="email"
            value={yourEmail}
            onChange={(event) => setYourEmail(event.target.value)}
            required
            autoComplete="email"
          />
        </label>
        <div>
          <button type="submit" disabled={start.isPending}>
            {t('start.action')}
          </button>
        </div>
        {start.isError && <ErrorMessage error={start.error} />}
      </form>
    </section>
  );
}
