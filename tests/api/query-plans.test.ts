import { StatementSync } from 'node:sqlite';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createActiveAccount, GOOD_PASSWORD, registerAndActivate, uniqueEmail } from '../support/api.ts';
import { endpointsOf, exampleOf, exampleQuery, fillPath, type OpenApiDocument } from '../support/openapi.ts';
import { testRuntime } from '../support/runtime.ts';
import { pruneOnce } from '../../src/server/pruning.ts';
import { staffClient } from '../support/staff.ts';

// What a stranger makes the server do must not grow with the size of the book: a statement that
// reads a whole table is slower the more customers there are, and an answer that takes longer for
// one address than another tells which addresses have an account. Every statement SQLite runs
// while strangers call each endpoint, a customer logs in, a colleague asks to take over and an
// agent looks the company up is planned here; none may scan.
// The plans are SQLite's: PostgreSQL plans small tables its own way, whatever their indexes.

describe('the statements behind every endpoint a stranger, a colleague or an agent can call use an index (SQLite)', () => {
  // The SQL of every statement run while `recording`: prepared statements are kept and run again,
  // so their runs are what counts, not their preparation.
  const statements = new Set<string>();
  let recording = false;
  const runs = ['all', 'get', 'run', 'iterate'] as const;
  const originals = runs.map((name) => [name, StatementSync.prototype[name]] as const);
  let runtime: Awaited<ReturnType<typeof testRuntime>>;
  beforeAll(async () => {
    for (const [name, original] of originals)
      Object.assign(StatementSync.prototype, {
        [name](this: StatementSync, ...values: never[]) {
          if (recording) statements.add(this.sourceSQL);
          return (original as (...v: never[]) => unknown).apply(this, values);
        },
      });
    runtime = await testRuntime('sqlite');
  });
  afterAll(async () => {
    for (const [name, original] of originals) Object.assign(StatementSync.prototype, { [name]: original });
    await runtime?.dispose();
  });

  it('by address, policy number, token, code, session or company: no statement reads a whole table', async () => {
    const customer = apiClient(runtime);
    const email = uniqueEmail('plans');
    const { policyNumber } = await createActiveAccount(runtime, customer, undefined, email);
    const colleague = apiClient(runtime, { clientAddress: '198.51.100.9' });
    const colleagueEmail = uniqueEmail('collega');
    await registerAndActivate(runtime, colleague, colleagueEmail, policyNumber);
    const staff = (await staffClient(runtime)).client;
    const stranger = apiClient(runtime);
    recording = true;
    // Holding the company's policy number: a second login of the company asks to take over the first.
    expect((await colleague.post('/api/session', { email: colleagueEmail, password: GOOD_PASSWORD })).json).toEqual({
      next: 'enrol',
    });
    expect((await colleague.post('/api/recovery/replacement')).status).toBe(200);
    // Holding a staff laptop: a company's accounts, looked up by its policy number.
    expect((await staff.post('/api/agent/lookup', { q: policyNumber, reason: 'klant belt' })).json.accounts).toHaveLength(2);
    // Logins to an unknown address and to a known one with a wrong password, then the right one.
    for (const address of [uniqueEmail('nobody'), email])
      expect((await stranger.post('/api/session', { email: address, password: 'niet het wachtwoord' })).status).toBe(401);
    expect((await stranger.post('/api/session', { email, password: GOOD_PASSWORD })).status).toBe(200);
    // Holding the password: wrong codes from the app and from the sheet.
    expect((await stranger.post('/api/session/code', { code: '000000' })).status).toBe(401);
    expect((await stranger.post('/api/session/recovery-code', { code: 'AAAA-AAAA-AAAA' })).status).toBeLessThan(500);
    // Every endpoint once, as a stranger, with a body its schema accepts.
    const doc = (await apiClient(runtime).get('/api/openapi.json')).json as OpenApiDocument;
    for (const endpoint of endpointsOf(doc)) {
      const query = new URLSearchParams(exampleQuery(endpoint)).toString();
      const path = `${fillPath(endpoint)}${query ? `?${query}` : ''}`;
      const answer = await apiClient(runtime).call(
        endpoint.method,
        path.startsWith('/api/') ? path : `/api${path}`,
        endpoint.body ? exampleOf(endpoint.body) : undefined,
      );
      expect(answer.status, `${endpoint.method} ${path}`).toBeLessThan(500);
    }

    recording = false;
    // The recording saw the work: logins, throttles, sessions, tokens, mail, help codes, signals.
    expect(statements.size).toBeGreaterThan(20);
    expect(await scansIn(statements)).toEqual([]);
  });

  // On SQLite a statement holds the event loop: a prune that read every login attempt of a large
  // book made every request wait for it, once an hour (`npm run bench -- prune`).
  it('the hourly prune finds what it removes, in the tables that grow with every login, through an index', async () => {
    statements.clear();
    recording = true;
    await pruneOnce(runtime.deps, runtime.config.retention);
    recording = false;
    const growing = ['login_attempts', 'account_events', 'sessions', 'rate_limits'];
    const deletes = [...statements].flatMap((sql) => {
      const table = /^\s*delete from "(\w+)"/i.exec(sql)?.[1];
      return table && growing.includes(table) ? [{ table, sql }] : [];
    });
    // Each of those tables is pruned by a plain delete, and each is planned.
    expect(deletes.map((d) => d.table).sort()).toEqual([...growing].sort());
    expect(await scansIn(new Set(deletes.map((d) => d.sql)))).toEqual([]);
  });

  // Holding a supervisor's laptop is rare; still, disabling someone looks up what they approved
  // (withdrawApprovalsOf), and that must not read every request the company's customers ever made.
  it('a supervisor disabling a member of staff finds the requests they approved through an index', async () => {
    const supervisor = (await staffClient(runtime, 'supervisor')).client;
    const agent = await staffClient(runtime);
    const staff = (await supervisor.get('/api/agent/staff')).json.staff as { id: string; email: string }[];
    statements.clear();
    recording = true;
    const id = staff.find((s) => s.email === agent.email)!.id;
    expect((await supervisor.post(`/api/agent/staff/${id}/disable`, { reason: 'uit dienst' })).json.status).toBe('done');
    recording = false;
    expect([...statements].some((sql) => /first_approver_id/.test(sql))).toBe(true);
    expect(await scansIn(statements)).toEqual([]);
  });

  /** Each statement that reads a whole table, with how SQLite plans it. */
  async function scansIn(sqls: Set<string>): Promise<string[]> {
    const scans: string[] = [];
    for (const sql of sqls) {
      if (!/^\s*(select|update|delete|with|insert)\b/i.test(sql) || /sqlite_master|kysely_migration/i.test(sql)) continue;
      const values = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
      const { rows } = await runtime.opened.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${sql}`, values),
      );
      // A table's last rows in index order, up to a limit (the newest audit entry), read that many rows.
      const topOfIndex = (d: string) =>
        /^SCAN \w+ USING (COVERING )?INDEX/.test(d) && !/\bwhere\b/i.test(sql) && /\border by\b.*\blimit\b/is.test(sql);
      const scanned = rows.map((r) => r.detail).filter((d) => /^SCAN (?!.*VALUES CLAUSE|CONSTANT ROW)/.test(d) && !topOfIndex(d));
      if (scanned.length) scans.push(`${scanned.join(', ')}: ${sql.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    return scans;
  }
});
