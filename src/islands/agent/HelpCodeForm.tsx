import type { Catalog } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import { staffPaths } from '../../config/flow-paths.ts';

/** The field where the agent types the help code a customer reads out; it opens the help-code page. */
export function HelpCodeForm({ lang, t, typed }: { lang: Lang; t: Catalog['agent']; typed?: string }) {
  return (
    <form class="form form--inline" method="get" action={staffPaths.helpCode[lang]}>
      <label for="help-code">{t.helpCodeLabel}</label>
      <input id="help-code" name="c" required maxLength={10} autoComplete="off" spellcheck={false} value={typed} />
      <button class="button" type="submit">
        {t.helpCodeOpen}
      </button>
    </form>
  );
}
