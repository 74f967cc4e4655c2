/**
 * The output cache. Generating runs as a build step, so most runs see a contract that has not
 * changed since the last one; yet printing with ts-morph and formatting with prettier take about
 * nine tenths of a run. Each package's formatted files are therefore kept under a key made of
 * everything they are made from: the generator's own code and runtime templates, the installed
 * ts-morph and prettier, and the package's model, bindings and options (names are a pure function
 * of the model and the generator's code, so they need no place of their own). A run that finds
 * its key reads the files back and loads neither ts-morph nor prettier.
 *
 * Building the model is most of what such a run has left to do, so a second kind of entry, a
 * documents entry, lets a run skip it too: keyed by everything but the model (the contract paths,
 * the bindings asked for, the options, the working folder), it lists every document the model was
 * read from with the sha256 of its text, and the key of the files entry they gave. When every
 * listed document still reads to the same hash, the model would be the same, and the files entry
 * is used without reading the contract. Only contracts read strictly from local files get one: a
 * URL's document can change without a trace here, and lenient reading may have skipped an import
 * that is there now.
 *
 * The cache lives in node_modules/.cache/wsdl-tsgen of the working folder when that folder has
 * node_modules (where build tools keep their caches; a fresh `npm ci` starts without one), or
 * where --cache-dir says; --no-cache turns it off. Nothing depends on it: an entry that cannot be read or fails its checksum is a miss, and
 * a cache that cannot be written costs a warning, never the build.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmittedFile } from './emit/emitted.ts';
import { listFiles } from './list-files.ts';
import type { Binding, Model } from './model.ts';
import type { PackageMetadata } from './package-metadata.ts';
import { isUrl, readRegularFile } from './load/read-source.ts';
import { RUNTIME_DIR } from './runtime-dir.ts';

export const DEFAULT_CACHE_DIR = path.join('node_modules', '.cache', 'wsdl-tsgen');

/** Entries kept; the ones used least recently are removed when a new one is written. */
export const KEEP_ENTRIES = 32;

/** Changes whenever the layout of an entry changes. */
const ENTRY_FORMAT = 1;

/** What one package's files are made from; the key is a hash of all of it. */
export interface CacheInputs {
  readonly model: Model;
  readonly bindings: readonly Binding[];
  readonly packageName: string;
  readonly sourceName: string;
  /** The text of the package's README section from the config (`readme`), if any. */
  readonly readme?: string;
  /** The package.json fields from the config. */
  readonly metadata?: PackageMetadata;
}

/** The documents a package's model was read from, as the loader read them. */
export interface DocumentDigest {
  readonly uri: string;
  readonly digest: string;
}

/** What a documents entry is keyed by: a package's inputs except its model. */
export interface DocumentsInputs {
  readonly contracts: readonly { readonly wsdl: string; readonly binding?: string }[];
  readonly packageName: string;
  readonly sourceName: string;
  readonly readme?: string;
  readonly metadata?: PackageMetadata;
  /** The loader's options that change what is read (the largest document, the working folder). */
  readonly maxBytes: number;
  readonly cwd: string;
}

/** A package as a documents entry remembers it: enough to report it without its model. */
export interface KnownPackage {
  readonly documents: readonly DocumentDigest[];
  /** The key of the files entry (see `key`). */
  readonly filesKey: string;
  readonly operations: number;
  readonly types: number;
}

interface DocumentsEntry {
  readonly format: number;
  readonly key: string;
  readonly known: KnownPackage;
}

interface Entry {
  readonly format: number;
  readonly key: string;
  /** sha256 of the JSON of `files`, so a damaged entry is a miss rather than wrong output. */
  readonly checksum: string;
  readonly files: readonly EmittedFile[];
}

export class OutputCache {
  readonly #dir: string;
  readonly #warn: (line: string) => void;
  #fingerprint: string | undefined;
  #writable = true;

  constructor(dir: string, warn: (line: string) => void) {
    this.#dir = dir;
    this.#warn = warn;
  }

