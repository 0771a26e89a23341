// npm run audit:verify [-- --anchor <seq>:<hash> ...]
// Walks the audit log in order and checks that no entry was changed, removed or
// put in between: each entry's hash covers its fields and the entry before it.
// An anchor is an entry's place and hash as the security log recorded it (`staffAction`,
// `auditSeq`, `auditHash`): someone who can write the database could rewrite the chain and
// compute every hash again, or cut off its end, but cannot match an anchor kept elsewhere.
// Exits 0 when the chain holds, 2 (naming the first entries that break it) when not.
import { parseArgs } from 'node:util';
import { anchorsBySeq, checkAnchors, parseAnchor, prunedUpTo, verifyChain } from '../src/store/audit-chain.ts';
import { openStoreForCli, runCli } from '../src/server/cli.ts';

const { values } = parseArgs({ options: { anchor: { type: 'string', multiple: true } } });
const anchors = (values.anchor ?? []).map(parseAnchor);

await runCli(async () => {
  if (anchors.includes(null)) {
    console.error('An anchor is <seq>:<hash>, as the staffAction security event gives them (auditSeq, auditHash).');
    return 1;
  }
  const opened = await openStoreForCli();
  try {
    let after = 0;
    let checked = 0;
    let first: number | null = null;
    let pruned = 0;
    let previous: Awaited<ReturnType<typeof opened.store.auditChain>>[number] | undefined;
    const { anchored, problems } = anchorsBySeq(anchors as NonNullable<(typeof anchors)[number]>[]);
    const seen = new Set<number>();
    for (;;) {
      const page = await opened.store.auditChain(after, 5000);
      if (page.length === 0) break;
      problems.push(...checkAnchors(page, anchored));
      // Each page is checked with the last entry of the one before, so no seam goes unchecked.
      problems.push(...verifyChain(previous ? [previous, ...page] : page).filter((p) => p.seq !== previous?.seq));
      checked += page.length;
      first ??= page[0]!.seq;
      for (const entry of page) {
        seen.add(entry.seq);
        // Only the retention job removes the oldest entries, and its own entry says up to where. With
        // anchors, that entry counts only if it is anchored too: anyone who can write the database could
        // add one to explain away entries they removed.
        const upTo = prunedUpTo(entry);
        if (upTo !== null && (anchored.size === 0 || anchored.get(entry.seq) === entry.hash)) pruned = Math.max(pruned, upTo);
      }
      previous = page.at(-1);
      after = previous!.seq;
    }
    if (first !== null && first !== pruned + 1) problems.unshift({ seq: first, problem: 'missing entries' });
    // An anchor not in the chain was cut off, unless the retention job removed it; the newest one never was.
    const newest = Math.max(...anchored.keys());
    for (const seq of anchored.keys())
      if (!seen.has(seq) && (seq > pruned || seq === newest)) problems.push({ seq, problem: 'missing entries' });
    if (problems.length === 0) {
      const matched = anchors.length ? `, and ${anchors.length} anchor(s) from the security log match` : '';
      console.log(`The audit log holds: ${checked} entries, each linked to the one before${matched}.`);
      return 0;
    }
    for (const p of problems.slice(0, 20)) console.error(`entry ${p.seq}: ${p.problem}`);
    console.error(`The audit log does not hold: ${problems.length} problem(s) in ${checked} entries.`);
    return 2;
  } finally {
    await opened.close();
  }
});
