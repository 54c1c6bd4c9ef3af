/**
 * The built web UI served by a real API server with no cluster behind it (empty lists), and
 * Debian's Chromium: for browser tests of what needs no objects (login, themes, routing).
 *
 *   before(async () => (ui = await startUiServer({ password: PASSWORD })));
 *   after(() => ui?.close());
 */
import { silentLogger } from '../../src/core/index.ts';
import {
  createServer,
  hashPassword,
  memorySettingsSource,
  type CapstanServer,
} from '../../src/server/index.ts';
import { launchBrowser, type LaunchedBrowser, type LaunchOptions } from './browser.ts';
import { buildUi } from './ui-build.ts';

export interface UiServer {
  server: CapstanServer;
  browser: LaunchedBrowser;
  close(): Promise<void>;
}

export async function startUiServer(options: {
  password: string;
  launch?: LaunchOptions;
}): Promise<UiServer> {
  const stop = new AbortController();
  const ui = await buildUi();
  const settings = memorySettingsSource({
    secret: {
      'admin.password': await hashPassword(options.password),
      'server.secretkey': 'ui-server-key-0123456789abcdef0123',
    },
  });
  const server = createServer({
    settings,
    port: 0,
    uiDir: ui.dir,
    log: silentLogger,
    login: { limits: { maxFailures: 5, windowSeconds: 300, maxEntries: 100 }, delayMs: { min: 0, max: 0 } },
  });
  await server.listen({ signal: stop.signal });
  let browser: LaunchedBrowser | undefined;
  const close = async () => {
    await browser?.close();
    stop.abort();
    await server.close();
    await ui.remove();
  };
  try {
    browser = await launchBrowser(options.launch);
  } catch (err) {
    await close();
    throw err;
  }
  return { server, browser, close };
}
