import type { Catalog } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import { staffPaths } from '../../config/flow-paths.ts';

/** Where the form notes, for this tab, the code the agent asked to open: the help-code page opens no other by itself. */
export const ASKED_CODE_KEY = 'helpcenter:help-code-asked';

/** The field where the agent types the help code a customer reads out; it opens the help-code page. */
export function HelpCodeForm({ lang, t, typed }: { lang: Lang; t: Catalog['agent']; typed?: string }) {
  return (
    <form
      class="form form--inline"
      method="get"
      action={staffPaths.helpCode[lang]}
      onSubmit={(e) => sessionStorage.setItem(ASKED_CODE_KEY, String(new FormData(e.currentTarget).get('c') ?? ''))}
    >
      <label for="help-code">{t.helpCodeLabel}</label>
      <input id="help-code" name="c" required maxLength={10} autoComplete="off" spellcheck={false} value={typed} />
      <button class="button" type="submit">
        {t.helpCodeOpen}
      </button>
    </form>
  );
}
