/**
 * `wsdl-tsgen generate`: contract -> model -> names -> emit -> write, for one package or for
 * every package in the config file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OutputCache } from './cache.ts';
import type { EmitOptions, EmittedFile } from './emit/package.ts';
import { GeneratorError } from './errors.ts';
import type { LoadOptions } from './load/load.ts';
import { isUrl } from './load/read-source.ts';
import { loadModelWithSources } from './load-model.ts';
import type { Binding, Model } from './model.ts';
import { mergeModels } from './merge-models.ts';
import { assignPackageNames } from './names.ts';
import { diffPackage, formatFiles, writePackage } from './write.ts';

export const DEFAULT_CONFIG = 'wsdl-tsgen.config.json';

/** One contract of a package, and which of its bindings to generate from. */
export interface ContractConfig {
  readonly wsdl: string;
  readonly binding?: string;
}

/**
 * One package. In the config file either `wsdl` (and `binding`) for a single contract, or
 * `contracts: [{ wsdl, binding? }, ...]` for several services built into one package.
 */
export interface PackageConfig {
  readonly contracts: readonly ContractConfig[];
  readonly out: string;
  readonly packageName?: string;
  /** A Markdown file whose text the generated README carries after Install (how to use the services together, say). */
  readonly readme?: string;
}

export interface GenerateRequest {
  readonly wsdl?: string;
  readonly out?: string;
  readonly packageName?: string;
  readonly binding?: string;
  readonly config?: string;
  readonly check: boolean;
  /** The output cache's folder (see cache.ts), or false for none. */
  readonly cache: string | false;
  readonly load: LoadOptions;
  readonly log: (line: string) => void;
  readonly warn: (line: string) => void;
}

export interface GenerateResult {
  /** False when --check found stale output. */
  readonly current: boolean;
  /** Every contract file the packages were generated from (for watch mode). */
  readonly sources: readonly string[];
}

export async function runGenerate(request: GenerateRequest): Promise<GenerateResult> {
  const started = performance.now();
  const packages = request.wsdl !== undefined ? [packageFromFlags(request)] : await readConfig(request.config ?? DEFAULT_CONFIG);
  let current = true;
  let files = 0;
  let operations = 0;
  let types = 0;
  const sources: string[] = [];
  const cache = request.cache === false ? undefined : new OutputCache(request.cache, request.warn);
  for (const pkg of packages) {
    const models: Model[] = [];
    const bindings: Binding[] = [];
    for (const contract of pkg.contracts) {
      const loaded = await loadModelWithSources(contract.wsdl, request.load);
      // Lenient reading (--lenient) reports what it repaired.
      for (const w of loaded.model.warnings ?? []) request.warn(`warning: ${w}`);
      models.push(loaded.model);
      bindings.push(pickBinding(loaded.model, contract.binding));
      sources.push(...loaded.sources);
    }
    const model = mergeModels(models);
    const packageName = pkg.packageName ?? path.basename(path.resolve(pkg.out));
    const sourceName = pkg.contracts.map((c) => displayPath(c.wsdl)).join(', ');
    const readme = pkg.readme === undefined ? undefined : await readReadme(pkg.readme);
    if (pkg.readme !== undefined) sources.push(pkg.readme);
    const options: EmitOptions = { packageName, sourceName, ...(readme !== undefined ? { readme } : {}) };
    const emit = () => emitFormatted(model, bindings, options);
    let emitted: EmittedFile[];
    if (cache === undefined) emitted = await emit();
    else {
      const key = cache.key({ model, bindings, ...options });
      const cached = cache.read(key);
      emitted = cached ?? (await emit());
      if (cached === undefined) cache.write(key, emitted);
    }
    const differences = await diffPackage(pkg.out, emitted);
    files += emitted.length;
    operations += bindings.reduce((n, b) => n + b.operations.length, 0);
    types += model.types.length;
    if (request.check) {
      if (differences.length > 0) {
        current = false;
        request.warn(`${pkg.out} is not current (${differences.length} files differ):`);
        for (const d of differences) request.warn(`  ${d.change}: ${path.join(pkg.out, d.path)}`);
      }
    } else {
      await writePackage(pkg.out, emitted, differences);
    }
  }
  const ms = Math.round(performance.now() - started);
  if (!current) {
    const fix = request.wsdl !== undefined ? 'wsdl-tsgen generate --wsdl ... --out ... (without --check)' : 'npm run generate';
    request.warn(`run "${fix}" to bring the output up to date`);
    return { current: false, sources };
  }
  const verb = request.check ? 'checked' : 'generated';
  request.log(`wsdl-tsgen: ${verb} ${packages.length} package(s): ${files} files, ${operations} operations, ${types} types in ${ms} ms`);
  return { current: true, sources };
}

