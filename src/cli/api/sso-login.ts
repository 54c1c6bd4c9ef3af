/**
 * `capstan login --sso`: the browser signs in at the identity provider through the Capstan
 * server, which then sends it to this CLI's loopback port with a one-time code; the CLI trades the
 * code, with the secret only it holds (PKCE S256), for a session token. The token never appears
 * in a URL or the browser's history.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { CapstanError } from '../../core/index.ts';
import type { CliIo } from '../io.ts';

export interface SsoLoginOptions {
  /** Loopback port the browser is sent back to (argocd's `--sso-port`, 8085); 0 picks one. */
  port: number;
  /** Try to open the URL in the user's browser (`xdg-open`, `open`); it is printed either way. */
  launchBrowser: boolean;
  timeoutMs: number;
}

export const defaultSsoLoginOptions: SsoLoginOptions = {
  port: 8085,
  launchBrowser: true,
  timeoutMs: 5 * 60_000,
};

const DONE_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Capstan</title><p>Authentication finished. You may close this window and return to the terminal.</p>';

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser here: the printed URL is the way.
  }
}

export async function ssoLogin(
  server: string,
  io: CliIo,
  options: Partial<SsoLoginOptions> = {},
): Promise<string> {
  const o = { ...defaultSsoLoginOptions, ...options };
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  let settle!: { resolve: (code: string) => void; reject: (err: Error) => void };
  const codeArrived = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  const listener = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/auth/callback') {
      res.writeHead(404).end();
      return;
    }
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    res
      .writeHead(code ? 200 : 400, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        code
          ? DONE_PAGE
          : `<!doctype html><p>Login failed: ${(error ?? 'no code').replace(/[<>&]/g, '')}</p>`,
      );
    if (code) settle.resolve(code);
    else settle.reject(new CapstanError(`login failed: ${error ?? 'no code'}`, { code: 'Unauthenticated' }));
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new CapstanError(
          `cannot listen on localhost:${o.port}${err.code === 'EADDRINUSE' ? ': the port is in use; pass --sso-port' : `: ${err.message}`}`,
          { code: 'PortInUse', cause: err },
        ),
      ),
    );
    listener.listen(o.port, '127.0.0.1', resolve);
  });
  const port = (listener.address() as { port: number }).port;
  const timer = setTimeout(
    () => settle.reject(new CapstanError(`no login within ${o.timeoutMs / 1000} s`, { code: 'Timeout' })),
    o.timeoutMs,
  );
  try {
    const url = `${server}/auth/login?${new URLSearchParams({ return_url: '/applications', cli_port: String(port), cli_challenge: challenge }).toString()}`;
    io.err(`Open this URL in a browser to log in:\n${url}`);
    if (o.launchBrowser) openBrowser(url);
    const code = await codeArrived;
    const res = await fetch(`${server}/auth/cli-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, verifier }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json().catch(() => ({}))) as { token?: string; message?: string };
    if (!res.ok || !body.token)
      throw new CapstanError(`${server}: ${body.message ?? res.statusText}`, { code: 'Unauthenticated' });
    return body.token;
  } finally {
    clearTimeout(timer);
    listener.close();
  }
}
