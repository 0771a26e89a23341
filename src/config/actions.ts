import { eherkenningStart, flowPaths } from './flow-paths.ts';
import type { Lang } from '../i18n/lang.ts';

/**
 * The live flows an article or wizard can send a customer to. `<Action to="…">`
 * in MDX renders a link only for flows that are live; until a flow lands its
 * text is shown without a link, so no page ever points at a half-built flow.
 */
export const actionIds = ['register', 'login', 'forgot-password', 'new-phone', 'change-email', 'eherkenning-login'] as const;
export type ActionId = (typeof actionIds)[number];

/** The page of each flow that is live, per language. */
const liveActions: Partial<Record<ActionId, Record<Lang, string>>> = {
  register: flowPaths.register,
  login: flowPaths.login,
  'forgot-password': flowPaths.forgotPassword,
  'new-phone': flowPaths.newPhone,
  'change-email': flowPaths.changeEmail,
  'eherkenning-login': { nl: eherkenningStart('nl'), en: eherkenningStart('en') },
};

export function actionUrl(action: ActionId, lang: Lang): string | undefined {
  return liveActions[action]?.[lang];
}
