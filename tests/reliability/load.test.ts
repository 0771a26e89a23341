import { afterEach, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, tokenFrom } from '../support/api.ts';
import { forEachStore } from '../support/runtime.ts';
import { httpClient, startBuiltServer, type BuiltServer } from '../support/server.ts';

// Registrations, activations, logins and resets at saturation for a bounded
// time; then the books must balance: nothing lost, nothing twice.

let server: BuiltServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

const SATURATION_MS = 6000;
/**
 * What follows the registrations (every link used twice, logins, resets) grows
 * with how many there were, each an argon2id hash: capped, so that a fast machine
 * does not make the test slower, nor a busy one make it time out. 400 still race
 * 80 double registrations, 400 double activations and 130 double resets on 12
 * connections; 1,500 took the test to 50-70 s per store on two cores.
 */
const MAX_REGISTRATIONS = 400;
const WORKERS = 12;
const policies = ['ZP100001', 'ZP100002', 'ZP100003', 'ZP100004', 'ZP100005'];

forEachStore((kind) => {
  describe(`load on ${kind}`, () => {
    it('keeps every accepted registration, mail and token exactly once', async () => {
      server = await startBuiltServer(kind);
      const s = server;
      const statuses: Record<string, number[]> = {};
      const note = (what: string, status: number) => (statuses[what] ??= []).push(status);
      const run = Date.now().toString(36);
      const registered = new Set<string>();
      /** Accepted registrations per address: each must have its own activation mail, exactly once. */
      const accepted = new Map<string, number>();

      // 1. Registrations at saturation; every fifth address is registered twice at the same moment.
      const started = Date.now();
      const until = started + SATURATION_MS;
      let n = 0;
      await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          const client = httpClient(s.origin);
          while (Date.now() < until && n < MAX_REGISTRATIONS) {
            const i = n++;
            const email = `last.${run}.${i}@voorbeeld.test`;
            const body = { email, policyNumber: policies[i % policies.length] };
            const answers = await Promise.all((i % 5 === 0 ? [body, body] : [body]).map((b) => client.post('/api/accounts', b)));
            for (const a of answers) note('register', a.status);
            accepted.set(email, answers.filter((a) => a.status === 202).length);
            if (answers.every((a) => a.status === 202)) registered.add(email);
          }
        }),
      );
      const registeringMs = Date.now() - started;

      // 2. Each activation link used twice at once: one wins, one is refused.
      const opened = s.openStore();
      try {
        const mails = (await opened.store.listMail(100_000)).filter((m) => registered.has(m.to_address));
        const activation = new Map<string, string[]>();
        for (const m of mails.filter((m) => m.kind === 'activate')) {
          activation.set(m.to_address, [...(activation.get(m.to_address) ?? []), m.text_body]);
        }
        // Every accepted registration has its account and its own activation mail, exactly once.
        for (const email of registered) {
          const account = await opened.store.findLiveAccountByEmail(email);
          expect(account, email).toBeDefined();
          expect(activation.get(email)?.length ?? 0, email).toBe(accepted.get(email));
        }
        const accounts = await opened.db
          .selectFrom('accounts')
          .select(['email', (eb) => eb.fn.countAll<number>().as('n')])
          .where('email', 'like', `last.${run}.%`)
          .groupBy('email')
          .execute();
        expect(accounts.length).toBe(registered.size);
        expect(accounts.filter((a) => Number(a.n) !== 1)).toEqual([]);

        const emails = [...registered];
        const activated: string[] = [];
        await Promise.all(
          Array.from({ length: WORKERS }, async (_, w) => {
            for (let i = w; i < emails.length; i += WORKERS) {
              const email = emails[i]!;
              // Every link of the address, and the newest twice, all at once: one activates, the rest are refused.
              const tokens = activation.get(email)!.map((text) => tokenFrom(text));
              const results = await Promise.all(
                [...tokens, tokens.at(-1)!].map((token) =>
                  httpClient(s.origin).post('/api/accounts/activate', { token, password: GOOD_PASSWORD }),
                ),
              );
              for (const r of results) note('activate', r.status);
              const wins = results.filter((r) => r.status === 200).length;
              expect(wins, email).toBe(1);
              activated.push(email);
            }
          }),
        );

        // 3. Logins and password resets at the same time; each reset link used twice at once.
        const resetFor = activated.filter((_, i) => i % 3 === 0);
        await Promise.all([
          ...Array.from({ length: WORKERS / 2 }, async (_, w) => {
            for (let i = w; i < activated.length; i += WORKERS / 2) {
              const r = await httpClient(s.origin).post('/api/session', { email: activated[i], password: GOOD_PASSWORD });
              note('login', r.status);
              expect(r.json?.next, activated[i]).toBe('enrol');
            }
          }),
          ...Array.from({ length: WORKERS / 2 }, async (_, w) => {
            for (let i = w; i < resetFor.length; i += WORKERS / 2) {
              const r = await httpClient(s.origin).post('/api/password/reset-request', { email: resetFor[i] });
              note('reset-request', r.status);
            }
          }),
        ]);
        const resetMails = (await opened.store.listMail(100_000)).filter((m) => m.kind === 'resetLink');
        for (const email of resetFor) {
          const mine = resetMails.filter((m) => m.to_address === email);
          expect(mine.length, email).toBe(1);
          const token = tokenFrom(mine[0]!.text_body);
          const results = await Promise.all(
            ['een nieuw lang wachtwoord', 'een ander nieuw wachtwoord'].map((password) =>
              httpClient(s.origin).post('/api/password/reset', { token, password }),
            ),
          );
          for (const r of results) note('reset', r.status);
          expect(results.map((r) => r.status).sort(), email).toEqual([200, 400]);
        }

        // No link worked twice: each account was activated once, and each reset happened once.
        const events = await opened.db
          .selectFrom('account_events')
          .innerJoin('accounts', 'accounts.id', 'account_events.account_id')
          .select(['accounts.email', 'account_events.kind'])
          .where('accounts.email', 'like', `last.${run}.%`)
          .execute();
        const count = (kind: string) => {
          const per = new Map<string, number>();
          for (const e of events.filter((e) => e.kind === kind)) per.set(e.email, (per.get(e.email) ?? 0) + 1);
          return per;
        };
        const activations = count('activated');
        expect(activations.size).toBe(registered.size);
        expect([...activations.values()].every((v) => v === 1)).toBe(true);
        const resets = count('passwordReset');
        expect(resets.size).toBe(resetFor.length);
        expect([...resets.values()].every((v) => v === 1)).toBe(true);
      } finally {
        await opened.close();
      }

      // Never a server error, whatever the load; every refusal a 4xx.
      const all = Object.values(statuses).flat();
      expect(all.filter((status) => status >= 500)).toEqual([]);
      expect(registered.size).toBeGreaterThan(50);
      console.log(
        `load on ${kind}: ${registered.size} registrations in ${(registeringMs / 1000).toFixed(1)} s, ` +
          Object.entries(statuses)
            .map(([what, list]) => `${what} ${list.length}`)
            .join(', '),
      );
    });
  });
});
