import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';

export const ASTRO_LOGGER = /[\\/]astro[\\/]dist[\\/]core[\\/]logger[\\/]core\.js$/;
const EAGER_CLOCK = /const dateTimeFormat = (new Intl\.DateTimeFormat\([^;]*\));/;

/**
 * Astro's logger module with its clock made at first use; undefined when the module no longer
 * reads as expected, or uses the clock for more than `format`, the one method the stand-in has.
 */
export function deferClock(code: string): string | undefined {
  const uses = code.match(/dateTimeFormat\.\w+/g) ?? [];
  if (!EAGER_CLOCK.test(code) || uses.some((use) => use !== 'dateTimeFormat.format')) return undefined;
  // On one line, so that the module's other lines keep their numbers.
  return code.replace(
    EAGER_CLOCK,
    'let lazyAstroClock; const dateTimeFormat = { format: (date) => (lazyAstroClock ??= $1).format(date) };',
  );
}

/**
 * Astro's logger makes the formatter for its time stamps as its module loads, and the server
 * loads that module at start. Making any date formatter reads ICU's locale and calendar data
 * from the Node binary: about 5 MiB of an idle server's resident set, for a clock the server
 * only prints beside Astro's own warnings. Made at the logger's first time stamp instead, an
 * idle production server went from 89 or 93 to 83 or 88 MiB (`npm run bench -- endpoints`).
 * Should Astro write that line otherwise, the build says so and keeps Astro's own.
 */
export function lazyAstroLoggerClock(): AstroIntegration {
  const plugin: Plugin = {
    name: 'helpcenter:lazy-astro-logger-clock',
    apply: 'build',
    transform: {
      filter: { id: ASTRO_LOGGER },
      handler(code) {
        const deferred = deferClock(code);
        if (deferred === undefined)
          this.warn("Astro's logger no longer makes its clock as expected: the server makes it at start");
        return deferred;
      },
    },
  };
  return {
    name: 'helpcenter:lazy-astro-logger-clock',
    hooks: { 'astro:config:setup': ({ updateConfig }) => void updateConfig({ vite: { plugins: [plugin] } }) },
  };
}
