/**
 * The generated package.json's fields that belong to the user (version, license, author,
 * repository, private, publishConfig), from a config entry or flags: what npm would refuse or
 * misread is a one-line error naming the key, before anything is written.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GeneratorError } from '../generator/errors.ts';
import { readPackages } from '../generator/generate.ts';

const WSDL = 'test/fixtures/golden/features/input/service.wsdl';
const CLI = path.resolve('dist/generator/cli.js');

describe('package.json fields in a config entry', () => {
  const base = { wsdl: WSDL, out: 'out/client', packageName: 'client' };
  const cases: { name: string; entry: Record<string, unknown>; message: string }[] = [
    { name: 'a version that is not semver', entry: { version: '1.0' }, message: 'packages[0].version "1.0" is not a semver version (such as 1.2.0 or 2.0.0-beta.1)' },
    { name: 'a version with a v in front', entry: { version: 'v1.2.0' }, message: 'packages[0].version "v1.2.0" is not a plain semver version: write 1.2.0' },
    { name: 'a version that is a number', entry: { version: 1 }, message: 'packages[0].version must be a non-empty string' },
    {
      name: 'a misspelt license',
      entry: { license: 'mit' },
      message: 'packages[0].license "mit" is not an SPDX license expression (such as MIT or Apache-2.0), UNLICENSED, or SEE LICENSE IN <file> (did you mean "MIT"?)',
    },
    {
      name: 'a license that is no SPDX expression',
      entry: { license: 'proprietary' },
      message: 'packages[0].license "proprietary" is not an SPDX license expression (such as MIT or Apache-2.0), UNLICENSED, or SEE LICENSE IN <file>',
    },
    {
      name: 'a package name npm refuses',
      entry: { packageName: 'Services86User' },
      message: 'packages[0].packageName "Services86User" is not a valid npm package name: name can no longer contain capital letters',
    },
    {
      // A folder name is lower-cased and its other characters made `-` first (as npm init does);
      // what npm still refuses is refused.
      name: 'a folder name that is no package name',
      entry: { packageName: undefined, out: 'generated/node_modules' },
      message: 'the package name "node_modules" (the name of the output folder; set packages[0].packageName) is not a valid npm package name: node_modules is not a valid package name',
    },
    { name: 'private that is not a boolean', entry: { private: 'yes' }, message: 'packages[0].private must be true or false' },
    { name: 'a description of two lines', entry: { description: 'one\ntwo' }, message: 'packages[0].description must be one line of text (no control characters)' },
    { name: 'an author object without a name', entry: { author: { email: 'a@example.com' } }, message: 'packages[0].author.name must be a non-empty string' },
    { name: 'a repository object without a type', entry: { repository: { url: 'https://example.com/r.git' } }, message: 'packages[0].repository.type must be a non-empty string' },
    {
      name: 'publishConfig with an unknown key',
      entry: { publishConfig: { acess: 'public' } },
      message: 'packages[0].publishConfig has an unknown key "acess" (known: registry, access, tag, provenance)',
    },
    { name: 'an access npm does not know', entry: { publishConfig: { access: 'everyone' } }, message: 'packages[0].publishConfig.access must be "public" or "restricted", not "everyone"' },
    { name: 'a registry that is not a URL', entry: { publishConfig: { registry: 'npm.example.com' } }, message: 'packages[0].publishConfig.registry must be an http or https URL, not "npm.example.com"' },
    { name: 'a tag npm reads as a range', entry: { publishConfig: { tag: '1.x' } }, message: 'packages[0].publishConfig.tag "1.x" cannot be a dist-tag: npm reads it as a version range' },
    {
      name: 'a misspelt key of the entry',
      entry: { licence: 'MIT' },
      message:
        'packages[0] has an unknown key "licence" (known: wsdl, binding, contracts, out, packageName, readme, version, description, license, author, repository, private, publishConfig)',
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, in one line naming the key`, () => {
      const location = { file: 'wsdl-tsgen.config.json', line: 1, column: 1 };
      assert.throws(
        () => readPackages([{ ...base, ...c.entry }], '.', location),
        (e: unknown) => e instanceof GeneratorError && e.code === 'INVALID_CONFIG' && e.format() === `wsdl-tsgen.config.json:1:1: ${c.message}`,
      );
    });
  }

  it('keeps every valid field as written', () => {
    const entry = {
      ...base,
      packageName: '@acme/client',
      version: '2.0.0-beta.1',
      description: 'The Acme client',
      license: '(MIT OR Apache-2.0)',
      author: { name: 'Acme', email: 'dev@acme.example', url: 'https://acme.example' },
      repository: { type: 'git', url: 'git+https://example.com/acme/clients.git', directory: 'generated/client' },
      private: false,
      publishConfig: { registry: 'https://npm.acme.example/', access: 'restricted', tag: 'next', provenance: true },
    };
    const [pkg] = readPackages([entry], '.');
    const { wsdl: _wsdl, out: _out, packageName, ...metadata } = entry;
    assert.equal(pkg!.packageName, packageName);
    assert.deepEqual(pkg!.metadata, metadata);
  });
});

describe('package.json fields from flags and the config file, through the command', () => {
  let work: string;
  before(() => {
    // The CLI runs from dist/: npm test builds it first; a lone run of this file builds it here.
    if (!existsSync(CLI)) spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
    work = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-metadata-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--no-cache'], { encoding: 'utf8' });

  it('writes the flags into the generated package.json, in the order npm shows them', () => {
    const out = path.join(work, 'flags');
    const r = cli(
      'generate', '--wsdl', WSDL, '--out', out, '--package-name', '@acme/features',
      '--package-version', '3.1.0', '--description', 'Acme features client', '--license', 'Apache-2.0',
      '--author', 'Acme <dev@acme.example>', '--repository', 'github:acme/clients', '--private',
      '--publish-registry', 'https://npm.acme.example/', '--publish-access', 'restricted', '--publish-tag', 'next',
    );
    assert.equal(r.status, 0, r.stderr);
    const pkg = JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(pkg).slice(0, 9), ['name', 'version', 'description', 'license', 'author', 'repository', 'private', 'publishConfig', 'type']);
    const mine = Object.fromEntries(Object.entries(pkg).slice(0, 8));
    assert.deepEqual(mine, {
      name: '@acme/features',
      version: '3.1.0',
      description: 'Acme features client',
      license: 'Apache-2.0',
      author: 'Acme <dev@acme.example>',
      repository: 'github:acme/clients',
      private: true,
      publishConfig: { registry: 'https://npm.acme.example/', access: 'restricted', tag: 'next' },
    });
    // What the package is built and published with: prepack builds dist/, which `files` ships.
    assert.equal((pkg['scripts'] as Record<string, string>)['prepack'], 'npm run build');
    // dist/ emptied first, declarations from tsc, then the one bundle from esbuild.
    assert.match((pkg['scripts'] as Record<string, string>)['build']!, /^node -e "require\('node:fs'\)\.rmSync\('dist',\{recursive:true,force:true\}\)" && tsc -p tsconfig\.json --emitDeclarationOnly && esbuild src\/index\.ts --bundle /);
    assert.deepEqual(pkg['files'], ['dist', 'src', 'README.md']);
    assert.match(readFileSync(path.join(out, 'README.md'), 'utf8'), /## Releasing[\s\S]*`private` is set there, so npm refuses/);
  });

  it('an invalid flag is a usage error (exit 2) in one line, and nothing is written', () => {
    const out = path.join(work, 'bad-flag');
    const r = cli('generate', '--wsdl', WSDL, '--out', out, '--package-version', '1.0');
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'wsdl-tsgen: --package-version "1.0" is not a semver version (such as 1.2.0 or 2.0.0-beta.1)\n');
    assert.equal(existsSync(out), false);
    const access = cli('generate', '--wsdl', WSDL, '--out', out, '--publish-access', 'everyone');
    assert.equal(access.status, 2);
    assert.equal(access.stderr, 'wsdl-tsgen: --publish-access must be "public" or "restricted", not "everyone"\n');
  });

  it('package.json flags without --wsdl are a usage error: the config names them per package', () => {
    const r = cli('generate', '--license', 'MIT');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^wsdl-tsgen: --out, --package-name, --binding and the package.json fields go with --wsdl/);
  });

  it('an invalid value in the config file exits 1 with the file and the key, and nothing is written', () => {
    const config = path.join(work, 'bad.config.json');
    writeFileSync(config, JSON.stringify({ packages: [{ wsdl: path.resolve(WSDL), out: 'never', version: '1.0.0.0' }] }));
    const r = cli('generate', '--config', config);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `wsdl-tsgen: ${config}:1:1: packages[0].version "1.0.0.0" is not a semver version (such as 1.2.0 or 2.0.0-beta.1)\n`);
    assert.equal(existsSync(path.join(work, 'never')), false);
  });
});
