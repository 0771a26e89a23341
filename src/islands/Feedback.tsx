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

/** "Did this help?" at a wizard end: yes or no, and an optional comment. */
export function Feedback({ lang, t, page }: Props) {
  const [helpful, setHelpful] = useState<boolean | null>(null);
  const [sent, setSent] = useState(false);
  if (sent) return <p role="status">{t.thanks}</p>;
  const send = (value: boolean, comment?: string) =>
    callApi('POST', '/api/feedback', lang, { page, lang, helpful: value, ...(comment ? { comment } : {}) }).then(() =>
      setSent(true),
    );
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
            send(helpful, String(new FormData(e.currentTarget).get('comment') ?? ''));
          }}
        >
          <label for="feedback-comment">{t.commentLabel}</label>
          <textarea id="feedback-comment" name="comment" rows={3} maxLength={500} />
          <button class="button" type="submit">
            {t.send}
          </button>
        </form>
      )}
    </section>
  );
}
