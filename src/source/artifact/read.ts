import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { FileNotFoundError, TooLargeError, UnsafePathError } from '../errors.ts';

/**
 * Normalizes a path inside an artifact: `/`-separated, relative, no `.` segments. Refuses absolute
 * paths, `..` anywhere, backslashes and NUL: a repository path may never name something outside.
 */
export function safeRelativePath(subject: string, path: string): string {
  const bad = (why: string): never => {
    throw new UnsafePathError(`${subject}: path ${JSON.stringify(path)} refused: ${why}`);
  };
  if (path.includes('\0')) bad('it contains NUL');
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) bad('absolute paths are not allowed');
  if (path.includes('\\')) bad('backslashes are not allowed');
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) bad('".." is not allowed');
  return parts.join('/');
}

/**
 * Reads `rel` under `root`, following symlinks only while they stay inside `root`, and refusing
 * files above `maxFileSize`.
 */
export async function readInside(
  subject: string,
  root: string,
  rel: string,
  maxFileSize: number,
): Promise<Buffer> {
  const realRoot = await realpath(root);
  let real: string;
  try {
    real = await realpath(join(root, rel));
  } catch (err) {
    throw new FileNotFoundError(`${subject}: ${rel}: no such file (or a broken symlink)`, { cause: err });
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) {
    throw new UnsafePathError(`${subject}: ${rel}: refused: it is a symlink pointing outside the repository`);
  }
  const st = await stat(real);
  if (!st.isFile()) throw new FileNotFoundError(`${subject}: ${rel}: not a file`);
  if (st.size > maxFileSize) {
    throw new TooLargeError(`${subject}: ${rel}: ${st.size} bytes, above the ${maxFileSize}-byte limit`);
  }
  return readFile(real);
}
