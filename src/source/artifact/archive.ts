import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { TreeEntry } from '../ignore/walk.ts';
import { DIR_MODE, EXE_MODE, FILE_MODE, padding, tarEnd, tarHeader, zeros } from './tar.ts';

export interface ArchiveResult {
  /** `sha256:<hex>` of the .tar.gz bytes, as Flux's `status.artifact.digest`. */
  digest: string;
  /** Bytes of the .tar.gz. */
  size: number;
}

/**
 * Writes `entries` (directories and regular files; symlinks are left out, as Flux leaves them out)
 * from `root` as a deterministic tar.gz at `file`, hashing as it writes.
 */
export async function writeArchive(
  root: string,
  entries: readonly TreeEntry[],
  file: string,
  signal?: AbortSignal,
): Promise<ArchiveResult> {
  const hash = createHash('sha256');
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  async function* tar(): AsyncGenerator<Buffer> {
    for (const e of entries) {
      if (e.type === 'dir') {
        yield tarHeader(e.path, 'dir', 0, DIR_MODE);
      } else if (e.type === 'file') {
        yield tarHeader(e.path, 'file', e.size, e.executable ? EXE_MODE : FILE_MODE);
        let written = 0;
        if (e.size > 0)
          for await (const chunk of createReadStream(join(root, e.path), { end: Math.max(0, e.size - 1) })) {
            const b = chunk as Buffer;
            written += b.length;
            yield b;
          }
        // The checkout is immutable, but never write a header that lies about the size.
        if (written !== e.size) throw new Error(`${e.path}: changed while archiving`);
        yield zeros(padding(e.size));
      }
    }
    yield tarEnd();
  }
  await pipeline(Readable.from(tar()), createGzip(), count, createWriteStream(file, { mode: 0o644 }), {
    signal,
  });
  return { digest: `sha256:${hash.digest('hex')}`, size };
}
