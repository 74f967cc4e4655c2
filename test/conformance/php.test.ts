/**
 * PHP's SOAP stack (Debian php-cli and php-soap: ext/soap's SoapServer and SoapClient in WSDL
 * mode) on the other end, for SOAP encoding above all: PHP's SoapServer speaks rpc/encoded by
 * default, writes xsi:type on every value and a shared object as a multi-reference value.
 *
 * - The generated clients call a PHP SoapServer (test/conformance/php/server.php under
 *   `php -S`) built from the rpc/encoded catalogue (test/fixtures/golden/rpc-encoded) and from a
 *   document/literal contract (test/fixtures/golden/anonymous-types): the server's answers are
 *   made from what it decoded, and it reports what it decoded, so both directions are compared
 *   with the values the test sent.
 * - PHP's SoapClient (test/conformance/php/client.php) calls the generated test doubles of both
 *   contracts: the handlers record what they read, PHP prints what it got back.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as catalog from '../fixtures/golden/rpc-encoded/expected/src/index.ts';
import * as orders from '../fixtures/golden/anonymous-types/expected/src/index.ts';
import { requirePrerequisites } from './prerequisites.ts';

requirePrerequisites('php');

const CATALOG_WSDL = path.resolve('test/fixtures/golden/rpc-encoded/input/service.wsdl');
const ORDERS_WSDL = path.resolve('test/fixtures/golden/anonymous-types/input/service.wsdl');
const SERVER = path.resolve('test/conformance/php/server.php');
const CLIENT = path.resolve('test/conformance/php/client.php');

const work = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-php-'));

/** A port free on 127.0.0.1 when asked. */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface PhpServer {
  readonly endpoint: string;
  readonly process: ChildProcess;
  /** What the server decoded from the last request, as JSON. */
  last(): Promise<unknown>;
}

