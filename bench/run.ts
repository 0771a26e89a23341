// `npm run bench`: measures the project and prints one table; also writes
// bench/results/latest.json so that runs can be compared.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { launchChromium } from './browser.ts';
import { startServer } from './server.ts';
import { buildSite, searchQualityRows, siteRows } from './site.ts';
import { endpointRows } from './endpoints.ts';
import { wizardRows } from './wizards.ts';
import { starlightRows } from './starlight.ts';
import { lighthouseRows } from './lighthouse.ts';
import { oidcRows } from './oidc.ts';
import { pruneRows } from './prune.ts';
import { printTable, type Row } from './table.ts';

// `npm run bench -- endpoints` runs only the named sections
// (site, search, wizards, lighthouse, starlight, endpoints, oidc, prune).
const only = process.argv.slice(2);
const wanted = (section: string) => only.length === 0 || only.includes(section);
const port = Number(process.env.BENCH_PORT ?? 4390);

const rows: Row[] = [];
let starlightRatio: number | undefined;
if (wanted('site') || wanted('search') || wanted('wizards') || wanted('lighthouse')) {
  const buildMs = buildSite();
  // Its own address as the public one: the wizard's help code is a same-origin POST.
  const server = await startServer(port, { PUBLIC_ORIGIN: `http://127.0.0.1:${port}` });
  const browser = await launchChromium();
  try {
    if (wanted('site')) rows.push(...(await siteRows(browser, server.url, buildMs)));
    if (wanted('search')) rows.push(...(await searchQualityRows(browser, server.url)));
    if (wanted('wizards')) rows.push(...(await wizardRows(browser, server.url)));
  } finally {
    await browser.close();
  }
  try {
    if (wanted('lighthouse')) rows.push(...(await lighthouseRows(server.url)));
  } finally {
    await server.stop();
  }
}
if (wanted('starlight')) {
  const browser = await launchChromium();
  try {
    const result = await starlightRows(browser, port + 2);
    rows.push(...result.rows);
    starlightRatio = result.starlightRatio;
  } finally {
    await browser.close();
  }
}
if (wanted('endpoints')) rows.push(...(await endpointRows(port + 1)));
if (wanted('oidc')) rows.push(...(await oidcRows(port + 2)));
if (wanted('prune')) rows.push(...(await pruneRows()));

const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version };
console.log(`\nMachine: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}\n`);
printTable(rows);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/latest.json',
  JSON.stringify({ date: new Date().toISOString(), machine, starlightRatio, rows }, null, 2),
);
