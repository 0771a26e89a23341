import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { limited } from '../middleware/rate-limit.ts';
import { refusalsToPage } from '../middleware/refusal-page.ts';
import { createHelpCode, formatHelpCode } from '../../auth/agents/help-codes.ts';
import { recordFeedback, recordSearchMiss, recordWizardEnd } from '../../analytics/signals.ts';
import { feedbackAnswers } from '../../config/flow-paths.ts';
import { langs } from '../../i18n/lang.ts';
import { refusalPages, refusalReasons } from '../../i18n/refusals.ts';
import { isWizardEnd, machines } from '../../wizards/index.ts';
import { isPath } from '../../wizards/path.ts';
import { wizardIds } from '../../wizards/ids.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError } from '../errors.ts';
import { mediaType } from '../middleware/origin.ts';
import { errorResponse, jsonBody, jsonResponse, typedText } from '../../shared/api/schemas.ts';

const HelpCodeBody = z
  .strictObject({
    context: z.discriminatedUnion('kind', [
      z
        .strictObject({
          kind: z.literal('wizard'),
          wizard: z.enum(wizardIds),
          path: z.string().regex(/^[0-9a-z]{0,40}$/),
          lang: z.enum(langs),
        })
        // A step the wizard has: any other would leave the agent's page that opens the code without one.
        .refine(({ wizard, path }) => isPath(machines[wizard], path), {
          path: ['path'],
          message: 'a step of this wizard',
        }),
      z.strictObject({
        kind: z.literal('error'),
        // Only what the site itself says: else a caller could put words of their own on the agent's screen.
        page: z.enum(refusalPages),
        reason: z.enum(refusalReasons),
        lang: z.enum(langs),
        /** The eHerkenning level the customer logged in with, when it was too low. */
        level: z
          .string()
          .regex(/^EH[1-4]\+?$/)
          .optional(),
      }),
    ]),
  })
  .openapi('HelpCodeBody');

/**
 * What feedback is about, shown to staff in the report: an article by its key, which is words
 * (so never a run of digits such as a phone or policy number), or an end of a wizard, named as
 * its machine names it (`wizard:new-phone:resetFirst`).
 */
const feedbackPage = z
  .string()
  .max(120)
  .refine((page) => {
    if (/^article:[a-z][a-z0-9-]*$/.test(page)) return !/\d\d/.test(page);
    const [, wizard = '', end = ''] = /^wizard:([a-z-]+):([a-zA-Z]+)$/.exec(page) ?? [];
    return isWizardEnd(wizard, end);
  }, 'an article or a wizard end');

const FeedbackBody = z.strictObject({
  page: feedbackPage,
  lang: z.enum(langs),
  helpful: z.union([z.boolean(), z.enum(['yes', 'no']).transform((v) => v === 'yes')]),
  comment: typedText(1000).optional(),
  /** The page to go back to, for the form on article pages that works without JavaScript. */
  back: z
    .string()
    // A path of this site: `//host` would send the browser elsewhere.
    .regex(/^(\/[a-z0-9-]+)*\/$/)
    .max(200)
    .optional(),
});

/**
 * The article form is posted by the browser itself: a refusal (too many signals from one address,
 * a text it cannot take) goes back to the article with a note, as the thanks does. A way back that
 * is not a page of this site leaves the refusal as it is.
 */
const formBack = refusalsToPage(async (c, code) => {
  if (mediaType(c) !== 'application/x-www-form-urlencoded') return null;
  const sent = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const back = FeedbackBody.shape.back.safeParse(sent.back).data;
  const answer = feedbackAnswers[code === 'throttled' ? 'notSent' : 'textRefused'];
  return back ? `${back}#${answer[sent.lang === 'en' ? 'en' : 'nl']}` : null;
});

const helpCodeRoute = createRoute({
  method: 'post',
  path: '/help-codes',
  middleware: limited('signals'),
  summary: 'A short help code for where the customer is, to read out to an agent (24 hours)',
  request: { body: jsonBody(HelpCodeBody) },
  responses: { 201: jsonResponse(z.object({ code: z.string() }), 'The code, e.g. K7M-4QX'), 422: errorResponse('Invalid input') },
});

const feedbackRoute = createRoute({
  method: 'post',
  path: '/feedback',
  middleware: [formBack, limited('signals')],
  summary: '"Was this helpful?" for an article or a wizard end; no personal data is kept',
  description: 'JSON, or a plain form post (application/x-www-form-urlencoded) from an article page, which is sent back there.',
  request: {
    body: {
      content: { 'application/json': { schema: FeedbackBody }, 'application/x-www-form-urlencoded': { schema: FeedbackBody } },
      // Not "required": with it, both validators run on every body; without it, each runs for its own type.
      required: false,
    },
  },
  responses: {
    204: { description: 'Noted' },
    303: { description: 'Noted, or refused: back to the page (form post), to #bedankt, #niet-verstuurd or #tekst-geweigerd' },
    422: errorResponse('Invalid input'),
  },
});

const missRoute = createRoute({
  method: 'post',
  path: '/search-misses',
  middleware: limited('signals'),
  summary: 'A search that found nothing (counted per day)',
  request: { body: jsonBody(z.strictObject({ query: typedText(200).min(1), lang: z.enum(langs) })) },
  responses: { 204: { description: 'Counted' }, 422: errorResponse('Invalid input') },
});

const endRoute = createRoute({
  method: 'post',
  path: '/wizard-ends',
  middleware: limited('signals'),
  summary: 'A wizard end a customer reached (counted per day)',
  request: { body: jsonBody(z.strictObject({ wizard: z.enum(wizardIds), end: z.string().regex(/^[a-zA-Z]{1,40}$/) })) },
  responses: { 204: { description: 'Counted' }, 422: errorResponse('Invalid input') },
});

export function signalRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(helpCodeRoute, async (c) => {
    const code = await createHelpCode(ctx.deps, c.req.valid('json').context);
    return c.json({ code: formatHelpCode(code) }, 201);
  });

  app.openapi(feedbackRoute, async (c) => {
    const type = mediaType(c);
    if (!type) return apiError(c, 422, 'invalidInput');
    const form = type === 'application/x-www-form-urlencoded';
    const body = form ? c.req.valid('form') : c.req.valid('json');
    await recordFeedback(ctx.deps, body);
    if (form) return c.redirect(`${body.back ?? '/'}#${feedbackAnswers.thanks[body.lang]}`, 303);
    return c.body(null, 204);
  });

  app.openapi(missRoute, async (c) => {
    const { query, lang } = c.req.valid('json');
    await recordSearchMiss(ctx.deps, query, lang);
    return c.body(null, 204);
  });

  app.openapi(endRoute, async (c) => {
    const { wizard, end } = c.req.valid('json');
    if (!isWizardEnd(wizard, end)) return apiError(c, 422, 'invalidInput');
    await recordWizardEnd(ctx.deps, wizard, end);
    return c.body(null, 204);
  });
}
