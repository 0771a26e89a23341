import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { articleSchema } from './content/schema.ts';

// The id keeps the language folder (`nl/new-phone`), so twins share their file name.
const faq = defineCollection({
  loader: glob({
    pattern: '**/*.mdx',
    // FAQ_CONTENT_DIR lets the benchmark build the site on generated articles.
    base: process.env.FAQ_CONTENT_DIR ?? './content/faq',
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  }),
  schema: articleSchema,
});

export const collections = { faq };
