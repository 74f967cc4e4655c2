/**
 * The last stage: format with prettier (a pinned config object, so output does not depend on
 * any .prettierrc on the machine) and write to disk, or compare with what is there (--check).
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import type { EmittedFile } from './emit/package.ts';

export const PRETTIER_OPTIONS: prettier.Options = {
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
};

/** Folders inside a package that belong to its build and install, never to the generator. */
const NOT_GENERATED = new Set(['dist', 'node_modules']);

export async function formatFiles(files: readonly EmittedFile[]): Promise<EmittedFile[]> {
  return Promise.all(
    files.map(async (f) => {
      const parser = f.path.endsWith('.ts') ? 'babel-ts' : f.path.endsWith('.json') ? 'json' : f.path.endsWith('.md') ? 'markdown' : undefined;
      return parser ? { path: f.path, text: await prettier.format(f.text, { ...PRETTIER_OPTIONS, parser }) } : f;
    }),
  );
}

export interface Difference {
  readonly path: string;
  readonly change: 'added' | 'changed' | 'removed';
}

/** What writing `files` into `dir` would change. */
export async function diffPackage(dir: string, files: readonly EmittedFile[]): Promise<Difference[]> {
  const out: Difference[] = [];
  const wanted = new Set(files.map((f) => f.path));
  for (const f of files) {
    const current = await readFile(path.join(dir, f.path), 'utf8').catch(() => undefined);
    if (current === undefined) out.push({ path: f.path, change: 'added' });
    else if (current !== f.text) out.push({ path: f.path, change: 'changed' });
  }
  for (const existing of await listFiles(dir)) {
    if (!wanted.has(existing)) out.push({ path: existing, change: 'removed' });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Writes the differences: new and changed files, and removes files the generator no longer makes. */
export async function writePackage(dir: string, files: readonly EmittedFile[], differences: readonly Difference[]): Promise<void> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const d of differences) {
    const target = path.join(dir, d.path);
    if (d.change === 'removed') {
      await rm(target);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, byPath.get(d.path)!.text);
  }
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!(prefix === '' && NOT_GENERATED.has(e.name))) out.push(...(await listFiles(dir, rel)));
    } else out.push(rel);
  }
  return out;
}
