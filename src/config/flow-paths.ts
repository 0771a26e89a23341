import type { Lang } from '../i18n/lang.ts';

/**
 * The pages of the live flows, per language. Pages, mails and the action links
 * in articles all take their addresses from here.
 */
export const flowPaths = {
  portal: { nl: '/portaal/', en: '/en/portal/' },
  login: { nl: '/portaal/inloggen/', en: '/en/portal/log-in/' },
  register: { nl: '/portaal/account-aanmaken/', en: '/en/portal/create-account/' },
  activate: { nl: '/portaal/activeren/', en: '/en/portal/activate/' },
  enrol: { nl: '/portaal/app-koppelen/', en: '/en/portal/link-app/' },
  newPhone: { nl: '/portaal/nieuwe-telefoon/', en: '/en/portal/new-phone/' },
  forgotPassword: { nl: '/portaal/wachtwoord-vergeten/', en: '/en/portal/forgot-password/' },
  resetPassword: { nl: '/portaal/nieuw-wachtwoord/', en: '/en/portal/new-password/' },
  changeEmail: { nl: '/portaal/e-mailadres-wijzigen/', en: '/en/portal/change-email/' },
  confirmEmail: { nl: '/portaal/e-mailadres-bevestigen/', en: '/en/portal/confirm-email/' },
  eherkenning: { nl: '/portaal/eherkenning/', en: '/en/portal/eherkenning/' },
  cancelRequest: { nl: '/portaal/verzoek-stoppen/', en: '/en/portal/stop-request/' },
} as const satisfies Record<string, Record<Lang, string>>;

export type FlowPage = keyof typeof flowPaths;

/** Where "log in with eHerkenning" starts: the API sends the browser on to the broker; `proof` proves a request instead. */
export function eherkenningStart(lang: Lang, purpose: 'login' | 'proof' = 'login'): string {
  return `/api/eherkenning/start?lang=${lang}${purpose === 'proof' ? '&purpose=proof' : ''}`;
}

/** Pages that receive a one-time token in their address: no Referer may carry it on. */
export const tokenPages: FlowPage[] = ['activate', 'enrol', 'newPhone', 'resetPassword', 'confirmEmail', 'cancelRequest'];

/** The call-center console, in the language each agent chose (see `useStaff`). */
export const staffPaths = {
  console: { nl: '/agent/', en: '/en/agent/' },
  invite: { nl: '/agent/uitnodiging/', en: '/en/agent/invitation/' },
  helpCode: { nl: '/agent/helpcode/', en: '/en/agent/help-code/' },
  lookup: { nl: '/agent/opzoeken/', en: '/en/agent/look-up/' },
  report: { nl: '/agent/rapport/', en: '/en/agent/report/' },
  audit: { nl: '/agent/audit/', en: '/en/agent/audit/' },
  team: { nl: '/agent/team/', en: '/en/agent/team/' },
  enrol: { nl: '/agent/app-koppelen/', en: '/en/agent/link-app/' },
} as const satisfies Record<string, Record<Lang, string>>;

export type StaffPage = keyof typeof staffPaths;

export function staffWizardPath(lang: Lang, wizard: string): string {
  return `${staffPaths.console[lang]}${lang === 'nl' ? 'hulp' : 'help'}/${wizard}/`;
}

/** An absolute link for a mail, with a one-time token in the fragment: it never reaches a server log or a Referer. */
export function flowLink(origin: string, page: FlowPage, lang: Lang, token?: string): string {
  return `${origin}${flowPaths[page][lang]}${token ? `#token=${token}` : ''}`;
}

/** Where a login may send the browser back to, when the OpenID Provider asked for it: its own interaction, nothing else. */
export const PROVIDER_RETURN = /^\/oidc\/interaction\/[\w-]{1,64}$/;

/** Where the article form's answer lands on the article page it came from (CSS `:target` shows it). */
export const feedbackAnswers = {
  thanks: { nl: 'bedankt', en: 'thanks' },
  /** Refused for now: too many answers from one address (an office behind one address can get there). */
  notSent: { nl: 'niet-verstuurd', en: 'not-sent' },
  /** Refused for good: a comment with characters no keyboard types (pasted), which trying again will not mend. */
  textRefused: { nl: 'tekst-geweigerd', en: 'text-refused' },
} as const satisfies Record<string, Record<Lang, string>>;
