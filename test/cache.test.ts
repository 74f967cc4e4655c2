/**
 * The output cache (generator/cache.ts): a rerun with unchanged inputs writes the same files
 * without loading ts-morph or prettier; any change of input is a miss; a damaged entry is a
 * miss; a cache that cannot be written costs a warning, never the build.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cacheKey, generatorFingerprint, KEEP_ENTRIES, OutputCache, type CacheInputs } from '../generator/cache.ts';
import { loadModel } from '../generator/load-model.ts';

const CLI = path.resolve('dist/generator/cli.js');
const RECORDER = path.resolve('test/support/record-loads.mjs');

describe('output cache', () => {
  let work: string;
  before(() => {
    execFileSync(path.resolve('node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json']);
    work = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-cache-'));
    cpSync('test/fixtures/golden/features/input', path.join(work, 'contract'), { recursive: true });
    mkdirSync(path.join(work, 'node_modules'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  /** Runs the CLI in `work`; returns its output and the modules it loaded. */
  const generate = (...args: string[]) => {
    const loads = path.join(work, `loads-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(loads, '');
    const r = spawnSync(process.execPath, ['--import', RECORDER, CLI, 'generate', '--wsdl', 'contract/service.wsdl', ...args], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, RECORD_LOADS: loads },
    });
    const loaded = readFileSync(loads, 'utf8');
    return {
      status: r.status,
      stderr: r.stderr,
      // Code, not package.json (read for the versions in the key).
      loadedTsMorph: /[/\\]ts-morph[/\\].*\.c?js$/m.test(loaded),
      loadedPrettier: /[/\\]prettier[/\\].*\.m?js$/m.test(loaded),
    };
  };
  const entries = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('a rerun with nothing changed writes the same files without loading ts-morph or prettier', async () => {
    const first = generate('--out', 'a', '--package-name', 'features');
    assert.equal(first.status, 0, first.stderr);
    assert.ok(first.loadedTsMorph && first.loadedPrettier, 'the first run emits and formats');
    assert.equal(entries(path.join(work, 'node_modules/.cache/wsdl-tsgen')).length, 1);

    const second = generate('--out', 'b', '--package-name', 'features');
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.loadedTsMorph, false, 'ts-morph is not loaded on a hit');
    assert.equal(second.loadedPrettier, false, 'prettier is not loaded on a hit');
    assert.deepEqual(listTree(path.join(work, 'b')), listTree(path.join(work, 'a')));
    assert.ok(listTree(path.join(work, 'a')).length > 10);
  });

  it('a changed contract, package name or generator is a miss', async () => {
    const dir = path.join(work, 'keys');
    const base = generate('--out', 'k', '--cache-dir', dir);
    assert.equal(base.status, 0, base.stderr);
    assert.equal(generate('--out', 'k2', '--package-name', 'k', '--cache-dir', dir).loadedTsMorph, false, 'same inputs: a hit');
    assert.equal(generate('--out', 'other-name', '--cache-dir', dir).loadedTsMorph, true, 'another package name: a miss');
    const wsdl = path.join(work, 'contract/service.wsdl');
    const original = readFileSync(wsdl, 'utf8');
    try {
      writeFileSync(wsdl, original.replace('<wsdl:types>', '<wsdl:documentation>changed</wsdl:documentation><wsdl:types>'));
      assert.equal(generate('--out', 'k', '--cache-dir', dir).loadedTsMorph, true, 'a changed contract: a miss');
    } finally {
      writeFileSync(wsdl, original);
    }

    // The key covers the generator itself: a change to any of its files gives another key.
    const model = await loadModel('test/fixtures/golden/features/input/service.wsdl');
    const inputs: CacheInputs = { model, bindings: [model.bindings[0]!], packageName: 'p', sourceName: 's', metadata: {} };
    const code = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-code-'));
    try {
      writeFileSync(path.join(code, 'emit.js'), 'export const a = 1;');
      const before = generatorFingerprint([code]);
      writeFileSync(path.join(code, 'emit.js'), 'export const a = 2;');
      const after = generatorFingerprint([code]);
      assert.notEqual(cacheKey(before, inputs), cacheKey(after, inputs));
      assert.equal(cacheKey(after, inputs), cacheKey(after, { ...inputs }));
      assert.notEqual(cacheKey(after, inputs), cacheKey(after, { ...inputs, sourceName: 't' }));
      assert.notEqual(cacheKey(after, inputs), cacheKey(after, { ...inputs, readme: '## Notes\n' }), 'the config README section is an input');
      assert.notEqual(cacheKey(after, { ...inputs, readme: 'a\n' }), cacheKey(after, { ...inputs, readme: 'b\n' }));
      // A new version (or any package.json field from the config) must not be served the old files.
      assert.notEqual(cacheKey(after, inputs), cacheKey(after, { ...inputs, metadata: { version: '1.0.0' } }));
    } finally {
      rmSync(code, { recursive: true, force: true });
    }
  });

  it('a damaged entry is a miss, and the run writes correct files', async () => {
    const dir = path.join(work, 'damaged');
    assert.equal(generate('--out', 'd', '--package-name', 'features', '--cache-dir', dir).status, 0);
    const [entry] = entries(dir);
    const file = path.join(dir, entry!);
    const text = readFileSync(file, 'utf8');
    for (const damaged of [text.slice(0, text.length / 2), text.replace('export interface', 'export interfaze'), '', 'null']) {
      writeFileSync(file, damaged);
      rmSync(path.join(work, 'd'), { recursive: true, force: true });
      const r = generate('--out', 'd', '--package-name', 'features', '--cache-dir', dir);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.loadedTsMorph, true, 'regenerated');
      assert.deepEqual(listTree(path.join(work, 'd')), listTree(path.join(work, 'a')));
    }
  });

  it('a cache that cannot be written is a warning; --no-cache neither reads nor writes', () => {
    writeFileSync(path.join(work, 'not-a-folder'), '');
    const blocked = generate('--out', 'w', '--cache-dir', 'not-a-folder/cache');
    assert.equal(blocked.status, 0, blocked.stderr);
    assert.match(blocked.stderr, /^wsdl-tsgen: warning: the output cache in not-a-folder\/cache cannot be written \(.+\); generating without it$/m);
    assert.ok(readFileSync(path.join(work, 'w/src/types.ts'), 'utf8').length > 0);

    const cacheDir = path.join(work, 'node_modules/.cache/wsdl-tsgen');
    const before = entries(cacheDir).length;
    const off = generate('--out', 'a', '--package-name', 'features', '--no-cache');
    assert.equal(off.status, 0, off.stderr);
    assert.equal(off.loadedTsMorph, true, 'the entry for these inputs is not read');
    assert.equal(generate('--out', 'n', '--no-cache').loadedTsMorph, true);
    assert.equal(entries(cacheDir).length, before, 'nothing is written');

    const both = spawnSync(process.execPath, [CLI, 'generate', '--wsdl', 'x', '--out', 'y', '--no-cache', '--cache-dir', 'z'], { encoding: 'utf8' });
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--cache-dir and --no-cache cannot be used together/);
  });

  it('outside an npm project (no node_modules folder) there is no default cache, and no node_modules is made', () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-bare-'));
    try {
      cpSync('test/fixtures/golden/features/input', path.join(bare, 'contract'), { recursive: true });
      const r = spawnSync(process.execPath, [CLI, 'generate', '--wsdl', 'contract/service.wsdl', '--out', 'out'], { cwd: bare, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.equal(existsSync(path.join(bare, 'node_modules')), false);
      assert.ok(existsSync(path.join(bare, 'out/src/types.ts')));
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it(`keeps the ${KEEP_ENTRIES} entries used most recently`, () => {
    const dir = path.join(work, 'prune');
    const cache = new OutputCache(dir, (line) => assert.fail(line));
    const keys = Array.from({ length: KEEP_ENTRIES + 3 }, (_, i) => i.toString(16).padStart(64, '0'));
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i));
    const write = (i: number) => {
      cache.write(keys[i]!, [{ path: 'a.ts', text: keys[i]! }]);
      utimesSync(path.join(dir, `${keys[i]}.json`), at(i), at(i)); // distinct times, whatever the clock's resolution
    };
    for (let i = 0; i < KEEP_ENTRIES; i++) write(i);
    // Entry 0, the oldest, is read: it becomes the most recently used and survives.
    assert.deepEqual(cache.read(keys[0]!), [{ path: 'a.ts', text: keys[0]! }]);
    for (let i = KEEP_ENTRIES; i < keys.length; i++) write(i);
    assert.equal(entries(dir).length, KEEP_ENTRIES);
    assert.notEqual(cache.read(keys[0]!), undefined, 'read recently: kept');
    for (const i of [1, 2, 3]) assert.equal(cache.read(keys[i]!), undefined, `entry ${i}: least recently used, removed`);
    assert.deepEqual(cache.read(keys.at(-1)!), [{ path: 'a.ts', text: keys.at(-1)! }]);
    assert.equal(cache.read('f'.repeat(64)), undefined);
  });
});

function listTree(dir: string, prefix = ''): { path: string; text: string }[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? listTree(dir, rel) : [{ path: rel, text: readFileSync(path.join(dir, rel), 'utf8') }];
  });
}
