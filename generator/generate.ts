/**
 * `wsdl-tsgen generate`: contract -> model -> names -> emit -> write, for one package or for
 * every package in the config file.
 */
import path from 'node:path';
import { OutputCache, type DocumentDigest } from './cache.ts';
import type { EmitOptions, EmittedFile } from './emit/emitted.ts';
import { GeneratorError, oneLine } from './errors.ts';
import type { LoadOptions } from './load/load.ts';
import { DEFAULT_MAX_CONTRACT_BYTES, isUrl, readRegularFile, UnreadableFile } from './load/read-source.ts';
import { sourceNameOf } from './emit/source-name.ts';
import type { Binding, Model, SourceLocation } from './model.ts';
import { mergeModels } from './merge-models.ts';
import { assignPackageNames } from './names.ts';
import { checkPackageName, METADATA_KEYS, readPackageMetadata, type PackageMetadata, type ValueSource } from './package-metadata.ts';
import { formatFiles, planPackage, refusal, shownPath, writePlan, type Difference, type PackagePlan } from './write.ts';

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
  readonly packageName: string;
  /** A Markdown file whose text the generated README carries after Install (how to use the services together, say). */
  readonly readme?: string;
  /** The user's fields of the generated package.json (version, license, ...). */
  readonly metadata: PackageMetadata;
}

/** What to generate, and how; the CLI adds where its lines go (GenerateRequest). */
export interface GenerateInputs {
  /** The packages, already read (the API's `packages`); otherwise --wsdl or the config file. */
  readonly packages?: readonly PackageConfig[];
  readonly wsdl?: string;
  readonly out?: string;
  readonly packageName?: string;
  readonly binding?: string;
  /** With --wsdl: the generated package.json's fields from flags, by their config keys. */
  readonly metadata?: Readonly<Record<string, unknown>>;
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
  /** Warnings about the input (lenient repairs, a cache that cannot be written). */
  readonly warn: (line: string) => void;
}

export interface GenerateRequest extends GenerateInputs {
  readonly log: (line: string) => void;
}

/** One package generated (or, with check, compared). */
export interface PackageResult {
  /** The output folder, as the config or the flag gave it. */
  readonly out: string;
  readonly packageName: string;
  /** Every file of the package, relative to `out`. */
  readonly files: readonly string[];
  /** What was written, or with check, what writing would change. */
  readonly differences: readonly Difference[];
  readonly operations: number;
  readonly types: number;
}

export interface GenerateResult {
  /** False when --check found stale output. */
  readonly current: boolean;
  /** Every contract file the packages were generated from (for watch mode). */
  readonly sources: readonly string[];
  readonly packages: readonly PackageResult[];
}

/** generatePackages, then the lines the command prints: stale files with --check, or a summary. */
export async function runGenerate(request: GenerateRequest): Promise<GenerateResult> {
  const started = performance.now();
  const result = await generatePackages(request);
  const ms = Math.round(performance.now() - started);
  if (!result.current) {
    for (const pkg of result.packages) {
      if (pkg.differences.length === 0) continue;
      request.warn(oneLine(`${shownPath(pkg.out)} is not current (${pkg.differences.length} files differ):`));
      for (const d of pkg.differences) request.warn(oneLine(`  ${d.change}: ${shownPath(path.join(pkg.out, d.path))}`));
    }
    const fix = request.wsdl !== undefined ? 'wsdl-tsgen generate --wsdl ... --out ... (without --check)' : 'npm run generate';
    request.warn(`run "${fix}" to bring the output up to date`);
    return result;
  }
  const sum = (f: (p: PackageResult) => number) => result.packages.reduce((n, p) => n + f(p), 0);
  const verb = request.check ? 'checked' : 'generated';
  request.log(
    `wsdl-tsgen: ${verb} ${result.packages.length} package(s): ${sum((p) => p.files.length)} files, ${sum((p) => p.operations)} operations, ${sum((p) => p.types)} types in ${ms} ms`,
  );
  return result;
}

