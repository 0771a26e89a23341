import { brand } from '../config/brand.ts';
import { format, texts, type Lang } from '../i18n/index.ts';
import type { LetterKind, MailKind, MailVars } from './kinds.ts';
import { fillable } from '../i18n/moments.ts';
import { escapeHtml } from '../html/escape.ts';

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

interface Entry {
  subject: string;
  body: readonly string[];
  /** The label of the button to `{link}`. */
  action?: string;
  /** The label of the link to `{cancelLink}`: "this was not me". */
  cancel?: string;
  /** A notice's own last words: what to do if it was not you. Mails with a link for the asker end with the common line. */
  closing?: string;
  /** Why it happened, by the mail's `reason`, for the body's `{reason}`. */
  reasons?: Record<string, string>;
}

function words(lang: Lang, vars: MailVars) {
  const values = { portal: brand.portalName, insurer: brand.insurerName, phone: brand.phone, ...fillable(vars, lang) };
  return (s: string) => format(s, values);
}

/** A mail in plain text and HTML from the catalog of its language. */
export function composeMail(kind: MailKind, lang: Lang, vars: MailVars): ComposedMail {
  const t = texts(lang).mail;
  const entry: Entry = t[kind];
  // Only a kind that lists reasons reads `reason` as one of them; any other keeps its vars as given.
  const fill = words(
    lang,
    entry.reasons ? { ...vars, reason: (typeof vars.reason === 'string' && entry.reasons[vars.reason]) || '' } : vars,
  );
  const subject = fill(entry.subject);
  // A mail queued before its kind gave a reason has none: its line is left out, not left empty.
  const paragraphs = entry.body.map(fill).filter((paragraph) => paragraph !== '');
  const link = typeof vars.link === 'string' ? vars.link : undefined;
  const cancelLink = typeof vars.cancelLink === 'string' ? vars.cancelLink : undefined;
  const action = entry.action && link ? { label: fill(entry.action), href: link } : undefined;
  const cancel = entry.cancel && cancelLink ? { label: fill(entry.cancel), href: cancelLink } : undefined;
  // A mail with no link in it tells nobody not to use one.
  const closing = [fill(entry.closing ?? (action || cancel ? t.notYou : t.notYouNoLink)), fill(t.signature)];

  const text = [
    fill(t.greeting),
    ...paragraphs,
    ...(action ? [`${action.label}:\n${action.href}`] : []),
    ...(cancel ? [`${cancel.label}:\n${cancel.href}`] : []),
    ...closing,
  ].join('\n\n');

  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:36rem">
<p>${escapeHtml(fill(t.greeting))}</p>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${action ? `<p><a href="${escapeHtml(action.href)}" style="display:inline-block;padding:12px 20px;background:#00566b;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold">${escapeHtml(action.label)}</a></p>\n<p style="font-size:14px;color:#4a4a4a">${escapeHtml(t.linkFallback)}<br>${escapeHtml(action.href)}</p>` : ''}
${cancel ? `<p><a href="${escapeHtml(cancel.href)}" style="color:#b00020;font-weight:bold">${escapeHtml(cancel.label)}</a></p>` : ''}
${closing.map((p) => `<p style="font-size:14px;color:#4a4a4a">${escapeHtml(p)}</p>`).join('\n')}
</body></html>`;

  return { subject, text, html };
}

export interface ComposedLetter {
  subject: string;
  /** The letter below the address block, as printed. */
  body: string;
}

/** A letter to the company's address, in plain text from the catalog of its language. */
export function composeLetter(kind: LetterKind, lang: Lang, vars: MailVars): ComposedLetter {
  const t = texts(lang).letters;
  const entry = t[kind];
  const fill = words(lang, vars);
  return {
    subject: fill(entry.subject),
    body: [fill(t.greeting), ...entry.body.map(fill), fill(entry.closing), fill(t.signature)].join('\n\n'),
  };
}
