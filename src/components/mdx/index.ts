// The components every FAQ article may use, by the names in src/content/check.ts.
import Portal from './Portal.astro';
import Insurer from './Insurer.astro';
import ArticleLink from './ArticleLink.astro';
import Action from './Action.astro';
import ConsumerPortal from './ConsumerPortal.astro';
import HealthPortal from './HealthPortal.astro';
import ContactPhone from './ContactPhone.astro';
import OpeningHours from './OpeningHours.astro';
import ContactForm from './ContactForm.astro';
import type { mdxComponentNames } from '../../content/check.ts';

export const mdxComponents = {
  Portal,
  Insurer,
  ArticleLink,
  Action,
  ConsumerPortal,
  HealthPortal,
  ContactPhone,
  OpeningHours,
  ContactForm,
} satisfies Record<(typeof mdxComponentNames)[number], unknown>;
