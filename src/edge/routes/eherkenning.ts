import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { limited } from '../middleware/rate-limit.ts';
import { refusalsToPage } from '../middleware/refusal-page.ts';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { loginWithEherkenning, type EherkenningFailure } from '../../auth/eherkenning/login.ts';
import type { LoginTransaction } from '../../auth/eherkenning/client.ts';
import { flowPaths, PROVIDER_RETURN } from '../../config/flow-paths.ts';
import { langs, type Lang } from '../../i18n/lang.ts';
import { levels } from '../../shared/eherkenning/levels.ts';
import { sessionToken, setSessionCookie } from '../cookies.ts';
import { hashToken } from '../../auth/crypto.ts';
import { eherkenningProofPage, proveWithEherkenning } from '../../auth/recovery/proofs.ts';
import type { EdgeContext, Env } from '../env.ts';

/** The login in progress between going to the broker and coming back: sealed, in a short-lived cookie. */
const TRANSACTION_COOKIE = '__Host-eherkenning';
const TRANSACTION_TTL_MS = 10 * 60_000;

interface Transaction extends LoginTransaction {
  lang: Lang;
  expires: number;
  /** Logging in, or proving a request (a new phone, a takeover) and going back to its page. */
  proofFor?: 'newPhone' | 'enrol' | undefined;
  /**
   * The session a proof is for (its hash): a browser holds one session, and a login in another
   * tab while the broker is open would otherwise receive the proof, a takeover and all.
   */
  session?: string | undefined;
  returnTo?: string | undefined;
}

/**
 * The addresses a browser's window is sent to from another site: a portal's hand-over goes on to
 * the start, and the broker sends the browser back. Counted apart from the password login, so
 * that a page that keeps sending its window here cannot keep the visitor's email login out.
 */
export const eherkenningNavigations = ['/api/eherkenning/start', '/api/eherkenning/callback'];

const startRoute = createRoute({
  method: 'get',
  path: '/eherkenning/start',
  middleware: limited('eherkenning'),
  summary: 'Log in with eHerkenning: redirects to the broker, asking for at least the minimum level',
  request: {
    query: z.object({
      lang: z.enum(langs).optional(),
      purpose: z.enum(['login', 'proof']).optional(),
      /** The OpenID Provider's interaction to go back to after the login. */
      return: z.string().regex(PROVIDER_RETURN).optional(),
      /** The lowest level the provider's client asked for: the broker is asked for it, if above the minimum. */
      level: z.enum(levels).optional(),
    }),
  },
  responses: {
    302: {
      description:
        'To the broker (always asking it to log in afresh), or to the explanation page when it is not available. `purpose=proof`: eHerkenning proves the request of the session in progress instead of logging in.',
    },
  },
});

const callbackRoute = createRoute({
  method: 'get',
  path: '/eherkenning/callback',
  middleware: limited('eherkenning'),
  summary: 'The broker sends the customer back here; on success a session, else the explanation page',
  request: {
    query: z.object({
      code: z.string().max(2000).optional(),
      state: z.string().max(500).optional(),
      error: z.string().max(200).optional(),
      error_description: z.string().max(1000).optional(),
      iss: z.string().max(500).optional(),
    }),
  },
  responses: { 302: { description: 'To the portal, or to the explanation page with the reason in the fragment' } },
});

