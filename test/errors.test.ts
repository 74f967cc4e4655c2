/**
 * Bad input: each kind of broken contract gives one GeneratorError with a stable code and a
 * message located at `file:line:col` of what the user must fix. Contracts are loaded from small
 * fixtures under test/fixtures/errors/ (paths relative to the repository root, where the tests
 * run) and, for URLs, from local http servers. The CLI tests run the compiled command.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GeneratorError, type GeneratorErrorCode } from '../generator/errors.ts';
import { loadModel } from '../generator/load-model.ts';
import type { ComplexType, ElementField, Model } from '../generator/model.ts';

const FIXTURES = 'test/fixtures/errors';

/** Runs `load` and returns the GeneratorError it rejects with (failing if it resolves or throws anything else). */
async function generatorError(load: () => Promise<unknown>): Promise<GeneratorError> {
  try {
    await load();
  } catch (e) {
    assert.ok(e instanceof GeneratorError, `expected a GeneratorError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the contract to be rejected');
}

/** A complex type whose content is elements only. */
function complexType(model: Model, id: string): Omit<ComplexType, 'fields'> & { readonly fields: readonly ElementField[] } {
  const t = model.types.find((x) => x.id === id);
  assert.ok(t && t.kind === 'complex', `${id} is a complex type`);
  assert.ok(t.fields.every((f) => f.kind === 'element'), `${id} holds elements only`);
  return t as ComplexType & { readonly fields: readonly ElementField[] };
}

describe('bad contract files', () => {
  const cases: { name: string; code: GeneratorErrorCode; formatted: string }[] = [
    {
      name: 'malformed',
      code: 'XML_MALFORMED',
      formatted: `${FIXTURES}/malformed/service.wsdl:4:3: not well-formed XML: end tag </wsdl:mesage> does not match start tag <wsdl:message>`,
    },
    {
      name: 'unresolved-type',
      code: 'UNRESOLVED_REFERENCE',
      formatted: `${FIXTURES}/unresolved-type/service.wsdl:8:11: type {urn:t}Customer (referenced by element Customer) is not declared`,
    },
    {
      name: 'missing-import',
      code: 'FILE_NOT_FOUND',
      formatted: `${FIXTURES}/missing-import/service.wsdl:5:7: cannot read ${FIXTURES}/missing-import/types.xsd: no such file`,
    },
    {
      name: 'import-no-location',
      code: 'UNRESOLVED_REFERENCE',
      formatted:
        `${FIXTURES}/import-no-location/service.wsdl:5:7: xs:import of namespace "urn:nobody" has no schemaLocation ` +
        'and no loaded schema has that target namespace',
    },
    {
      name: 'circular-derivation',
      code: 'CIRCULAR_DERIVATION',
      formatted: `${FIXTURES}/circular-derivation/service.wsdl:5:7: complex type A derives from itself (A extends B extends A)`,
    },
    {
      name: 'no-binding',
      code: 'INVALID_CONTRACT',
      formatted: `${FIXTURES}/no-binding/service.wsdl:2:1: the contract has no SOAP 1.1 or SOAP 1.2 binding`,
    },
    {
      name: 'unknown-binding',
      code: 'INVALID_CONTRACT',
      formatted:
        `${FIXTURES}/unknown-binding/service.wsdl:2:1: the contract has no SOAP 1.1 or SOAP 1.2 binding; ` +
        'ignored: RestBinding ({urn:example:rest-binding}binding)',
    },
    {
      name: 'unresolved-message',
      code: 'UNRESOLVED_REFERENCE',
      formatted: `${FIXTURES}/unresolved-message/service.wsdl:14:7: message {urn:t}PingResponse (referenced by Ping output) is not declared (--lenient reads the contract anyway, repairing this with a warning)`,
    },
    {
      // message, portType and binding references under a namespace that declares none of them
      name: 'wrong-namespace-reference',
      code: 'UNRESOLVED_REFERENCE',
      formatted: `${FIXTURES}/wrong-namespace-reference/service.wsdl:21:3: portType {urn:other}Svc (referenced by wsdl:binding SvcBinding) is not declared (--lenient reads the contract anyway, repairing this with a warning)`,
    },
    {
      name: 'not-xml-import',
      code: 'XML_MALFORMED',
      formatted: `${FIXTURES}/not-xml-import/service.wsdl:5:7: ${FIXTURES}/not-xml-import/types.xsd is not XML: missing root element`,
    },
  ];
  for (const { name, code, formatted } of cases) {
    test(name, async () => {
      const e = await generatorError(() => loadModel(`${FIXTURES}/${name}/service.wsdl`));
      assert.equal(e.code, code);
      assert.equal(e.format(), formatted);
      assert.ok(e.location, 'the error is located');
      assert.equal(e.format(), `${e.location.file}:${e.location.line}:${e.location.column}: ${e.message}`);
    });
  }

  test('read leniently, WSDL references in the wrong namespace find the one component of their local name, each reported', async () => {
    const model = await loadModel(`${FIXTURES}/wrong-namespace-reference/service.wsdl`, { lenient: true });
    const at = `${FIXTURES}/wrong-namespace-reference/service.wsdl`;
    assert.deepEqual(model.warnings, [
      `${at}:21:3: portType {urn:other}Svc is not declared; {urn:t}Svc, the only portType of that name, is used`,
      `${at}:17:7: message {urn:other}PingRequest is not declared; {urn:t}PingRequest, the only message of that name, is used`,
      `${at}:30:5: binding {urn:other}SvcBinding is not declared; {urn:t}SvcBinding, the only binding of that name, is used`,
    ]);
    assert.deepEqual(
      model.services[0]!.ports.map((p) => [p.name, p.binding]),
      [['SvcPort', { namespace: 'urn:t', name: 'SvcBinding' }]],
    );
    assert.deepEqual(
      model.bindings[0]!.operations.map((o) => o.name),
      ['Ping'],
    );
  });

  test('a root contract that does not exist', async () => {
    const e = await generatorError(() => loadModel(`${FIXTURES}/nowhere/service.wsdl`));
    assert.equal(e.code, 'FILE_NOT_FOUND');
    assert.equal(e.location, undefined);
    assert.equal(e.format(), `cannot read ${FIXTURES}/nowhere/service.wsdl: no such file`);
  });

  test('two schemas importing each other load once each and resolve', async () => {
    const model = await loadModel(`${FIXTURES}/import-cycle/service.wsdl`);
    assert.deepEqual(
      model.types.map((t) => [t.id, t.location.file]),
      [
        ['{urn:a}A', `${FIXTURES}/import-cycle/a.xsd`],
        ['{urn:b}B', `${FIXTURES}/import-cycle/b.xsd`],
      ],
    );
    assert.deepEqual(
      complexType(model, '{urn:a}A').fields.map((f) => [f.name, f.namespace, f.type]),
      [['B', 'urn:a', { kind: 'type', id: '{urn:b}B' }]],
    );
    assert.deepEqual(
      complexType(model, '{urn:b}B').fields.map((f) => [f.name, f.namespace, f.type]),
      [['A', 'urn:b', { kind: 'type', id: '{urn:a}A' }]],
    );
    assert.deepEqual(
      model.elements.map((e) => [e.name, e.type]),
      [[{ namespace: 'urn:a', name: 'Ping' }, { kind: 'type', id: '{urn:a}A' }]],
    );
    assert.deepEqual(
      model.bindings.map((b) => b.operations.map((o) => o.name)),
      [['Ping']],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Contracts over http

interface Server {
  readonly base: string;
  close(): Promise<void>;
}

async function serve(handler: http.RequestListener): Promise<Server> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves the files of one fixture folder; anything else is 404. */
function serveFolder(folder: string): Promise<Server> {
  return serve(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    try {
      const body = await readFile(path.join(folder, path.normalize(rel)));
      res.writeHead(200, { 'content-type': 'text/xml' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    }
  });
}

describe('contracts over http', () => {
  const servers: Server[] = [];
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });
  async function start(server: Promise<Server>): Promise<Server> {
    const s = await server;
    servers.push(s);
    return s;
  }

  test('a WSDL whose xs:import is relative resolves it against the URL', async () => {
    const { base } = await start(serveFolder(`${FIXTURES}/http-relative`));
    const model = await loadModel(`${base}/service.wsdl`);
    assert.equal(model.source, `${base}/service.wsdl`);
    assert.deepEqual(
      model.types.map((t) => [t.id, t.location.file]),
      [['{urn:a}A', `${base}/types/a.xsd`]],
    );
    const part = model.bindings[0]!.operations[0]!.input.body[0]!;
    assert.deepEqual(part.element, { namespace: 'urn:a', name: 'Ping' });
    assert.equal(part.location.file, `${base}/service.wsdl`);
  });

  test('a 404 for the root contract is FETCH_FAILED', async () => {
    const { base } = await start(serve((_req, res) => res.writeHead(404).end()));
    const url = `${base}/User.svc?wsdl`;
    const e = await generatorError(() => loadModel(url));
    assert.equal(e.code, 'FETCH_FAILED');
    assert.equal(e.location, undefined);
    assert.equal(e.format(), `cannot fetch ${url}: HTTP 404 Not Found`);
  });

  test('a 404 for an imported schema is FETCH_FAILED at the import', async () => {
    const { base } = await start(serveFolder(`${FIXTURES}/http-missing-import`));
    const e = await generatorError(() => loadModel(`${base}/service.wsdl`));
    assert.equal(e.code, 'FETCH_FAILED');
    assert.equal(e.format(), `${base}/service.wsdl:5:7: cannot fetch ${base}/types/missing.xsd: HTTP 404 Not Found (--lenient reads the contract anyway, repairing this with a warning)`);
  });

  test('a server that never answers is FETCH_TIMEOUT after timeoutMs', async () => {
    const { base } = await start(serve(() => {}));
    const url = `${base}/slow.wsdl`;
    const started = performance.now();
    const e = await generatorError(() => loadModel(url, { timeoutMs: 200 }));
    const elapsed = performance.now() - started;
    assert.equal(e.code, 'FETCH_TIMEOUT');
    assert.equal(e.format(), `${url} did not answer within 200 ms (--timeout)`);
    assert.ok(elapsed >= 150 && elapsed < 1000, `gave up after ${Math.round(elapsed)} ms`);
  });

  test('a refused connection is FETCH_FAILED', async () => {
    // A port that was free a moment ago: nothing listens there any more.
    const closed = await serve(() => {});
    await closed.close();
    const url = `${closed.base}/service.wsdl`;
    const e = await generatorError(() => loadModel(url));
    assert.equal(e.code, 'FETCH_FAILED');
    assert.equal(e.format(), `cannot fetch ${url}: ECONNREFUSED`);
  });
});

// ---------------------------------------------------------------------------------------------
// The command line

const CLI = 'dist/generator/cli.js';

interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('cli', () => {
  before(() => {
    // Compile the generator so this file runs on its own. tsc exits 2 when it reports type errors
    // but still wrote the output (type errors are the typecheck script's job); 1 and above 2 mean
    // nothing was written.
    const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 2, `tsc failed (${r.status}):\n${r.stdout}${r.stderr}`);
  });

  test('model --wsdl prints the model as JSON, the same on every run', async () => {
    const first = await cli('model', '--wsdl', 'wsdl/User.wsdl');
    assert.equal(first.stderr, '');
    assert.equal(first.status, 0);
    const second = await cli('model', '--wsdl', 'wsdl/User.wsdl');
    assert.equal(second.status, 0);
    assert.equal(second.stdout, first.stdout);
    assert.equal(first.stdout, `${JSON.stringify(await loadModel('wsdl/User.wsdl'), null, 2)}\n`);
  });

  const badInput = [
    {
      wsdl: `${FIXTURES}/malformed/service.wsdl`,
      line: `${FIXTURES}/malformed/service.wsdl:4:3: not well-formed XML: end tag </wsdl:mesage> does not match start tag <wsdl:message>`,
    },
    {
      wsdl: `${FIXTURES}/unresolved-type/service.wsdl`,
      line: `${FIXTURES}/unresolved-type/service.wsdl:8:11: type {urn:t}Customer (referenced by element Customer) is not declared`,
    },
    {
      wsdl: `${FIXTURES}/missing-import/service.wsdl`,
      line: `${FIXTURES}/missing-import/service.wsdl:5:7: cannot read ${FIXTURES}/missing-import/types.xsd: no such file`,
    },
  ];
  for (const { wsdl, line } of badInput) {
    test(`bad input exits 1 with one located line: ${wsdl}`, async () => {
      const r = await cli('model', '--wsdl', wsdl);
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `wsdl-tsgen: ${line}\n`);
    });
  }

  const HINT = 'Run "wsdl-tsgen --help" for usage.';
  const usageCases: { args: string[]; first: string | RegExp }[] = [
    { args: [], first: 'wsdl-tsgen: a command is required (model or generate)' },
    { args: ['frobnicate'], first: 'wsdl-tsgen: unknown command "frobnicate"' },
    { args: ['model'], first: 'wsdl-tsgen: model needs --wsdl <file|url>' },
    { args: ['model', '--wsdl', 'wsdl/User.wsdl', '--out', 'x'], first: 'wsdl-tsgen: --out does not apply to model' },
    { args: ['model', '--wsdl', 'wsdl/User.wsdl', '--timeout', 'soon'], first: 'wsdl-tsgen: --timeout must be a positive whole number of milliseconds, not "soon"' },
    { args: ['model', '--wsdl', 'wsdl/User.wsdl', '--bogus'], first: 'wsdl-tsgen: unknown option --bogus' },
  ];
  for (const { args, first } of usageCases) {
    test(`usage error exits 2: ${args.join(' ') || '(no arguments)'}`, async () => {
      const r = await cli(...args);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      const lines = r.stderr.split('\n');
      assert.equal(lines.length, 3, r.stderr);
      if (typeof first === 'string') assert.equal(lines[0], first);
      else assert.match(lines[0]!, first);
      assert.equal(lines[1], HINT);
      assert.equal(lines[2], '');
    });
  }

  test('--help exits 0 and names every command and option', async () => {
    const r = await cli('--help');
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    for (const word of ['model', 'generate', '--wsdl', '--out', '--package-name', '--binding', '--config', '--check', '--timeout']) {
      assert.match(r.stdout, new RegExp(`(^|\\s)${word.replace(/-/g, '\\-')}\\b`), word);
    }
  });
});