/** contract -> model -> names -> emit -> write (or compare, with check), for every package. */
export async function generatePackages(request: GenerateInputs): Promise<GenerateResult> {
  const packages =
    request.packages ?? (request.wsdl !== undefined ? [packageFromFlags(request)] : await readConfig(request.config ?? DEFAULT_CONFIG));
  let current = true;
  const results: PackageResult[] = [];
  const plans: PackagePlan[] = [];
  const sources: string[] = [];
  const cache = request.cache === false ? undefined : new OutputCache(request.cache, request.warn);
  for (const pkg of packages) {
    const { packageName, metadata } = pkg;
    const sourceName = sourceNameOf(pkg.contracts.map((c) => c.wsdl));
    const readme = pkg.readme === undefined ? undefined : await readReadme(pkg.readme);
    const options: EmitOptions = { packageName, sourceName, metadata, ...(readme !== undefined ? { readme } : {}) };
    // Contracts read strictly from local files may be known to the cache by their documents'
    // hashes, which spares building the model (see cache.ts).
    const maxBytes = request.load.maxBytes ?? DEFAULT_MAX_CONTRACT_BYTES;
    const documentsKey =
      cache !== undefined && request.load.lenient !== true && !pkg.contracts.some((c) => isUrl(c.wsdl))
        ? cache.documentsKey({ contracts: pkg.contracts, ...options, maxBytes, cwd: request.load.cwd ?? process.cwd() })
        : undefined;
    const known = documentsKey === undefined ? undefined : await cache!.readKnown(documentsKey, maxBytes);
    let emitted: EmittedFile[];
    let counts: { operations: number; types: number };
    if (known !== undefined) {
      sources.push(...known.known.documents.map((d) => d.uri));
      emitted = known.files;
      counts = known.known;
    } else {
      const models: Model[] = [];
      const bindings: Binding[] = [];
      const documents: DocumentDigest[] = [];
      // Loaded here: a run that finds its documents in the cache never reads XML.
      const { loadModelWithSources } = await import('./load-model.ts');
      for (const contract of pkg.contracts) {
        const loaded = await loadModelWithSources(contract.wsdl, request.load);
        // Lenient reading (--lenient) reports what it repaired.
        for (const w of loaded.model.warnings ?? []) request.warn(`warning: ${w}`);
        models.push(loaded.model);
        bindings.push(pickBinding(loaded.model, contract.binding));
        sources.push(...loaded.sources);
        documents.push(...loaded.documents);
      }
      const model = mergeModels(models);
      counts = { operations: bindings.reduce((n, b) => n + b.operations.length, 0), types: model.types.length };
      const emit = () => emitFormatted(model, bindings, options);
      if (cache === undefined) emitted = await emit();
      else {
        const key = cache.key({ model, bindings, ...options });
        const cached = cache.read(key);
        emitted = cached ?? (await emit());
        if (cached === undefined) cache.write(key, emitted);
        if (documentsKey !== undefined) cache.writeKnown(documentsKey, { documents, filesKey: key, ...counts });
      }
    }
    if (pkg.readme !== undefined) sources.push(pkg.readme);
    const plan = planPackage(pkg.out, emitted, request.force === true);
    if (request.check) {
      if (plan.differences.length > 0) current = false;
    } else plans.push(plan);
    results.push({
      out: pkg.out,
      packageName,
      files: plan.files.map((f) => f.path),
      differences: plan.differences,
      ...counts,
    });
  }
  // Refusals first: a conflict in the last package must not leave the first one written.
  if (request.force !== true) {
    for (const plan of plans) {
      const refused = refusal(plan);
      if (refused) throw refused;
    }
  }
  for (const plan of plans) writePlan(plan, { force: request.force === true, warn: request.warn });
  return { current, sources, packages: results };
}

/** emit -> format. Loaded only when there is something to emit: ts-morph and prettier are most of a run. */
async function emitFormatted(model: Model, bindings: readonly Binding[], options: EmitOptions): Promise<EmittedFile[]> {
  const { emitServicesPackage } = await import('./emit/package.ts');
  const names = assignPackageNames(model, bindings);
  return formatFiles(emitServicesPackage(model, bindings.map((binding, i) => ({ binding, names: names[i]! })), options));
}

/** The command line's names for the config keys that have flags. */
const FLAGS: Readonly<Record<string, string>> = {
  packageName: '--package-name',
  version: '--package-version',
  description: '--description',
  license: '--license',
  author: '--author',
  repository: '--repository',
  private: '--private',
  'publishConfig.registry': '--publish-registry',
  'publishConfig.access': '--publish-access',
  'publishConfig.tag': '--publish-tag',
};

function packageFromFlags(request: GenerateInputs): PackageConfig {
  const source: ValueSource = { name: (key) => FLAGS[key] ?? key, code: 'USAGE' };
  return {
    contracts: [{ wsdl: request.wsdl!, ...(request.binding !== undefined ? { binding: request.binding } : {}) }],
    out: request.out!,
    packageName: packageNameFor(request.out!, request.packageName, source),
    metadata: readPackageMetadata(request.metadata ?? {}, source),
  };
}

/** The config and the readme it names are small; anything larger is not what the user meant. */
const MAX_SETTINGS_FILE_BYTES = 16 * 1024 * 1024;

function reason(e: unknown): string {
  return e instanceof UnreadableFile ? e.why : String(e);
}

/** The config's README section: Markdown, line endings normalised so the output does not depend on the checkout. */
async function readReadme(file: string): Promise<string> {
  const text = await readRegularFile(file, MAX_SETTINGS_FILE_BYTES).catch((e: unknown) => {
    throw new GeneratorError('USAGE', `cannot read the readme file ${shownPath(file)} named in the config: ${reason(e)}`);
  });
  return `${text.replace(/\r\n?/g, '\n').trim()}\n`;
}

