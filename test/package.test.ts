/**
 * The generator as a user meets it: packed with `npm pack`, installed from the tarball as a
 * devDependency of a fresh project that has its own config and contract, run from that
 * project's npm script, and the package it generates compiled strictly and used.
 *
 * The tarball is packed from the built dist/ (npm test builds first) without running the
 * lifecycle scripts: `prepack` would empty dist/ while other tests run the CLI from it.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const TSC = path.resolve('node_modules/.bin/tsc');
const FIXTURE = path.resolve('test/fixtures/golden/features/input');
const NPM_QUIET = ['--prefer-offline', '--no-audit', '--no-fund', '--silent'];

const STRICT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022', 'DOM'],
    types: [],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noUnusedLocals: true,
    verbatimModuleSyntax: true,
    skipLibCheck: false,
    outDir: 'dist',
  },
  include: ['main.ts'],
};

/** The user's program: a message round trip, then a call through the client to the test double. */
const PROGRAM = `
import { FeaturesAgent, createFeaturesService, parseSaveItemRequest, serializeSaveItemRequest, type Item } from '@acme/features-client';

const item: Item = { Id: 9007199254740993n, Name: 'Zoë & <co>', Price: '12.50', Tags: ['a', null], Props: new Map([['__proto__', 1]]) };
const parsed = parseSaveItemRequest(serializeSaveItemRequest({ Item: item }));
const back = parsed.body.Item;

const double = createFeaturesService({
  saveItem: (request) => (request.Item ? { ...request.Item, Name: 'saved ' + (request.Item.Name ?? '') } : null),
});
const agent = new FeaturesAgent({ endpoint: 'http://double.invalid/', fetch: (input, init) => double.fetch(new Request(input, init)) });
const saved = await agent.saveItem({ Item: item });

console.log(JSON.stringify({
  roundTrip: back ? { id: String(back.Id), name: back.Name, price: back.Price, tags: back.Tags, props: [...(back.Props ?? [])] } : null,
  called: saved ? { id: String(saved.Id), name: saved.Name } : null,
}));
`;

function run(command: string, args: readonly string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `${command} ${args.join(' ')} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('the generator installed from its tarball into a user project', () => {
  let work: string;
  let tarball: string;

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-install-'));
    const packDir = path.join(work, 'pack');
    mkdirSync(packDir);
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir, '--silent'], { stdio: 'pipe' });
    const name = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    assert.ok(name, 'npm pack made a tarball');
    tarball = path.join(packDir, name);
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('ships the built generator, its declarations, the runtime templates, README and LICENSE, and nothing else', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line !== '' && !line.endsWith('/'))
      .map((line) => line.replace(/^package\//, ''))
      .sort();
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/generator/cli.js', 'dist/generator/index.js', 'dist/generator/index.d.ts']) {
      assert.ok(listing.includes(needed), `the tarball lacks ${needed}`);
    }
    for (const template of readdirSync('templates/runtime')) {
      assert.ok(listing.includes(`templates/runtime/${template}`), `the tarball lacks templates/runtime/${template}`);
    }
    const stray = listing.filter((f) => !/^(package\.json|README\.md|LICENSE|dist\/generator\/.+\.(js|d\.ts)|templates\/runtime\/[^/]+\.ts)$/.test(f));
    assert.deepEqual(stray, [], 'files that do not belong in the published package');
    const cli = execFileSync('tar', ['-xzOf', tarball, 'package/dist/generator/cli.js'], { encoding: 'utf8' });
    assert.ok(cli.startsWith('#!/usr/bin/env node\n'), 'the bin starts with a node shebang');
  });

  it("installs as a devDependency, generates from the project's npm script, and its output compiles strictly and works", () => {
    const app = path.join(work, 'app');
    mkdirSync(path.join(app, 'contracts'), { recursive: true });
    for (const f of readdirSync(FIXTURE)) copyFileSync(path.join(FIXTURE, f), path.join(app, 'contracts', f));
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({
        name: 'user-app',
        private: true,
        type: 'module',
        scripts: { generate: 'wsdl-tsgen generate' },
        devDependencies: { 'wsdl-tsgen': `file:${tarball}` },
      }),
    );
    writeFileSync(
      path.join(app, 'wsdl-tsgen.config.json'),
      JSON.stringify({
        packages: [{ wsdl: 'contracts/service.wsdl', out: 'generated/features-client', packageName: '@acme/features-client', version: '1.4.0', license: 'MIT' }],
      }),
    );
    run('npm', ['install', ...NPM_QUIET], app);
    const bin = path.join(app, 'node_modules', 'wsdl-tsgen', 'dist', 'generator', 'cli.js');
    assert.ok((statSync(bin).mode & 0o111) !== 0, 'npm made the bin executable');

    const generated = run('npm', ['run', '-s', 'generate'], app);
    assert.match(generated, /generated 1 package\(s\): \d+ files, 2 operations, \d+ types/);
    const out = path.join(app, 'generated', 'features-client');
    const pkg = JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual([pkg['name'], pkg['version'], pkg['license']], ['@acme/features-client', '1.4.0', 'MIT'], 'the config names the package');
    assert.ok(existsSync(path.join(app, 'node_modules', '.cache', 'wsdl-tsgen')), "the output cache lives in the project's node_modules");

    // The user depends on the generated package as a local one, builds it with its own build
    // script (declarations by tsc under its strict tsconfig, one ES module by esbuild), and
    // compiles a strict program against its declarations.
    run('npm', ['install', ...NPM_QUIET, './generated/features-client'], app);
    run('npm', ['install', ...NPM_QUIET], out);
    run('npm', ['run', '-s', 'build'], out);
    const javascript = readdirSync(path.join(out, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    assert.deepEqual(javascript, ['index.js'], 'the build ships one ES module');
    assert.ok(existsSync(path.join(out, 'dist', 'runtime', 'client.d.ts')), 'the build writes a declaration per source file');
    writeFileSync(path.join(app, 'main.ts'), PROGRAM);
    writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(STRICT_TSCONFIG));
    const compiled = spawnSync(TSC, ['-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8' });
    assert.equal(compiled.status, 0, `the user's program does not compile:\n${compiled.stdout}`);
    assert.deepEqual(JSON.parse(run(process.execPath, ['dist/main.js'], app)), {
      roundTrip: { id: '9007199254740993', name: 'Zoë & <co>', price: '12.50', tags: ['a', null], props: [['__proto__', 1]] },
      called: { id: '9007199254740993', name: 'saved Zoë & <co>' },
    });

    // A second run is current, as a build step sees it.
    assert.match(run('npm', ['run', '-s', 'generate', '--', '--check'], app), /checked 1 package\(s\)/);
  });
});
