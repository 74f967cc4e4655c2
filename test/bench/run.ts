/**
 * `npm run bench`: the generated User package against node-soap and wsdl-tsclient, side by side.
 *
 *   npm run bench                 every row (several minutes)
 *   npm run bench -- --quick      fewer rounds, for a quick look (the results file is left as it is)
 *   npm run bench -- --only parse,serialize,cold,generate,scale-generate,scale-parse,parse-shapes
 *
 * How the rows are measured, so that their ratios hold still on a shared, noisy machine:
 * - parse, serialize, parse shapes and parse scaling: both sides in one process
 *   (children/micro.mjs), alternating every round, at least 30 rounds after a warm-up (the
 *   100,000-record scaling row, seconds per round, fewer); a row's ratio is the median of the
 *   per-round ratios, shown with their interquartile range, and the row passes on that median;
 * - cold start and generate: whole processes, alternating, one of each per round; again the
 *   median of the per-round ratios, with its interquartile range (min–max under 8 rounds).
 * The times shown next to a ratio are each side's median.
 * Before timing anything it checks that both sides compute the same thing. Results go to
 * test/bench/results/latest.{json,md}.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as soap from 'soap';
import type { MessageDesc, ServiceDesc } from '../../templates/runtime/schema.ts';
import { sharedPath } from '../support/shared.ts';
import { messageFromNodeSoap } from './correctness.ts';
import { alternate, median, perRound, runNode, spreadOf, type Case, type Rounds, type Spread } from './harness.ts';
import { writeSyntheticContract } from './synthetic.ts';

const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BENCH = path.join(ROOT, 'test/bench');
const WORK = path.join(BENCH, '.work');
const RESULTS = path.join(BENCH, 'results');
const WSDL = path.join(ROOT, 'wsdl/User.wsdl');
const PACKAGE_SRC = path.join(ROOT, 'output/services86-user');
const PACKAGE_DIR = path.join(WORK, 'pkg');
const PACKAGE_JS = path.join(PACKAGE_DIR, 'dist/index.js');
const ENVELOPE = sharedPath('bench/make-envelope.cjs');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const TSCLIENT = path.join(ROOT, 'node_modules/wsdl-tsclient/dist/src/cli.js');
const OUR_CLI = path.join(ROOT, 'dist/generator/cli.js');
const require = createRequire(import.meta.url);
const { envelope } = require(ENVELOPE) as { envelope: (records: number) => string };

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' } } });
const QUICK = flags.quick === true;
const ONLY = flags.only ? new Set(flags.only.split(',')) : undefined;
const rounds = (warmup: number, reps: number): Rounds => (QUICK ? { warmup: Math.min(warmup, 1), reps: Math.max(2, Math.ceil(reps / 3)) } : { warmup, reps });

/** What the benchmark uses of the generated package (compiled JavaScript, imported at run time). */
interface UserPackage {
  service: ServiceDesc;
  operations: Record<string, { input: MessageDesc; output?: MessageDesc }>;
  parseGetUserInfoListResponse(xml: string, options?: { limits?: object }): { body: { Response?: unknown[] | null }; headers: object };
  serializeSaveServiceAuthRequest(body: object): string;
  serializeGetUserInfoListRequest(body: object): string;
}

interface Row {
  readonly row: string;
  readonly input: string;
  readonly ours: string;
  readonly peer: string;
  /** The median of the per-round ratios ours / peer (or the row's own ratio, see `metric`). */
  readonly ratio: number;
  /** How the per-round ratios spread. */
  readonly spread: Spread;
  readonly metric: string;
  readonly target: string;
  readonly pass: boolean;
}

const rows: Row[] = [];
const raw: Record<string, unknown> = {};
const want = (name: string) => !ONLY || ONLY.has(name);

