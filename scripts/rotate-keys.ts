// npm run keys:rotate
// After changing SECRET_KEY, with the old key in SECRET_KEY_PREVIOUS: seals every
// stored TOTP secret again under the new key. When it reports nothing left to
// move, SECRET_KEY_PREVIOUS can go. Safe to run while the server serves.
import { createSealer } from '../src/auth/crypto.ts';
import { loadServerConfig } from '../src/config/server.ts';
import { openStoreForCli, runCli } from '../src/server/cli.ts';
import { resealSecrets } from '../src/store/reseal.ts';

await runCli(async () => {
  const config = loadServerConfig(process.env);
  const opened = await openStoreForCli();
  try {
    const sealer = createSealer({ current: config.secretKey, previous: config.secretKeyPrevious }, 'totp-secrets');
    const moved = await resealSecrets(opened.db, sealer);
    for (const [column, n] of Object.entries(moved)) console.log(`${column}: ${n} sealed again under the current key`);
    const again = await resealSecrets(opened.db, sealer);
    const left = Object.values(again).reduce((a, b) => a + b, 0);
    console.log(
      left === 0
        ? 'Every secret is under the current key. SECRET_KEY_PREVIOUS can be removed once every instance runs with the new SECRET_KEY.'
        : `${left} secrets changed while this ran; run it again.`,
    );
    return left === 0 ? 0 : 3;
  } finally {
    await opened.close();
  }
});
