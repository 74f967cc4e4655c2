/**
 * WCF on the other end: the stack SuperOffice NetServer runs. Mono's System.ServiceModel hosts a
 * BasicHttpBinding service built from wsdl/User.wsdl on 127.0.0.1, and a WCF client
 * (ChannelFactory over the same contracts) calls the generated test double.
 *
 * - Data contracts: Mono's svcutil over wsdl/User.wsdl. Message contracts (headers, body
 *   wrappers): emitted from the generated package's descriptors (wcf/contracts.ts), because
 *   Mono's svcutil drops soap:header parts and loses the result element's name.
 * - Generated client -> WCF service: for every operation, values built from the descriptors
 *   (every field set, nil on every other nillable field; then every nillable field nil) are
 *   sent; the service writes what DataContractSerializer deserialized (re-serialized by it) and
 *   answers with a response the test chose, which the client must read back as those values.
 * - WCF client -> generated test double: the same values the other way round.
 * - Faults and service errors both ways.
 *
 * What WCF fills in that was not sent (absent members come back as null or their .NET default)
 * is accepted; everything that was sent must arrive as sent. The differences between WCF's wire
 * form and ours that the test accepts are listed in `WCF_DIFFERENCES` and in the README.
 */
process.env.TZ = 'Pacific/Chatham';

import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import * as user from '../../output/services86-user/src/index.ts';
import { SampleMaker, type SampleKind } from '../support/samples.ts';
import { emitContracts } from './wcf/contracts.ts';
import type { OperationDesc } from '../../templates/runtime/schema.ts';
import { requirePrerequisites } from './prerequisites.ts';

requirePrerequisites('mono');

const NS = 'http://www.superoffice.net/ws/crm/NetServer/Services86';
const operations = user.operations as Readonly<Record<string, OperationDesc>>;
const OPS = Object.values(operations);
const samples = new SampleMaker(user.service);

// ---------------------------------------------------------------------------------------------
// Building and running the Mono program

const MISSING = ['mono', 'mcs', 'svcutil'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);

/** svcutil and mcs take seconds; the build is kept by a hash of its inputs. */
function buildHarness(): string {
  const here = path.resolve('test/conformance/wcf');
  const harness = readFileSync(path.join(here, 'Harness.cs'), 'utf8');
  const wsdl = path.resolve('wsdl/User.wsdl');
  const svcutilDir = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-svcutil-'));
  try {
    const svc = spawnSync('svcutil', ['--noConfig', '--noLogo', '-o', path.join(svcutilDir, 'User.cs'), pathToFileURL(wsdl).href], { encoding: 'utf8' });
    assert.equal(svc.status, 0, `svcutil failed: ${svc.stderr}${svc.stdout}`);
    const dataContracts = readFileSync(path.join(svcutilDir, 'User.cs'), 'utf8');
    const contracts = emitContracts(user.service, operations, dataContracts, NS);
    const key = createHash('sha256').update(dataContracts).update(contracts).update(harness).digest('hex').slice(0, 16);
    const dir = path.join(tmpdir(), `wsdl-tsgen-wcf-${key}`);
    const exe = path.join(dir, 'wcf.exe');
    if (existsSync(exe)) return exe;
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'User.cs'), dataContracts);
    writeFileSync(path.join(dir, 'Contracts.cs'), contracts);
    writeFileSync(path.join(dir, 'Harness.cs'), harness);
    const mcs = spawnSync(
      'mcs',
      ['-nowarn:0108,0114,0169,0219,0414,0649', '-target:exe', `-out:${exe}.tmp`, '-r:System.ServiceModel', '-r:System.Runtime.Serialization', '-r:System.Xml', 'User.cs', 'Contracts.cs', 'Harness.cs'],
      { cwd: dir, encoding: 'utf8' },
    );
    assert.equal(mcs.status, 0, `mcs failed: ${mcs.stdout}${mcs.stderr}`);
    spawnSync('mv', [`${exe}.tmp`, exe]);
    return exe;
  } finally {
    rmSync(svcutilDir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Runs the WCF client; asynchronously, since the test double it calls answers from this process. */
async function runMono(exe: string, args: string[]): Promise<{ status: number | null; output: string }> {
  const child = spawn('mono', [exe, ...args], { env: { ...process.env, TZ: 'Pacific/Chatham' }, timeout: 240_000 });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += String(d)));
  child.stderr.on('data', (d: Buffer) => (output += String(d)));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { status, output };
}

