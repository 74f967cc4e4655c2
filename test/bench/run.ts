/**
 * `npm run bench`: the generated User package against node-soap and wsdl-tsclient, side by side.
 *
 *   npm run bench                 every row (several minutes)
 *   npm run bench -- --quick      fewer repetitions, for a quick look
 *   npm run bench -- --only parse,serialize,cold,generate,scale-generate,scale-parse,parse-shapes
 *
 * Cases of one row run alternating, after a warm-up; the table shows medians and ours / peer.
 * Each side of the parse and serialize rows runs in processes of its own (children/micro.mjs),
 * so that the code of one side does not change how V8 runs the other's.
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
import { alternate, collect, median, perCall, runNode, type Case, type Rounds } from './harness.ts';
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
  /** ours / peer (or the row's own ratio, see `metric`). */
  readonly ratio: number;
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

/**
 * Samples of in-process timings, each case in processes of its own (children/micro.mjs), the
 * cases alternating: one process per case per round.
 */
function microSamples(cases: readonly string[], r: Rounds, warmup: number, perProcess: number): Map<string, number[]> {
  const out = new Map<string, number[]>(cases.map((c) => [c, []]));
  for (let round = 0; round < r.reps; round++) {
    for (let i = 0; i < cases.length; i++) {
      const c = cases[(i + round) % cases.length]!;
      const stdout = execFileSync(process.execPath, ['--expose-gc', path.join(BENCH, 'children/micro.mjs'), c, PACKAGE_JS, WSDL, ENVELOPE, String(warmup), String(perProcess)], {
        encoding: 'utf8',
        cwd: ROOT,
      });
      out.get(c)!.push(...(JSON.parse(stdout) as number[]));
    }
  }
  return out;
}

function benchParse(): void {
  const xml = envelope(1000);
  const r = rounds(1, 6);
  const samples = microSamples(['parse:ours', 'parse:node-soap', 'parse:saxes'], r, 3, QUICK ? 3 : 5);
  raw['parse'] = Object.fromEntries(samples);
  const [ours, peer, floor] = ['parse:ours', 'parse:node-soap', 'parse:saxes'].map((k) => median(samples.get(k)!)) as [number, number, number];
  const input = `GetUserInfoListResponse, 1,000 records (${(Buffer.byteLength(xml) / 1e6).toFixed(2)} MB)`;
  rows.push({ row: 'parse', input, ours: ms(ours), peer: `node-soap xmlToObject ${ms(peer)}`, ratio: ours / peer, metric: 'ours / peer', target: '<= 0.2 (5x faster)', pass: ours / peer <= 0.2 });
  rows.push({ row: 'parse', input, ours: ms(ours), peer: `saxes tokenize alone ${ms(floor)}`, ratio: ours / floor, metric: 'ours / peer', target: '<= 1.5', pass: ours / floor <= 1.5 });
}

