import type { AnyStateMachine } from 'xstate';
import { getSimplePaths } from 'xstate/graph';

/**
 * Every simple path through a wizard. States are told apart by their name
 * only: the answers in the context grow on every step, and would otherwise
 * make each visit a new state and a loop (look up your level, answer it) endless.
 */
export function wizardSimplePaths<M extends AnyStateMachine>(machine: M) {
  return getSimplePaths(machine, { serializeState: (snapshot) => JSON.stringify(snapshot.value) });
}
