// npm run staff -- <command>
// Managing the call-center staff from the command line, against the server's
// database; every change is in the audit log as done by the operator.
//   invite <email> [--supervisor] [--lang en]   a new member of staff (a mail to choose a password)
//   list                                        everyone, with role and state
//   disable|enable|lift-lock|reset <email> --reason "…"
//   role <email> agent|supervisor --reason "…"
import { COMMAND_LINE } from '../src/auth/agents/audit.ts';
import { inviteStaff } from '../src/auth/agents/invite.ts';
import { listStaff, staffAction, type StaffAction } from '../src/auth/agents/staff-admin.ts';
import { runCli } from '../src/server/cli.ts';
import { createRuntime } from '../src/server/runtime.ts';

const usage = `Usage: npm run staff -- invite <email> [--supervisor] [--lang en]
       npm run staff -- list
       npm run staff -- disable|enable|lift-lock|reset <email> --reason "why"
       npm run staff -- role <email> agent|supervisor --reason "why"`;

await runCli(async () => {
  const [command, email, ...rest] = process.argv.slice(2);
  const option = (name: string) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
  const needsEmail = command !== 'list';
  if (!command || (needsEmail && !email?.includes('@'))) throw new Error(usage);
  const runtime = await createRuntime({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  try {
    if (command === 'list') {
      for (const s of await listStaff(runtime.deps))
        console.log(
          [s.email, s.role, s.state, s.lockedUntil ? `locked until ${new Date(s.lockedUntil).toISOString()}` : '']
            .join('\t')
            .trim(),
        );
      return 0;
    }
    if (command === 'invite') {
      const role = rest.includes('--supervisor') ? 'supervisor' : 'agent';
      const result = await inviteStaff(runtime.deps, COMMAND_LINE, {
        email: email!,
        role,
        lang: option('--lang') === 'en' ? 'en' : 'nl',
      });
      if (result.kind === 'exists') {
        console.error(`${email} already has an account.`);
        return 1;
      }
      await runtime.deliverMail();
      const where =
        runtime.config.mailTransport === 'outbox'
          ? `in the development outbox (${runtime.config.publicOrigin}/dev/mail)`
          : 'by mail';
      console.log(`Invited ${result.email} as ${role}; the invitation is ${where}.`);
      return 0;
    }
    const reason = option('--reason');
    if (!reason || reason.trim().length < 3)
      throw new Error(`Give a reason of three letters or more (--reason "…"): it goes into the audit log.\n${usage}`);
    let action: StaffAction;
    if (command === 'role') {
      const role = rest[0];
      if (role !== 'agent' && role !== 'supervisor') throw new Error(usage);
      action = { kind: 'role', role };
    } else if (command === 'disable' || command === 'enable' || command === 'lift-lock' || command === 'reset') {
      action = { kind: command };
    } else throw new Error(usage);
    const result = await staffAction(runtime.deps, 'command-line', { email: email!, action, reason });
    await runtime.deliverMail();
    const said = {
      done: `${command} ${email}: done, and in the audit log.${result.kind === 'done' && result.stopped ? ` Stopped ${result.stopped} running request(s) they had approved; the customers are mailed.` : ''}`,
      'not-found': `${email} is not a member of staff.`,
      self: 'Not for yourself.',
      'last-supervisor': `Not possible: ${email} is the last active supervisor.`,
      'not-applicable': `${command} does not apply to ${email} as it is now.`,
      'not-supervisor': 'Only a supervisor does this.',
    }[result.kind];
    (result.kind === 'done' ? console.log : console.error)(said);
    return result.kind === 'done' ? 0 : 2;
  } finally {
    await runtime.close();
  }
});