function benchSerialize(): void {
  for (const row of ['ser-save', 'ser-ids'] as const) {
    const r = rounds(1, 6);
    const samples = microSamples([`${row}:ours`, `${row}:node-soap`], r, 5, QUICK ? 3 : 7);
    raw[`serialize ${row}`] = Object.fromEntries(samples);
    const ours = median(samples.get(`${row}:ours`)!);
    const peer = median(samples.get(`${row}:node-soap`)!);
    const input = row === 'ser-save' ? 'SaveServiceAuth request, all six fields' : 'GetUserInfoList request, 1,000 ids';
    rows.push({ row: 'serialize', input, ours: ms(ours), peer: `node-soap objectToDocumentXML ${ms(peer)}`, ratio: ours / peer, metric: 'ours / peer', target: '<= 0.1 (10x faster)', pass: ours / peer <= 0.1 });
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
  const wall = (k: string) => median(collected[k]!.map((s) => s.wall));
  const inside = (k: string) => median(collected[k]!.map((s) => s.inside));
  const empty = wall('empty node');
  const input = 'fresh process: import, construct the client, serialize SaveServiceAuth';
  const ours = wall('ours') - empty;
  const peer = wall('node-soap') - empty;
  rows.push({
    row: 'cold start',
    input: `${input}; wall time beyond an empty node process (${ms(empty)})`,
    ours: ms(ours),
    peer: `node-soap createClientAsync ${ms(peer)}`,
    ratio: ours / peer,
    metric: 'ours / peer',
    target: '<= 0.1 (10x less)',
    pass: ours / peer <= 0.1,
  });
  rows.push({
    row: 'cold start',
    input: `${input}; whole process wall time, node's own start-up included`,
    ours: ms(wall('ours')),
    peer: `node-soap ${ms(wall('node-soap'))}`,
    ratio: wall('ours') / wall('node-soap'),
    metric: 'ours / peer',
    target: 'report',
    pass: true,
  });
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
  const r = rounds(1, 9);
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
  const wall = (k: string) => median(results[k]!.map((s) => s.wall));
  const peak = (k: string) => median(results[k]!.map((s) => s.rss));
  const peer = 'wsdl-tsclient';
  for (const build of ['first build', 'repeated build'] as const) {
    const k = `ours, ${build}`;
    const input = `User contract (79 operations), whole process, ${build === 'first build' ? 'first build (empty output cache)' : 'repeated build (output cache of an earlier run)'}`;
    rows.push({ row: 'generate', input: `${input}: wall time`, ours: ms(wall(k)), peer: `${peer} ${ms(wall(peer))}`, ratio: wall(k) / wall(peer), metric: 'ours / peer', target: '<= 0.5', pass: wall(k) / wall(peer) <= 0.5 });
    rows.push({ row: 'generate', input: `${input}: peak RSS`, ours: mb(peak(k)), peer: `${peer} ${mb(peak(peer))}`, ratio: peak(k) / peak(peer), metric: 'ours / peer', target: '<= 1', pass: peak(k) <= peak(peer) });
  }
  // The first build split where prettier starts: what comes before it alone is compared with the
  // peer's whole run, to show how much of the first build's time is left once formatting starts.
  const beforeFormatting = median(timedStages.map((s) => s.printed));
  const formatting = median(timedStages.map((s) => s.end - s.printed));
  const split = [
    ['first build up to formatting (node start-up, contract read into the model, ts-morph loaded, files printed), in one process', beforeFormatting],
    ['first build: prettier loaded and formatting the printed files, in the same process', formatting],
  ] as const;
  for (const [input, value] of split) {
    rows.push({ row: 'generate', input, ours: ms(value), peer: `${peer} whole process ${ms(wall(peer))}`, ratio: value / wall(peer), metric: 'ours / peer', target: 'report', pass: true });
  }
}

/** Milliseconds since the process started at the end of each stage (children/generate-stages.mjs). */
interface GenerateStages {
  readonly started: number;
  readonly read: number;
  readonly printed: number;
  readonly end: number;
}

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
  const t = (s: number) => median(samples.get(`${s}x`)!);
  for (const s of [4, 16]) {
    const limit = s === 16 ? 18 : 4.5;
    rows.push({
      row: 'scale: generation',
      input: `synthetic contract ${s}x the User contract (${79 * s} operations), whole process`,
      ours: ms(t(s)),
      peer: `1x ${ms(t(1))}`,
      ratio: t(s) / t(1),
      metric: `${s}x time / 1x time`,
      target: `<= ${limit}`,
      pass: t(s) / t(1) <= limit,
    });
  }
}