export function eherkenningRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  const explain = (lang: Lang, failure: EherkenningFailure | { kind: 'throttled' }) => {
    const params = new URLSearchParams({ error: failure.kind, ...('level' in failure ? { level: failure.level } : {}) });
    return `${flowPaths.eherkenning[lang]}#${params}`;
  };

  /** Where a proof ends: back on the page of its request, with the outcome in the fragment. */
  const backToProof = (lang: Lang, page: 'newPhone' | 'enrol', outcome: Record<string, string>) =>
    `${flowPaths[page][lang]}#${new URLSearchParams(outcome)}`;

  /**
   * The login in progress an answer from the broker comes to, read once. An answer that carries its
   * state takes it (its cookie goes, whatever the answer says); one for another login (another site
   * sending the window here, with an error, a code or a query out of bounds of its own, cannot know
   * the state) leaves it waiting for its own.
   */
  const takeTransaction = (c: Context<Env>) => {
    const transaction = openTransaction(ctx, getCookie(c, TRANSACTION_COOKIE));
    const forIt = transaction !== null && c.req.query('state') === transaction.state;
    if (forIt || !transaction) deleteCookie(c, TRANSACTION_COOKIE, { path: '/', secure: true });
    return { transaction, forIt };
  };

  // The browser follows both addresses itself: too many attempts are explained on a page in the
  // login's language, not shown as JSON; a proof goes back to its request's page, to be tried again
  // there (an address out of bounds has each route's own answer).
  const throttledTo = (where: (c: Context<Env>) => Promise<{ lang: Lang; proofFor?: Transaction['proofFor'] }>) =>
    refusalsToPage(async (c, code) => {
      if (code !== 'throttled') return null;
      const { lang, proofFor } = await where(c);
      return proofFor ? backToProof(lang, proofFor, { proof: 'throttled' }) : explain(lang, { kind: 'throttled' });
    });
  app.use(
    '/eherkenning/start',
    throttledTo(async (c) => ({
      lang: c.req.query('lang') === 'en' ? 'en' : 'nl',
      proofFor:
        c.req.query('purpose') === 'proof' ? ((await eherkenningProofPage(ctx.deps, sessionToken(c))) ?? 'newPhone') : undefined,
    })),
  );
  app.use(
    '/eherkenning/callback',
    throttledTo(async (c) => {
      // Taken here too: a callback kept for later would log in whoever opens it again from the history.
      const { transaction } = takeTransaction(c);
      return { lang: transaction?.lang ?? 'nl', proofFor: transaction?.proofFor };
    }),
  );

  app.openapi(
    startRoute,
    async (c) => {
      const { lang = 'nl', purpose, level } = c.req.valid('query');
      const returnTo = c.req.valid('query').return ?? returnFromLoginPage(c.req.header('referer'), ctx.deps.config.publicOrigin);
      let proofFor: Transaction['proofFor'];
      if (purpose === 'proof') {
        proofFor = (await eherkenningProofPage(ctx.deps, sessionToken(c))) ?? undefined;
        if (!proofFor) return c.redirect(backToProof(lang, 'newPhone', { proof: 'failed' }), 302);
      }
      if (!ctx.eherkenning) return c.redirect(explain(lang, { kind: 'notConfigured' }), 302);
      try {
        const { url, transaction } = await ctx.eherkenning.client.start(level);
        const sealed = ctx.deps.cookies.seal(
          JSON.stringify({
            ...transaction,
            lang,
            expires: ctx.deps.clock.now() + TRANSACTION_TTL_MS,
            proofFor,
            session: proofFor ? sessionHash(c) : undefined,
            returnTo,
          } satisfies Transaction),
        );
        setCookie(c, TRANSACTION_COOKIE, sealed, {
          path: '/',
          secure: true,
          httpOnly: true,
          sameSite: 'Lax',
          maxAge: TRANSACTION_TTL_MS / 1000,
        });
        return c.redirect(url, 302);
      } catch (error) {
        c.get('log').warn({ err: (error as Error).message }, 'eHerkenning broker unreachable');
        return c.redirect(explain(lang, { kind: 'brokerUnavailable' }), 302);
      }
    },
    // A browser follows this link itself: an address out of bounds (a language twice, a way back that
    // is none of ours) goes back to the login page, not to a page of JSON.
    (result, c) => (result.success ? undefined : c.redirect(flowPaths.login[c.req.query('lang') === 'en' ? 'en' : 'nl'], 302)),
  );

  /** A broker's answer refused (tampered, replayed, out of bounds): worth a look in the log; the customer sees it explained. */
  const refused = (c: Context<Env>, transaction: Transaction | null, reason: string) => {
    c.get('log').warn({ reason }, 'eHerkenning response refused');
    const lang = transaction?.lang ?? 'nl';
    if (transaction?.proofFor) return c.redirect(backToProof(lang, transaction.proofFor, { proof: 'failed' }), 302);
    ctx.metrics?.login('eherkenning', 'password', 'invalidResponse');
    return c.redirect(explain(lang, { kind: 'invalidResponse' }), 302);
  };

  app.openapi(
    callbackRoute,
    async (c) => {
      const { transaction, forIt } = takeTransaction(c);
      if (transaction && !forIt) return refused(c, transaction, 'an answer for another login');
      const lang = transaction?.lang ?? 'nl';
      if (!ctx.eherkenning) return c.redirect(explain(lang, { kind: 'notConfigured' }), 302);
      const result = await ctx.eherkenning.client.finish(new URL(c.req.url), transaction);
      if (result.kind === 'invalidResponse') return refused(c, transaction, result.reason);
      if (transaction?.proofFor) {
        const page = transaction.proofFor;
        if (result.kind !== 'identity') return c.redirect(backToProof(lang, page, { proof: 'failed' }), 302);
        if (transaction.session !== sessionHash(c))
          return refused(c, transaction, 'another session than the proof was started for');
        const proof = await proveWithEherkenning(ctx.deps, {
          token: sessionToken(c),
          identity: result.identity,
          minimum: ctx.eherkenning.minimumLevel,
        });
        switch (proof.kind) {
          case 'proven':
            await setSessionCookie(c, ctx.deps, proof.token);
            return c.redirect(backToProof(lang, page, { proof: 'ok' }), 302);
          case 'other-company':
            return c.redirect(backToProof(lang, page, { proof: 'otherCompany' }), 302);
          case 'intermediary':
            return c.redirect(backToProof(lang, page, { proof: 'intermediary' }), 302);
          case 'level-too-low':
            return c.redirect(backToProof(lang, page, { proof: 'levelTooLow', level: proof.level }), 302);
          default:
            return c.redirect(backToProof(lang, page, { proof: 'failed' }), 302);
        }
      }
      switch (result.kind) {
        case 'identity': {
          const login = await loginWithEherkenning(ctx.deps, {
            identity: result.identity,
            idToken: result.idToken,
            minimum: ctx.eherkenning.minimumLevel,
          });
          ctx.metrics?.login('eherkenning', 'password', login.kind === 'ok' ? 'success' : login.kind);
          if (login.kind !== 'ok') return c.redirect(explain(lang, login), 302);
          await setSessionCookie(c, ctx.deps, login.token);
          return c.redirect(transaction?.returnTo ?? flowPaths.portal[lang], 302);
        }
        case 'brokerUnavailable':
          ctx.metrics?.login('eherkenning', 'password', result.kind);
          c.get('log').warn({ reason: result.reason }, 'eHerkenning broker unreachable');
          return c.redirect(explain(lang, { kind: 'brokerUnavailable' }), 302);
        default:
          ctx.metrics?.login('eherkenning', 'password', result.kind);
          return c.redirect(explain(lang, result), 302);
      }
    },
    // The browser lands here itself: an answer out of bounds is refused on the explanation page, not as JSON.
    (result, c) => (result.success ? undefined : refused(c, takeTransaction(c).transaction, 'query out of bounds')),
  );
}

const sessionHash = (c: Context<Env>) => hashToken(sessionToken(c) ?? '');

/**
 * The button on a login page that a client sent the customer to carries the way back once the
 * page's script ran; clicked before that, the page's own address (the Referer) still holds it.
 */
function returnFromLoginPage(referer: string | undefined, publicOrigin: string): string | undefined {
  if (!referer) return undefined;
  try {
    const page = new URL(referer);
    const back = page.searchParams.get('return');
    return page.origin === new URL(publicOrigin).origin && back && PROVIDER_RETURN.test(back) ? back : undefined;
  } catch {
    return undefined;
  }
}

function openTransaction(ctx: EdgeContext, sealed: string | undefined): Transaction | null {
  if (!sealed || sealed.length > 2000) return null;
  try {
    const transaction = JSON.parse(ctx.deps.cookies.open(sealed)) as Transaction;
    return transaction.expires > ctx.deps.clock.now() ? transaction : null;
  } catch {
    return null;
  }
}
