import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { EdgeContext } from './env.ts';
import { escapeHtml } from '../html/escape.ts';

/**
 * /dev/mail: the development outbox, to read the mails and letters the
 * product sent and follow their links. It does not exist in production mode.
 */
export function createDevApp(ctx: EdgeContext) {
  const app = new Hono().basePath('/dev');
  app.use(async (c, next) => {
    if (ctx.mode !== 'development') return c.text('Not found', 404);
    await next();
    // As in the API (src/edge/app.ts): on the answer's own headers, so it is not copied.
    c.res.headers.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    return undefined;
  });

  app.get('/mail', async (c) => {
    const mails = await ctx.deps.store.listMail(100);
    const letters = (await ctx.deps.store.listLetters('pending', 100)).reverse();
    return c.html(
      page(
        'Outbox',
        html` <h1>Outbox (development)</h1>
          <p>Mail the help center sent, newest first. In production these go out by SMTP.</p>
          ${mails.length === 0 ? html`<p>No mail yet.</p>` : ''}
          <ol>
            ${mails.map((m) => html`<li><a href="/dev/mail/${m.id}">${m.subject}</a> &mdash; to <span class="to">${m.to_address}</span>, ${new Date(m.created_at).toISOString()} (${m.status})</li>`)}
          </ol>
          <h2>Letters</h2>
          <p>
            Letters to a company's address, newest first. In production <code>npm run letters:export</code> hands them to the
            printer.
          </p>
          ${letters.length === 0 ? html`<p>No letters yet.</p>` : ''}
          <ol>
            ${letters.map((l) => html`<li><a href="/dev/letters/${l.id}">${l.subject}</a> &mdash; to <span class="to">${l.recipient}</span>, ${new Date(l.created_at).toISOString()}</li>`)}
          </ol>`,
      ),
    );
  });

  app.get('/letters/:id', async (c) => {
    const letter = await ctx.deps.store.findLetter(c.req.param('id'));
    if (!letter)
      return c.html(
        page(
          'Not found',
          html`<h1>No such letter</h1>
            <p><a href="/dev/mail">Back to the outbox</a></p>`,
        ),
        404,
      );
    return c.html(
      page(
        letter.subject,
        html` <p><a href="/dev/mail">Back to the outbox</a></p>
          <h1>${letter.subject}</h1>
          <p>
            To: <span class="to">${letter.recipient}</span>, ${letter.street}, ${letter.postal_code} ${letter.city} ·
            ${new Date(letter.created_at).toISOString()} · ${letter.kind}
          </p>
          <pre>${letter.body}</pre>`,
      ),
    );
  });

  app.get('/mail/:id', async (c) => {
    const mail = await ctx.deps.store.findMail(c.req.param('id'));
    if (!mail)
      return c.html(
        page(
          'Not found',
          html`<h1>No such mail</h1>
            <p><a href="/dev/mail">Back to the outbox</a></p>`,
        ),
        404,
      );
    // The text body with its links made clickable; everything else escaped.
    const body = escapeHtml(mail.text_body).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
    return c.html(
      page(
        mail.subject,
        html` <p><a href="/dev/mail">Back to the outbox</a></p>
          <h1>${mail.subject}</h1>
          <p>To: <span class="to">${mail.to_address}</span> · ${new Date(mail.created_at).toISOString()} · ${mail.kind}</p>
          <pre>${raw(body)}</pre>`,
      ),
    );
  });
  return app;
}

function page(title: string, body: unknown) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} | Dev mail</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            max-width: 50rem;
            margin: 2rem auto;
            padding: 0 1rem;
            line-height: 1.5;
          }
          pre {
            white-space: pre-wrap;
            background: #f3f5f7;
            padding: 1rem;
          }
          a {
            color: #005a8c;
          }
        </style>
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html>`;
}
