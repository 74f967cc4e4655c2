/**
 * Which files in an output folder are the generator's. The generator writes a manifest,
 * `.wsdl-tsgen-manifest.json`, listing every file it wrote with the SHA-256 of what it wrote
 * (last, and atomically, so a manifest never names a file that was not written). On the next
 * run it replaces or removes only files the manifest lists, and only while they are unchanged:
 *
 * - a generated file that is absent, identical to what would be written, or unchanged since the
 *   manifest recorded it is written;
 * - any other file in the way (one the manifest does not list, or one it lists that was edited
 *   since) is a conflict: nothing is written, unless --force;
 * - a listed file the generator no longer makes is removed while unchanged; an edited one is
 *   left in place, with a warning, and is the user's from then on;
 * - a folder with files but no manifest is refused unless every file in it (dist/ and
 *   node_modules/ aside) is identical to one that would be written: output of a version that
 *   wrote no manifest, adopted as it is since nothing can be lost;
 * - no file the manifest does not list is ever removed, --force or not.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { EmittedFile } from './emit/emitted.ts';
import { GeneratorError } from './errors.ts';

export const MANIFEST = '.wsdl-tsgen-manifest.json';

/** Folders inside a package that belong to its build and install, never to the generator. */
export const NOT_GENERATED = new Set(['dist', 'node_modules']);

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The manifest listing `files` (sorted, so it depends only on them). */
export function manifestFile(files: readonly EmittedFile[]): EmittedFile {
  const listed = [...files].filter((f) => f.path !== MANIFEST).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest = {
    about: 'The files wsdl-tsgen wrote in this folder and the SHA-256 of each. It replaces or removes only these, and only while unchanged.',
    files: Object.fromEntries(listed.map((f) => [f.path, sha256(f.text)])),
  };
  return { path: MANIFEST, text: `${JSON.stringify(manifest, null, 2)}\n`, formatted: true };
}

/** What is at a path in the output folder. */
export type Found =
  | { readonly kind: 'absent' }
  | { readonly kind: 'file'; readonly text: string }
  | { readonly kind: 'other'; readonly what: string };

export function probe(file: string): Found {
  try {
    const stat = lstatSync(file);
    if (stat.isFile()) return { kind: 'file', text: readFileSync(file, 'utf8') };
    return { kind: 'other', what: stat.isDirectory() ? 'a folder' : stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file' };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'other', what: code === 'ENOTDIR' ? 'inside a file' : `unreadable (${code ?? String(e)})` };
  }
}

/** The previous run's manifest: path -> hash; undefined when there is none. */
export function readManifest(dir: string): ReadonlyMap<string, string> | undefined {
  const found = probe(path.join(dir, MANIFEST));
  if (found.kind === 'absent') return undefined;
  const damaged = (why: string) =>
    new GeneratorError('OUTPUT_REFUSED', `the manifest ${path.join(dir, MANIFEST)} is damaged (${why}); delete what wsdl-tsgen wrote, or pass --force`);
  if (found.kind !== 'file') throw damaged(`it is ${found.what}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(found.text);
  } catch {
    throw damaged('not JSON');
  }
  const files = (parsed as { files?: unknown } | null)?.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) throw damaged('no "files" object');
  const out = new Map<string, string>();
  for (const [file, hash] of Object.entries(files)) {
    // A manifest is only a file in the user's folder: nothing it names may lead out of the folder.
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) throw damaged(`the hash of ${JSON.stringify(file)} is not a SHA-256`);
    if (!isInsidePath(file)) throw damaged(`${JSON.stringify(file)} is not a path inside the folder`);
    out.set(file, hash);
  }
  return out;
}

/** A relative path with `/` separators that stays inside its folder. */
function isInsidePath(file: string): boolean {
  if (file === '' || file.includes('\\') || file.includes('\0') || file.startsWith('/') || /^[A-Za-z]:/.test(file)) return false;
  return file.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/**
 * In a folder without a manifest: the first file (in name order, dist/ and node_modules/ at the
 * top skipped) that is not identical to one of `files`; undefined when there is none. Stops at
 * the first one, so a large folder (a project with .git) is not read whole.
 */
export function firstForeignFile(dir: string, files: readonly EmittedFile[]): string | undefined {
  const wanted = new Map(files.map((f) => [f.path, f.text]));
  const walk = (prefix: string): string | undefined => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(dir, prefix), { withFileTypes: true });
    } catch {
      return prefix === '' ? undefined : prefix;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (prefix === '' && NOT_GENERATED.has(e.name)) continue;
        const inner = walk(rel);
        if (inner !== undefined) return inner;
        continue;
      }
      const found = probe(path.join(dir, rel));
      if (found.kind !== 'file' || wanted.get(rel) !== found.text) return rel;
    }
    return undefined;
  };
  return walk('');
}