// ---------------------------------------------------------------------------------------------
// Values and comparison

/** Request headers as a SuperOffice client sends them, with markup and non-ASCII text. */
const REQUEST_HEADERS = {
  ApplicationToken: 'app <token> & "quoted" – Zoë',
  Credentials: { Ticket: '7T:1234;ticket' },
  TimeZone: { SoTimeZoneId: 2147483647, SoTimeZoneLocationCode: 'NO' },
} as const;

const RESPONSE_HEADERS = {
  Succeeded: true,
  ExtraInfo: new Map<string, string | null>([
    ['first', 'one'],
    ['__proto__', null],
    ['a<b', 'Zoë – 日本 – 😀'],
  ]),
  TimeZone: { SoTimeZoneId: -2147483648, SoTimeZoneLocationCode: null },
} as const;

const DATE_TIME_WITH_OFFSET = /^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** The differences WCF showed, by kind (each a key of `WCF_DIFFERENCES`), printed at the end. */
const seen = new Map<string, string>();

/** Differences accepted from WCF, each a thing WCF does by design (see the README). */
const WCF_DIFFERENCES: Readonly<Record<string, string>> = {
  'dateTime-offset':
    'a dateTime with an offset is read into a .NET DateTime and written back in the local time zone of the WCF process: the same instant, another offset',
  'header-nil-omitted': 'a null header is left out of the message instead of written with xsi:nil',
};

/**
 * Asserts that `got` holds everything `sent` holds: members WCF filled in on its own (absent
 * in `sent`) are ignored; a dateTime with an offset may come back at the same instant with
 * another offset.
 */
function assertHolds(sent: unknown, got: unknown, at: string): void {
  if (sent === undefined) return;
  if (sent === null || typeof sent !== 'object') {
    if (typeof sent === 'string' && typeof got === 'string' && sent !== got && DATE_TIME_WITH_OFFSET.test(sent) && DATE_TIME_WITH_OFFSET.test(got)) {
      assert.equal(Date.parse(got), Date.parse(sent), `${at}: ${got} is not the instant ${sent}`);
      seen.set('dateTime-offset', `${at}: sent ${sent}, got ${got}`);
      return;
    }
    assert.deepEqual(got, sent, `${at}: sent ${String(sent)}, got ${String(got)}`);
    return;
  }
  if (sent instanceof Uint8Array) {
    assert.ok(got instanceof Uint8Array, `${at}: not bytes`);
    assert.deepEqual([...got], [...sent], at);
    return;
  }
  if (sent instanceof Map) {
    assert.ok(got instanceof Map, `${at}: not a Map`);
    assert.deepEqual([...got.keys()].sort(), [...sent.keys()].sort(), `${at}: keys`);
    for (const [k, v] of sent) assertHolds(v, got.get(k), `${at}[${JSON.stringify(k)}]`);
    return;
  }
  if (Array.isArray(sent)) {
    assert.ok(Array.isArray(got), `${at}: not an array`);
    assert.equal(got.length, sent.length, `${at}: length`);
    sent.forEach((v, i) => assertHolds(v, got[i], `${at}[${i}]`));
    return;
  }
  assert.ok(got !== null && typeof got === 'object', `${at}: sent an object, got ${String(got)}`);
  for (const [k, v] of Object.entries(sent)) assertHolds(v, (got as Record<string, unknown>)[k], `${at}.${k}`);
}

/** Headers: as values, except that WCF leaves a null header out. */
function assertHeadersHold(sent: Record<string, unknown>, got: Record<string, unknown>, at: string): void {
  for (const [name, value] of Object.entries(sent)) {
    if (value === null && got[name] === undefined) {
      seen.set('header-nil-omitted', `${at}.${name}`);
      continue;
    }
    assertHolds(value, got[name], `${at}.${name}`);
  }
}

