/** Polls an Application until a condition holds (`app wait`, `app sync`); fails on timeout. */
import { CapstanError, sleep } from '../../core/index.ts';
import type { ApiClient } from './client.ts';
import type { App } from './app-types.ts';
import { progress } from './progress.ts';

export async function waitForApp(
  client: ApiClient,
  path: string,
  what: string,
  done: (app: App) => boolean,
  state: (app: App) => string,
  timeoutSeconds: number,
): Promise<App> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const p = progress(what);
  try {
    for (;;) {
      const app = await client.get<App>(path);
      p.update(state(app));
      if (done(app)) return app;
      if (Date.now() > deadline)
        throw new CapstanError(`${what}: timed out after ${timeoutSeconds}s (${state(app)})`, {
          code: 'Timeout',
        });
      await sleep(1000);
    }
  } finally {
    p.done();
  }
}