/** emit -> format. Loaded only when there is something to emit: ts-morph and prettier are most of a run. */
async function emitFormatted(model: Model, bindings: readonly Binding[], options: EmitOptions): Promise<EmittedFile[]> {
  const { emitServicesPackage } = await import('./emit/package.ts');
  const names = assignPackageNames(model, bindings);
  return formatFiles(emitServicesPackage(model, bindings.map((binding, i) => ({ binding, names: names[i]! })), options));
}

function packageFromFlags(request: GenerateRequest): PackageConfig {
  return {
    contracts: [{ wsdl: request.wsdl!, ...(request.binding !== undefined ? { binding: request.binding } : {}) }],
    out: request.out!,
    ...(request.packageName !== undefined ? { packageName: request.packageName } : {}),
  };
}

/** The config's README section: Markdown, line endings normalised so the output does not depend on the checkout. */
async function readReadme(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new GeneratorError('USAGE', `cannot read the readme file ${displayPath(file)} named in the config`);
  });
  return `${text.replace(/\r\n?/g, '\n').trim()}\n`;
}

/** How a contract is named in generated files: relative to the working folder, or its URL. */
function displayPath(wsdl: string): string {
  return isUrl(wsdl) ? wsdl : path.relative(process.cwd(), path.resolve(wsdl)).split(path.sep).join('/');
}

export async function readConfig(file: string): Promise<PackageConfig[]> {
  const location = { file, line: 1, column: 1 };
  const text = await readFile(file, 'utf8').catch(() => {
    throw new GeneratorError('USAGE', `cannot read the config file ${file}; pass --config <file> or --wsdl and --out`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new GeneratorError('INVALID_CONTRACT', `the config file is not valid JSON: ${(e as Error).message}`, location);
  }
  const packages = (parsed as { packages?: unknown }).packages;
  if (!Array.isArray(packages) || packages.length === 0) {
    throw new GeneratorError('INVALID_CONTRACT', 'the config file needs "packages": [{ "wsdl": ..., "out": ... }, ...]', location);
  }
  const dir = path.dirname(file);
  const contract = (entry: Record<string, unknown>, where: string): ContractConfig => {
    const wsdl = entry['wsdl'];
    if (typeof wsdl !== 'string') throw new GeneratorError('INVALID_CONTRACT', `${where}.wsdl must be a string`, location);
    return {
      wsdl: isUrl(wsdl) ? wsdl : path.join(dir, wsdl),
      ...(typeof entry['binding'] === 'string' ? { binding: entry['binding'] } : {}),
    };
  };
  return packages.map((p: unknown, i) => {
    const entry = p as Record<string, unknown>;
    if (typeof entry['out'] !== 'string') throw new GeneratorError('INVALID_CONTRACT', `packages[${i}].out must be a string`, location);
    const list = entry['contracts'];
    if (list !== undefined && (!Array.isArray(list) || list.length === 0)) {
      throw new GeneratorError('INVALID_CONTRACT', `packages[${i}].contracts must be a non-empty list of { "wsdl": ... }`, location);
    }
    const contracts = Array.isArray(list)
      ? list.map((c: unknown, j) => contract(c as Record<string, unknown>, `packages[${i}].contracts[${j}]`))
      : [contract(entry, `packages[${i}]`)];
    const readme = entry['readme'];
    if (readme !== undefined && typeof readme !== 'string') throw new GeneratorError('INVALID_CONTRACT', `packages[${i}].readme must be a string`, location);
    return {
      contracts,
      out: path.join(dir, entry['out'] as string),
      ...(typeof entry['packageName'] === 'string' ? { packageName: entry['packageName'] } : {}),
      ...(readme !== undefined ? { readme: path.join(dir, readme) } : {}),
    };
  });
}

/** The binding named, or the first SOAP binding of the contract. */
export function pickBinding(model: Model, name: string | undefined): Binding {
  if (name === undefined) return model.bindings[0]!;
  const found = model.bindings.find((b) => b.name.name === name);
  if (!found) {
    throw new GeneratorError('USAGE', `no SOAP binding named ${name}; the contract has ${model.bindings.map((b) => b.name.name).join(', ')}`);
  }
  return found;
}
