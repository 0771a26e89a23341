import { brand } from '../config/brand.ts';
import { eherkenningStart, flowPaths, type FlowPage } from '../config/flow-paths.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Catalog } from '../i18n/index.ts';
import type { FlowTexts, RecoveryTexts, WizardTexts } from './flow-texts.ts';
import { wizardSimplePaths } from '../wizards/graph.ts';
import type { WizardId } from '../wizards/ids.ts';
import { machines } from '../wizards/index.ts';
import type { EndAction, StepMeta } from '../wizards/steps.ts';
import { findArticle } from './articles.ts';
import { islandTexts } from './flow-texts.ts';
import { codeHelpUrl } from './flows.ts';
import { wizardUrl } from './wizards.ts';

/** One step's words. */
type StepTexts = { title: string; text: string; options: Record<string, string>; action?: string; agent: string };

/** Every page a live flow inside a wizard may link to. */
export interface FlowLinks {
  self: string;
  portal: string;
  login: string;
  enrol: string;
  register: string;
  forgotPassword: string;
  newPhone: string;
  contact: string;
  codeHelp: string;
  eherkenningProof: string;
}

export interface WizardProps {
  lang: Lang;
  wizard: WizardId;
  /** The wizard's own texts and the shared ones, with the brand filled in. */
  t: { common: WizardTexts['common']; steps: Record<string, StepTexts> };
  flow: { t: FlowTexts; r: RecoveryTexts; links: FlowLinks };
  /** Where each end sends the customer. */
  ends: Record<string, string>;
  contactUrl: string;
  /** The longest way through the wizard, for the progress bar. */
  maxSteps: number;
  /** The call-center view: the line to say at each step, and a live step's outcomes as buttons. */
  agent?: { outcomes: Record<string, string>; answersSoFar: string } | undefined;
  /** The place the page was asked for (`?s=`), rendered on the server; without it the runner reads the address. */
  initialPath?: string;
  /** The customer's view: a help code on every step, and "did this help?" at the end. */
  customer?: { feedback: Catalog['feedback'] } | undefined;
}

/**
 * What the wizard island needs, made at build time: the texts with the brand
 * filled in, where each end goes, and the length of the longest way through.
 */
export function wizardProps(lang: Lang, wizard: WizardId): Promise<WizardProps> {
  // The same for every request: made once per wizard and language, now that wizard pages render on demand.
  const key = `${lang}:${wizard}`;
  let made = madeProps.get(key);
  if (!made) madeProps.set(key, (made = makeWizardProps(lang, wizard)));
  return made;
}

const madeProps = new Map<string, Promise<WizardProps>>();

async function makeWizardProps(lang: Lang, wizard: WizardId): Promise<WizardProps> {
  const machine = machines[wizard];
  async function hrefOf(action: EndAction): Promise<string> {
    if ('flow' in action) return flowPaths[action.flow][lang];
    if ('wizard' in action) return wizardUrl(action.wizard, lang);
    if ('article' in action) return (await findArticle(lang, action.article))!.url;
    if ('portal' in action) return action.portal === 'consumer' ? brand.consumerPortalUrl : brand.healthPortalUrl;
    if ('eherkenning' in action) return eherkenningStart(lang);
    return brand.contactUrl;
  }
  const ends: Record<string, string> = {};
  for (const [id, node] of Object.entries(machine.states)) {
    const step = (node.meta as { step: StepMeta }).step;
    if (step.kind === 'end') ends[id] = await hrefOf(step.action);
  }
  const all = islandTexts(lang, 'wizards');
  const path = (p: FlowPage) => flowPaths[p][lang];
  return {
    lang,
    wizard,
    t: { common: all.common, steps: all[wizard].steps },
    flow: {
      t: islandTexts(lang, 'flows'),
      r: islandTexts(lang, 'recovery'),
      links: {
        self: path('newPhone'),
        portal: path('portal'),
        login: path('login'),
        enrol: path('enrol'),
        register: path('register'),
        forgotPassword: path('forgotPassword'),
        newPhone: path('newPhone'),
        contact: brand.contactUrl,
        codeHelp: codeHelpUrl(lang),
        eherkenningProof: eherkenningStart(lang, 'proof'),
      },
    },
    ends,
    contactUrl: brand.contactUrl,
    maxSteps: Math.max(...wizardSimplePaths(machine).map((p) => p.steps.length)),
  };
}
