import { useEffect, useState } from 'preact/hooks';
import type { RequestViewAnswer } from '../shared/api/schemas.ts';
import { format } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts, RecoveryTexts } from '../site/flow-texts.ts';
import { callApi, type ApiAnswer } from './api.ts';
import { Alert } from './Alert.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { EnrolPanel, type Offer } from './EnrolPanel.tsx';
import { ProofPanel } from './ProofPanel.tsx';
import { takeProofOutcome } from './proof-return.ts';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { useSubmit } from './useSubmit.ts';
import { Waiting } from './Waiting.tsx';
import { SendButton } from './SendButton.tsx';
import { PasswordAgain } from './PasswordAgain.tsx';
import { takeTokenFromUrl, useTokenAcrossLanguages } from './token.ts';
import { ButtonLink } from './ButtonLink.tsx';

interface Props {
  lang: Lang;
  t: FlowTexts;
  r: RecoveryTexts;
  links: { portal: string; login: string; codeHelp: string; eherkenningProof: string };
}

type Replacement = { holder: string; request: RequestViewAnswer | null; eherkenning?: boolean };
type Problem = { code: string; message: string };
type State =
  | { kind: 'loading' }
  /** Opened from the mail sent after staff approved a takeover: the link goes on with the password. */
  | { kind: 'password'; token: string }
  | { kind: 'offer'; offer: Offer }
  | { kind: 'replacement'; replacement: Replacement; problem: Problem | null }
  | { kind: 'codes'; codes: string[]; email: string }
  /** Opened again once the app is linked: logged in already. */
  | { kind: 'linked'; message: string }
  | { kind: 'problem'; problem: Problem };

/**
 * Linking the first authenticator app, right after the first password login.
 * If the company has an email login already, the customer is told whose it
 * is, and can take it over once they prove they may act for the company.
 */
export default function EnrolAuthenticator({ lang, t, r, links }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useTokenAcrossLanguages(state.kind === 'password' ? state.token : null);
  const takeOver = useSubmit();
  const load = (problem: Problem | null = null) =>
    callApi<Offer>('POST', '/api/authenticator/enrolment', lang).then((answer) => {
      const data = answer.data as ApiAnswer<Offer>['data'] & { replacement?: Replacement };
      if (answer.ok) setState({ kind: 'offer', offer: answer.data });
      else if (data.error?.code === 'appLinked' || data.error?.code === 'appLinkedStaff')
        setState({ kind: 'linked', message: data.error.message });
      else if (data.replacement) setState({ kind: 'replacement', replacement: data.replacement, problem });
      else
        setState({
          kind: 'problem',
          problem:
            answer.status === 401
              ? { code: 'notLoggedIn', message: t.enrolNoSession }
              : (answer.data.error ?? { code: 'unknown', message: t.errorSummary }),
        });
    });
  useEffect(() => {
    const token = takeTokenFromUrl();
    const back = token ? null : takeProofOutcome(r);
    if (token) setState({ kind: 'password', token });
    else load(back?.message ? { code: 'eherkenningProof', message: back.message } : null);
  }, []);

  switch (state.kind) {
    case 'loading':
      return <Waiting texts={t} />;
    case 'password':
      return (
        <PasswordAgain
          lang={lang}
          t={t}
          r={r}
          page="enrol"
          endpoint="/api/authenticator/takeover/start"
          token={state.token}
          onOpened={() => void load()}
          onLinkInvalid={(problem) => setState({ kind: 'problem', problem })}
        />
      );
    case 'problem':
      return (
        <ErrorAlert lang={lang} t={t} page="enrol" error={state.problem}>
          <p>
            <a href={links.login}>{t.logIn}</a>
          </p>
        </ErrorAlert>
      );
    case 'linked':
      return (
        <Alert tone="success" title={t.enrolDone} message={state.message}>
          <ButtonLink href={links.portal}>{r.codesContinue}</ButtonLink>
        </Alert>
      );
    case 'codes':
      return (
        <RecoveryCodes
          t={r}
          codes={state.codes}
          email={state.email}
          doneLabel={r.codesContinue}
          onDone={() => location.assign(links.portal)}
        />
      );
    case 'offer':
      return (
        <EnrolPanel
          lang={lang}
          t={t}
          offer={state.offer}
          codeHelpUrl={links.codeHelp}
          onLinked={(_next, codes, leave) =>
            codes.length ? setState({ kind: 'codes', codes, email: state.offer.email }) : leave(links.portal)
          }
          onExpired={() => load()}
        />
      );
  }

  const { replacement, problem } = state;
  const holder = { holder: replacement.holder };
  return (
    <section aria-labelledby="replace-title">
      <h2 id="replace-title">{r.replaceTitle}</h2>
      {problem && <ErrorAlert lang={lang} t={t} page="enrol" error={problem} />}
      {replacement.request ? (
        <>
          <p>{format(r.replaceStarted, holder)}</p>
          <ProofPanel
            lang={lang}
            t={r}
            flow={t}
            request={replacement.request}
            eherkenningStart={links.eherkenningProof}
            onProven={() => void load()}
          />
        </>
      ) : (
        <>
          <p>{format(r.replaceIntro, holder)}</p>
          {takeOver.failure?.error && <ErrorAlert lang={lang} t={t} page="enrol" error={takeOver.failure.error} />}
          <SendButton
            label={r.replaceStart}
            busy={takeOver.busy}
            texts={t}
            onClick={() =>
              takeOver.run(
                () => callApi<{ request: RequestViewAnswer }>('POST', '/api/recovery/replacement', lang),
                (answer) =>
                  setState({
                    kind: 'replacement',
                    replacement: { ...replacement, request: answer.data.request },
                    problem: null,
                  }),
              )
            }
          />
          {replacement.eherkenning && (
            <section aria-labelledby="replace-now-title">
              <h3 id="replace-now-title">{r.replaceNowTitle}</h3>
              <p>{format(r.replaceNowText, holder)}</p>
              <p>
                <a class="button button--secondary" href={links.eherkenningProof}>
                  {r.eherkenningButton}
                </a>
              </p>
            </section>
          )}
          <p class="muted">{format(r.replaceOther, holder)}</p>
        </>
      )}
    </section>
  );
}
