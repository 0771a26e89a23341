import { defineCollection } from 'astro:content';
import { articleSchema } from './content/schema.ts';
import { faqLoader } from './site/faq-loader.ts';

// FAQ_CONTENT_DIR lets the benchmark build the site on generated articles.
const faq = defineCollection({
  loader: faqLoader(process.env.FAQ_CONTENT_DIR ?? './content/faq'),
  schema: articleSchema,
});

export const collections = { faq };
