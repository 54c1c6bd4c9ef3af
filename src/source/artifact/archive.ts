import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { TreeEntry } from '../ignore/walk.ts';
import { DIR_MODE, EXE_MODE, FILE_MODE, padding, tarEnd, tarHeader, zeros } from './tar.ts';

const SLAB = 1024 * 1024;
const LARGE = 4 * 1024 * 1024;

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
  // Tens of thousands of small files would cost a stream, a thread-pool round trip and a gzip call
  // each; instead small files are read synchronously (page-cache fast) into ~1 MiB slabs, and the
  // event loop gets its turn at every slab.
  async function* tar(): AsyncGenerator<Buffer> {
    let slab: Buffer[] = [];
    let slabLen = 0;
    const push = (b: Buffer): void => {
      slab.push(b);
      slabLen += b.length;
    };
    const flush = (): Buffer => {
      const b = Buffer.concat(slab);
      slab = [];
      slabLen = 0;
      return b;
    };
    for (const e of entries) {
      if (e.type === 'dir') push(tarHeader(e.path, 'dir', 0, DIR_MODE));
      else if (e.type === 'file') {
        push(tarHeader(e.path, 'file', e.size, e.executable ? EXE_MODE : FILE_MODE));
        let written = 0;
        if (e.size > LARGE) {
          yield flush();
          for await (const chunk of createReadStream(join(root, e.path), { end: e.size - 1 })) {
            written += (chunk as Buffer).length;
            yield chunk as Buffer;
          }
        } else if (e.size > 0) {
          const data = readFileSync(join(root, e.path));
          written = data.length;
          push(data);
        }
        // The checkout is immutable, but never write a header that lies about the size.
        if (written !== e.size) throw new Error(`${e.path}: changed while archiving`);
        push(zeros(padding(e.size)));
      }
      if (slabLen >= SLAB) yield flush();
    }
    push(tarEnd());
    yield flush();
  }

  await pipeline(Readable.from(tar()), createGzip(), count, createWriteStream(file, { mode: 0o644 }), {
    signal,
  });
  return { digest: `sha256:${hash.digest('hex')}`, size };
}
