// npm run keys:rotate
// After changing SECRET_KEY, with the old key in SECRET_KEY_PREVIOUS: seals every
// stored TOTP secret again under the new key, and counts what only the previous
// key still checks (recovery codes and letter codes, which cannot be made again
// without the customer). Safe to run while the server serves, and again later.
import { createSealer, serverKeyId } from '../src/auth/crypto.ts';
import { LETTER_MAX_FAILURES, LETTER_TTL_MS } from '../src/auth/policy.ts';
import { loadServerConfig } from '../src/config/server.ts';
import { openStoreForCli, runCli } from '../src/server/cli.ts';
import { keyedWithPreviousKey, resealSecrets, rotationStarted } from '../src/store/reseal.ts';

await runCli(async () => {
  const config = loadServerConfig(process.env);
  const started = Date.now();
  const opened = await openStoreForCli();
  try {
    const sealer = createSealer({ current: config.secretKey, previous: config.secretKeyPrevious }, 'totp-secrets');
    const moved = await resealSecrets(opened.db, sealer);
    for (const [column, n] of Object.entries(moved)) console.log(`${column}: ${n} sealed again under the current key`);
    const again = await resealSecrets(opened.db, sealer);
    const left = Object.values(again).reduce((a, b) => a + b, 0);
    if (left > 0) {
      console.log(`${left} secrets changed while this ran; run it again.`);
      return 3;
    }
    console.log('Every app secret is under the current key.');
    if (!config.secretKeyPrevious) return 0;
    const rotation = await rotationStarted(opened.db, serverKeyId(config.secretKey), started);
    const still = await keyedWithPreviousKey(opened.db, rotation, Date.now(), {
      ttlMs: LETTER_TTL_MS,
      maxFailures: LETTER_MAX_FAILURES,
    });
    console.log(
      `Keep SECRET_KEY_PREVIOUS: ${still.accountsWithRecoveryCodes} account(s) hold recovery codes and ${still.lettersOnTheirWay} letter code(s) are on their way that only it checks; without it they stop working. ` +
        'A customer who makes new recovery codes, or links a new app, moves to the new key; letter codes lapse within 14 days. Run this again to see how many are left.',
    );
    return 0;
  } finally {
    await opened.close();
  }
});