const VARIANTS: readonly SampleKind[] = ['full', 'nil'];

function requestOf(op: OperationDesc, kind: SampleKind): Record<string, unknown> {
  return samples.value(op.input.body.type, kind) as Record<string, unknown>;
}

function responseOf(op: OperationDesc, kind: SampleKind): Record<string, unknown> {
  return samples.value(op.output!.body.type, kind) as Record<string, unknown>;
}

/** The client method (and handler) name of an operation. */
function methodOf(op: OperationDesc): string {
  const name = op.name.charAt(0).toLowerCase() + op.name.slice(1);
  assert.equal(typeof (user.UserAgent.prototype as unknown as Record<string, unknown>)[name], 'function', `no method ${name}`);
  return name;
}

/** The generated message functions of an operation, by direction. */
function messageFunctions(op: OperationDesc) {
  const fns = user as unknown as Record<string, (...args: unknown[]) => unknown>;
  const get = (name: string) => {
    const fn = fns[name];
    assert.equal(typeof fn, 'function', `no ${name}`);
    return fn!;
  };
  return {
    serializeRequest: get(`serialize${op.name}Request`) as (body: unknown, options: { headers: unknown }) => string,
    parseRequest: get(`parse${op.name}Request`) as (xml: string) => { body: Record<string, unknown>; headers: Record<string, unknown> },
    serializeResponse: get(`serialize${op.name}Response`) as (body: unknown, headers: unknown) => string,
    parseResponse: get(`parse${op.name}Response`) as (xml: string) => { body: Record<string, unknown>; headers: Record<string, unknown> },
  };
}

// ---------------------------------------------------------------------------------------------

