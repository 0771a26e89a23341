import type { Customer } from '../store/types.ts';
import { levels, levelName, type Level } from '../shared/eherkenning/levels.ts';
import { escapeHtml } from '../html/escape.ts';

/** A KvK number no customer has, to try "company not a customer". */
export const UNKNOWN_KVK = '99999990';
/** A branch number of no customer, to try "branch unknown". */
export const UNKNOWN_BRANCH = '999999999999';

export interface Choice {
  kvk: string;
  branch: string | null;
  level: Level;
  role: 'owner' | 'employee';
  intermediary: boolean;
}

const style =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}label{display:block;font-weight:600;margin-top:1rem}select{font:inherit;min-height:40px}button{font:inherit;min-height:44px;margin:1.5rem .5rem 0 0;padding:.5rem 1rem}.note{background:#fff8e6;padding:.75rem;border-left:4px solid #b58100}';

/** The development broker's own "log out here too?" page; `form` is the provider's hidden form. */
export function renderLogoutPage(form: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Log out at the development eHerkenning broker</title><style>${style}</style>
</head><body><main>
<h1>Log out at the development eHerkenning broker</h1>
<p class="note">A real broker shows its own page here. The help center asked the broker to end its session too.</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Log out at the broker</button>
<button type="submit" form="op.logoutForm">Stay logged in at the broker</button>
</main></body></html>`;
}

/** The development broker's login page: what a tester wants eHerkenning to answer. */
export function renderChoicePage(uid: string, customers: Customer[], requested: string): string {
  const companies = [
    ...customers.map(
      (c) =>
        `<option value="${escapeHtml(c.kvk_number)}">${escapeHtml(c.company_name)} (KvK ${escapeHtml(c.kvk_number)})</option>`,
    ),
    `<option value="${UNKNOWN_KVK}">Not a customer (KvK ${UNKNOWN_KVK})</option>`,
  ].join('');
  const branches = [
    `<option value="own" selected>The company's own branch</option>`,
    `<option value="">No branch number</option>`,
    `<option value="${UNKNOWN_BRANCH}">Unknown branch (${UNKNOWN_BRANCH})</option>`,
  ].join('');
  const levelOptions = levels
    .map((l) => `<option value="${l}"${l === 'loa3' ? ' selected' : ''}>${levelName(l)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Development eHerkenning broker</title>
<style>${style}</style>
</head><body><main>
<h1>Development eHerkenning broker</h1>
<p class="note">This page stands in for a real eHerkenning broker, in development and tests only. Choose what eHerkenning answers. Requested level: ${escapeHtml(requested || '(none)')}.</p>
<form method="post" action="/broker/interaction/${escapeHtml(uid)}">
<label for="company">Company</label><select id="company" name="company">${companies}</select>
<label for="branch">Branch (vestigingsnummer)</label><select id="branch" name="branch">${branches}</select>
<label for="level">Assurance level</label><select id="level" name="level">${levelOptions}</select>
<fieldset><legend>Who logs in</legend>
<label><input type="radio" name="role" value="owner" checked> The owner</label>
<label><input type="radio" name="role" value="employee"> An authorised employee</label>
</fieldset>
<label><input type="checkbox" name="intermediary" value="yes"> Acting through an intermediary (chain authorisation)</label>
<button type="submit" name="action" value="login">Log in</button>
<button type="submit" name="action" value="cancel">Cancel</button>
<button type="submit" name="action" value="unauthorised">No authorisation for this service</button>
</form></main></body></html>`;
}
