import { InvalidAuthError } from '../errors.ts';
import { parseGitUrl } from '../url.ts';
import { secretValues, type GitAuth, type SecretLike } from './types.ts';

/**
 * Credentials from a Flux GitRepository `spec.secretRef` Secret, read as source-controller reads
 * them (`fluxcd/pkg/git.NewAuthOptions`):
 * - SSH URLs: `identity` (private key) and `known_hosts` are required; `password` is the key's
 *   passphrase.
 * - HTTP(S): `bearerToken` if present, else `username`/`password` (`password` needs `username`);
 *   credentials in the URL fill what the Secret leaves empty; `ca.crt` (or the older `caFile`) and
 *   `tls.crt`/`tls.key` for TLS.
 * `secret` may be undefined (no `secretRef`): fine for public HTTP(S), an error for SSH.
 */
export function fluxSecretToGitAuth(url: string, secret: SecretLike | undefined): GitAuth {
  const u = parseGitUrl(url);
  const data = secret ? secretValues(secret) : {};
  const name = secret?.metadata?.name ? `Secret ${secret.metadata.name}` : 'secretRef';
  const auth: GitAuth = {};
  if (u.scheme === 'ssh') {
    if (!data['identity'])
      throw new InvalidAuthError(`${u.display}: ${name}: invalid 'ssh' auth option: 'identity' is required`);
    if (!data['known_hosts']) {
      throw new InvalidAuthError(
        `${u.display}: ${name}: invalid 'ssh' auth option: 'known_hosts' is required`,
      );
    }
    auth.sshPrivateKey = data['identity'];
    auth.knownHosts = data['known_hosts'];
    if (data['password']) auth.sshPassphrase = data['password'];
    return auth;
  }
  if (u.scheme === 'git' || u.scheme === 'file') return auth;
  const ca = data['ca.crt'] || data['caFile'];
  if (ca) auth.caCert = ca;
  if (data['tls.crt']) auth.clientCert = data['tls.crt'];
  if (data['tls.key']) auth.clientKey = data['tls.key'];
  if ('bearerToken' in data) {
    auth.bearerToken = data['bearerToken'];
  } else {
    if (data['username']) auth.username = data['username'];
    if (data['password']) auth.password = data['password'];
  }
  if (!auth.username && !auth.bearerToken && u.embedded?.username) auth.username = u.embedded.username;
  if (!auth.password && !auth.bearerToken && u.embedded?.password) auth.password = u.embedded.password;
  if (!auth.username && auth.password) {
    throw new InvalidAuthError(
      `${u.display}: ${name}: invalid '${u.scheme}' auth option: 'password' requires 'username' to be set`,
    );
  }
  if (Boolean(auth.clientCert) !== Boolean(auth.clientKey)) {
    throw new InvalidAuthError(`${u.display}: ${name}: 'tls.crt' and 'tls.key' must be set together`);
  }
  return auth;
}
