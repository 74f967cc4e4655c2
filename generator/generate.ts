/**
 * `wsdl-tsgen generate`: contract -> model -> names -> emit -> write, for one package or for
 * every package in the config file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OutputCache } from './cache.ts';
import type { EmitOptions, EmittedFile } from './emit/package.ts';
import { GeneratorError, oneLine } from './errors.ts';
import type { LoadOptions } from './load/load.ts';
import { isUrl } from './load/read-source.ts';
import { sourceNameOf } from './emit/source-name.ts';
import { loadModelWithSources } from './load-model.ts';
import type { Binding, Model } from './model.ts';
import { mergeModels } from './merge-models.ts';
import { assignPackageNames } from './names.ts';
import { formatFiles, planPackage, refusal, shownPath, writePlan, type PackagePlan } from './write.ts';

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
}

export interface GenerateRequest {
  readonly wsdl?: string;
  readonly out?: string;
  readonly packageName?: string;
  readonly binding?: string;
  readonly config?: string;
  readonly check: boolean;
  /**
   * Write into a folder that has files but no manifest, and over files in the way that the
   * generator did not write or that were changed since (see ownership.ts).
   */
  readonly force?: boolean;
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
  // Every package is generated and compared with its folder before any is written, so a refused
  // folder leaves all of them untouched.
  const plans: PackagePlan[] = [];
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
    const packageName = pkg.packageName !== undefined ? checkedPackageName(pkg.packageName) : defaultPackageName(pkg.out);
    const sourceName = sourceNameOf(pkg.contracts.map((c) => c.wsdl));
    const emit = () => emitFormatted(model, bindings, { packageName, sourceName });
    let emitted: EmittedFile[];
    if (cache === undefined) emitted = await emit();
    else {
      const key = cache.key({ model, bindings, packageName, sourceName });
      const cached = cache.read(key);
      emitted = cached ?? (await emit());
      if (cached === undefined) cache.write(key, emitted);
    }
    const plan = planPackage(pkg.out, emitted, request.force === true);
    files += plan.files.length;
    operations += bindings.reduce((n, b) => n + b.operations.length, 0);
    types += model.types.length;
    if (request.check) {
      if (plan.differences.length > 0) {
        current = false;
        request.warn(oneLine(`${shownPath(pkg.out)} is not current (${plan.differences.length} files differ):`));
        for (const d of plan.differences) request.warn(oneLine(`  ${d.change}: ${shownPath(path.join(pkg.out, d.path))}`));
      }
    } else plans.push(plan);
  }
  // Refusals first: a conflict in the last package must not leave the first one written.
  if (request.force !== true) {
    for (const plan of plans) {
      const refused = refusal(plan);
      if (refused) throw refused;
    }
  }
  for (const plan of plans) writePlan(plan, { force: request.force === true, warn: request.warn });
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
  const packages = typeof parsed === 'object' && parsed !== null ? (parsed as { packages?: unknown }).packages : undefined;
  if (!Array.isArray(packages) || packages.length === 0) {
    throw new GeneratorError('INVALID_CONTRACT', 'the config file needs "packages": [{ "wsdl": ..., "out": ... }, ...]', location);
  }
  // Paths in the config are relative to its folder (absolute ones are kept as they are), so the
  // config means the same thing from any working folder.
  const dir = path.dirname(path.resolve(file));
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const contract = (entry: unknown, where: string): ContractConfig => {
    if (!isRecord(entry)) throw new GeneratorError('INVALID_CONTRACT', `${where} must be an object with "wsdl"`, location);
    const wsdl = entry['wsdl'];
    if (typeof wsdl !== 'string') throw new GeneratorError('INVALID_CONTRACT', `${where}.wsdl must be a string`, location);
    return {
      wsdl: isUrl(wsdl) ? wsdl : path.resolve(dir, wsdl),
      ...(typeof entry['binding'] === 'string' ? { binding: entry['binding'] } : {}),
    };
  };
  return packages.map((p: unknown, i) => {
    if (!isRecord(p)) throw new GeneratorError('INVALID_CONTRACT', `packages[${i}] must be an object with "out"`, location);
    const entry = p;
    if (typeof entry['out'] !== 'string') throw new GeneratorError('INVALID_CONTRACT', `packages[${i}].out must be a string`, location);
    const list = entry['contracts'];
    if (list !== undefined && (!Array.isArray(list) || list.length === 0)) {
      throw new GeneratorError('INVALID_CONTRACT', `packages[${i}].contracts must be a non-empty list of { "wsdl": ... }`, location);
    }
    const contracts = Array.isArray(list)
      ? list.map((c: unknown, j) => contract(c, `packages[${i}].contracts[${j}]`))
      : [contract(entry, `packages[${i}]`)];
    return {
      contracts,
      out: path.resolve(dir, entry['out'] as string),
      ...(typeof entry['packageName'] === 'string' ? { packageName: entry['packageName'] } : {}),
    };
  });
}

/**
 * The npm name of a package, as npm accepts it (lower case, URL-safe, optionally scoped): it is
 * written into package.json, the README and import examples, so anything else is refused.
 */
function checkedPackageName(name: string): string {
  if (name.length <= 214 && /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(name)) return name;
  throw new GeneratorError('USAGE', `"${name}" is not a valid npm package name (lower case letters, digits, - . _ ~, optionally @scope/)`);
}

/** The output folder's name made an npm name, as `npm init` does: lower case, other characters as `-`. */
function defaultPackageName(out: string): string {
  const name = path.basename(path.resolve(out)).toLowerCase().replace(/[^a-z0-9-._~]/g, '-').replace(/^[._]+/, '').slice(0, 214);
  return name === '' ? 'generated-client' : name;
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
