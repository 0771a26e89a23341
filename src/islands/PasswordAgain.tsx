import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts, RecoveryTexts } from '../site/flow-texts.ts';
import { callApi, type ApiAnswer } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { CurrentPasswordField } from './Field.tsx';
import { Form } from './Form.tsx';
import { useSubmit } from './useSubmit.ts';

type Problem = { code: string; message: string };

interface Props<T> {
  lang: Lang;
  t: FlowTexts;
  r: RecoveryTexts;
  /** The page a help code names, should the link be refused. */
  page: string;
  /** The endpoint that opens a mailed link with the password. */
  endpoint: '/api/authenticator/rebind/start' | '/api/authenticator/takeover/start';
  token: string;
  onOpened: (answer: ApiAnswer<T>) => void;
  /** The request ended meanwhile (a new password, the stop link): the page says so, and where to go. */
  onLinkInvalid: (error: Problem) => void;
}

/**
 * A mailed link for a request proven before it was opened: whoever reads the mailbox could open it
 * first, so it goes on only with the account's password.
 */
export function PasswordAgain<T>({ lang, t, r, page, endpoint, token, onOpened, onLinkInvalid }: Props<T>) {
  const opening = useSubmit();
  const error = opening.failure?.error;
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{r.passwordAgainTitle}</h2>
      <p>{r.passwordAgainIntro}</p>
      <Form
        busy={opening.busy}
        submitLabel={t.next}
        texts={t}
        onSubmit={({ password = '' }) =>
          opening.run(
            () => callApi<T>('POST', endpoint, lang, { token, password }),
            onOpened,
            (answer) => answer.data.error?.code === 'linkInvalid' && onLinkInvalid(answer.data.error),
          )
        }
      >
        {error && <ErrorAlert lang={lang} t={t} page={page} error={error} />}
        <CurrentPasswordField label={t.password} error={error?.fields?.password} reveal={t.showPassword} />
      </Form>
    </section>
  );
}
