/**
 * The last stage: format with prettier (a pinned config object, so output does not depend on
 * any .prettierrc on the machine) and write to disk, or compare with what is there (--check).
 * What may be replaced or removed in the output folder is decided in ownership.ts.
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Options as PrettierOptions } from 'prettier';
import type { EmittedFile } from './emit/emitted.ts';
import { GeneratorError } from './errors.ts';
import { firstForeignFile, MANIFEST, manifestFile, probe, readManifest, sha256 } from './ownership.ts';

export const PRETTIER_OPTIONS: PrettierOptions = {
  printWidth: 120,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: true,
  quoteProps: 'as-needed',
  trailingComma: 'all',
  bracketSpacing: true,
  arrowParens: 'always',
  endOfLine: 'lf',
  proseWrap: 'preserve',
  // Code blocks in READMEs are kept as the emitter writes them.
  embeddedLanguageFormatting: 'off',
};

function parserFor(file: string): string | undefined {
  return file.endsWith('.ts') ? 'babel-ts' : file.endsWith('.json') ? 'json' : file.endsWith('.md') ? 'markdown' : undefined;
}

/**
 * Formats every file not yet formatted. prettier is loaded here, when there is work for it. One
 * file at a time: concurrent calls would hold every file's syntax tree at once.
 */
export async function formatFiles(files: readonly EmittedFile[]): Promise<EmittedFile[]> {
  const prettier = await import('prettier');
  const out: EmittedFile[] = [];
  for (const f of files) {
    const parser = parserFor(f.path);
    const text = f.formatted || parser === undefined ? f.text : await prettier.format(f.text, { ...PRETTIER_OPTIONS, parser });
    out.push({ path: f.path, text });
  }
  return out;
}

export interface Difference {
  readonly path: string;
  readonly change: 'added' | 'changed' | 'removed';
}

/** What writing a package into its folder would do, worked out before anything is touched. */
export interface PackagePlan {
  readonly dir: string;
  /** The generated files and, last, the manifest listing them. */
  readonly files: readonly EmittedFile[];
  /** What differs from the folder: what --check reports and writing changes. */
  readonly differences: readonly Difference[];
  /** Files in the way that the generator did not write, or wrote and the user changed since: refused without --force. */
  readonly conflicts: readonly { readonly path: string; readonly why: string }[];
  /** Listed files no longer generated but changed since: left in place. */
  readonly kept: readonly string[];
  /** For a folder with files but no manifest: one file in it that is not one the generator would write. */
  readonly foreign?: string;
}

// The package is read and written with synchronous calls: a few dozen small files, where handing
// each call to the thread pool costs more than the call (much more on a busy machine).

/** Compares the files of a package with its folder (see ownership.ts for the rules). */
/** `force`: a damaged manifest counts as none (--force writes over it) instead of an error. */
export function planPackage(dir: string, emitted: readonly EmittedFile[], force = false): PackagePlan {
  const top = probe(dir);
  if (top.kind === 'file') throw new GeneratorError('OUTPUT_REFUSED', `the output folder ${shownPath(dir)} is a file, not a folder`);
  if (top.kind === 'other' && top.what !== 'a folder') {
    // A link to a folder is followed; anything else cannot hold a package.
    let isFolder = false;
    try {
      isFolder = statSync(dir).isDirectory();
    } catch {
      // isFolder stays false
    }
    if (!isFolder) throw new GeneratorError('OUTPUT_REFUSED', `the output folder ${shownPath(dir)} is ${top.what}, not a folder`);
  }
  const files = [...emitted.filter((f) => f.path !== MANIFEST), manifestFile(emitted)];
  const previous = top.kind === 'absent' ? undefined : readManifestUnlessForced(dir, force);
  const differences: Difference[] = [];
  const conflicts: { path: string; why: string }[] = [];
  for (const f of files) {
    const found = probe(path.join(dir, f.path));
    if (found.kind === 'absent') differences.push({ path: f.path, change: 'added' });
    else if (found.kind === 'other') {
      differences.push({ path: f.path, change: 'changed' });
      conflicts.push({ path: f.path, why: `it is ${found.what}` });
    } else if (found.text !== f.text) {
      differences.push({ path: f.path, change: 'changed' });
      // The manifest itself is the generator's whenever there was one to read.
      const owned = f.path === MANIFEST ? previous !== undefined : previous?.get(f.path) === sha256(found.text);
      if (!owned) {
        conflicts.push({ path: f.path, why: previous?.has(f.path) ? 'it was changed since wsdl-tsgen wrote it' : 'wsdl-tsgen did not write it' });
      }
    }
  }
  const kept: string[] = [];
  const wanted = new Set(files.map((f) => f.path));
  for (const [listed, hash] of previous ?? []) {
    if (wanted.has(listed)) continue;
    const found = probe(path.join(dir, listed));
    if (found.kind === 'absent') continue;
    differences.push({ path: listed, change: 'removed' });
    if (found.kind !== 'file' || sha256(found.text) !== hash) kept.push(listed);
  }
  const foreign = top.kind !== 'absent' && previous === undefined ? firstForeignFile(dir, files) : undefined;
  differences.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { dir, files, differences, conflicts, kept, ...(foreign !== undefined ? { foreign } : {}) };
}

