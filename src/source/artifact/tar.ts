/**
 * A minimal deterministic tar writer (POSIX ustar, with a PAX `path` record for names longer than
 * ustar holds). Every header carries uid/gid 0, no user or group names and mtime 0, and modes are
 * normalized as Flux normalizes them (0750 directories, 0700 executables, 0600 files), so the same
 * content always gives the same bytes.
 */
export const DIR_MODE = 0o750;
export const EXE_MODE = 0o700;
export const FILE_MODE = 0o600;

const BLOCK = 512;

export function tarHeader(name: string, type: 'file' | 'dir', size: number, mode: number): Buffer {
  const fullName = type === 'dir' ? `${name}/` : name;
  const bytes = Buffer.from(fullName, 'utf8');
  if (bytes.length <= 100) return ustar(fullName, type, size, mode);
  // Too long for ustar's name field: a PAX extended header carries the real path.
  const record = paxRecord('path', fullName);
  const pax = ustar('PaxHeaders/entry', 'pax', record.length, 0o644);
  return Buffer.concat([
    pax,
    record,
    zeros(padding(record.length)),
    ustar(shortName(fullName), type, size, mode),
  ]);
}

/** Zero bytes that pad `size` bytes of content to the block size. */
export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

export function zeros(n: number): Buffer {
  return Buffer.alloc(n);
}

/** Two zero blocks end an archive. */
export function tarEnd(): Buffer {
  return Buffer.alloc(BLOCK * 2);
}

function ustar(name: string, type: 'file' | 'dir' | 'pax', size: number, mode: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, mode);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, 0);
  h.fill(' ', 148, 156);
  h.write(type === 'dir' ? '5' : type === 'pax' ? 'x' : '0', 156, 1, 'latin1');
  h.write('ustar\0', 257, 6, 'latin1');
  h.write('00', 263, 2, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return h;
}

function octal(h: Buffer, offset: number, length: number, value: number): void {
  h.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'latin1');
}

function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  const bodyLen = Buffer.byteLength(body);
  let len = bodyLen;
  while (String(len).length + bodyLen !== len) len = String(len).length + bodyLen;
  return Buffer.from(`${len}${body}`, 'utf8');
}

/** A ustar-safe stand-in name for readers that ignore PAX (the last 99 bytes that form valid UTF-8). */
function shortName(name: string): string {
  let s = name;
  while (Buffer.byteLength(s) > 99) s = s.slice(1);
  return s;
}
