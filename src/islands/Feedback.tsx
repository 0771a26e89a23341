import { useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { Catalog } from '../i18n/index.ts';
import { callApi } from './api.ts';

interface Props {
  lang: Lang;
  t: Catalog['feedback'];
  /** What the answer is about, e.g. `wizard:new-phone:checkMail`. */
  page: string;
}

/**
 * "Did this help?" at a wizard end: yes or no, and an optional comment. Thanks only once the
 * server has it; a refusal says why and leaves the comment as typed, to mend and send again.
 */
export function Feedback({ lang, t, page }: Props) {
  const [helpful, setHelpful] = useState<boolean | null>(null);
  const [sent, setSent] = useState(false);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; ofText: boolean } | null>(null);
  if (sent) return <p role="status">{t.thanks}</p>;
  const send = async (value: boolean, comment?: string) => {
    // Not a disabled button: that would take the focus from a keyboard user's hands.
    if (sending) return;
    setSending(true);
    setRefusal(null);
    const answer = await callApi('POST', '/api/feedback', lang, { page, lang, helpful: value, ...(comment ? { comment } : {}) });
    setSending(false);
    if (answer.ok) return setSent(true);
    // Only the comment is the customer's own, so a 422 is about it; anything else (too many answers
    // from one address, no connection) the answer says itself, in the page's language.
    const ofText = answer.status === 422;
    setRefusal({ ofText, message: ofText ? t.textRefused : answer.data.error!.message });
  };
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
        <form
          class="form"
          onSubmit={(e) => {
            e.preventDefault();
            void send(helpful, String(new FormData(e.currentTarget).get('comment') ?? ''));
          }}
        >
          <label for="feedback-comment">{t.commentLabel}</label>
          <textarea
            id="feedback-comment"
            name="comment"
            rows={3}
            maxLength={500}
            aria-invalid={refusal?.ofText || undefined}
            aria-describedby={refusal ? 'feedback-refusal' : undefined}
          />
          {refusal && (
            <p id="feedback-refusal" class="field__error" role="alert">
              {refusal.message}
            </p>
          )}
          <button class="button" type="submit">
            {t.send}
          </button>
        </form>
      )}
    </section>
  );
}
