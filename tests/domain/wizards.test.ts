import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { wizardSimplePaths } from '../../src/wizards/graph.ts';
import { texts } from '../../src/i18n/index.ts';
import { langs } from '../../src/i18n/lang.ts';
import { machines } from '../../src/wizards/index.ts';
import { decodePath, encodePath, optionsOf } from '../../src/wizards/path.ts';
import { stepMeta, type StepMeta } from '../../src/wizards/steps.ts';
import { wizardIds } from '../../src/wizards/ids.ts';
import { loginEvents } from '../../src/wizards/code-not-working.ts';

for (const id of wizardIds) {
  const machine = machines[id];
  const states = Object.entries(machine.states) as [
    string,
    { meta: { step: StepMeta }; type: string; on: Record<string, unknown> },
  ][];
  const paths = wizardSimplePaths(machine);
  const finals = paths.filter((p) => p.state.status === 'done');

  describe(`wizard ${id}`, () => {
    it(`reaches every state, and ends in one of its ${states.filter(([, s]) => s.type === 'final').length} ends by ${finals.length} simple paths`, () => {
      const reached = new Set(paths.map((p) => String(p.state.value)));
      expect(states.map(([name]) => name).filter((name) => !reached.has(name))).toEqual([]);
      const endNames = states.filter(([, s]) => s.type === 'final').map(([name]) => name);
      expect(new Set(finals.map((p) => String(p.state.value)))).toEqual(new Set(endNames));
    });

    it('has no dead state: every option of every step leads somewhere', () => {
      for (const [name, node] of states) {
        const step = node.meta.step;
        if (step.kind === 'end') {
          expect(node.type, name).toBe('final');
          continue;
        }
        expect(step.options.length, name).toBeGreaterThan(0);
        expect(Object.keys(node.on).sort(), name).toEqual([...step.options].sort());
      }
    });

    it('every end offers an action, or contact when nothing else helps', () => {
      for (const [name, node] of states) {
        if (node.meta.step.kind !== 'end') continue;
        const action = node.meta.step.action;
        expect(Object.keys(action).length, name).toBe(1);
      }
    });

    for (const lang of langs) {
      it(`has every text along every path in ${lang}`, () => {
        const words = texts(lang).wizards[id];
        expect(words.title.length).toBeGreaterThan(5);
        expect(Object.keys(words.steps).sort()).toEqual(states.map(([name]) => name).sort());
        for (const path of finals) {
          const visited = [...path.steps.map((s) => s.state), path.state];
          for (const snapshot of visited) {
            const name = String(snapshot.value);
            const step = stepMeta(snapshot);
            const entry = words.steps[name as keyof typeof words.steps] as {
              title: string;
              agent: string;
              options: Record<string, string>;
              action?: string;
            };
            expect(entry.title, `${lang} ${name}`).toMatch(/\S{2,}/);
            expect(entry.agent, `${lang} ${name}`).toMatch(/\S{2,}/);
            if (step.kind === 'question' || step.kind === 'info') {
              for (const option of step.options) expect(entry.options[option], `${lang} ${name} ${option}`).toMatch(/\S/);
            }
            if (step.kind === 'end' && !('contact' in step.action)) expect(entry.action, `${lang} ${name}`).toMatch(/\S{2,}/);
          }
        }
      });
    }

    it('puts every path in the URL and back: encode, decode, same step and same answers', () => {
      for (const path of paths) {
        const answers = path.steps.map((s) => s.event.type).filter((type) => !type.startsWith('xstate.'));
        const encoded = encodePath(machine, answers);
        expect(encoded).toMatch(/^[0-9a-z]*$/);
        const decoded = decodePath(machine, encoded)!;
        expect(decoded.value).toEqual(path.state.value);
        expect(decoded.context.answers).toEqual(answers);
      }
    });

    it('refuses a path that does not fit', () => {
      expect(decodePath(machine, 'z')).toBeNull();
      expect(decodePath(machine, '0'.repeat(41))).toBeNull();
      expect(decodePath(machine, '../')).toBeNull();
      const anEnd = finals[0]!;
      const encoded = encodePath(
        machine,
        anEnd.steps.map((s) => s.event.type).filter((type) => !type.startsWith('xstate.')),
      );
      expect(decodePath(machine, `${encoded}0`)).toBeNull();
    });
  });
}

it('the start of every wizard is a question', () => {
  for (const id of wizardIds) {
    const snapshot = createActor(machines[id]).getSnapshot();
    expect(stepMeta(snapshot).kind, id).toBe('question');
    expect(optionsOf(snapshot).length, id).toBeGreaterThan(1);
  }
});

it('maps every way the embedded login ends to an answer the code wizard knows, and each answer to one ending', () => {
  const tryIt = decodePath(machines['code-not-working'], encodePath(machines['code-not-working'], ['NO', 'YES', 'AUTOMATIC']))!;
  expect(stepMeta(tryIt).kind).toBe('live');
  expect([...new Set(Object.values(loginEvents))].sort()).toEqual([...optionsOf(tryIt)].sort());
});