describe('WCF (Mono System.ServiceModel) on the other end', { timeout: 900_000 }, () => {
  let exe = '';
  let exchange = '';

  before(() => {
    assert.deepEqual(MISSING, [], `missing: ${MISSING.join(', ')} — apt-get install mono-devel`);
    exe = buildHarness();
    exchange = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-wcf-exchange-'));
  });

  after(() => {
    if (exchange !== '') rmSync(exchange, { recursive: true, force: true });
    if (seen.size > 0) {
      console.log('WCF differences accepted:');
      for (const [kind, example] of seen) console.log(`  ${kind}: ${WCF_DIFFERENCES[kind]} (e.g. ${example})`);
    }
  });

  describe('generated client -> WCF service', () => {
    let service: ChildProcessWithoutNullStreams | undefined;
    let endpoint = '';

    before(async () => {
      const port = await freePort();
      endpoint = `http://127.0.0.1:${port}/User.svc`;
      const child = spawn('mono', [exe, 'serve', endpoint, exchange], { env: { ...process.env, TZ: 'Pacific/Chatham' } });
      service = child;
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the WCF service did not start: ${output}`)), 60_000);
        child.stdout.on('data', (d: Buffer) => {
          output += String(d);
          if (output.includes('listening')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.stderr.on('data', (d: Buffer) => (output += String(d)));
        child.on('exit', (code) => reject(new Error(`the WCF service exited (${code}): ${output}`)));
      });
    });

    after(() => {
      service?.stdin.end();
      service?.kill();
    });

    for (const kind of VARIANTS) {
      it(`all ${OPS.length} operations, ${kind} values, both ways: WCF deserializes what was sent; the client reads what WCF answered`, async () => {
        const agent = new user.UserAgent({ endpoint, ...clientHeaders() });
        let count = 0;
        for (const op of OPS) {
          const fns = messageFunctions(op);
          const request = requestOf(op, kind);
          const response = responseOf(op, kind);
          writeFileSync(path.join(exchange, `${op.name}.reply.xml`), fns.serializeResponse(response, RESPONSE_HEADERS));
          const got = await (agent.call as (name: string, body: unknown) => Promise<{ response: unknown; headers: Record<string, unknown> }>)(op.name, request);
          const received = fns.parseRequest(readFileSync(path.join(exchange, `${op.name}.received.xml`), 'utf8'));
          assertHolds(request, received.body, `${op.name} request as WCF read it`);
          assertHeadersHold(REQUEST_HEADERS, received.headers, `${op.name} request headers as WCF read them`);
          assertHolds(response, got.response, `${op.name} response as the client read it`);
          assertHeadersHold(RESPONSE_HEADERS, got.headers, `${op.name} response headers as the client read them`);
          count++;
        }
        assert.equal(count, OPS.length);
      });
    }

    it("WCF's wire form is read as it is: an XML declaration, null headers left out, every member written", async () => {
      const op = operations['GetServiceAuth']!;
      writeFileSync(
        path.join(exchange, 'GetServiceAuth.reply.xml'),
        messageFunctions(op).serializeResponse({ Response: { ServiceAuthId: 7 } }, { Succeeded: true, TimeZone: null, ExceptionInfo: null }),
      );
      const raw: string[] = [];
      const agent = new user.UserAgent({ endpoint, fetch: capturing(raw) });
      const { result, headers } = await agent.call('GetServiceAuth', { ServiceAuthId: 1 });
      assert.match(raw[0]!, /^<\?xml version="1.0" encoding="utf-8"\?>/);
      assert.doesNotMatch(raw[0]!, /TimeZone|ExceptionInfo/, 'null headers are left out');
      assert.deepEqual(headers, { Succeeded: true });
      // Members the reply did not set are written by WCF with their .NET defaults.
      assert.equal(result?.Port, 0);
      assert.equal(result?.Server, null);
      assert.equal(result?.ServiceAuthId, 7);
    });

    it('a FaultException thrown by the service reaches the client as SoapFaultError with its code and reason', async () => {
      const op = operations['SaveServiceAuth']!;
      writeFileSync(path.join(exchange, 'SaveServiceAuth.fault.txt'), `NoSuchServiceAuth\n${NS}\nService auth 42 < 43 does not exist – Zoë`);
      try {
        const raw: string[] = [];
        const agent = new user.UserAgent({ endpoint, ...clientHeaders(), fetch: capturing(raw) });
        const error = await agent.saveServiceAuth(requestOf(op, 'full')).then(
          () => assert.fail('resolved'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof user.SoapFaultError, String(error));
        assert.equal(error.reason, 'Service auth 42 < 43 does not exist – Zoë');
        assert.match(error.code, /^\w+:NoSuchServiceAuth$/);
        assert.equal(error.httpStatus, 500);
        // WCF adds a WS-Addressing Action header that must be understood, even without addressing.
        assert.match(raw[0]!, /<Action s:mustUnderstand="1" xmlns="http:\/\/schemas.microsoft.com\/ws\/2005\/05\/addressing\/none"/);
      } finally {
        rmSync(path.join(exchange, 'SaveServiceAuth.fault.txt'));
      }
    });

    it('Succeeded = false with an ExceptionInfo header becomes SoapServiceError with the typed info', async () => {
      const op = operations['GetServiceAuth']!;
      const fns = messageFunctions(op);
      const info = {
        Message: 'Ticket expired',
        StackTrace: null,
        FriendlyText: 'Sign in again',
        ExceptionType: 'SoSessionException',
        Source: 'NetServer',
        InnerException: null,
        Parameters: new Map([['ticket', '7T:expired']]),
      };
      writeFileSync(path.join(exchange, 'GetServiceAuth.reply.xml'), fns.serializeResponse({ Response: null }, { Succeeded: false, ExceptionInfo: info }));
      const agent = new user.UserAgent({ endpoint, ...clientHeaders() });
      const error = await agent.getServiceAuth({ ServiceAuthId: 1 }).then(
        () => assert.fail('resolved'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof user.SoapServiceError, String(error));
      assertHolds(info, error.info, 'ExceptionInfo');
      assert.equal((error.headers as Record<string, unknown>)['Succeeded'], false);
    });
  });

  describe('WCF client -> generated test double', () => {
    let server: Server | undefined;
    let endpoint = '';
    const received = new Map<string, { body: unknown; headers: unknown }>();
    const answers = new Map<string, { body: unknown; fault?: user.SoapFaultError }>();

    before(async () => {
      const handlers: Record<string, (request: unknown, context: { requestHeaders: unknown; responseHeaders: Record<string, unknown> }) => unknown> = {};
      for (const op of OPS) {
        handlers[methodOf(op)] = (request, context) => {
          received.set(op.name, { body: request, headers: context.requestHeaders });
          const answer = answers.get(op.name);
          if (answer?.fault) throw answer.fault;
          Object.assign(context.responseHeaders, RESPONSE_HEADERS);
          const body = answer?.body as Record<string, unknown> | undefined;
          // A handler returns the result element's value (the client's result), not the wrapper.
          const keys = body === undefined ? [] : Object.keys(body);
          return keys.length === 1 ? body![keys[0]!] : undefined;
        };
      }
      const double = user.createUserService(handlers as never);
      server = createServer(double.listener);
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/User.svc`;
    });

    after(() => server?.close());

    for (const kind of VARIANTS) {
      it(`all ${OPS.length} operations, ${kind} values, both ways: the double reads what WCF sent; WCF reads what the double answered`, async () => {
        for (const op of OPS) {
          const fns = messageFunctions(op);
          const request = requestOf(op, kind);
          const response = responseOf(op, kind);
          answers.set(op.name, { body: response });
          writeFileSync(path.join(exchange, `${op.name}.send.xml`), fns.serializeRequest(request, { headers: REQUEST_HEADERS }));
        }
        received.clear();
        const run = await runMono(exe, ['call', endpoint, exchange, ...OPS.map((op) => op.name)]);
        assert.equal(run.status, 0, `the WCF client failed: ${run.output}`);
        for (const op of OPS) {
          const fns = messageFunctions(op);
          const request = requestOf(op, kind);
          const got = received.get(op.name);
          assert.ok(got, `${op.name}: the double was not called`);
          assertHolds(request, got.body, `${op.name} request as the double read it`);
          assertHeadersHold(REQUEST_HEADERS, got.headers as Record<string, unknown>, `${op.name} request headers as the double read them`);
          const answered = fns.parseResponse(readFileSync(path.join(exchange, `${op.name}.got.xml`), 'utf8'));
          assertHolds(responseOf(op, kind), answered.body, `${op.name} response as WCF read it`);
          assertHeadersHold(RESPONSE_HEADERS, answered.headers, `${op.name} response headers as WCF read them`);
        }
      });
    }

    it('a fault from the test double reaches the WCF client as a FaultException with its code and reason', async () => {
      const op = operations['DeleteUser']!;
      writeFileSync(path.join(exchange, 'DeleteUser.send.xml'), messageFunctions(op).serializeRequest({ UserId: 1 }, { headers: REQUEST_HEADERS }));
      rmSync(path.join(exchange, 'DeleteUser.fault.txt'), { force: true });
      answers.set('DeleteUser', {
        body: undefined,
        fault: new user.SoapFaultError({ code: 's:Client', reason: 'User 1 < 2 is locked – Zoë', headers: {} }),
      });
      const run = await runMono(exe, ['call', endpoint, exchange, 'DeleteUser']);
      assert.equal(run.status, 0, `the WCF client failed: ${run.output}`);
      const [name, ns, reason] = readFileSync(path.join(exchange, 'DeleteUser.fault.txt'), 'utf8').split('\n');
      assert.equal(name, 'Client');
      assert.equal(ns, 'http://schemas.xmlsoap.org/soap/envelope/');
      assert.equal(reason, 'User 1 < 2 is locked – Zoë');
    });
  });
});

/** A fetch that keeps the text of every response. */
function capturing(into: string[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.text();
    into.push(text);
    return new Response(text, { status: response.status, headers: response.headers });
  };
}

function clientHeaders() {
  return {
    applicationToken: REQUEST_HEADERS.ApplicationToken,
    credentials: REQUEST_HEADERS.Credentials,
    timeZone: REQUEST_HEADERS.TimeZone,
  };
}
