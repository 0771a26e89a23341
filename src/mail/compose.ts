import { brand } from '../config/brand.ts';
import { format, texts, type Lang } from '../i18n/index.ts';
import type { MailKind, MailVars } from './kinds.ts';

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A mail in plain text and HTML from the catalog of its language. */
export function composeMail(kind: MailKind, lang: Lang, vars: MailVars): ComposedMail {
  const t = texts(lang).mail;
  const entry: { subject: string; body: readonly string[]; action?: string } = t[kind];
  const values = { portal: brand.portalName, insurer: brand.insurerName, phone: brand.phone, ...vars };
  const fill = (s: string) => format(s, values);
  const subject = fill(entry.subject);
  const paragraphs = entry.body.map(fill);
  const action = entry.action && vars.link ? { label: fill(entry.action), href: vars.link } : undefined;
  const closing = [fill(t.notYou), fill(t.signature)];

  const text = [fill(t.greeting), ...paragraphs, ...(action ? [`${action.label}:\n${action.href}`] : []), ...closing].join(
    '\n\n',
  );

  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:36rem">
<p>${escape(fill(t.greeting))}</p>
${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
${action ? `<p><a href="${escape(action.href)}" style="display:inline-block;padding:12px 20px;background:#00566b;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold">${escape(action.label)}</a></p>\n<p style="font-size:14px;color:#4a4a4a">${escape(t.linkFallback)}<br>${escape(action.href)}</p>` : ''}
${closing.map((p) => `<p style="font-size:14px;color:#4a4a4a">${escape(p)}</p>`).join('\n')}
</body></html>`;

  return { subject, text, html };
}
