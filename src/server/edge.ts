import { createApp, type App } from '../edge/app.ts';
import { createDevApp } from '../edge/dev-app.ts';
import { sharedRuntime, type Runtime } from './runtime.ts';

/** The Hono apps over a runtime: the API, and the development mail viewer. */
export function appsFor(runtime: Runtime): { api: App; dev: ReturnType<typeof createDevApp> } {
  const ctx = {
    deps: runtime.deps,
    mode: runtime.config.mode,
    publicOrigin: runtime.config.publicOrigin,
    trustProxy: runtime.config.trustProxy,
    log: runtime.log,
    rateLimitHits: runtime.rateLimitHits,
    readiness: runtime.readiness,
    mailDelayed: runtime.mailDelayed,
    metrics: runtime.metrics,
    metricsToken: runtime.config.metricsToken,
    eherkenning: runtime.eherkenning && {
      client: runtime.eherkenning.client,
      minimumLevel: runtime.eherkenning.config.settings.minimumLevel,
    },
  };
  return { api: createApp(ctx, { rateLimitFactor: runtime.config.rateLimitFactor }), dev: createDevApp(ctx) };
}

let shared: Promise<ReturnType<typeof appsFor>> | undefined;

/** The apps over the process's shared runtime, made on first use. */
export function sharedApps(): Promise<ReturnType<typeof appsFor>> {
  shared ??= sharedRuntime().then(appsFor);
  return shared;
}
