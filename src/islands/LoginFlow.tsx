import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import { loginEvents, type LoginEnd } from '../wizards/code-not-working.ts';
import type { FlowTexts, RecoveryTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { CodeStep } from './CodeStep.tsx';
import { CurrentPasswordField, Field, LoginEmailField } from './Field.tsx';
import { Form } from './Form.tsx';
import { useSubmit } from './useSubmit.ts';
import { PROVIDER_RETURN } from '../config/flow-paths.ts';

/** The app that sent the customer here to log in (the OpenID Provider's interaction), if one did. */
function providerReturn(): string | null {
  const back = new URLSearchParams(location.search).get('return');
  return back && PROVIDER_RETURN.test(back) ? back : null;
}

/** Back to that app after the login, else the portal. */
function afterLogin(portal: string): string {
  return providerReturn() ?? portal;
}

interface Props {
  lang: Lang;
  t: FlowTexts;
  links: { portal: string; enrol: string; register: string; forgotPassword: string; newPhone: string; codeHelp: string };
  /** Embedded in a wizard: report how it ended instead of going to the next page. */
  onOutcome?: (end: LoginEnd) => void;
  /** The password step's endpoint: customers at /api/session, call-center staff at /api/agent/session. */
  endpoint?: string;
  /** Customers may use a recovery code instead of the app; staff have no such way in. */
  r?: RecoveryTexts;
  /** Staff log in here too, and see no customer's ways back in: theirs go through a supervisor. */
  audience?: 'customer' | 'staff';
}

/** Logging in: email and password, then the code from the app. */
export default function LoginFlow({ lang, t, links, onOutcome, endpoint = '/api/session', r, audience = 'customer' }: Props) {
  const [step, setStep] = useState<'password' | 'code' | 'recovery'>('password');
  const password$ = useSubmit();
  const code$ = useSubmit();
  const recovery$ = useSubmit();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (step !== 'password') heading.current?.focus();
  }, [step]);
  // Choosing eHerkenning on this page goes back to the same app afterwards.
  useEffect(() => {
    const back = providerReturn();
    if (!back) return;
    for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-eherkenning-start]'))
      link.href = `${link.getAttribute('href')}&return=${encodeURIComponent(back)}`;
  }, []);
  /** The password step expired or was never finished: start again there, and say why. */
  const backToPassword = (answer: { data: { error?: { code: string; message: string } } }) => {
    if (answer.data.error?.code !== 'sessionExpired') return false;
    password$.setFailure(answer.data);
    setStep('password');
    return true;
  };

  if (step === 'recovery' && r) {
    return (
      <section aria-labelledby="code-title">
        <h2 id="code-title" ref={heading} tabIndex={-1}>
          {r.useRecoveryCode}
        </h2>
        <Form
          busy={recovery$.busy}
          submitLabel={t.logIn}
          texts={t}
          onSubmit={({ recoveryCode = '' }) =>
            recovery$.run(
              () => callApi('POST', '/api/session/recovery-code', lang, { code: recoveryCode }),
              () => (onOutcome ? onOutcome('ok') : recovery$.leave(`${links.portal}#recovered`)),
              (answer) => {
                if (!backToPassword(answer) && answer.data.error?.code === 'locked') onOutcome?.('locked');
              },
            )
          }
        >
          {recovery$.failure?.error && <ErrorAlert lang={lang} t={t} page="login" error={recovery$.failure.error} />}
          <Field
            id="recovery-code"
            name="recoveryCode"
            label={r.recoveryCode}
            hint={r.recoveryCodeHint}
            autoComplete="off"
            spellcheck={false}
            maxLength={40}
            autoFocus
          />
        </Form>
        <p>
          <button type="button" class="link-button" onClick={() => setStep('code')}>
            {r.useAppCode}
          </button>
        </p>
      </section>
    );
  }

  if (step === 'code') {
    return (
      <section aria-labelledby="code-title">
        <h2 id="code-title" ref={heading} tabIndex={-1}>
          {t.codeStepTitle}
        </h2>
        <CodeStep
          lang={lang}
          page="login"
          t={t}
          busy={code$.busy}
          failure={code$.failure}
          codeHelpUrl={links.codeHelp}
          submitLabel={t.logIn}
          onSubmit={(code) =>
            code$.run(
              () => callApi('POST', '/api/session/code', lang, { code }),
              () => (onOutcome ? onOutcome('ok') : code$.leave(afterLogin(links.portal))),
              (answer) => {
                if (backToPassword(answer)) return;
                if (answer.data.error?.code === 'locked' || answer.data.diagnosis?.lockedUntil) onOutcome?.('locked');
                else if (answer.data.diagnosis) {
                  const kind = answer.data.diagnosis.kind as LoginEnd;
                  onOutcome?.(Object.hasOwn(loginEvents, kind) ? kind : 'wrongCode');
                }
              },
            )
          }
        />
        {r && (
          <p>
            <button type="button" class="link-button" onClick={() => setStep('recovery')}>
              {r.useRecoveryCode}
            </button>
          </p>
        )}
      </section>
    );
  }

  const fields = password$.failure?.error?.fields ?? {};
  return (
    <>
      <Form
        busy={password$.busy}
        submitLabel={t.next}
        texts={t}
        onSubmit={({ email = '', password = '' }) =>
          password$.run(
            () => callApi<{ next: string }>('POST', endpoint, lang, { email, password }),
            (answer) =>
              answer.data.next === 'enrol' ? (onOutcome ? onOutcome('enrol') : password$.leave(links.enrol)) : setStep('code'),
            (answer) => {
              if (answer.data.error?.code === 'locked') onOutcome?.('locked');
            },
          )
        }
      >
        {password$.failure?.error && (
          <ErrorAlert lang={lang} t={t} page="login" error={password$.failure.error}>
            {/* The way on: a new password, and then the app. */}
            {password$.failure.error.code === 'setupExpired' && (
              <p>
                <a href={links.forgotPassword}>{t.forgotPassword}</a>
              </p>
            )}
          </ErrorAlert>
        )}
        <LoginEmailField label={t.email} error={fields.email} />
        <CurrentPasswordField label={t.password} error={fields.password} reveal={t.showPassword} />
      </Form>
      {audience === 'customer' && (
        <ul class="link-list">
          <li>
            <a href={links.forgotPassword}>{t.forgotPassword}</a>
          </li>
          <li>
            <a href={links.newPhone}>{t.newPhoneLink}</a>
          </li>
          <li>
            <a href={links.register}>{t.noAccount}</a>
          </li>
        </ul>
      )}
    </>
  );
}
