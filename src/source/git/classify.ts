import {
  AuthFailedError,
  GitCommandError,
  HostKeyError,
  ReferenceNotFoundError,
  RepositoryNotFoundError,
  TlsError,
  UnreachableError,
} from '../errors.ts';
import type { CapstanError } from '../../core/index.ts';

interface Rule {
  re: RegExp;
  make: (message: string) => CapstanError;
  what: string;
}

// Order matters: ssh prints "Could not read from remote repository" after the real reason.
const RULES: Rule[] = [
  {
    re: /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|host key for .* has changed|No \S+ host key is known/i,
    make: (m) => new HostKeyError(m),
    what: 'SSH host key verification failed: the server key is not in known_hosts or differs from it',
  },
  {
    re: /Authentication failed|could not read (Username|Password)|terminal prompts disabled|Permission denied \((publickey|password|keyboard)|HTTP Basic: Access denied|returned error: 40[13]\b|Invalid username or password|incorrect passphrase|error in libcrypto|invalid format|Load key .*: /i,
    make: (m) => new AuthFailedError(m),
    what: 'authentication failed',
  },
  {
    re: /SSL certificate problem|server certificate verification failed|certificate verify failed|unable to get local issuer certificate|self.signed certificate|gnutls_handshake|SSL_connect|could not load PEM client certificate|unable to set private key file|SSL: no alternative certificate subject name/i,
    make: (m) => new TlsError(m),
    what: 'TLS verification failed',
  },
  {
    re: /Repository not found|no such repository|does not appear to be a git repository|returned error: 404|not a git repository|No such file or directory|repository '.*' not found|does not exist/i,
    make: (m) => new RepositoryNotFoundError(m),
    what: 'repository not found',
  },
  {
    re: /couldn't find remote ref|not our ref|unadvertised object|no such remote ref|Server does not allow request for unadvertised object/i,
    make: (m) => new ReferenceNotFoundError(m),
    what: 'reference not found on the server',
  },
  {
    re: /Could not resolve host|Connection refused|Failed to connect|Connection timed out|Connection reset|Network is unreachable|No route to host|early EOF|unexpected disconnect|remote end hung up|RPC failed|Empty reply from server|transfer closed|Could not read from remote repository|Connection closed|kex_exchange_identification|unable to access|unable to connect|invalid index-pack output|fetch-pack: unexpected|protocol error|bad pack header/i,
    make: (m) => new UnreachableError(m),
    what: 'server unreachable or connection lost',
  },
];

/**
 * Turns a failed git call into the error a user can act on, by git's (C-locale) words. `stderr`
 * must already be scrubbed of credentials.
 */
export function classifyGitFailure(
  subject: string,
  operation: string,
  stderr: string,
  exitCode: number,
): CapstanError {
  const detail = lastMeaningfulLines(stderr);
  for (const rule of RULES) {
    if (rule.re.test(stderr)) return rule.make(`${subject}: ${operation}: ${rule.what}: ${detail}`);
  }
  return new GitCommandError(
    `${subject}: ${operation}: git exited with ${exitCode}: ${detail || 'no message'}`,
  );
}

function lastMeaningfulLines(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (l) =>
        l &&
        !l.startsWith('hint:') &&
        !/^(remote: )?(Counting|Compressing|Receiving|Resolving|Enumerating)/.test(l),
    );
  return lines.slice(-3).join('; ').slice(0, 600);
}
