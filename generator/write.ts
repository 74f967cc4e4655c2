/**
 * The last stage: format with prettier (a pinned config object, so output does not depend on
 * any .prettierrc on the machine) and write to disk, or compare with what is there (--check).
 *
 * Most files arrive already formatted: TypeScript printed by the built-in printer (emit/print/),
 * JSON and the READMEs' markdown printed here the way prettier prints them, and the runtime
 * templates formatted once when the generator is built (format-runtime.ts). prettier itself is
 * loaded only for what is left.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options } from 'prettier';
import type { EmittedFile } from './emit/package.ts';
import { Unsupported } from './emit/print/doc.ts';
import { builtInPrinterOff } from './emit/ts-file.ts';
import { formatJson } from './emit/print/json.ts';
import { formatMarkdown } from './emit/print/markdown.ts';

export const PRETTIER_OPTIONS: Options = {
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

export async function formatFiles(files: readonly EmittedFile[]): Promise<EmittedFile[]> {
  return Promise.all(
    files.map(async (f): Promise<EmittedFile> => {
      const parser = parserFor(f.path);
      if (f.formatted || !parser) return f;
      const fast = formatFast(f.text, parser);
      if (fast !== undefined) return { path: f.path, text: fast };
      if (process.env['WSDL_TSGEN_DEBUG_PRINTER']) process.stderr.write(`wsdl-tsgen: ${f.path}: formatted by prettier\n`);
      return { path: f.path, text: await formatWithPrettier(f.text, parser) };
    }),
  );
}

/** The text formatted without prettier, or undefined where that is not done. */
function formatFast(text: string, parser: string): string | undefined {
  if (builtInPrinterOff()) return undefined;
  if (parser === 'json' || parser === 'markdown') {
    try {
      return parser === 'json' ? formatJson(text) : formatMarkdown(text);
    } catch (e) {
      if (e instanceof Unsupported) return undefined;
      throw e;
    }
  }
  if (parser === 'babel-ts') {
    // A runtime template behind its one-line banner, formatted when the generator was built.
    const newline = text.indexOf('\n\n');
    if (newline < 0 || !text.startsWith('//') || text.slice(0, newline).includes('\n')) return undefined;
    const formatted = formattedTemplates().get(templateKey(text.slice(newline + 2)));
    return formatted === undefined ? undefined : `${text.slice(0, newline)}\n\n${formatted}`;
  }
  return undefined;
}

export async function formatWithPrettier(text: string, parser: string): Promise<string> {
  const prettier = await import('prettier');
  return prettier.format(text, { ...PRETTIER_OPTIONS, parser });
}

// ---------------------------------------------------------------------------------------------
// Runtime templates formatted at build time (see format-runtime.ts).

export const FORMATTED_TEMPLATES_FILE = 'runtime-formatted.json';

export interface FormattedTemplates {
  /** The prettier version and options they were formatted with: a mismatch makes them unusable. */
  readonly formatter: string;
  /** Formatted text by the hash of the unformatted text (see templateKey). */
  readonly entries: Record<string, string>;
}

export function templateKey(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What the entries were formatted with; read without loading prettier. */
export function formatterId(): string {
  const main = createRequire(import.meta.url).resolve('prettier');
  let dir = path.dirname(main);
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  const version = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  return `prettier ${version} ${JSON.stringify(PRETTIER_OPTIONS)}`;
}

/** Where the build writes the formatted templates: dist/generator/, found from source or from dist/. */
export function formattedTemplatesPath(): string | undefined {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'dist', 'generator', FORMATTED_TEMPLATES_FILE);
    if (existsSync(candidate)) return candidate;
    const beside = path.join(dir, FORMATTED_TEMPLATES_FILE);
    if (path.basename(dir) === 'generator' && path.basename(path.dirname(dir)) === 'dist' && existsSync(beside)) return beside;
    if (path.dirname(dir) === dir) return undefined;
  }
}

let templates: Map<string, string> | undefined;

function formattedTemplates(): Map<string, string> {
  if (templates) return templates;
  templates = new Map();
  const file = formattedTemplatesPath();
  if (!file) return templates;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as FormattedTemplates;
    if (data.formatter === formatterId()) templates = new Map(Object.entries(data.entries));
  } catch {
    // An unreadable file: every template is formatted with prettier instead.
  }
  return templates;
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
