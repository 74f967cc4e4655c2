/**
 * A package's `readme` in the config: a Markdown file whose text the generated README carries
 * after Install (output/services86 gets its sign-in section this way). A change to the file
 * regenerates the README even with the output cache; a file that cannot be read, or a value
 * that is not a path, is an error naming it.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const CLI = path.resolve('dist/generator/cli.js');

describe('config: readme', () => {
  let work: string;
  before(() => {
    execFileSync(path.resolve('node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json']);
    work = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-readme-'));
    cpSync('test/fixtures/golden/features/input', path.join(work, 'contract'), { recursive: true });
    mkdirSync(path.join(work, 'node_modules'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  const generate = (pkg: Record<string, unknown>) => {
    writeFileSync(path.join(work, 'wsdl-tsgen.config.json'), JSON.stringify({ packages: [{ wsdl: 'contract/service.wsdl', out: 'pkg', ...pkg }] }));
    return spawnSync(process.execPath, [CLI, 'generate'], { cwd: work, encoding: 'utf8' });
  };
  const readme = () => readFileSync(path.join(work, 'pkg', 'README.md'), 'utf8');

  it('puts the file after Install, and follows changes to it through the output cache', () => {
    writeFileSync(path.join(work, 'notes.md'), '## Before the first call\r\n\r\nAsk for a key first.\r\n\r\n');
    const first = generate({ readme: 'notes.md' });
    assert.equal(first.status, 0, first.stderr);
    const text = readme();
    const install = text.indexOf('## Install');
    const notes = text.indexOf('## Before the first call\n\nAsk for a key first.\n\n## Use');
    assert.ok(install > 0 && notes > install, text.slice(0, 800));
    assert.ok(!text.includes('\r'), 'line endings normalised');

    writeFileSync(path.join(work, 'notes.md'), '## Before the first call\n\nAsk for two keys.\n');
    assert.equal(generate({ readme: 'notes.md' }).status, 0);
    assert.match(readme(), /Ask for two keys\./);
    assert.equal(generate({}).status, 0);
    assert.doesNotMatch(readme(), /Before the first call/, 'without readme, no section');
  });

  it('a file that cannot be read, or a value that is not a string, is an error naming it', () => {
    const missing = generate({ readme: 'absent.md' });
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr.trim(), 'wsdl-tsgen: cannot read the readme file absent.md named in the config: no such file');
    const wrong = generate({ readme: 7 });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr.trim(), /^wsdl-tsgen: .*wsdl-tsgen\.config\.json:1:1: packages\[0\]\.readme must be a string$/);
  });
});
