import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { texts, type Catalog } from '../i18n/index.ts';
import type { Env } from './env.ts';
import { apiError, requestLang } from './errors.ts';

/**
 * Turns a schema's complaint into a 422 that names each field with a message a
 * customer understands, in their language.
 */
export function invalidInput(error: ZodError, c: Context<Env>) {
  const t = texts(requestLang(c));
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!field || fields[field]) continue;
    // Too long is said as such: "enter your password" under a field that holds thousands of characters is not true.
    fields[field] =
      issue.code === 'too_big' ? t.api.tooLong : ((t.fields as Record<string, string>)[field] ?? t.api.invalidInput);
  }
  return apiError(c, 422, 'invalidInput', Object.keys(fields).length ? { fields } : {});
}

export type FieldMessage = keyof Catalog['fields'];
