import { z } from 'zod';
import { factIds } from './facts.ts';
import { topicIds } from './topics.ts';
import { wizardIds } from '../wizards/ids.ts';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens');

/**
 * Frontmatter of one FAQ article. The file name (without language folder) is the
 * article's key: the Dutch and English twins share it.
 */
export const articleSchema = z.strictObject({
  title: z.string().min(5).max(100),
  summary: z.string().min(20).max(220),
  topic: z.enum(topicIds),
  order: z.number().int().min(1).max(999),
  slug,
  related: z.array(slug).max(6).default([]),
  wizard: z.enum(wizardIds).optional(),
  facts: z.array(z.enum(factIds)).default([]),
  keywords: z.array(z.string().min(2)).default([]),
  lastReviewed: z.coerce.date(),
});

export type ArticleData = z.infer<typeof articleSchema>;
