/**
 * The last stage: format with prettier (a pinned config object, so output does not depend on
 * any .prettierrc on the machine) and write to disk, or compare with what is there (--check).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { Options as PrettierOptions } from 'prettier';
import type { EmittedFile } from './emit/package.ts';

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

/** Folders inside a package that belong to its build and install, never to the generator. */
const NOT_GENERATED = new Set(['dist', 'node_modules']);

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

// The package is read and written with synchronous calls: a few dozen small files, where handing
// each call to the thread pool costs more than the call (much more on a busy machine).

/** What writing `files` into `dir` would change. */
export async function diffPackage(dir: string, files: readonly EmittedFile[]): Promise<Difference[]> {
  const out: Difference[] = [];
  const wanted = new Set(files.map((f) => f.path));
  const existing = listFiles(dir);
  const present = new Set(existing);
  for (const f of files) {
    const current = present.has(f.path) ? readOrUndefined(path.join(dir, f.path)) : undefined;
    if (current === undefined) out.push({ path: f.path, change: 'added' });
    else if (current !== f.text) out.push({ path: f.path, change: 'changed' });
  }
  for (const e of existing) {
    if (!wanted.has(e)) out.push({ path: e, change: 'removed' });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes the differences: new and changed files, and removes files the generator no longer makes. */
export async function writePackage(dir: string, files: readonly EmittedFile[], differences: readonly Difference[]): Promise<void> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const made = new Set<string>();
  for (const d of differences) {
    const target = path.join(dir, d.path);
    if (d.change === 'removed') {
      rmSync(target);
      continue;
    }
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(target, byPath.get(d.path)!.text);
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(dir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!(prefix === '' && NOT_GENERATED.has(e.name))) out.push(...listFiles(dir, rel));
    } else out.push(rel);
  }
  return out;
}
