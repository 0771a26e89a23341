import { useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { Catalog } from '../i18n/index.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { Alert } from './Alert.tsx';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { Form } from './Form.tsx';
import { useSubmit } from './useSubmit.ts';

interface Props {
  lang: Lang;
  t: Catalog['feedback'];
  flow: FlowTexts;
  /** What the answer is about, e.g. `wizard:new-phone:checkMail`. */
  page: string;
}

/**
 * "Did this help?" at a wizard end: yes or no, and an optional comment. Thanks only once the
 * server has it; a refusal says why and leaves the comment as typed, to mend and send again.
 */
export function Feedback({ lang, t, flow, page }: Props) {
  const [helpful, setHelpful] = useState<boolean | null>(null);
  const [sent, setSent] = useState(false);
  const submit = useSubmit();
  if (sent) return <Alert tone="success" title={t.thanks} />;
  const error = submit.failure?.error;
  // The comment is all the customer wrote: a refusal of it says what to change there; anything
  // else (too many answers from one address, no connection) the answer says itself.
  const commentRefused = error?.fields?.comment !== undefined;
  return (
    <section class="feedback" aria-labelledby="feedback-title">
      <h3 id="feedback-title">{t.question}</h3>
      {helpful === null ? (
        <p class="feedback__choice">
          <button type="button" class="button button--secondary" onClick={() => setHelpful(true)}>
            {t.yes}
          </button>
          <button type="button" class="button button--secondary" onClick={() => setHelpful(false)}>
            {t.no}
          </button>
        </p>
      ) : (
        <Form
          busy={submit.busy}
          submitLabel={t.send}
          texts={flow}
          onSubmit={({ comment = '' }) =>
            submit.run(
              () => callApi('POST', '/api/feedback', lang, { page, lang, helpful, ...(comment ? { comment } : {}) }),
              () => setSent(true),
            )
          }
        >
          {error &&
            (commentRefused ? (
              <ErrorAlert lang={lang} t={flow} page="feedback" error={{ ...error, fields: { comment: t.textRefused } }} />
            ) : (
              <Alert title={flow.refusedTitle} message={error.message} cause={error} />
            ))}
          <div class={`field${commentRefused ? ' field--error' : ''}`}>
            <label for="feedback-comment">{t.commentLabel}</label>
            {commentRefused && (
              <p class="field__error" id="feedback-comment-error">
                {t.textRefused}
              </p>
            )}
            <textarea
              id="feedback-comment"
              name="comment"
              rows={3}
              maxLength={500}
              aria-invalid={commentRefused || undefined}
              aria-describedby={commentRefused ? 'feedback-comment-error' : undefined}
            />
          </div>
        </Form>
      )}
    </section>
  );
}
