// npm run agent:create -- someone@example.org [--supervisor] [--lang en]
// Creates a call-center account and mails an invitation to choose a password;
// the agent links an authenticator app at the first login at /agent.
import { inviteStaff } from '../src/auth/agents/invite.ts';
import { runCli } from '../src/server/cli.ts';
import { createRuntime } from '../src/server/runtime.ts';

await runCli(async () => {
  const args = process.argv.slice(2);
  const email = args.find((a) => a.includes('@'));
  if (!email) throw new Error('Usage: npm run agent:create -- <email> [--supervisor] [--lang en]');
  const role = args.includes('--supervisor') ? 'supervisor' : 'agent';
  const lang = args[args.indexOf('--lang') + 1] === 'en' ? 'en' : 'nl';
  const runtime = await createRuntime({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  try {
    const result = await inviteStaff(runtime.deps, { email, role, lang });
    if (result.kind === 'exists') {
      console.error(`${email} already has an account.`);
      return 1;
    }
    await runtime.deliverMail();
    const where = runtime.config.smtpUrl ? 'by mail' : `in the development outbox (${runtime.config.publicOrigin}/dev/mail)`;
    console.log(`Invited ${result.email} as ${role}; the invitation is ${where}.`);
    return 0;
  } finally {
    await runtime.close();
  }
});
