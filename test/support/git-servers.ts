// Real git servers and repositories for end-to-end tests: `git http-backend` behind a Node HTTP(S)
// server (basic or bearer auth, optional TLS with a CA made at test time), `git daemon`, and an
// unprivileged `sshd` with generated host and client keys. Everything binds to 127.0.0.1 on a free
// port, lives in a temp dir and is stopped by `stop()`. Shared by the source, Argo CD and Flux suites.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
  lstatSync,
  existsSync,
  unlinkSync,
} from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
  type Server,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, connect, type Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** A fresh temp directory; remove it with `rmSync(dir, { recursive: true, force: true })`. */
export function tempDir(prefix = 'capstan-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

// A fixed identity and clock so commits are reproducible and never read the user's config.
const GIT_ENV: Record<string, string> = {
  PATH: process.env['PATH'] ?? '/usr/bin:/bin',
  HOME: tmpdir(),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
  LC_ALL: 'C',
};

let clock = 1_700_000_000;

/** Runs git with the test identity; returns trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  const t = `${clock++} +0000`;
  return execFileSync('git', args, {
    cwd,
    env: { ...GIT_ENV, GIT_AUTHOR_DATE: t, GIT_COMMITTER_DATE: t },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** File content to write; `null` deletes; `{ symlink }` makes a symlink; `{ exec }` an executable. */
export type FileSpec = string | null | { symlink: string } | { exec: string };

export interface TestRepo {
  name: string;
  /** The bare repository servers serve: `<root>/<name>.git`. */
  bareDir: string;
  /** A working clone where commits are made. */
  workDir: string;
  /** `file://` URL of the bare repository. */
  fileUrl: string;
  /** Writes files, commits on the current branch and pushes it; returns the commit SHA. */
  commit(files: Record<string, FileSpec>, message?: string): string;
  /** Creates (or with `force` moves) a tag at `at` (default HEAD) and pushes it. */
  tag(name: string, options?: { at?: string; annotated?: boolean; force?: boolean }): void;
  /** Creates a branch at `at` (default HEAD), pushes it and checks it out. */
  branch(name: string, at?: string): void;
  /** Checks out an existing branch in the working clone. */
  checkout(name: string): void;
  /** Resets the current branch to `to` and force-pushes it (history rewritten). */
  forcePush(to: string): void;
  /** Pushes any ref (e.g. `HEAD:refs/pull/1/head`). */
  push(...refspecs: string[]): void;
  /** The SHA a revision names in the working clone. */
  rev(revision?: string): string;
  git(...args: string[]): string;
}

/** Creates `<root>/<name>.git` (bare) with a working clone on `branch` (default `main`). */
export function createRepo(root: string, name: string, options: { branch?: string } = {}): TestRepo {
  const branch = options.branch ?? 'main';
  const bareDir = join(root, `${name}.git`);
  const workDir = join(root, `${name}.work`);
  mkdirSync(bareDir, { recursive: true });
  git(bareDir, 'init', '-q', '--bare', `--initial-branch=${branch}`);
  git(root, 'init', '-q', `--initial-branch=${branch}`, workDir);
  git(workDir, 'remote', 'add', 'origin', bareDir);
  const repo: TestRepo = {
    name,
    bareDir,
    workDir,
    fileUrl: `file://${bareDir}`,
    commit(files, message = 'change') {
      for (const [path, spec] of Object.entries(files)) {
        const full = join(workDir, path);
        if (spec === null) {
          rmSync(full, { recursive: true, force: true });
          continue;
        }
        mkdirSync(dirname(full), { recursive: true });
        if (existsSync(full) || isSymlink(full)) unlinkSync(full);
        if (typeof spec === 'string') writeFileSync(full, spec);
        else if ('symlink' in spec) symlinkSync(spec.symlink, full);
        else {
          writeFileSync(full, spec.exec);
          chmodSync(full, 0o755);
        }
      }
      git(workDir, 'add', '-A');
      git(workDir, 'commit', '-q', '--allow-empty', '-m', message);
      git(workDir, 'push', '-q', 'origin', 'HEAD');
      return repo.rev();
    },
    tag(tagName, o = {}) {
      const args = ['tag'];
      if (o.force) args.push('-f');
      if (o.annotated) args.push('-a', '-m', `release ${tagName}`);
      args.push(tagName, o.at ?? 'HEAD');
      git(workDir, ...args);
      git(workDir, 'push', '-q', ...(o.force ? ['-f'] : []), 'origin', `refs/tags/${tagName}`);
    },
    branch(branchName, at = 'HEAD') {
      git(workDir, 'checkout', '-q', '-b', branchName, at);
      git(workDir, 'push', '-q', 'origin', branchName);
    },
    checkout(branchName) {
      git(workDir, 'checkout', '-q', branchName);
    },
    forcePush(to) {
      git(workDir, 'reset', '-q', '--hard', to);
      git(workDir, 'push', '-q', '-f', 'origin', 'HEAD');
    },
    push(...refspecs) {
      git(workDir, 'push', '-q', 'origin', ...refspecs);
    },
    rev(revision = 'HEAD') {
      return git(workDir, 'rev-parse', revision);
    },
    git: (...args) => git(workDir, ...args),
  };
  return repo;
}

/** A bare repository with no commits at all. */
export function createEmptyRepo(root: string, name: string): { bareDir: string; fileUrl: string } {
  const bareDir = join(root, `${name}.git`);
  mkdirSync(bareDir, { recursive: true });
  git(bareDir, 'init', '-q', '--bare');
  return { bareDir, fileUrl: `file://${bareDir}` };
}

function isSymlink(p: string): boolean {
  return lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
}

/** A port nothing listens on right now (for servers that cannot bind port 0 and report it). */
export async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not listen on ${port}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// HTTP(S): git http-backend as CGI behind a Node server.

export interface HttpGitServerOptions {
  /** Directory holding `<name>.git` repositories. */
  root: string;
  basicAuth?: { username: string; password: string };
  bearerToken?: string;
  /** PEM server certificate and key; the server speaks HTTPS when given. */
  tls?: { cert: string; key: string };
}

export interface HttpGitServer {
  port: number;
  /** `http(s)://127.0.0.1:<port>/<name>.git` */
  url(name: string): string;
  /** Requests seen: `fetch` counts upload-pack fetch commands, `lsRefs` ref listings. */
  counts: { fetch: number; lsRefs: number; requests: number };
  /**
   * `drop`: upload-pack fetch responses are cut off after a few bytes (the server "goes away"
   * mid-transfer); `hang`: requests are accepted and never answered; `ok`: normal.
   */
  mode: 'ok' | 'drop' | 'hang';
  stop(): Promise<void>;
}

export async function startHttpGitServer(o: HttpGitServerOptions): Promise<HttpGitServer> {
  const sockets = new Set<Socket>();
  const state: HttpGitServer = {
    port: 0,
    url: (name) => `${o.tls ? 'https' : 'http'}://127.0.0.1:${state.port}/${name}.git`,
    counts: { fetch: 0, lsRefs: 0, requests: 0 },
    mode: 'ok',
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    state.counts.requests++;
    if (state.mode === 'hang') return; // never answer
    if (!authorized(req, o)) {
      res.writeHead(401, { 'WWW-Authenticate': o.bearerToken ? 'Bearer realm="git"' : 'Basic realm="git"' });
      res.end('unauthorized');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const u = new URL(req.url ?? '/', 'http://x');
      let isFetch = false;
      if (u.pathname.endsWith('/git-upload-pack')) {
        const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString(
          'latin1',
        );
        isFetch = text.includes('command=fetch') || text.includes('want ');
        if (isFetch) state.counts.fetch++;
        else if (text.includes('command=ls-refs')) state.counts.lsRefs++;
      }
      runBackend(o.root, req, u, body, res, isFetch && state.mode === 'drop');
    });
  };
  const server: Server = o.tls
    ? createHttpsServer({ cert: o.tls.cert, key: o.tls.key }, handler)
    : createHttpServer(handler);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.port = (server.address() as { port: number }).port;
  return state;
}