/** Starts server.php for one contract and waits until it answers. */
async function startPhpServer(kind: 'catalog' | 'orders', contract: string): Promise<PhpServer> {
  const port = await freePort();
  const state = path.join(work, `${kind}.json`);
  const child = spawn('php', ['-S', `127.0.0.1:${port}`, SERVER], {
    env: { ...process.env, KIND: kind, CONTRACT: contract, STATE: state },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const endpoint = `http://127.0.0.1:${port}/`;
  const last = async () => (await (await fetch(`${endpoint}last`)).json()) as unknown;
  for (let i = 0; ; i++) {
    try {
      await last();
      break;
    } catch {
      if (i > 100 || child.exitCode !== null) throw new Error(`php -S did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { endpoint, process: child, last };
}

/** Runs client.php against `endpoint` with `input`; what PHP's SoapClient got back, as JSON. */
function phpClient(kind: 'catalog' | 'orders', contract: string, endpoint: string, input: unknown): Promise<Record<string, unknown>> {
  const file = path.join(work, `${kind}-input.json`);
  writeFileSync(file, JSON.stringify(input));
  // Asynchronous: the test double answering PHP runs in this process.
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    const child = spawn('php', [CLIENT, kind, contract, endpoint, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`client.php exited ${code}: ${err}${out}`));
      try {
        resolve(JSON.parse(out) as Record<string, unknown>);
      } catch {
        reject(new Error(`client.php printed what is not JSON: ${out}${err}`));
      }
    });
  });
}

/** Serves a test double's listener on a free port. */
async function serve(listener: Parameters<typeof createServer>[1]): Promise<{ server: Server; endpoint: string }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

const servers: PhpServer[] = [];
after(() => {
  for (const s of servers) s.process.kill();
  rmSync(work, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// The values sent, the same both ways.

const echoValue: catalog.EchoRequest = {
  text: ' a < b & "c" ',
  flag: true,
  small: -32768,
  amount: '-12345678901234567890.000001',
  ratio: 0.5,
  when: '2024-02-29T23:59:59.5+01:00',
  day: '2024-01-01',
  data: new Uint8Array([0, 1, 254, 255]),
  color: 'blue',
};
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('generated client -> PHP SoapServer, rpc/encoded', () => {
  let php: PhpServer;
  let agent: catalog.CatalogPortTypeAgent;
  before(async () => {
    php = await startPhpServer('catalog', CATALOG_WSDL);
    servers.push(php);
    agent = new catalog.CatalogPortTypeAgent({ endpoint: php.endpoint });
  });

  it('echo: every built-in reaches PHP as sent and comes back equal', async () => {
    const back = await agent.echo(echoValue);
    assert.deepEqual(await php.last(), { ...echoValue, data: { base64: base64(echoValue.data) } });
    assert.deepEqual(back, echoValue);
  });

  it('getProduct: a struct with an array, an enumeration and a nil member', async () => {
    assert.deepEqual(await agent.getProduct({ id: 4 }), { id: 4, name: 'product 4', price: 6, color: 'green', tags: ['t4', 'new'], note: null });
    assert.deepEqual(await php.last(), { id: 4 });
  });

  it('findProducts: PHP writes the object it returns twice as a multi-reference value, read as two equal values', async () => {
    const products = await agent.findProducts({ query: 'lamp', colors: ['red', 'blue'] });
    assert.deepEqual(await php.last(), { query: 'lamp', colors: ['red', 'blue'] });
    const first = { id: 1, name: 'lamp', price: 2.25, color: 'red', tags: ['red', 'blue'], note: 'first' };
    assert.deepEqual(products, [
      first,
      first,
      { id: 10, name: 'lamp red', price: 1, color: 'red', tags: [], note: null },
      { id: 11, name: 'lamp blue', price: 1, color: 'blue', tags: [], note: null },
    ]);
    // The shared object really came as a reference: read the raw response once.
    const raw = await fetch(php.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"urn:example:catalog#findProducts"' },
      body: catalog.serializeFindProductsRequest({ query: 'lamp', colors: ['red'] }),
    });
    assert.match(await raw.text(), /<item href="#ref1"\/>/);
  });

  it('sum: nested arrays and an array declared by its item element', async () => {
    assert.equal(await agent.sum({ rows: [[1, 2], [], [3]], extra: [4n, 5n] }), 15n);
    assert.deepEqual(await php.last(), { rows: [[1, 2], [], [3]], extra: [4, 5] });
  });
});

describe('generated client -> PHP SoapServer, document/literal', () => {
  it('PlaceOrder: the request PHP decoded and the response it made from it', async () => {
    const php = await startPhpServer('orders', ORDERS_WSDL);
    servers.push(php);
    const agent = new orders.OrdersAgent({ endpoint: php.endpoint });
    const order: orders.Order = { Line: [{ Sku: 'A-1', Quantity: 2 }, { Sku: 'B-2', Quantity: 1 }], Priority: 'high', Codes: [7, 8] };
    const accepted = await agent.placeOrder({ Order: order });
    assert.deepEqual(accepted, [{ Sku: 'A-1 x2' }, { Sku: 'B-2 x1' }]);
    // PHP decodes an xs:list as its lexical form.
    assert.deepEqual(await php.last(), { ...order, Codes: '7 8' });
  });
});

describe('PHP SoapClient -> generated test double', () => {
  it('rpc/encoded: the double reads what PHP sends, PHP reads what the double answers', async () => {
    const received: Record<string, unknown> = {};
    const product: catalog.Product = { id: 9, name: 'Desk', price: 120.5, color: 'red', tags: ['oak'], note: null };
    const double = catalog.createCatalogPortTypeService({
      getProduct: (request) => ((received['getProduct'] = request), { ...product, id: request.id }),
      findProducts: (request) => ((received['findProducts'] = request), request.colors.map((c, i) => ({ ...product, id: i, color: c as catalog.Color, name: request.query }))),
      sum: (request) => ((received['sum'] = request), request.rows.flat().reduce((a, b) => a + BigInt(b), 0n) + request.extra.reduce((a, b) => a + b, 0n)),
      echo: (request) => ((received['echo'] = request), request),
    });
    const { server, endpoint } = await serve(double.listener);
    try {
      const input = {
        getProduct: { id: 9 },
        findProducts: { query: 'desk', colors: ['green', 'blue'] },
        sum: { rows: [[1, 2], [3]], extra: [40] },
        echo: { ...echoValue, data: base64(echoValue.data) },
      };
      const php = await phpClient('catalog', CATALOG_WSDL, endpoint, input);
      assert.deepEqual(received, {
        getProduct: { id: 9 },
        findProducts: { query: 'desk', colors: ['green', 'blue'] },
        sum: { rows: [[1, 2], [3]], extra: [40n] },
        echo: echoValue,
      });
      assert.deepEqual(php, {
        getProduct: { ...product, id: 9 },
        findProducts: [
          { ...product, id: 0, color: 'green', name: 'desk' },
          { ...product, id: 1, color: 'blue', name: 'desk' },
        ],
        sum: 46,
        echo: { ...echoValue, data: { base64: base64(echoValue.data) } },
      });
    } finally {
      server.close();
    }
  });

  it('document/literal: PlaceOrder both ways', async () => {
    let received: unknown;
    const double = orders.createOrdersService({
      placeOrder: (request) => ((received = request), request.Order.Line.map((l) => ({ Sku: `${l.Sku}:${l.Quantity}` }))),
    });
    const { server, endpoint } = await serve(double.listener);
    try {
      const php = await phpClient('orders', ORDERS_WSDL, endpoint, { PlaceOrder: { Order: { Line: [{ Sku: 'A', Quantity: 3 }], Priority: 'low', Codes: '1 2' } } });
      assert.deepEqual(received, { Order: { Line: [{ Sku: 'A', Quantity: 3 }], Priority: 'low', Codes: [1, 2] } });
      assert.deepEqual(php, { PlaceOrder: { Accepted: { Sku: 'A:3' } } });
    } finally {
      server.close();
    }
  });
});
