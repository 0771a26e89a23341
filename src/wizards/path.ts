import { createActor, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import { stepMeta } from './steps.ts';

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A wizard's place as a short string for the URL: one character per answer,
 * the index of the option chosen. Decoding replays the answers, so a value
 * that does not fit the machine is refused rather than trusted.
 */
export function encodePath(machine: AnyStateMachine, answers: readonly string[]): string {
  const actor = createActor(machine).start();
  let encoded = '';
  for (const answer of answers) {
    const index = optionsOf(actor.getSnapshot()).indexOf(answer);
    if (index < 0) throw new Error(`"${answer}" is not an option of ${JSON.stringify(actor.getSnapshot().value)}`);
    encoded += DIGITS[index];
    actor.send({ type: answer });
  }
  actor.stop();
  return encoded;
}

/** The snapshot a path leads to, or null when the path is not one the machine allows. */
export function decodePath<M extends AnyStateMachine>(machine: M, encoded: string): SnapshotFrom<M> | null {
  if (encoded.length > 40 || !/^[0-9a-z]*$/.test(encoded)) return null;
  const actor = createActor(machine as AnyStateMachine).start();
  for (const char of encoded) {
    const snapshot = actor.getSnapshot();
    if (snapshot.status !== 'active') return null;
    const option = optionsOf(snapshot)[DIGITS.indexOf(char)];
    if (!option) return null;
    actor.send({ type: option });
  }
  const snapshot = actor.getSnapshot();
  actor.stop();
  return snapshot as SnapshotFrom<M>;
}

export function optionsOf(snapshot: { getMeta(): Record<string, unknown> }): readonly string[] {
  const step = stepMeta(snapshot);
  return step.kind === 'end' ? [] : step.options;
}

/** The path one answer further on: the place to go when the customer picks `event` where `path` led. */
export function pathAfter(machine: AnyStateMachine, path: string, event: string): string {
  const snapshot = decodePath(machine, path);
  const index = snapshot ? optionsOf(snapshot).indexOf(event) : -1;
  if (index < 0) throw new Error(`"${event}" is not an option at "${path}"`);
  return path + DIGITS[index];
}

/** The answers a path holds, step by step: what was asked (the state) and what was chosen. */
export function answersOf(machine: AnyStateMachine, path: string): { step: string; option: string }[] {
  return [...path].map((char, i) => {
    const before = decodePath(machine, path.slice(0, i))!;
    return { step: String(before.value), option: optionsOf(before)[DIGITS.indexOf(char)]! };
  });
}