function authorized(req: IncomingMessage, o: HttpGitServerOptions): boolean {
  const h = req.headers.authorization ?? '';
  if (o.bearerToken) return h === `Bearer ${o.bearerToken}`;
  if (o.basicAuth)
    return h === `Basic ${Buffer.from(`${o.basicAuth.username}:${o.basicAuth.password}`).toString('base64')}`;
  return true;
}

function runBackend(
  root: string,
  req: IncomingMessage,
  u: URL,
  body: Buffer,
  res: ServerResponse,
  drop: boolean,
): void {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: decodeURIComponent(u.pathname),
    QUERY_STRING: u.search.replace(/^\?/, ''),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    CONTENT_LENGTH: String(body.length),
    REMOTE_ADDR: '127.0.0.1',
    REMOTE_USER: 'test',
  };
  if (req.headers['content-encoding']) env['HTTP_CONTENT_ENCODING'] = String(req.headers['content-encoding']);
  if (req.headers['git-protocol']) env['GIT_PROTOCOL'] = String(req.headers['git-protocol']);
  const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  cgi.stdin.on('error', () => undefined); // the backend may answer (404) without reading the body
  cgi.stdin.end(body);
  let head = Buffer.alloc(0);
  let headersDone = false;
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (!headersDone) {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const i = line.indexOf(':');
        const k = line.slice(0, i).trim();
        const v = line.slice(i + 1).trim();
        if (k.toLowerCase() === 'status') status = Number(v.split(' ')[0]);
        else res.setHeader(k, v);
      }
      res.writeHead(status);
      chunk = head.subarray(end + 4);
    }
    if (drop) {
      // The server goes away mid-transfer: a few bytes, then the connection is cut.
      res.write(chunk.subarray(0, 20));
      cgi.kill('SIGKILL');
      res.socket?.destroy();
      return;
    }
    res.write(chunk);
  });
  cgi.on('close', () => {
    if (!headersDone) res.writeHead(500);
    res.end();
  });
  // The client went away before the answer was complete: stop the backend.
  res.on('close', () => {
    if (cgi.exitCode === null) cgi.kill('SIGKILL');
  });
}