  key(inputs: CacheInputs): string {
    this.#fingerprint ??= generatorFingerprint([GENERATOR_DIR, RUNTIME_DIR]);
    return cacheKey(this.#fingerprint, inputs);
  }

  /** The files stored under `key`, or undefined when there are none (or they are damaged). */
  read(key: string): EmittedFile[] | undefined {
    let entry: unknown;
    try {
      entry = JSON.parse(readFileSync(this.#file(key), 'utf8'));
    } catch {
      return undefined;
    }
    if (!isEntry(entry, key)) return undefined;
    this.#touch(key);
    return entry.files.map((f) => ({ path: f.path, text: f.text }));
  }

  /** Marks an entry as used, so pruning removes the entries used least recently. */
  #touch(key: string): void {
    try {
      const now = new Date();
      utimesSync(this.#file(key), now, now);
    } catch {
      // A read-only cache still serves hits.
    }
  }

  write(key: string, files: readonly EmittedFile[]): void {
    const plain = files.map((f) => ({ path: f.path, text: f.text }));
    const entry: Entry = { format: ENTRY_FORMAT, key, checksum: sha256(JSON.stringify(plain)), files: plain };
    this.#store(key, entry);
  }

  documentsKey(inputs: DocumentsInputs): string {
    this.#fingerprint ??= generatorFingerprint([GENERATOR_DIR, RUNTIME_DIR]);
    return sha256(JSON.stringify([ENTRY_FORMAT, 'documents', this.#fingerprint, inputs]));
  }

  /**
   * The package of a documents entry and its files, when every document it lists still reads to
   * the same hash (read as the loader reads it); otherwise undefined, and the model is built.
   */
  async readKnown(key: string, maxBytes: number): Promise<{ known: KnownPackage; files: EmittedFile[] } | undefined> {
    let entry: unknown;
    try {
      entry = JSON.parse(readFileSync(this.#file(key), 'utf8'));
    } catch {
      return undefined;
    }
    if (!isDocumentsEntry(entry, key)) return undefined;
    for (const d of entry.known.documents) {
      let text: string;
      try {
        text = await readRegularFile(d.uri, maxBytes);
      } catch {
        return undefined; // gone or unreadable: reading the contract reports it
      }
      if (sha256(text) !== d.digest) return undefined;
    }
    const files = this.read(entry.known.filesKey);
    if (files === undefined) return undefined;
    this.#touch(key);
    return { known: entry.known, files };
  }

  /** Records a package's documents (none of them a URL: see the comment at the top). */
  writeKnown(key: string, known: KnownPackage): void {
    if (known.documents.some((d) => isUrl(d.uri))) return;
    const entry: DocumentsEntry = { format: ENTRY_FORMAT, key, known };
    this.#store(key, entry);
  }

  #store(key: string, entry: Entry | DocumentsEntry): void {
    if (!this.#writable) return;
    const target = this.#file(key);
    // Written aside and renamed into place: a reader never sees half an entry.
    const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(this.#dir, { recursive: true });
      writeFileSync(temporary, JSON.stringify(entry));
      renameSync(temporary, target);
      this.#prune();
    } catch (e) {
      this.#writable = false;
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Nothing was written where the folder cannot be.
      }
      this.#warn(`warning: the output cache in ${this.#dir} cannot be written (${(e as Error).message}); generating without it`);
    }
  }

  #file(key: string): string {
    return path.join(this.#dir, `${key}.json`);
  }

  /** Keeps the KEEP_ENTRIES entries written or read most recently. */
  #prune(): void {
    const entries = readdirSync(this.#dir)
      .filter((f) => /^[0-9a-f]{64}\.json$/.test(f))
      .map((f) => ({ file: path.join(this.#dir, f), time: statSync(path.join(this.#dir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => b.time - a.time);
    for (const old of entries.slice(KEEP_ENTRIES)) rmSync(old.file, { force: true });
  }
}

function isEntry(value: unknown, key: string): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Entry>;
  return (
    entry.format === ENTRY_FORMAT &&
    entry.key === key &&
    Array.isArray(entry.files) &&
    entry.files.every((f: unknown) => typeof f === 'object' && f !== null && typeof (f as EmittedFile).path === 'string' && typeof (f as EmittedFile).text === 'string') &&
    sha256(JSON.stringify(entry.files)) === entry.checksum
  );
}

function isDocumentsEntry(value: unknown, key: string): value is DocumentsEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<DocumentsEntry>;
  const known = entry.known as Partial<KnownPackage> | undefined;
  return (
    entry.format === ENTRY_FORMAT &&
    entry.key === key &&
    typeof known === 'object' &&
    known !== null &&
    typeof known.filesKey === 'string' &&
    typeof known.operations === 'number' &&
    typeof known.types === 'number' &&
    Array.isArray(known.documents) &&
    known.documents.every((d: unknown) => typeof d === 'object' && d !== null && typeof (d as DocumentDigest).uri === 'string' && typeof (d as DocumentDigest).digest === 'string')
  );
}

/** The folder of the running generator's code: generator/ from source, dist/generator/ when built. */
const GENERATOR_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * A hash of every file under `dirs` (relative path and content, in sorted order) and of the
 * installed ts-morph and prettier versions: any change to the generator gives new keys.
 */
export function generatorFingerprint(dirs: readonly string[]): string {
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  for (const name of ['ts-morph', 'prettier']) {
    hash.update(`${name}@${(require(`${name}/package.json`) as { version: string }).version}\0`);
  }
  for (const dir of dirs) {
    for (const file of listFiles(dir)) {
      hash.update(`${file}\0`);
      hash.update(readFileSync(path.join(dir, file)));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

export function cacheKey(fingerprint: string, inputs: CacheInputs): string {
  return sha256(
    JSON.stringify([
      ENTRY_FORMAT,
      fingerprint,
      inputs.packageName,
      inputs.sourceName,
      inputs.metadata ?? null,
      inputs.bindings.map((b) => b.name),
      inputs.readme ?? null,
      inputs.model,
    ]),
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
