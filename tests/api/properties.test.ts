import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type AnyStateMachine } from 'xstate';
import { normalizeCode, normalizeEmail } from '../../src/auth/normalize.ts';
import { normalizePolicyNumber } from '../../src/shared/policy-number.ts';
import { machines } from '../../src/wizards/index.ts';
import { decodePath, encodePath, optionsOf } from '../../src/wizards/path.ts';
import { apiAnswerProblems } from '../support/answers.ts';
import { apiClient, type ApiClient } from '../support/api.ts';
import { endpointsOf, exampleOf, fillPath, type Endpoint, type OpenApiDocument } from '../support/openapi.ts';
import { testRuntime } from '../support/runtime.ts';

// Properties over generated input, where the examples in the other tests stop:
// any walk through a wizard survives the URL, any string a customer puts there is
// either a place in the wizard or refused, any JSON posted to the API gets a
// translated refusal and never a fault, and normalising twice changes nothing.

/** The answers of a walk through the machine: each choice picks an option of the step it is at, until an end. */
function walk(machine: AnyStateMachine, choices: number[]) {
  const actor = createActor(machine).start();
  const answers: string[] = [];
  for (const choice of choices) {
    const options = optionsOf(actor.getSnapshot());
    if (actor.getSnapshot().status !== 'active' || options.length === 0) break;
    const answer = options[choice % options.length]!;
    answers.push(answer);
    actor.send({ type: answer });
  }
  const snapshot = actor.getSnapshot();
  actor.stop();
  return { answers, snapshot };
}

/** Strings of the path alphabet, mostly of small digits, so that many of them are real places in a wizard. */
const likelyPaths = fc.oneof(
  fc.array(fc.constantFrom(...'0123'), { maxLength: 12 }).map((chars) => chars.join('')),
  fc.stringMatching(/^[0-9a-z]{0,45}$/),
);

describe('the wizard path in the URL', () => {
  for (const [id, machine] of Object.entries(machines)) {
    describe(id, () => {
      it('takes any walk there and back: same step, same answers', () => {
        fc.assert(
          fc.property(fc.array(fc.nat(), { maxLength: 40 }), (choices) => {
            const { answers, snapshot } = walk(machine, choices);
            const encoded = encodePath(machine, answers);
            expect(encoded).toMatch(/^[0-9a-z]*$/);
            expect(encoded).toHaveLength(answers.length);
            const decoded = decodePath(machine, encoded);
            expect(decoded).not.toBeNull();
            expect(decoded!.value).toEqual(snapshot.value);
            expect(decoded!.context.answers).toEqual(answers);
          }),
          { numRuns: 300 },
        );
      });

      it('decodes any string without throwing: a place whose path is that string, or null', () => {
        fc.assert(
          fc.property(
            fc.oneof(likelyPaths, fc.string({ unit: 'binary', maxLength: 50 }), fc.string({ maxLength: 60 })),
            (text) => {
              const decoded = decodePath(machine, text);
              if (decoded === null) return;
              expect(decoded.status === 'active' || decoded.status === 'done').toBe(true);
              // A place is reached by one path only: encoding its answers gives the string back.
              expect(encodePath(machine, decoded.context.answers)).toBe(text);
            },
          ),
          { numRuns: 500 },
        );
      });
    });
  }
});

describe('normalizing what customers type', () => {
  const typed = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string());

  it('an address normalized twice is the address normalized once', () => {
    fc.assert(
      fc.property(fc.oneof(typed, fc.emailAddress()), (email) => {
        expect(normalizeEmail(normalizeEmail(email))).toBe(normalizeEmail(email));
      }),
      { numRuns: 2_000 },
    );
  });

  it('a policy number normalized twice is the policy number normalized once', () => {
    fc.assert(
      fc.property(fc.oneof(typed, fc.stringMatching(/^[a-zA-Z]{2}[ .-]?\d{3}[ .-]?\d{3}$/)), (policy) => {
        expect(normalizePolicyNumber(normalizePolicyNumber(policy))).toBe(normalizePolicyNumber(policy));
      }),
      { numRuns: 2_000 },
    );
  });

  it('a code is six digits or null, and normalizing the six digits again keeps them', () => {
    const spaced = fc
      .array(
        fc.oneof(fc.constantFrom(...'0123456789'), fc.constantFrom(' ', '-', '\t', '\u00a0', '\u2010', '\u2212', '٣', '７', 'x')),
        { maxLength: 12 },
      )
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.oneof(typed, spaced), (code) => {
        const digits = normalizeCode(code);
        if (digits === null) return;
        expect(digits).toMatch(/^[0-9]{6}$/);
        expect(normalizeCode(digits)).toBe(digits);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('any JSON posted to the API', () => {
  let runtime: Awaited<ReturnType<typeof testRuntime>>;
  let client: ApiClient;
  let posts: Endpoint[];
  beforeAll(async () => {
    runtime = await testRuntime();
    client = apiClient(runtime, { rateLimitFactor: 1_000 });
    posts = endpointsOf((await client.get('/api/openapi.json')).json as OpenApiDocument).filter((e) => e.method === 'POST');
  });
  afterAll(() => runtime.dispose());

  /** Objects with the endpoint's own field names (and some others) holding anything: they get past "not an object". */
  function nearlyBodies(endpoint: Endpoint) {
    const names = Object.keys(endpoint.body?.properties ?? {});
    const example = (endpoint.body ? exampleOf(endpoint.body) : {}) as Record<string, unknown>;
    // Mostly the example's own value, so that a body often gets past all fields but one.
    const value = (name: string) =>
      fc.oneof(
        { arbitrary: fc.constant(example[name] ?? null), weight: 4 },
        { arbitrary: fc.string(), weight: 1 },
        { arbitrary: fc.jsonValue(), weight: 1 },
      );
    return fc
      .tuple(
        fc.record(Object.fromEntries(names.map((name) => [name, value(name)])), { requiredKeys: [] }),
        fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 2 }), { nil: {}, freq: 2 }),
      )
      .map(([known, extra]) => ({ ...extra, ...known }));
  }

  it('answers every POST endpoint without a fault, and refuses with a translated JSON error', async () => {
    expect(posts.length).toBeGreaterThanOrEqual(15);
    for (const endpoint of posts) {
      const path = fillPath(endpoint);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.jsonValue(), nearlyBodies(endpoint), fc.anything()),
          fc.constantFrom('nl', 'en'),
          async (value, lang) => {
            const body = JSON.stringify(value) ?? 'null';
            const res = await client.call('POST', path, body, { 'Content-Type': 'application/json', 'Accept-Language': lang });
            const answer = { status: res.status, contentType: res.headers.get('content-type') ?? '', text: res.text };
            // No 5xx, no leak; a refusal is JSON with a code and a message in the language asked for.
            expect(apiAnswerProblems(answer, lang), `${path} ${body}`).toEqual([]);
          },
        ),
        { numRuns: 200 },
      );
    }
  }, 60_000);
});
