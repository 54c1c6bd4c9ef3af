import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ClusterDataError } from '../errors.ts';

/** The file inside `--data-dir` that holds the cluster. */
export const DATABASE_FILE = 'cluster.db';

const FORMAT = 'capstan-cluster';
const SCHEMA_VERSION = 1;

/** One stored object row, as loaded at startup. */
export interface ObjectRow {
  resource: string;
  namespace: string;
  name: string;
  rv: number;
  body: string;
}

/**
 * The cluster's durable state: one SQLite database in WAL mode, written through on every change
 * before the change is acknowledged. The process holds it exclusively (a second server on the
 * same data dir fails fast instead of corrupting it). `synchronous=NORMAL` makes a commit durable
 * against the process dying (kill -9) without an fsync per write; `durable: 'power'` fsyncs every
 * commit for protection against power loss as well.
 */
export class Database {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #put;
  readonly #del;
  readonly #setRv;
  readonly #setMeta;

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.#db = db;
    this.#put = db.prepare(
      `INSERT INTO objects (resource, namespace, name, rv, body) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (resource, namespace, name) DO UPDATE SET rv = excluded.rv, body = excluded.body`,
    );
    this.#del = db.prepare('DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?');
    this.#setRv = db.prepare("UPDATE meta SET value = ? WHERE key = 'rv'");
    this.#setMeta = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  /** Opens (or creates) the database in `dataDir`, refusing anything that is not ours. */
  static open(dataDir: string, options: { durable: 'process' | 'power' }): Database {
    const path = join(dataDir, DATABASE_FILE);
    prepareDir(dataDir);
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(path);
      db.exec('PRAGMA locking_mode = EXCLUSIVE');
      const mode = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
      if (mode.journal_mode !== 'wal')
        throw new Error(`could not switch to WAL (journal mode is ${mode.journal_mode})`);
      db.exec(`PRAGMA synchronous = ${options.durable === 'power' ? 'FULL' : 'NORMAL'}`);
      // Taking the write lock now makes a second server on the same directory fail here.
      db.exec('BEGIN IMMEDIATE; COMMIT');
    } catch (err) {
      throw openError(path, err);
    }
    try {
      initOrCheck(db, path);
    } catch (err) {
      db.close();
      throw err instanceof ClusterDataError ? err : openError(path, err);
    }
    return new Database(path, db);
  }

  /** Every stored object and the last resourceVersion handed out. */
  load(): { rv: number; rows: ObjectRow[]; meta: Map<string, string> } {
    const meta = new Map(
      (this.#db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [
        r.key,
        r.value,
      ]),
    );
    const rows = this.#db
      .prepare('SELECT resource, namespace, name, rv, body FROM objects ORDER BY resource, namespace, name')
      .all() as unknown as ObjectRow[];
    const rv = Number(meta.get('rv') ?? '0');
    const maxRow = rows.reduce((m, r) => Math.max(m, r.rv), 0);
    if (!Number.isSafeInteger(rv) || rv < maxRow) {
      throw new ClusterDataError(
        `${this.path}: the stored resourceVersion counter (${meta.get('rv')}) is behind the objects (${maxRow}); the database is corrupt`,
      );
    }
    return { rv, rows, meta };
  }

  /** Writes (or replaces) one object and advances the counter, atomically. */
  put(resource: string, namespace: string, name: string, rv: number, body: string): void {
    this.#tx(() => {
      this.#put.run(resource, namespace, name, rv, body);
      this.#setRv.run(String(rv));
    });
  }

  /** Removes one object and advances the counter, atomically. */
  delete(resource: string, namespace: string, name: string, rv: number): void {
    this.#tx(() => {
      this.#del.run(resource, namespace, name);
      this.#setRv.run(String(rv));
    });
  }

  setMeta(key: string, value: string): void {
    this.#setMeta.run(key, value);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  #tx(fn: () => void): void {
    this.#db.exec('BEGIN');
    try {
      fn();
      this.#db.exec('COMMIT');
    } catch (err) {
      this.#db.exec('ROLLBACK');
      throw err;
    }
  }
}

function prepareDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new ClusterDataError(`${dataDir}: cannot create the data dir: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (!statSync(dataDir).isDirectory()) throw new ClusterDataError(`${dataDir}: not a directory`);
}

function openError(path: string, err: unknown): ClusterDataError {
  const message = (err as Error).message ?? String(err);
  if (/file is not a database|malformed/i.test(message)) {
    return new ClusterDataError(
      `${path}: not a SQLite database (${message}); refusing to start rather than overwrite it — move it away or choose another data dir`,
      { cause: err },
    );
  }
  if (/locked|busy/i.test(message)) {
    return new ClusterDataError(`${path}: in use by another running cluster (${message})`, { cause: err });
  }
  return new ClusterDataError(`${path}: cannot open the database: ${message}`, { cause: err });
}

function initOrCheck(db: DatabaseSync, path: string): void {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
  ).map((t) => t.name);
  if (tables.length === 0) {
    db.exec(`
      BEGIN;
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE objects (
        resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
        rv INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (resource, namespace, name)
      ) WITHOUT ROWID;
      INSERT INTO meta VALUES ('format', '${FORMAT}'), ('schema', '${SCHEMA_VERSION}'), ('rv', '0'),
        ('created', '${new Date().toISOString()}');
      COMMIT;`);
    return;
  }
  const format = tables.includes('meta')
    ? (db.prepare("SELECT value FROM meta WHERE key = 'format'").get() as { value: string } | undefined)
        ?.value
    : undefined;
  if (format !== FORMAT || !tables.includes('objects')) {
    throw new ClusterDataError(
      `${path}: a SQLite database, but not a Capstan cluster's (tables: ${tables.join(', ')}); refusing to start — choose another data dir`,
    );
  }
  const schema = Number(
    (db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string }).value,
  );
  if (schema !== SCHEMA_VERSION) {
    throw new ClusterDataError(
      `${path}: written with storage schema ${schema}, this Capstan reads schema ${SCHEMA_VERSION}; use the Capstan that wrote it`,
    );
  }
  const check = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
  if (check.length !== 1 || check[0]?.quick_check !== 'ok') {
    throw new ClusterDataError(
      `${path}: the database is corrupt: ${check.map((c) => c.quick_check).join('; ')}`,
    );
  }
}
