import { texts, type Lang } from '../../src/i18n/index.ts';

// What no answer may hold, and what every error answer of the API must be:
// JSON with a code for programs and a message for people, in their language.

/** Traces of the inside: a stack frame, a source file, a driver's or the query builder's words. */
export const LEAK = /at \w+ \(|node_modules|\.ts:\d+|stack|SQLITE|syntax error|TypeError|ReferenceError|Kysely|pg_/i;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const template = (text: string) => escape(text).replace(/\\\{\w+\\\}/g, '.+?');

/**
 * A message in a language: one or more sentences of its catalog (a refused
 * code is the diagnosis followed by the lock), placeholders filled in.
 */
function messagePattern(lang: Lang): RegExp {
  const t = texts(lang);
  const one = `(?:${[...Object.values(t.api), ...Object.values(t.diagnosis)].map(template).join('|')})`;
  return new RegExp(`^${one}(?: ${one})*$`, 's');
}

const messages = { nl: messagePattern('nl'), en: messagePattern('en') };
/** What a field may say: its own hint, or why its value was refused (too long, a wrong password, the same address). */
const fieldMessagesOf = (lang: 'nl' | 'en') => {
  const { fields, api } = texts(lang);
  return new Set<string>([...Object.values(fields), api.invalidInput, api.tooLong, api.passwordRefused, api.sameAddress]);
};
const fieldMessages = { nl: fieldMessagesOf('nl'), en: fieldMessagesOf('en') };

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

export interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** The error body of an answer, when it is one. */
export function errorOf(answer: Answer): ErrorJson['error'] | undefined {
  if (!answer.contentType.includes('json')) return undefined;
  try {
    return (JSON.parse(answer.text) as Partial<ErrorJson>).error;
  } catch {
    return undefined;
  }
}

/**
 * What is wrong with an answer of the API (empty when nothing): a 5xx, a
 * leak, an error that is not our JSON, or a message not in the language asked for.
 */
export function apiAnswerProblems(answer: Answer, lang: Lang | undefined, options: { hasBody?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (answer.status === 0) problems.push('no answer: the connection was closed');
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  if (LEAK.test(answer.text)) problems.push(`leaks ${JSON.stringify(LEAK.exec(answer.text)?.[0])}`);
  if (answer.status < 400 || options.hasBody === false) return problems;
  const error = errorOf(answer);
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || !error.message) {
    problems.push(`not a JSON error: ${answer.contentType} ${answer.text.slice(0, 120)}`);
    return problems;
  }
  if (lang) {
    const other: Lang = lang === 'nl' ? 'en' : 'nl';
    if (!messages[lang].test(error.message) || messages[other].test(error.message))
      problems.push(`message not in ${lang}: ${JSON.stringify(error.message)}`);
    for (const [field, message] of Object.entries(error.fields ?? {}))
      if (!fieldMessages[lang].has(message)) problems.push(`field ${field} not in ${lang}: ${JSON.stringify(message)}`);
  }
  return problems;
}