/**
 * The npm name given, or else the output folder's name made an npm name as `npm init` does (lower
 * case, other characters as `-`); either must be one npm accepts.
 */
function packageNameFor(out: string, given: string | undefined, source: ValueSource): string {
  if (given !== undefined) return checkPackageName(given, source);
  const folder = path.basename(path.resolve(out)).toLowerCase().replace(/[^a-z0-9-._~]/g, '-').replace(/^[._]+/, '').slice(0, 214);
  return checkPackageName(folder === '' ? 'generated-client' : folder, source, true);
}

export async function readConfig(file: string): Promise<PackageConfig[]> {
  const location = { file, line: 1, column: 1 };
  const text = await readRegularFile(file, MAX_SETTINGS_FILE_BYTES).catch((e: unknown) => {
    throw new GeneratorError('USAGE', `cannot read the config file ${file}: ${reason(e)}; pass --config <file> or --wsdl and --out`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new GeneratorError('INVALID_CONFIG', `the config file is not valid JSON: ${(e as Error).message}`, location);
  }
  const packages = typeof parsed === 'object' && parsed !== null ? (parsed as { packages?: unknown }).packages : undefined;
  if (!Array.isArray(packages) || packages.length === 0) {
    throw new GeneratorError('INVALID_CONFIG', 'the config file needs "packages": [{ "wsdl": ..., "out": ... }, ...]', location);
  }
  // Paths in the config are relative to its folder (absolute ones are kept as they are), so the
  // config means the same thing from any working folder.
  return readPackages(packages, path.dirname(path.resolve(file)), location);
}

/** The keys of a package entry; any other is a mistake (a misspelt "licence" would be lost). */
const ENTRY_KEYS: readonly string[] = ['wsdl', 'binding', 'contracts', 'out', 'packageName', 'readme', ...METADATA_KEYS];

/**
 * The `packages` of a config file (or given to the API), checked; relative paths are joined onto
 * `dir`. `location` is the config file's, for errors.
 */
export function readPackages(packages: readonly unknown[], dir: string, location?: SourceLocation): PackageConfig[] {
  const fail = (message: string): never => {
    throw new GeneratorError('INVALID_CONFIG', message, location);
  };
  /** `needs`: the key the object must have, named in the error. */
  const record = (value: unknown, where: string, needs: string): Record<string, unknown> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${where} must be an object with "${needs}"`);
    return value as Record<string, unknown>;
  };
  const contract = (entry: Record<string, unknown>, where: string): ContractConfig => {
    const wsdl = entry['wsdl'];
    if (typeof wsdl !== 'string') fail(`${where}.wsdl must be a string`);
    const binding = entry['binding'];
    if (binding !== undefined && typeof binding !== 'string') fail(`${where}.binding must be a string`);
    return { wsdl: isUrl(wsdl as string) ? (wsdl as string) : under(dir, wsdl as string), ...(binding !== undefined ? { binding: binding as string } : {}) };
  };
  return packages.map((p: unknown, i) => {
    const entry = record(p, `packages[${i}]`, 'out');
    const unknown = Object.keys(entry).find((k) => !ENTRY_KEYS.includes(k));
    if (unknown !== undefined) fail(`packages[${i}] has an unknown key "${unknown}" (known: ${ENTRY_KEYS.join(', ')})`);
    if (typeof entry['out'] !== 'string') fail(`packages[${i}].out must be a string`);
    const list = entry['contracts'];
    if (list !== undefined && (!Array.isArray(list) || list.length === 0)) fail(`packages[${i}].contracts must be a non-empty list of { "wsdl": ... }`);
    if (list !== undefined && (entry['wsdl'] !== undefined || entry['binding'] !== undefined)) {
      fail(`packages[${i}] has both "contracts" and "wsdl"/"binding": name each contract in "contracts"`);
    }
    const contracts = Array.isArray(list)
      ? list.map((c: unknown, j) => contract(record(c, `packages[${i}].contracts[${j}]`, 'wsdl'), `packages[${i}].contracts[${j}]`))
      : [contract(entry, `packages[${i}]`)];
    const readme = entry['readme'];
    if (readme !== undefined && typeof readme !== 'string') fail(`packages[${i}].readme must be a string`);
    const source: ValueSource = { name: (key) => `packages[${i}].${key}`, code: 'INVALID_CONFIG', location };
    const packageName = entry['packageName'];
    if (packageName !== undefined && typeof packageName !== 'string') fail(`packages[${i}].packageName must be a string`);
    const out = under(dir, entry['out'] as string);
    return {
      contracts,
      out,
      packageName: packageNameFor(out, packageName as string | undefined, source),
      ...(readme !== undefined ? { readme: under(dir, readme as string) } : {}),
      metadata: readPackageMetadata(entry, source),
    };
  });
}

/** A path of a config entry: an absolute one as it is, a relative one from the config's folder. */
function under(dir: string, file: string): string {
  return path.resolve(dir, file);
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
