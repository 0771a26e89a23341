import { useEffect, useState } from 'preact/hooks';
import type { PortalViewAnswer } from '../shared/api/schemas.ts';
import { format } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts, RecoveryTexts } from '../site/flow-texts.ts';
import type { Catalog } from '../i18n/index.ts';
import { showLoggedOutInHeader } from './logged-out.ts';
import { callApi, type ApiAnswer } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { Alert } from './Alert.tsx';
import { RecoveryCodesPanel } from './RecoveryCodesPanel.tsx';
import { OwnSessions } from './OwnSessions.tsx';
import { Waiting } from './Waiting.tsx';
import { SendButton } from './SendButton.tsx';
import { TakeoverNotice } from './TakeoverNotice.tsx';
import { CompanyLogin } from './CompanyLogin.tsx';
import { useSubmit } from './useSubmit.ts';
import { ButtonLink } from './ButtonLink.tsx';

type ApiError = NonNullable<ApiAnswer['data']['error']>;

interface Props {
  lang: Lang;
  t: FlowTexts;
  r: RecoveryTexts;
  eh: Catalog['eherkenning'];
  links: { login: string; register: string; newPhone: string; changeEmail: string; newPassword: string };
}

/** The (demo) portal home: who is logged in for which company, what the portal offers, and logging out. */
export default function PortalHome({ lang, t, r, eh, links }: Props) {
  const [view, setView] = useState<PortalViewAnswer | null | 'out' | 'loading' | { failed: ApiError }>('loading');
  const logout = useSubmit();
  // Just logged in with a recovery code: the new-phone link is on its way.
  const [recovered] = useState(() => typeof location !== 'undefined' && location.hash === '#recovered');
  useEffect(() => {
    // Only a 401 means logged out; a read that failed on the way says so, with a help code, and
    // keeps the address as it is, so that a reload still shows what the recovery login said.
    callApi<PortalViewAnswer>('GET', '/api/session', lang).then((answer) => {
      if (answer.ok && recovered) history.replaceState(null, '', location.pathname + location.search);
      setView(answer.ok ? answer.data : answer.status === 401 ? null : { failed: answer.data.error! });
    });
  }, []);

  if (view === 'loading') return <Waiting texts={t} />;
  if (typeof view === 'object' && view !== null && 'failed' in view)
    return <ErrorAlert lang={lang} t={t} page="portal" error={view.failed} />;
  if (view === null || view === 'out') {
    return (
      <Alert
        tone={view === 'out' ? 'success' : 'error'}
        title={view === 'out' ? t.loggedOut : t.notLoggedIn}
        message={t.loginIntro}
      >
        <ButtonLink href={links.login}>{t.logIn}</ButtonLink>
      </Alert>
    );
  }
  // Read from the session, not from the address: the page may be loaded again after that login.
  const byRecoveryCode = view.sessions.some((session) => session.current && session.recoveryCode);
  return (
    <div class="portal">
      {recovered && view.recoveryCodesLeft !== null && (
        <Alert tone="success" title={t.portalWelcome} message={format(r.recoveryLogin, { left: view.recoveryCodesLeft })} />
      )}
      {view.email ? (
        <p class="lead">{format(t.loggedInAs, { email: view.email, company: view.company })}</p>
      ) : (
        <p class="lead">{format(eh.loggedInEh, { company: view.company })}</p>
      )}
      <p>
        {format(t.loggedInWith, {
          method: view.method === 'eherkenning' ? t.methodEherkenning : byRecoveryCode ? t.methodRecoveryCode : t.methodPassword,
        })}
      </p>
      {view.level && <p>{format(eh.levelLine, { level: view.level })}</p>}
      {view.intermediary && <p>{format(eh.intermediaryLine, { kvk: view.intermediary })}</p>}
      <p>{format(t.policyLine, { policy: view.policyNumber })}</p>
      {view.takeovers.length > 0 && (
        <section class="box" aria-labelledby="takeover-title">
          <h2 id="takeover-title">{r.holderTakeoverTitle}</h2>
          {view.takeovers.map((takeover) => (
            <TakeoverNotice key={takeover.id} lang={lang} t={t} r={r} takeover={takeover} recoveryCode={byRecoveryCode} />
          ))}
          {view.moreTakeovers > 0 && <p>{format(r.holderTakeoverMore, { count: view.moreTakeovers })}</p>}
        </section>
      )}
      {view.method === 'eherkenning' && (
        <CompanyLogin
          lang={lang}
          eh={eh}
          company={view.company}
          login={view.companyLogin}
          intermediary={view.intermediary}
          register={links.register}
        />
      )}
      <h2>{t.portalOffers}</h2>
      <ul>
        <li>{t.offerClaim}</li>
        <li>{t.offerIntermediary}</li>
        {/* Only what the company's own insurance allows: a certificate for two lines, sick reports with one. */}
        {view.productLines.includes('disability') && <li>{t.offerSick}</li>}
        <li>
          {view.productLines.some((line) => line === 'business-package' || line === 'employee-benefits')
            ? t.offerPolicies
            : t.offerPoliciesOnly}
        </li>
      </ul>
      <p class="muted">{t.demoNote}</p>
      {view.method === 'password' && (
        <>
          <h2>{t.portalActions}</h2>
          <ul class="link-list">
            <li>
              <a href={links.changeEmail}>{t.changeEmailLink}</a>
            </li>
            <li>
              <a href={links.newPhone}>{t.newPhoneLink}</a>
            </li>
          </ul>
          {view.recoveryCodesLeft !== null && (
            <RecoveryCodesPanel lang={lang} t={t} r={r} email={view.email ?? ''} left={view.recoveryCodesLeft} />
          )}
          <OwnSessions lang={lang} t={t} sessions={view.sessions} newPasswordLink={links.newPassword} />
        </>
      )}
      {logout.failure?.error && <ErrorAlert lang={lang} t={t} page="portal" error={logout.failure.error} />}
      {/* Busy while the answer is on the way: on a shared computer, no one walks away from a logout that has not happened yet. */}
      <SendButton
        label={t.logOut}
        busy={logout.busy}
        texts={t}
        secondary
        onClick={() =>
          logout.run(
            () => callApi<{ logoutUrl?: string }>('DELETE', '/api/session', lang),
            // After eHerkenning, the broker ends its own session too, then sends the browser back here.
            (answer) => {
              if (answer.data.logoutUrl) logout.leave(answer.data.logoutUrl);
              else {
                showLoggedOutInHeader();
                setView('out');
              }
            },
          )
        }
      />
    </div>
  );
}
