import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { articleSchema } from './content/schema.ts';

// The id keeps the language folder (`nl/new-phone`), so twins share their file name.
const faq = defineCollection({
  loader: glob({
    pattern: '**/*.mdx',
    base: './content/faq',
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  }),
  schema: articleSchema,
});

export const collections = { faq };
