/**
 * The output folder belongs to the user: `generate` replaces or removes only files its manifest
 * lists and that are unchanged, refuses a folder it did not write, and never touches anything
 * else. Each case checks that the user's files are byte-identical afterwards.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MANIFEST, sha256 } from '../generator/ownership.ts';

const CLI = path.resolve('dist/generator/cli.js');
const WSDL = path.resolve('test/fixtures/golden/features/input/service.wsdl');
let work: string;

function generate(out: string, ...extra: string[]) {
  return spawnSync(process.execPath, [CLI, 'generate', '--wsdl', WSDL, '--out', out, '--package-name', 'features', '--no-cache', ...extra], {
    encoding: 'utf8',
    cwd: work,
  });
}

/** Every file under `dir` with its bytes, for before/after comparison. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else out.set(child, readFileSync(path.join(dir, child), 'latin1'));
    }
  };
  walk('');
  return out;
}

/** A user's project: sources, secrets, git internals, a package.json of their own. */
function userProject(dir: string): void {
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  mkdirSync(path.join(dir, '.git'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "my-app", "version": "3.1.4" }\n');
  writeFileSync(path.join(dir, 'src/index.ts'), 'export const mine = 1;\n');
  writeFileSync(path.join(dir, '.env'), 'SECRET=hunter2\n');
  writeFileSync(path.join(dir, '.git/HEAD'), 'ref: refs/heads/main\n');
}

function oneLineError(r: ReturnType<typeof spawnSync>): string {
  assert.equal(r.status, 1, String(r.stdout) + String(r.stderr));
  const lines = String(r.stderr).split('\n');
  assert.equal(lines.length, 2, `one line: ${String(r.stderr)}`);
  assert.doesNotMatch(lines[0]!, /internal error/);
  return lines[0]!;
}

describe('the output folder', () => {
  before(() => {
    const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 2, r.stdout);
    work = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-out-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('a project folder without a manifest is refused with one line naming it and a foreign file; nothing is touched', () => {
    const dir = path.join(work, 'project');
    userProject(dir);
    const before = snapshot(dir);
    const line = oneLineError(generate('project'));
    assert.equal(line, 'wsdl-tsgen: project is not empty and was not written by wsdl-tsgen (it holds .env); generate into a new or empty folder, or pass --force');
    assert.deepEqual(snapshot(dir), before);
  });

  it('--force writes into it: files in the way are replaced, every other user file stays byte-identical', () => {
    const dir = path.join(work, 'forced');
    userProject(dir);
    const before = snapshot(dir);
    const r = generate('forced', '--force');
    assert.equal(r.status, 0, r.stderr);
    const after = snapshot(dir);
    for (const [file, bytes] of before) {
      if (file === 'package.json' || file === 'src/index.ts') assert.notEqual(after.get(file), bytes, `${file} is a generated path`);
      else assert.equal(after.get(file), bytes, file);
    }
    assert.ok(after.has(MANIFEST));
    // Owned now: a second run without --force is fine.
    assert.equal(generate('forced').status, 0);
    assert.deepEqual(snapshot(dir), after);
  });

  it('files the user adds to a generated folder survive regeneration byte-identical', () => {
    const dir = path.join(work, 'owned');
    assert.equal(generate('owned').status, 0);
    writeFileSync(path.join(dir, '.env'), 'TOKEN=1\n');
    writeFileSync(path.join(dir, 'src/extension.ts'), 'export const extra = 2;\n');
    writeFileSync(path.join(dir, 'src/types.ts'), readFileSync(path.join(dir, 'src/types.ts'), 'utf8').replace('DO NOT EDIT', 'edited by a build')); // restored below
    // src/types.ts was changed since it was written: refused, the change kept.
    const edited = snapshot(dir);
    const refused = oneLineError(generate('owned'));
    assert.match(refused, /^wsdl-tsgen: will not overwrite owned\/src\/types\.ts: it was changed since wsdl-tsgen wrote it; move it away, or pass --force$/);
    assert.deepEqual(snapshot(dir), edited);
    // --force writes it again; the user's own files stay.
    assert.equal(generate('owned', '--force').status, 0);
    const after = snapshot(dir);
    assert.equal(after.get('.env'), 'TOKEN=1\n');
    assert.equal(after.get('src/extension.ts'), 'export const extra = 2;\n');
    assert.doesNotMatch(after.get('src/types.ts')!, /edited by a build/);
    // --check reports nothing about files it did not write.
    const check = generate('owned', '--check');
    assert.equal(check.status, 0, check.stderr);
  });

  it('a file the manifest lists and the generator no longer makes is removed while unchanged, kept with a warning when edited', () => {
    const dir = path.join(work, 'stale');
    assert.equal(generate('stale').status, 0);
    const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as { files: Record<string, string> };
    // Two files an earlier version generated: one as written, one edited since.
    writeFileSync(path.join(dir, 'src/old.ts'), 'export const old = 1;\n');
    writeFileSync(path.join(dir, 'src/older.ts'), 'export const older = 2; // edited\n');
    manifest.files['src/old.ts'] = sha256('export const old = 1;\n');
    manifest.files['src/older.ts'] = sha256('export const older = 2;\n');
    writeFileSync(path.join(dir, MANIFEST), JSON.stringify(manifest));
    const check = generate('stale', '--check');
    assert.equal(check.status, 1);
    assert.match(check.stderr, /removed: stale\/src\/old\.ts/);
    const r = generate('stale');
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!existsSync(path.join(dir, 'src/old.ts')));
    assert.equal(readFileSync(path.join(dir, 'src/older.ts'), 'utf8'), 'export const older = 2; // edited\n');
    assert.match(r.stderr, /^wsdl-tsgen: warning: kept stale\/src\/older\.ts: wsdl-tsgen no longer generates it, but it was changed since it was written; it is yours now$/m);
    const listed = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as { files: Record<string, string> };
    assert.ok(!('src/older.ts' in listed.files) && !('src/old.ts' in listed.files));
  });

  it('a folder of earlier output without a manifest, every file as it would be written, is adopted', () => {
    const dir = path.join(work, 'adopted');
    assert.equal(generate('adopted').status, 0);
    rmSync(path.join(dir, MANIFEST));
    mkdirSync(path.join(dir, 'node_modules/saxes'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules/saxes/index.js'), '// installed\n');
    const r = generate('adopted');
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(path.join(dir, MANIFEST)));
    assert.equal(readFileSync(path.join(dir, 'node_modules/saxes/index.js'), 'utf8'), '// installed\n');
  });

  it('--out naming a file, or a folder below a file, is one line, exit 1, and the file is untouched', () => {
    writeFileSync(path.join(work, 'notes.txt'), 'keep me\n');
    assert.equal(oneLineError(generate('notes.txt')), 'wsdl-tsgen: the output folder notes.txt is a file, not a folder');
    assert.equal(oneLineError(generate('notes.txt', '--check')), 'wsdl-tsgen: the output folder notes.txt is a file, not a folder');
    assert.match(oneLineError(generate('notes.txt/sub')), /^wsdl-tsgen: the output folder notes\.txt\/sub is inside a file, not a folder$/);
    assert.equal(readFileSync(path.join(work, 'notes.txt'), 'utf8'), 'keep me\n');
  });

  it('a manifest naming a path outside its folder is refused; the outside file is untouched', () => {
    const dir = path.join(work, 'hostile');
    assert.equal(generate('hostile').status, 0);
    writeFileSync(path.join(work, 'outside.txt'), 'precious\n');
    writeFileSync(path.join(dir, MANIFEST), JSON.stringify({ files: { '../outside.txt': sha256('precious\n') } }));
    assert.match(oneLineError(generate('hostile')), /manifest .* is damaged \("\.\.\/outside\.txt" is not a path inside the folder\); delete what wsdl-tsgen wrote, or pass --force$/);
    assert.equal(generate('hostile', '--force').status, 0);
    assert.equal(readFileSync(path.join(work, 'outside.txt'), 'utf8'), 'precious\n');
  });

  it('a refusal in one package of a config leaves every package unwritten', () => {
    const dir = path.join(work, 'two');
    mkdirSync(path.join(dir, 'mine'), { recursive: true });
    writeFileSync(path.join(dir, 'mine/app.ts'), 'export {};\n');
    writeFileSync(
      path.join(dir, 'wsdl-tsgen.config.json'),
      JSON.stringify({ packages: [{ wsdl: WSDL, out: 'first' }, { wsdl: WSDL, out: 'mine' }] }),
    );
    const r = spawnSync(process.execPath, [CLI, 'generate', '--config', path.join(dir, 'wsdl-tsgen.config.json'), '--no-cache'], { encoding: 'utf8', cwd: dir });
    assert.match(oneLineError(r), /^wsdl-tsgen: mine is not empty and was not written by wsdl-tsgen \(it holds app\.ts\)/);
    assert.ok(!existsSync(path.join(dir, 'first')));
    assert.equal(readFileSync(path.join(dir, 'mine/app.ts'), 'utf8'), 'export {};\n');
  });

  it('the manifest lists every generated file with its SHA-256, and is the only extra file', () => {
    const dir = path.join(work, 'listed');
    assert.equal(generate('listed').status, 0);
    const files = [...snapshot(dir).keys()].filter((f) => f !== MANIFEST).sort();
    const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as { files: Record<string, string> };
    assert.deepEqual(Object.keys(manifest.files), files);
    for (const f of files) assert.equal(manifest.files[f], sha256(readFileSync(path.join(dir, f), 'utf8')), f);
    assert.ok(statSync(path.join(dir, MANIFEST)).isFile());
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  });
});
