import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import { stepMeta, type StepMeta } from './steps.ts';

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A state as the wizard helpers (`question`, `info`, `live`, `end`) write it. */
interface StateConfig {
  meta: { step: StepMeta };
  on?: Record<string, { target: string }>;
}

/**
 * The answers a path holds and the state they lead to, read from the machine's own definition.
 * Wizards are flat and have no guards, so an answer's target is all a step needs; replaying
 * the answers in an actor took 15 µs and left garbage that grew a busy server by 60 MiB (each help
 * code checks its path). The property tests walk the same answers in XState and compare.
 */
function walkPath(machine: AnyStateMachine, encoded: string): { state: string; answers: string[] } | null {
  if (encoded.length > 40 || !/^[0-9a-z]*$/.test(encoded)) return null;
  const states = machine.config.states as Record<string, StateConfig>;
  let state = machine.config.initial as string;
  const answers: string[] = [];
  for (const char of encoded) {
    const answer = optionsOfStep(states[state]!.meta.step)[DIGITS.indexOf(char)];
    if (!answer) return null;
    answers.push(answer);
    state = states[state]!.on![answer]!.target;
  }
  return { state, answers };
}

/**
 * A wizard's place as a short string for the URL: one character per answer,
 * the index of the option chosen. Decoding walks the answers, so a value
 * that does not fit the machine is refused rather than trusted.
 */
export function encodePath(machine: AnyStateMachine, answers: readonly string[]): string {
  let encoded = '';
  for (const answer of answers) {
    const index = optionsOf(decodePath(machine, encoded)!).indexOf(answer);
    if (index < 0) throw new Error(`"${answer}" is not an option after "${encoded}"`);
    encoded += DIGITS[index];
  }
  return encoded;
}

/** Whether a path is a place in the wizard: what the server checks, without a snapshot. */
export const isPath = (machine: AnyStateMachine, encoded: string) => walkPath(machine, encoded) !== null;

/** The snapshot a path leads to, or null when the path is not one the machine allows. */
export function decodePath<M extends AnyStateMachine>(machine: M, encoded: string): SnapshotFrom<M> | null {
  const place = walkPath(machine, encoded);
  return place && (machine.resolveState({ value: place.state, context: { answers: place.answers } }) as SnapshotFrom<M>);
}

const optionsOfStep = (step: StepMeta) => (step.kind === 'end' ? [] : step.options);

export const optionsOf = (snapshot: { getMeta(): Record<string, unknown> }): readonly string[] =>
  optionsOfStep(stepMeta(snapshot));

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