// ---------------------------------------------------------------------------------------------
// TLS material made with openssl at test time.

export interface TestCa {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

/** A throwaway CA and a server certificate for 127.0.0.1/localhost signed by it. */
export function makeTestCa(dir: string, cn = 'Capstan Test CA'): TestCa {
  mkdirSync(dir, { recursive: true });
  const ossl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ossl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', `/CN=${cn}`);
  ossl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ossl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '2',
    '-extfile',
    'ext.cnf',
  );
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  return { caCert: read('ca.crt'), serverCert: read('server.crt'), serverKey: read('server.key') };
}

// ---------------------------------------------------------------------------------------------
// git daemon (git:// protocol).

export interface GitDaemon {
  port: number;
  /** `git://127.0.0.1:<port>/<name>.git` */
  url(name: string): string;
  stop(): Promise<void>;
}

export async function startGitDaemon(root: string): Promise<GitDaemon> {
  const port = await freePort();
  const child = spawn(
    'git',
    [
      'daemon',
      '--reuseaddr',
      '--export-all',
      `--base-path=${root}`,
      '--listen=127.0.0.1',
      `--port=${port}`,
      '--informative-errors',
      root,
    ],
    { stdio: 'ignore', env: { ...GIT_ENV } },
  );
  await waitForPort(port, child, 'git daemon');
  return { port, url: (name) => `git://127.0.0.1:${port}/${name}.git`, stop: () => stopChild(child) };
}

// ---------------------------------------------------------------------------------------------
// sshd, unprivileged where possible, on a loopback port with keys generated here.

export interface SshGitServer {
  port: number;
  user: string;
  /** `ssh://<user>@127.0.0.1:<port><root>/<name>.git` */
  url(name: string): string;
  /** Private key the server accepts (OpenSSH format). */
  clientKey: string;
  /** The same key protected by `passphrase`. */
  encryptedClientKey: string;
  passphrase: string;
  /** A key the server does not accept. */
  otherKey: string;
  /** `known_hosts` that matches the server. */
  knownHosts: string;
  /** `known_hosts` naming the right host with a different key. */
  wrongKnownHosts: string;
  stop(): Promise<void>;
}

export async function startSshGitServer(root: string): Promise<SshGitServer> {
  const dir = tempDir('capstan-sshd-');
  const keygen = (file: string, passphrase = ''): void => {
    execFileSync(
      'ssh-keygen',
      ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'capstan-test', '-f', join(dir, file)],
      { stdio: 'ignore' },
    );
  };
  keygen('host_key');
  keygen('other_host_key');
  keygen('client_key');
  keygen('other_key');
  keygen('client_key_enc');
  const passphrase = 'correct horse battery';
  // The encrypted key is the accepted key, re-encrypted with a passphrase.
  writeFileSync(join(dir, 'client_key_enc'), readFileSync(join(dir, 'client_key')));
  chmodSync(join(dir, 'client_key_enc'), 0o600);
  execFileSync('ssh-keygen', ['-q', '-p', '-N', passphrase, '-P', '', '-f', join(dir, 'client_key_enc')], {
    stdio: 'ignore',
  });
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  const port = await freePort();
  const user = userInfo().username;
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'UsePAM no',
    'StrictModes no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    `AllowUsers ${user}`,
    'LogLevel ERROR',
  ];
  writeFileSync(join(dir, 'sshd_config'), config.join('\n') + '\n');
  // Running as root, sshd insists on its privilege-separation directory.
  if (process.getuid?.() === 0 && !existsSync('/run/sshd'))
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  try {
    await waitForPort(port, child, 'sshd');
  } catch (err) {
    throw new Error(`${(err as Error).message}: ${stderr}`, { cause: err });
  }
  const pub = (f: string): string => readFileSync(join(dir, f), 'utf8').split(' ').slice(0, 2).join(' ');
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  return {
    port,
    user,
    url: (name) => `ssh://${user}@127.0.0.1:${port}${root}/${name}.git`,
    clientKey: read('client_key'),
    encryptedClientKey: read('client_key_enc'),
    passphrase,
    otherKey: read('other_key'),
    knownHosts: `[127.0.0.1]:${port} ${pub('host_key.pub')}\n`,
    wrongKnownHosts: `[127.0.0.1]:${port} ${pub('other_host_key.pub')}\n`,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
