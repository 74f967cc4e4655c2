/**
 * `generate --watch`: regenerates when the WSDL or an imported schema changes, reports bad
 * input without stopping, and stops cleanly on SIGTERM.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

describe('generate --watch', () => {
  let work: string;
  before(() => {
    execFileSync(path.resolve('node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json']);
    work = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-watch-'));
    cpSync('test/fixtures/golden/features/input', path.join(work, 'contract'), { recursive: true });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('regenerates on changes to the contract and its imports, and survives bad input', async () => {
    const out = path.join(work, 'out');
    const child = spawn(process.execPath, [path.resolve('dist/generator/cli.js'), 'generate', '--watch', '--wsdl', 'contract/service.wsdl', '--out', 'out'], { cwd: work });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    /** Waits until `text` has appeared `count` times in `stream()`. */
    const waitFor = async (stream: () => string, text: string, count: number) => {
      const deadline = Date.now() + 20_000;
      while (stream().split(text).length - 1 < count) {
        assert.ok(Date.now() < deadline, `timed out waiting for "${text}" x${count}; stdout: ${stdout}; stderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor(() => stdout, 'watching 2 file(s)', 1);
      assert.match(stdout, /generated 1 package\(s\)/);
      assert.doesNotMatch(readFileSync(path.join(out, 'src/types.ts'), 'utf8'), /Extra/);

      // An imported schema changes: the type it declares gains a field.
      const other = path.join(work, 'contract/other.xsd');
      writeFileSync(other, readFileSync(other, 'utf8').replace('<xs:element name="Code" type="xs:string"/>', '<xs:element name="Code" type="xs:string"/><xs:element name="Extra" type="xs:int"/>'));
      await waitFor(() => stdout, 'generated 1 package(s)', 2);
      assert.match(readFileSync(path.join(out, 'src/types.ts'), 'utf8'), /Extra: number;/);

      // The WSDL becomes malformed: reported with its location, and watching goes on.
      const wsdl = path.join(work, 'contract/service.wsdl');
      const good = readFileSync(wsdl, 'utf8');
      writeFileSync(wsdl, good.replace('</wsdl:definitions>', ''));
      await waitFor(() => stderr, 'contract/service.wsdl:', 1);
      assert.match(stderr, /not well-formed XML/);
      writeFileSync(wsdl, good);
      await waitFor(() => stdout, 'generated 1 package(s)', 3);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });
});
