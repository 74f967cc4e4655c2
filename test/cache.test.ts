/**
 * The output cache (generator/cache.ts): a rerun with unchanged inputs writes the same files
 * without loading ts-morph or prettier, nor (contract documents unchanged) the XML reader; any
 * change of input, in any document of the contract, is a miss; a damaged entry is a miss; a
 * cache that cannot be written costs a warning, never the build.
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
      // The contract's XML read into the model (the parser the loader uses).
      readXml: /[/\\]@xmldom[/\\]xmldom[/\\].*\.js$/m.test(loaded),
    };
  };
  const entries = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('a rerun with nothing changed writes the same files without loading ts-morph or prettier', async () => {
    const first = generate('--out', 'a', '--package-name', 'features');
    assert.equal(first.status, 0, first.stderr);
    assert.ok(first.loadedTsMorph && first.loadedPrettier && first.readXml, 'the first run reads the contract, emits and formats');
    assert.equal(entries(path.join(work, 'node_modules/.cache/wsdl-tsgen')).length, 2, 'the files, and the documents they came from');

    const second = generate('--out', 'b', '--package-name', 'features');
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.loadedTsMorph, false, 'ts-morph is not loaded on a hit');
    assert.equal(second.loadedPrettier, false, 'prettier is not loaded on a hit');
    assert.equal(second.readXml, false, 'documents unchanged: the contract is not read into a model');
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
    // A change the model does not see (a comment) is read again, and then served from the files entry.
    try {
      writeFileSync(wsdl, `${original}<!-- a comment -->\n`);
      const commented = generate('--out', 'k3', '--package-name', 'k', '--cache-dir', dir);
      assert.equal(commented.readXml, true, 'a changed document is read again');
      assert.equal(commented.loadedTsMorph, false, 'the same model: the files entry is used');
      assert.equal(generate('--out', 'k3', '--package-name', 'k', '--cache-dir', dir).readXml, false, 'and now its documents are known');
    } finally {
      writeFileSync(wsdl, original);
    }

    // An imported schema is a document of the contract as much as the WSDL is.
    const xsd = path.join(work, 'contract/other.xsd');
    const schema = readFileSync(xsd, 'utf8');
    try {
      writeFileSync(xsd, schema.replace('<xs:element name="Code" type="xs:string"/>', '<xs:element name="Code" type="xs:string"/><xs:element name="Added" type="xs:int"/>'));
      const changed = generate('--out', 'k4', '--package-name', 'k', '--cache-dir', dir);
      assert.equal(changed.status, 0, changed.stderr);
      assert.equal(changed.loadedTsMorph, true, 'a changed imported schema: a miss');
      assert.match(readFileSync(path.join(work, 'k4/src/types.ts'), 'utf8'), /\bAdded: number;/);
    } finally {
      writeFileSync(xsd, schema);
    }
    assert.equal(generate('--out', 'k5', '--package-name', 'k', '--cache-dir', dir).loadedTsMorph, false, 'restored: the first entry again');
    assert.doesNotMatch(readFileSync(path.join(work, 'k5/src/types.ts'), 'utf8'), /\bAdded\b/);

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
    const kinds = entries(dir).map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') }));
    const files = kinds.find((e) => e.text.includes('"files"'))!;
    const documents = kinds.find((e) => e.text.includes('"documents"'))!;
    assert.ok(files && documents && files !== documents);
    const regenerate = (what: string, expect: { readXml: boolean; loadedTsMorph: boolean }) => {
      rmSync(path.join(work, 'd'), { recursive: true, force: true });
      const r = generate('--out', 'd', '--package-name', 'features', '--cache-dir', dir);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual({ readXml: r.readXml, loadedTsMorph: r.loadedTsMorph }, expect, what);
      assert.deepEqual(listTree(path.join(work, 'd')), listTree(path.join(work, 'a')));
    };
    for (const damaged of [files.text.slice(0, files.text.length / 2), files.text.replace('export interface', 'export interfaze'), '', 'null']) {
      writeFileSync(files.file, damaged);
      regenerate('damaged files entry: regenerated', { readXml: true, loadedTsMorph: true });
    }
    for (const damaged of [documents.text.slice(0, documents.text.length / 2), documents.text.replace(/"digest":"[0-9a-f]/, '"digest":"x'), '', 'null']) {
      writeFileSync(documents.file, damaged);
      regenerate('damaged documents entry: the contract is read, the files entry used', { readXml: true, loadedTsMorph: false });
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
