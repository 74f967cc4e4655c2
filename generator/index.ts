/**
 * The programmatic API (`import { generate, loadModel } from 'wsdl-tsgen'`), for build scripts
 * and bundler plugins: what `wsdl-tsgen generate` and `wsdl-tsgen model` do, with options that
 * mirror the config file and the flags. Nothing is printed and the process is never exited: bad
 * input rejects with a GeneratorError (its `code`, its `location`), warnings are returned (and
 * passed to `onWarning` as they come).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CACHE_DIR } from './cache.ts';
import { GeneratorError } from './errors.ts';
import { DEFAULT_CONFIG, generatePackages, readPackages } from './generate.ts';
import { loadModel as loadContractModel } from './load-model.ts';
import type { Model } from './model.ts';
import type { PackageMetadata } from './package-metadata.ts';

export { GeneratorError, isGeneratorError, type GeneratorErrorCode } from './errors.ts';
export type * from './model.ts';
export type { PackageMetadata, PackagePerson, PackageRepository, PublishConfig } from './package-metadata.ts';

/** How contracts are read; the same for `generate` and `loadModel`. */
export interface ReadOptions {
  /** How long one URL may take to answer, in milliseconds (default 10000). */
  readonly timeoutMs?: number;
  /** Read contracts with mistakes other SOAP stacks accept, repairing each with a warning (`--lenient`). */
  readonly lenient?: boolean;
}

/** A contract of a package of several services (`contracts` in the config file). */
export interface ContractOptions {
  readonly wsdl: string;
  readonly binding?: string;
}

/**
 * One package, as an entry of the config file's `packages`: `wsdl` (and `binding`) or
 * `contracts`, `out`, `packageName`, and the package.json fields.
 */
export interface PackageOptions extends PackageMetadata {
  readonly wsdl?: string;
  readonly binding?: string;
  readonly contracts?: readonly ContractOptions[];
  /** The output folder. */
  readonly out: string;
  /** The npm name (default: the output folder's name). */
  readonly packageName?: string;
}

export interface GenerateOptions extends ReadOptions {
  /**
   * The packages to generate. Without them, the config file `config` is read (default
   * `wsdl-tsgen.config.json` in `cwd`); paths in it are relative to its folder.
   */
  readonly packages?: readonly PackageOptions[];
  readonly config?: string;
  /** The folder relative paths (`config`, `packages`' `wsdl` and `out`, `cache`) start from (default: process.cwd()). */
  readonly cwd?: string;
  /** Write nothing; the result's `current` says whether the output folders are up to date (`--check`). */
  readonly check?: boolean;
  /**
   * The output cache's folder, or false for none (default: node_modules/.cache/wsdl-tsgen of
   * `cwd` when `cwd` has a node_modules folder; otherwise none).
   */
  readonly cache?: string | false;
  /** Called with each warning as it comes (lenient repairs, a cache that cannot be written). */
  readonly onWarning?: (message: string) => void;
}

/** A file of a package that generating wrote (or, with `check`, would write or remove). */
export interface FileChange {
  /** Relative to the package folder, with `/`. */
  readonly path: string;
  readonly change: 'added' | 'changed' | 'removed';
}

export interface GeneratedPackage {
  /** The output folder, absolute. */
  readonly out: string;
  readonly packageName: string;
  /** Every file of the package, relative to `out`. */
  readonly files: readonly string[];
  /** What was written; with `check`, what writing would change (nothing: the folder is current). */
  readonly changes: readonly FileChange[];
  readonly operations: number;
  readonly types: number;
}

export interface GenerateResult {
  /** False only with `check`, when an output folder is not current. */
  readonly current: boolean;
  readonly packages: readonly GeneratedPackage[];
  /** Every contract document read (absolute paths or URLs): what a watcher would watch. */
  readonly sources: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Generates packages, as `wsdl-tsgen generate` does. Rejects with a GeneratorError for bad
 * input: a contract (code and location in it), a config (INVALID_CONFIG) or options (USAGE).
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const cwd = path.resolve(options.cwd ?? '.');
  if (options.packages !== undefined && options.config !== undefined) {
    throw new GeneratorError('USAGE', 'give either packages or config, not both');
  }
  if (options.packages !== undefined && !Array.isArray(options.packages)) {
    throw new GeneratorError('USAGE', 'packages must be a list of { wsdl, out, ... }');
  }
  const warnings: string[] = [];
  const result = await generatePackages({
    ...(options.packages !== undefined
      ? { packages: readPackages(options.packages, cwd) }
      : { config: path.resolve(cwd, options.config ?? DEFAULT_CONFIG) }),
    check: options.check === true,
    cache: cacheDir(options.cache, cwd),
    load: { ...readOptions(options), cwd },
    warn: (line) => {
      warnings.push(line);
      options.onWarning?.(line);
    },
  });
  return {
    current: result.current,
    packages: result.packages.map((p) => ({
      out: path.resolve(cwd, p.out),
      packageName: p.packageName,
      files: p.files,
      changes: p.differences,
      operations: p.operations,
      types: p.types,
    })),
    sources: result.sources,
    warnings,
  };
}

/**
 * A contract (file path or http(s) URL) read into the intermediate model, as `wsdl-tsgen model`
 * prints it. With `lenient`, the model's `warnings` lists the repairs.
 */
export async function loadModel(source: string, options: ReadOptions = {}): Promise<Model> {
  if (typeof source !== 'string' || source === '') throw new GeneratorError('USAGE', 'loadModel needs a contract file path or URL');
  return loadContractModel(source, readOptions(options));
}

function readOptions(options: ReadOptions): { timeoutMs?: number; lenient?: boolean } {
  const { timeoutMs, lenient } = options;
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs <= 0)) {
    throw new GeneratorError('USAGE', `timeoutMs must be a positive whole number of milliseconds, not ${String(timeoutMs)}`);
  }
  return { ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(lenient ? { lenient: true } : {}) };
}

/** As the command line does: the working folder's node_modules/.cache, when it is an npm project. */
function cacheDir(cache: string | false | undefined, cwd: string): string | false {
  if (cache === false) return false;
  if (cache !== undefined) return path.resolve(cwd, cache);
  return existsSync(path.join(cwd, 'node_modules')) ? path.join(cwd, DEFAULT_CACHE_DIR) : false;
}
