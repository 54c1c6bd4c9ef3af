/**
 * Password hashes as Argo CD stores them in `argocd-secret` (`admin.password`,
 * `accounts.<name>.password`): bcrypt at cost 10 or more, so a hash made by either product
 * verifies in the other. Blank passwords never verify.
 */
import bcrypt from 'bcryptjs';

/** bcrypt's default cost, and Argo CD's minimum. */
export const BCRYPT_COST = 10;

export async function hashPassword(password: string): Promise<string> {
  if (password === '') throw new Error('blank passwords are not allowed');
  return bcrypt.hash(password, BCRYPT_COST);
}

export async function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  if (password === '' || hash === undefined || !/^\$2[abxy]?\$\d\d\$/.test(hash)) return false;
  return bcrypt.compare(password, hash);
}

let dummy: string | undefined;

/** A hash of nothing in particular, compared against for unknown users so they take as long. */
export function dummyHash(): string {
  return (dummy ??= bcrypt.hashSync('for-consistent-response-time', BCRYPT_COST));
}
