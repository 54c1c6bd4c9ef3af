import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitAuth } from '../auth/types.ts';
import type { GitUrl } from '../url.ts';

/**
 * What one git call needs to authenticate: environment, config entries (passed through
 * GIT_CONFIG_* variables) and files in a private directory, removed by `dispose()`. No credential
 * ever appears in an argument list: passwords reach git through a credential helper that reads
 * environment variables, keys through files of mode 0600, passphrases through an askpass script.
 */
export interface AuthSession {
  env: Record<string, string>;
  config: [string, string][];
  /** Whether host keys are checked (for the hint in host-key errors). */
  knownHosts: boolean;
  dispose(): Promise<void>;
}

// Reads the credentials from the environment so they never sit in a file or an argument; git
// runs helpers through the shell, but the values are only ever expanded as quoted arguments.
const CREDENTIAL_HELPER =
  '!f() { test "$1" = get || exit 0; ' +
  'printf "username=%s\\n" "$CAPSTAN_GIT_USERNAME"; printf "password=%s\\n" "$CAPSTAN_GIT_PASSWORD"; }; f';

const ASKPASS_SCRIPT = '#!/bin/sh\nprintf "%s\\n" "$CAPSTAN_SSH_PASSPHRASE"\n';

/** Prepares credentials for `url` under `tmpRoot` (which must exist and be private). */
export async function openAuthSession(
  url: GitUrl,
  auth: GitAuth | undefined,
  tmpRoot: string,
): Promise<AuthSession> {
  const a: GitAuth = { ...auth };
  // Credentials typed into the URL are used like a Secret's, never left in the URL.
  if (url.embedded && !a.username && !a.bearerToken) {
    a.username = url.embedded.username;
    if (!a.password) a.password = url.embedded.password;
  }
  let dir: string | undefined;
  const file = async (name: string, content: string, mode = 0o600): Promise<string> => {
    dir ??= await mkdtemp(join(tmpRoot, 'auth-'));
    await chmod(dir, 0o700);
    const p = join(dir, name);
    await writeFile(p, content.endsWith('\n') ? content : `${content}\n`, { mode });
    return p;
  };
  const env: Record<string, string> = {};
  const config: [string, string][] = [];
  let knownHosts = false;
  if (url.scheme === 'https' || url.scheme === 'http') {
    if (a.bearerToken) {
      config.push(['http.extraHeader', `Authorization: Bearer ${a.bearerToken}`]);
    } else if (a.username || a.password) {
      config.push(['credential.helper', CREDENTIAL_HELPER]);
      env['CAPSTAN_GIT_USERNAME'] = a.username ?? '';
      env['CAPSTAN_GIT_PASSWORD'] = a.password ?? '';
    }
    if (a.caCert) config.push(['http.sslCAInfo', await file('ca.pem', a.caCert)]);
    if (a.clientCert && a.clientKey) {
      config.push(['http.sslCert', await file('client.pem', a.clientCert)]);
      config.push(['http.sslKey', await file('client-key.pem', a.clientKey)]);
    }
    if (a.insecureSkipTlsVerify === true) config.push(['http.sslVerify', 'false']);
    if (a.proxy) config.push(['http.proxy', a.proxy]);
  }
  if (url.scheme === 'ssh') {
    const ssh = ['ssh', '-F', '/dev/null', '-o', 'IdentitiesOnly=yes', '-o', 'ConnectTimeout=30'];
    ssh.push('-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR');
    if (a.sshPrivateKey) ssh.push('-i', quote(await file('identity', a.sshPrivateKey)));
    if (a.insecureIgnoreHostKey === true) {
      ssh.push('-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null');
    } else {
      const kh = a.knownHosts ? await file('known_hosts', a.knownHosts) : '/dev/null';
      knownHosts = Boolean(a.knownHosts);
      ssh.push('-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${quote(kh)}`);
    }
    if (a.sshPassphrase) {
      // BatchMode would refuse to ask; the askpass script answers instead of a terminal.
      env['SSH_ASKPASS'] = await file('askpass', ASKPASS_SCRIPT, 0o700);
      env['SSH_ASKPASS_REQUIRE'] = 'force';
      env['CAPSTAN_SSH_PASSPHRASE'] = a.sshPassphrase;
      ssh.push('-o', 'NumberOfPasswordPrompts=1');
    } else {
      ssh.push('-o', 'BatchMode=yes');
    }
    env['GIT_SSH_COMMAND'] = ssh.join(' ');
  }
  return {
    env,
    config,
    knownHosts,
    dispose: async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