/** Why writing a plan without --force is refused (one line), or undefined when it is not. */
export function refusal(plan: PackagePlan): GeneratorError | undefined {
  if (plan.foreign !== undefined) {
    return new GeneratorError(
      'OUTPUT_REFUSED',
      `${shownPath(plan.dir)} is not empty and was not written by wsdl-tsgen (it holds ${plan.foreign}); generate into a new or empty folder, or pass --force`,
    );
  }
  const first = plan.conflicts[0];
  if (!first) return undefined;
  const more = plan.conflicts.length > 1 ? ` (and ${plan.conflicts.length - 1} more)` : '';
  return new GeneratorError('OUTPUT_REFUSED', `will not overwrite ${shownPath(path.join(plan.dir, first.path))}: ${first.why}${more}; move it away, or pass --force`);
}

/**
 * Writes a plan: new and changed files, then the manifest (atomically, by renaming a complete
 * copy over it), then removes listed files no longer generated that are unchanged. Refuses,
 * touching nothing, a folder it does not own or a file in the way, unless `force`.
 */
export function writePlan(plan: PackagePlan, options: { readonly force: boolean; readonly warn: (line: string) => void }): void {
  const { dir } = plan;
  const refused = options.force ? undefined : refusal(plan);
  if (refused) throw refused;
  const byPath = new Map(plan.files.map((f) => [f.path, f]));
  const kept = new Set(plan.kept);
  const made = new Set<string>();
  const attempt = (target: string, action: () => void) => {
    try {
      action();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new GeneratorError('WRITE_FAILED', `cannot write ${shownPath(target)}: ${code}`, undefined, { cause: e });
    }
  };
  const changes = plan.differences.filter((d) => d.change !== 'removed' && d.path !== MANIFEST);
  for (const d of changes) {
    const target = path.join(dir, d.path);
    const folder = path.dirname(target);
    attempt(target, () => {
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      // --force: whatever is in the way (a folder, a link) goes; a link is replaced, not followed.
      if (probe(target).kind === 'other') rmSync(target, { recursive: true, force: true });
      writeFileSync(target, byPath.get(d.path)!.text);
    });
  }
  if (plan.differences.some((d) => d.path === MANIFEST) || changes.length > 0) {
    const target = path.join(dir, MANIFEST);
    const partial = `${target}.${process.pid}.tmp`;
    attempt(target, () => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(partial, byPath.get(MANIFEST)!.text);
      renameSync(partial, target);
    });
  }
  for (const d of plan.differences) {
    if (d.change !== 'removed') continue;
    const target = path.join(dir, d.path);
    if (kept.has(d.path)) {
      options.warn(`warning: kept ${shownPath(target)}: wsdl-tsgen no longer generates it, but it was changed since it was written; it is yours now`);
      continue;
    }
    attempt(target, () => rmSync(target));
  }
}

function readManifestUnlessForced(dir: string, force: boolean): ReadonlyMap<string, string> | undefined {
  try {
    return readManifest(dir);
  } catch (e) {
    if (force && e instanceof GeneratorError) return undefined;
    throw e;
  }
}

/** A path as messages show it: relative to the working folder when inside it, otherwise absolute. */
export function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(file) : rel;
}