function benchScaleParse(pkg: UserPackage): void {
  const sizes = [1_000, 10_000, 100_000];
  const limits = { maxBytes: 2 ** 31, maxElements: 2 ** 31 };
  const docs = new Map(sizes.map((s) => [s, envelope(s)]));
  const samples = alternate(
    sizes.map((s): Case => ({ name: String(s), sample: () => perCall(() => pkg.parseGetUserInfoListResponse(docs.get(s)!, { limits }), 1) })),
    rounds(1, 5),
  );
  docs.clear();
  collect();
  raw['scale parse'] = Object.fromEntries(samples);
  const perRecord = (s: number) => median(samples.get(String(s))!) / s;
  for (const s of [10_000, 100_000]) {
    rows.push({
      row: 'scale: parsing',
      input: `${s.toLocaleString('en')} records: time per record vs 1,000 records`,
      ours: `${ms(perRecord(s) * s)} (${(perRecord(s) * 1000).toFixed(1)} µs/record)`,
      peer: `1,000: ${ms(perRecord(1000) * 1000)} (${(perRecord(1000) * 1000).toFixed(1)} µs/record)`,
      ratio: perRecord(s) / perRecord(1000),
      metric: 'per-record time / at 1,000',
      target: '<= 1.5 (linear)',
      pass: perRecord(s) / perRecord(1000) <= 1.5,
    });
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
  const base = JSON.parse(lines[baseAt]!.slice('BENCH-BASE '.length)) as { empty: number; withDocument: number; bytes: number };
  const end = JSON.parse(lines[endAt]!.slice('BENCH-END '.length)) as { atEnd: number; count: number };
  assert.equal(end.count, 100_000);
  let peak = end.atEnd;
  for (const l of lines.slice(baseAt + 1, endAt)) {
    const m = /: (?:Scavenge|Mark-Compact|Mark-Sweep|Minor Mark-Sweep|Minor Mark-Compact)[^\d]*([\d.]+) \([\d.]+\) -> /.exec(l);
    if (m) peak = Math.max(peak, Number(m[1]) * 2 ** 20);
  }
  const used = peak - base.empty;
  raw['scale parse heap'] = { ...base, ...end, peak };
  rows.push({
    row: 'scale: parsing',
    input: `100,000 records (${mb(base.bytes)} document): peak heap during the parse, document and result included`,
    ours: mb(used),
    peer: `document ${mb(base.bytes)}`,
    ratio: used / base.bytes,
    metric: 'peak heap / document size',
    target: '< 4',
    pass: used / base.bytes < 4,
  });
}

/**
 * Parse time per MB across document shapes, against the 1,000-record response: deep (prefixed
 * elements 250 levels deep, in a header the parser skips), wide (elements with 250 prefixed
 * attributes each), and long numbers (every integer of the records written with 1,000 leading
 * zeros). Each about 1.5 MB, parsed in this process, alternating.
 */
function benchParseShapes(pkg: UserPackage): void {
  const records = envelope(1000);
  const size = records.length;
  const withHeader = (unit: string): string =>
    records.replace('<s:Header>', `<s:Header><x:Shape xmlns:x="urn:shape">${unit.repeat(Math.ceil(size / unit.length))}</x:Shape>`);
  const attributes = Array.from({ length: 250 }, (_, i) => ` x:a${i}="${i}"`).join('');
  const docs = new Map<string, string>([
    ['1,000 records', records],
    ['prefixed elements 250 deep', withHeader(`${'<x:e>'.repeat(250)}x${'</x:e>'.repeat(250)}`)],
    ['elements with 250 prefixed attributes', withHeader(`<x:w${attributes}/>`)],
    ['long numbers (1,000 leading zeros)', records.replace(/<FieldLength>/g, `<FieldLength>${'0'.repeat(1000)}`)],
  ]);
  const expected = pkg.parseGetUserInfoListResponse(records).body;
  for (const [name, xml] of docs) assert.deepStrictEqual(pkg.parseGetUserInfoListResponse(xml).body, expected, `${name}: read as the records`);
  const samples = alternate(
    [...docs].map(([name, xml]): Case => ({ name, sample: () => perCall(() => pkg.parseGetUserInfoListResponse(xml), 1) / (xml.length / 2 ** 20) })),
    rounds(2, 9),
  );
  raw['parse shapes'] = Object.fromEntries(samples);
  const base = median(samples.get('1,000 records')!);
  for (const [name, xml] of docs) {
    if (name === '1,000 records') continue;
    const perMb = median(samples.get(name)!);
    rows.push({
      row: 'parse: shapes',
      input: `${name} (${(xml.length / 2 ** 20).toFixed(2)} MB): time per MB vs the 1,000-record response`,
      ours: `${ms(perMb)} / MB`,
      peer: `1,000 records ${ms(base)} / MB`,
      ratio: perMb / base,
      metric: 'per-MB time / records',
      target: '<= 1.5 (flat)',
      pass: perMb / base <= 1.5,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Report.

function table(): string {
  const head = ['row', 'input', 'ours', 'peer / baseline', 'ratio', 'ratio is', 'target', 'pass'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of rows) lines.push(`| ${[r.row, r.input, r.ours, r.peer, x(r.ratio), r.metric, r.target, r.pass ? 'yes' : '**no**'].join(' | ')} |`);
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
  if (want('scale-parse')) (log('bench: scale: parsing'), benchScaleParse(pkg));
  if (want('parse-shapes')) (log('bench: parse: shapes'), benchParseShapes(pkg));
  const md = `${table()}\n\n${machine()}; ${QUICK ? 'quick run' : 'full run'}, ${started.toISOString().slice(0, 10)}.\n`;
  process.stdout.write(`\n${md}`);
  if (!ONLY) {
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