const ms = (v: number) => (v >= 100 ? `${v.toFixed(0)} ms` : v >= 1 ? `${v.toFixed(1)} ms` : `${(v * 1000).toFixed(1)} µs`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const x = (r: number) => `${r.toFixed(r < 1 ? 3 : 2)}x`;

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

// ---------------------------------------------------------------------------------------------
// Set-up: the generator and the package, compiled as users get them.

function prepare(): void {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  log('bench: building the generator (npm run build)');
  execFileSync(process.execPath, [TSC, '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  // The package built as its users build it: a copy of output/services86-user, with this
  // project's node_modules (TypeScript, esbuild, saxes) beside it, and its own `npm run build`.
  log('bench: building a copy of output/services86-user in test/bench/.work/pkg (its npm run build)');
  cpSync(PACKAGE_SRC, PACKAGE_DIR, { recursive: true, filter: (from) => !['dist', 'node_modules'].includes(path.basename(from)) });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(PACKAGE_DIR, 'node_modules'), 'dir');
  execFileSync('npm', ['run', '-s', 'build'], { cwd: PACKAGE_DIR, stdio: 'inherit' });
}

async function soapClient(): Promise<soap.Client> {
  return soap.createClientAsync(WSDL, { handleNilAsNull: true });
}

/** node-soap's own request serialization, as its client does it for an operation. */
function soapSerializer(client: soap.Client, operation: string): (args: object) => string {
  const wsdl = client.wsdl as unknown as {
    definitions: { bindings: Record<string, { methods: Record<string, { input: Record<string, string> }> }> };
    objectToDocumentXML(name: string, params: object, nsPrefix: string, nsURI: string, type: string): string;
  };
  const input = wsdl.definitions.bindings['BasicHttpBinding_User']!.methods[operation]!.input;
  return (args) => wsdl.objectToDocumentXML(input['$name']!, args, input['targetNSAlias']!, input['targetNamespace']!, (input['$type'] ?? input['$lookupType'])!);
}

// ---------------------------------------------------------------------------------------------
// Correctness first.

function checkCorrectness(pkg: UserPackage, client: soap.Client): void {
  const xml = envelope(1000);
  const ours = pkg.parseGetUserInfoListResponse(xml);
  const theirs = messageFromNodeSoap(pkg.service.schema, pkg.operations['GetUserInfoList']!.output!, client.wsdl.xmlToObject(xml));
  assert.equal(ours.body.Response?.length, 1000, 'ours read 1,000 records');
  assert.deepStrictEqual(ours, theirs, 'our parse of GetUserInfoListResponse equals node-soap\'s, mapped to typed values');

  // Requests: node-soap reads back what each side wrote, and reads the same.
  const read = (envelopeXml: string, element: string) =>
    (client.wsdl.xmlToObject(envelopeXml) as { Body: Record<string, unknown> }).Body[element];
  const wrap = (body: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;
  for (const [op, ourBody, soapArgs] of requestCases()) {
    const ourXml = op === 'SaveServiceAuth' ? pkg.serializeSaveServiceAuthRequest(ourBody) : pkg.serializeGetUserInfoListRequest(ourBody);
    assert.deepStrictEqual(read(ourXml, op), read(wrap(soapSerializer(client, op)(soapArgs)), op), `${op}: node-soap reads our request as its own`);
  }
  log('bench: correctness checked (parse equals node-soap\'s; requests read back equal)');
}

const { requests } = require(path.join(BENCH, 'children/cases.cjs')) as { requests: Record<string, [string, object, object]> };

function requestCases(): [string, object, object][] {
  return Object.values(requests);
}

// ---------------------------------------------------------------------------------------------
// Rows.

/** One row's input and its per-round ratios, as a table row. */
function row(fields: Omit<Row, 'ratio' | 'spread' | 'pass'>, ratios: readonly number[], limit?: number): Row {
  const ratio = median(ratios);
  return { ...fields, ratio, spread: spreadOf(ratios), pass: limit === undefined || ratio <= limit };
}

interface MicroResult {
  /** Per case, milliseconds per call, one sample per timed round (in round order). */
  readonly cases: Record<string, number[]>;
  /** Per case, the bytes of its document (parse shapes and scaling). */
  readonly bytes: Record<string, number>;
}

/** An in-process row (children/micro.mjs): every case in one fresh process, alternating every round. */
function micro(rowName: string, r: Rounds, nodeFlags: readonly string[] = []): MicroResult {
  const stdout = execFileSync(
    process.execPath,
    [...nodeFlags, path.join(BENCH, 'children/micro.mjs'), rowName, PACKAGE_JS, WSDL, ENVELOPE, String(r.warmup), String(r.reps)],
    { encoding: 'utf8', cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as MicroResult;
  raw[`micro ${rowName}`] = result;
  return result;
}

/** In-process rows: 5 warm-up rounds, then 35 rounds. */
const MICRO_ROUNDS: Rounds = QUICK ? { warmup: 2, reps: 12 } : { warmup: 5, reps: 35 };

function benchParse(): void {
  const xml = envelope(1000);
  const { cases } = micro('parse', MICRO_ROUNDS);
  const [ours, soapSide, saxesSide] = [cases['ours']!, cases['node-soap']!, cases['saxes']!];
  const input = `GetUserInfoListResponse, 1,000 records (${(Buffer.byteLength(xml) / 1e6).toFixed(2)} MB)`;
  const common = { row: 'parse', input, ours: ms(median(ours)), metric: 'ours / peer' };
  rows.push(row({ ...common, peer: `node-soap xmlToObject ${ms(median(soapSide))}`, target: '<= 0.2 (5x faster)' }, perRound(ours, soapSide), 0.2));
  rows.push(row({ ...common, peer: `saxes, default options, tokenizing alone ${ms(median(saxesSide))}`, target: '<= 1.2' }, perRound(ours, saxesSide), 1.2));
}

function benchSerialize(): void {
  for (const name of ['ser-save', 'ser-ids'] as const) {
    const { cases } = micro(name, MICRO_ROUNDS);
    const [ours, peer] = [cases['ours']!, cases['node-soap']!];
    const input = name === 'ser-save' ? 'SaveServiceAuth request, all six fields' : 'GetUserInfoList request, 1,000 ids';
    rows.push(
      row(
        { row: 'serialize', input, ours: ms(median(ours)), peer: `node-soap objectToDocumentXML ${ms(median(peer))}`, metric: 'ours / peer', target: '<= 0.1 (10x faster)' },
        perRound(ours, peer),
        0.1,
      ),
    );
  }
}

interface ColdSample {
  wall: number;
  inside: number;
}

function benchCold(): void {
  const rss = path.join(WORK, 'cold.rss');
  const child = (script: string, arg?: string): ColdSample => {
    const r = runNode([path.join(BENCH, 'children', script), ...(arg ? [arg] : [])], { rssFile: rss, cwd: WORK });
    const out = JSON.parse(r.stdout) as { start: number; end: number };
    return { wall: r.wallMs, inside: out.end - out.start };
  };
  const collected: Record<string, ColdSample[]> = { ours: [], 'node-soap': [], 'empty node': [] };
  const caseOf = (name: string, script: string, arg?: string): Case => ({
    name,
    sample: () => {
      const s = child(script, arg);
      collected[name]!.push(s);
      return s.wall;
    },
  });
  const r = rounds(3, 21);
  alternate([caseOf('ours', 'cold-ours.mjs', PACKAGE_JS), caseOf('node-soap', 'cold-soap.cjs', WSDL), caseOf('empty node', 'cold-empty.cjs')], r);
  for (const k of Object.keys(collected)) collected[k] = collected[k]!.slice(r.warmup);
  raw['cold'] = collected;
  const walls = (k: string) => collected[k]!.map((s) => s.wall);
  const wall = (k: string) => median(walls(k));
  const inside = (k: string) => median(collected[k]!.map((s) => s.inside));
  const input = 'fresh process: import, construct the client, serialize SaveServiceAuth';
  // Each round: (ours - empty node) / (node-soap - empty node), the three processes of that round.
  const empties = walls('empty node');
  const beyond = (k: string) => walls(k).map((w, i) => w - empties[i]!);
  rows.push(
    row(
      {
        row: 'cold start',
        input: `${input}; wall time beyond an empty node process (${ms(wall('empty node'))})`,
        ours: ms(median(beyond('ours'))),
        peer: `node-soap createClientAsync ${ms(median(beyond('node-soap')))}`,
        metric: 'ours / peer',
        target: '<= 0.15',
      },
      perRound(beyond('ours'), beyond('node-soap')),
      0.15,
    ),
  );
  rows.push(
    row(
      {
        row: 'cold start',
        input: `${input}; whole process wall time, node's own start-up included`,
        ours: ms(wall('ours')),
        peer: `node-soap ${ms(wall('node-soap'))}`,
        metric: 'ours / peer',
        target: 'report',
      },
      perRound(walls('ours'), walls('node-soap')),
    ),
  );
  raw['cold inside'] = { ours: inside('ours'), 'node-soap': inside('node-soap') };
}

/**
 * Whole generator processes on the User contract. Ours twice: a first build (an empty output
 * cache: the contract is read, printed by ts-morph, formatted by prettier, and the cache entry
 * written) and a repeated build of the unchanged contract (the output cache of an earlier run is
 * read back; see generator/cache.ts).
 * wsdl-tsclient has no cache: every run of it is a first build.
 */
function benchGenerate(): void {
  const rss = path.join(WORK, 'generate.rss');
  const cacheDir = path.join(WORK, 'generate-cache');
  let n = 0;
  const results: Record<string, { wall: number; rss: number }[]> = { 'ours, first build': [], 'ours, repeated build': [], 'wsdl-tsclient': [] };
  const gen = (name: string, args: (out: string) => string[]): Case => ({
    name,
    sample: () => {
      const out = path.join(WORK, `gen-${n++}`);
      const r = runNode(args(out), { rssFile: rss, cwd: ROOT });
      rmSync(out, { recursive: true, force: true });
      rmSync(`${out}-cache`, { recursive: true, force: true });
      results[name]!.push({ wall: r.wallMs, rss: r.maxRssBytes });
      return r.wallMs;
    },
  });
  const ours = (out: string) => [OUR_CLI, 'generate', '--wsdl', 'wsdl/User.wsdl', '--out', out, '--package-name', 'services86-user'];
  const stages: GenerateStages[] = [];
  const r = rounds(1, 11);
  alternate(
    [
      // Where a first build's time goes, in a process of its own (children/generate-stages.mjs).
      {
        name: 'ours, first build by stage',
        sample: () => {
          const child = runNode([path.join(BENCH, 'children', 'generate-stages.mjs'), path.join(ROOT, 'dist/generator'), 'wsdl/User.wsdl'], { rssFile: rss, cwd: ROOT });
          stages.push(JSON.parse(child.stdout) as GenerateStages);
          return child.wallMs;
        },
      },
      // A first build finds an empty cache and writes its entry.
      gen('ours, first build', (out) => [...ours(out), '--cache-dir', `${out}-cache`]),
      // The warm-up round fills the cache; every timed round finds it.
      gen('ours, repeated build', (out) => [...ours(out), '--cache-dir', cacheDir]),
      gen('wsdl-tsclient', (out) => [TSCLIENT, 'wsdl/User.wsdl', '-o', out]),
    ],
    r,
  );
  for (const k of Object.keys(results)) results[k] = results[k]!.slice(r.warmup);
  const timedStages = stages.slice(r.warmup);
  raw['generate'] = { ...results, 'ours, first build by stage': timedStages };
  const walls = (k: string) => results[k]!.map((s) => s.wall);
  const peaks = (k: string) => results[k]!.map((s) => s.rss);
  const peer = 'wsdl-tsclient';
  const limits = { 'first build': [0.9, 1], 'repeated build': [0.3, 1] } as const;
  for (const build of ['first build', 'repeated build'] as const) {
    const k = `ours, ${build}`;
    const input = `User contract (79 operations), whole process, ${build === 'first build' ? 'first build (empty output cache)' : 'repeated build (output cache of an earlier run)'}`;
    const [wallLimit, rssLimit] = limits[build];
    rows.push(
      row(
        { row: 'generate', input: `${input}: wall time`, ours: ms(median(walls(k))), peer: `${peer} ${ms(median(walls(peer)))}`, metric: 'ours / peer', target: `<= ${wallLimit}` },
        perRound(walls(k), walls(peer)),
        wallLimit,
      ),
    );
    rows.push(
      row(
        { row: 'generate', input: `${input}: peak RSS`, ours: mb(median(peaks(k))), peer: `${peer} ${mb(median(peaks(peer)))}`, metric: 'ours / peer', target: `<= ${rssLimit}` },
        perRound(peaks(k), peaks(peer)),
        rssLimit,
      ),
    );
  }
  // Where the first build's time goes, stage by stage, each against the peer's whole run of the
  // same round.
  STAGES.forEach(([stage, what], i) => {
    const durations = timedStages.map((s) => s[stage] - (i === 0 ? 0 : s[STAGES[i - 1]![0]]));
    rows.push(
      row(
        { row: 'generate', input: `first build by stage: ${what}`, ours: ms(median(durations)), peer: `${peer} whole process ${ms(median(walls(peer)))}`, metric: 'ours / peer', target: 'report' },
        perRound(durations, walls(peer)),
      ),
    );
  });
}

/** Milliseconds since the process started at the end of each stage (children/generate-stages.mjs), in order. */
interface GenerateStages {
  readonly started: number;
  readonly modules: number;
  readonly model: number;
  readonly tsMorph: number;
  readonly printed: number;
  readonly prettier: number;
  readonly formatted: number;
}

const STAGES: readonly (readonly [keyof GenerateStages, string])[] = [
  ['started', "node's own start-up"],
  ['modules', "the generator's modules loaded"],
  ['model', 'the contract read into the model'],
  ['tsMorph', 'ts-morph loaded'],
  ['printed', 'the files printed by ts-morph'],
  ['prettier', 'prettier loaded'],
  ['formatted', 'the printed files formatted by prettier'],
];

function benchScaleGenerate(): void {
  const rss = path.join(WORK, 'scale.rss');
  const sizes = [1, 4, 16];
  const wsdls = new Map(sizes.map((s) => [s, writeSyntheticContract(path.join(ROOT, 'wsdl'), path.join(WORK, `synthetic-${s}x`), s)]));
  let n = 0;
  const samples = alternate(
    sizes.map(
      (s): Case => ({
        name: `${s}x`,
        sample: () => {
          const out = path.join(WORK, `scale-${n++}`);
          const r = runNode([OUR_CLI, 'generate', '--wsdl', wsdls.get(s)!, '--out', out, '--no-cache'], { rssFile: rss, cwd: ROOT });
          rmSync(out, { recursive: true, force: true });
          return r.wallMs;
        },
      }),
    ),
    rounds(1, 5),
  );
  raw['scale generate'] = Object.fromEntries(samples);
  const t = (s: number) => samples.get(`${s}x`)!;
  for (const s of [4, 16]) {
    const limit = s === 16 ? 18 : 4.5;
    rows.push(
      row(
        {
          row: 'scale: generation',
          input: `synthetic contract ${s}x the User contract (${79 * s} operations), whole process`,
          ours: ms(median(t(s))),
          peer: `1x ${ms(median(t(1)))}`,
          metric: `${s}x time / 1x time`,
          target: `<= ${limit}`,
        },
        perRound(t(s), t(1)),
        limit,
      ),
    );
  }
}

/** Per round, each case's milliseconds per MB of its document. */
function perMb(result: MicroResult, name: string): number[] {
  return result.cases[name]!.map((t) => t / (result.bytes[name]! / 2 ** 20));
}

/** Parse time per MB at 10,000 and 100,000 records against 1,000 records, and the peak heap at 100,000. */
function benchScaleParse(): void {
  // A 100,000-record parse takes seconds: fewer rounds than the other in-process rows.
  const result = micro('scale', QUICK ? { warmup: 1, reps: 3 } : { warmup: 1, reps: 9 }, ['--max-old-space-size=8192']);
  const base = perMb(result, '1000');
  for (const s of [10_000, 100_000]) {
    const these = perMb(result, String(s));
    rows.push(
      row(
        {
          row: 'scale: parsing',
          input: `${s.toLocaleString('en')} records (${mb(result.bytes[String(s)]!)}): time per MB vs 1,000 records`,
          ours: `${ms(median(result.cases[String(s)]!))} (${ms(median(these))} / MB)`,
          peer: `1,000 records ${ms(median(base))} / MB`,
          metric: 'per-MB time / at 1,000',
          target: '<= 1.5 (flat)',
        },
        perRound(these, base),
        1.5,
      ),
    );
  }
  // Peak heap, in a child process that prints every garbage collection.
  const r = spawnSync(process.execPath, ['--expose-gc', '--trace-gc', '--max-old-space-size=8192', path.join(BENCH, 'children/parse-heap.mjs'), PACKAGE_JS, ENVELOPE, '100000'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`parse-heap failed: ${r.stderr}`);
  const lines = r.stdout.split('\n');
  const baseAt = lines.findIndex((l) => l.startsWith('BENCH-BASE '));
  const endAt = lines.findIndex((l) => l.startsWith('BENCH-END '));
  const heapBase = JSON.parse(lines[baseAt]!.slice('BENCH-BASE '.length)) as { empty: number; withDocument: number; bytes: number };
  const end = JSON.parse(lines[endAt]!.slice('BENCH-END '.length)) as { atEnd: number; count: number };
  assert.equal(end.count, 100_000);
  let peak = end.atEnd;
  for (const l of lines.slice(baseAt + 1, endAt)) {
    const m = /: (?:Scavenge|Mark-Compact|Mark-Sweep|Minor Mark-Sweep|Minor Mark-Compact)[^\d]*([\d.]+) \([\d.]+\) -> /.exec(l);
    if (m) peak = Math.max(peak, Number(m[1]) * 2 ** 20);
  }
  const used = peak - heapBase.empty;
  raw['scale parse heap'] = { ...heapBase, ...end, peak };
  const ratio = used / heapBase.bytes;
  rows.push({
    row: 'scale: parsing',
    input: `100,000 records (${mb(heapBase.bytes)} document): peak heap during the parse, document and result included`,
    ours: mb(used),
    peer: `document ${mb(heapBase.bytes)}`,
    ratio,
    // One measurement: heap sizes do not move with the load.
    spread: { kind: 'min-max', low: ratio, high: ratio, rounds: 1 },
    metric: 'peak heap / document size',
    target: '< 4',
    pass: ratio < 4,
  });
}

/**
 * Parse time per MB across document shapes, against the 1,000-record response: deep (prefixed
 * elements 250 levels deep, in a header the parser skips), wide (elements with 250 prefixed
 * attributes each), and long numbers (every integer of the records written with 1,000 leading
 * zeros). Each about 1.5 MB, in one process, alternating (children/micro.mjs, which checks first
 * that every shape reads to the same records).
 */
function benchParseShapes(): void {
  const result = micro('shapes', MICRO_ROUNDS);
  const base = perMb(result, 'records');
  const shapes = { deep: 'prefixed elements 250 deep', wide: 'elements with 250 prefixed attributes', 'long-numbers': 'long numbers (1,000 leading zeros)' };
  for (const [name, what] of Object.entries(shapes)) {
    const these = perMb(result, name);
    rows.push(
      row(
        {
          row: 'parse: shapes',
          input: `${what} (${(result.bytes[name]! / 2 ** 20).toFixed(2)} MB): time per MB vs the 1,000-record response`,
          ours: `${ms(median(these))} / MB`,
          peer: `1,000 records ${ms(median(base))} / MB`,
          metric: 'per-MB time / records',
          target: '<= 1.5 (flat)',
        },
        perRound(these, base),
        1.5,
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Report.

function table(): string {
  const head = ['row', 'input', 'ours (median)', 'peer / baseline (median)', 'ratio (median of rounds)', 'spread of the rounds', 'ratio is', 'target', 'pass'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  const spread = (s: Spread) => (s.rounds === 1 ? 'one measurement' : `${s.kind} ${x(s.low)}–${x(s.high)} (${s.rounds} rounds)`);
  for (const r of rows) lines.push(`| ${[r.row, r.input, r.ours, r.peer, x(r.ratio), spread(r.spread), r.metric, r.target, r.pass ? 'yes' : '**no**'].join(' | ')} |`);
  return lines.join('\n');
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `node ${process.version}, ${os.cpus().length} × ${cpu.trim()}, ${os.platform()} ${os.release()}, load average ${os.loadavg()[0]!.toFixed(2)} at the end`;
}

async function main(): Promise<void> {
  prepare();
  const pkg = (await import(pathToFileURL(PACKAGE_JS).href)) as UserPackage;
  const client = await soapClient();
  checkCorrectness(pkg, client);
  const started = new Date();
  if (want('parse')) (log('bench: parse'), benchParse());
  if (want('serialize')) (log('bench: serialize'), benchSerialize());
  if (want('cold')) (log('bench: cold start'), benchCold());
  if (want('generate')) (log('bench: generate'), benchGenerate());
  if (want('scale-generate')) (log('bench: scale: generation'), benchScaleGenerate());
  if (want('scale-parse')) (log('bench: scale: parsing'), benchScaleParse());
  if (want('parse-shapes')) (log('bench: parse: shapes'), benchParseShapes());
  const md = `${table()}\n\n${machine()}; ${QUICK ? 'quick run' : 'full run'}${ONLY ? ` of ${[...ONLY].join(', ')}` : ''}, ${started.toISOString().slice(0, 10)}.\n`;
  process.stdout.write(`\n${md}`);
  // The results file is the latest full run of every row.
  if (!ONLY && !QUICK) {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'latest.md'), `<!-- Written by npm run bench. -->\n\n${md}`);
    writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify({ date: started.toISOString(), machine: machine(), quick: QUICK, rows, samples: raw }, null, 2)}\n`);
  }
  rmSync(WORK, { recursive: true, force: true });
  const failed = rows.filter((r) => !r.pass);
  if (failed.length > 0) {
    log(`bench: ${failed.length} row(s) miss their target`);
    process.exitCode = 1;
  }
}

await main();
