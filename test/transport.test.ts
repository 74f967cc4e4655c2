/**
 * The generated User client over HTTP against a local node:http server on 127.0.0.1: the
 * default timeout, aborts and timeouts while the body is still arriving, SOAP 1.1 and 1.2
 * faults with HTTP 500, non-2xx pages and empty bodies, refused and reset connections, byte
 * order marks and charsets, the response size limit, and no automatic retries (the server
 * counts requests). Every hostile response of the corpus is also served over HTTP and must give
 * the same typed error as when parsed directly. (test/runtime.test.ts covers the basics against
 * a hand-written service description.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it, mock } from 'node:test';
import * as user from '../output/services86-user/src/index.ts';

const NS = 'http://www.superoffice.net/ws/crm/NetServer/Services86';
const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';

const okResponse = user.serializeSaveServiceAuthResponse({ Response: { ServiceAuthId: 7, Server: 'mail.example.com', Port: 25 } }, { Succeeded: true });
const okBody = { ServiceAuthId: 7, Server: 'mail.example.com', Port: 25 };

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

describe('the User client over HTTP', () => {
  let server: Server;
  let endpoint = '';
  let handle: Handler = () => undefined;
  /** Requests the server received since the last reset. */
  let requests = 0;
  /** Responses whose connection closed before they were finished (the client gave up). */
  let closedEarly = 0;

  before(async () => {
    server = createServer((req, res) => {
      requests++;
      res.on('close', () => {
        if (!res.writableFinished) closedEarly++;
      });
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/User.svc`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    requests = 0;
    closedEarly = 0;
  });

  const agent = (options: Partial<user.UserAgentOptions> = {}) => new user.UserAgent({ endpoint, ...options });
  const reply =
    (status: number, headers: Record<string, string>, body: string | Buffer): Handler =>
    (_req, _body, res) => {
      res.writeHead(status, headers);
      res.end(body);
    };
  async function waitFor(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  }
  /** How long `run` took to reject, and with what (undefined: it resolved). */
  async function timed(run: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
    const started = performance.now();
    try {
      await run();
      return { ms: performance.now() - started, error: undefined };
    } catch (error) {
      return { ms: performance.now() - started, error };
    }
  }

  it('documents a default timeout of 60 s and applies it when none is given', async () => {
    assert.equal(user.DEFAULT_TIMEOUT_MS, 60_000);
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const never: typeof fetch = () => new Promise<Response>(() => undefined);
      const pending = agent({ fetch: never }).saveServiceAuth({});
      const outcome = pending.then(
        () => 'resolved',
        (e: unknown) => e,
      );
      mock.timers.tick(59_999);
      await Promise.resolve();
      mock.timers.tick(1);
      const e = await outcome;
      assert.ok(e instanceof user.SoapTimeoutError, String(e));
      assert.equal(e.timeoutMs, 60_000);
      assert.equal(e.code, 'TIMEOUT');
    } finally {
      mock.timers.reset();
    }
  });

  it('times out while the body is still arriving, closes the connection, and does not retry', async () => {
    handle = (_req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.write(okResponse.slice(0, 100)); // then nothing more
    };
    const { ms, error } = await timed(() => agent({ timeoutMs: 10_000 }).saveServiceAuth({}, { timeoutMs: 200 }));
    assert.ok(error instanceof user.SoapTimeoutError && error.timeoutMs === 200, String(error));
    assert.ok(ms >= 150 && ms < 1500, `${Math.round(ms)} ms`);
    await waitFor(() => closedEarly === 1);
    assert.equal(closedEarly, 1, 'the response was abandoned');
    assert.equal(requests, 1);
  });

  it("rejects promptly when the caller aborts while the body is arriving, with the caller's reason", async () => {
    handle = (_req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.write(okResponse.slice(0, 100));
    };
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user navigated away')), 100);
    const { ms, error } = await timed(() => agent().saveServiceAuth({}, { signal: controller.signal }));
    assert.ok(error instanceof user.SoapAbortError && error.code === 'ABORTED', String(error));
    assert.ok(error.cause instanceof Error && error.cause.message === 'user navigated away');
    assert.ok(ms < 1000, `${Math.round(ms)} ms`);
    await waitFor(() => closedEarly === 1);
    assert.equal(closedEarly, 1);
    assert.equal(requests, 1);
  });

  describe('the timeout and the signal cover parsing the response', () => {
    // A valid response of 18 MB (a header nobody reads, 3 million elements): it arrives at
    // once from memory and takes far longer to parse than the timeout.
    const big = okResponse.replace('<s:Header>', `<s:Header><x:Big xmlns:x="urn:big">${'<x:e/>'.repeat(3_000_000)}</x:Big>`);
    const bytes = new TextEncoder().encode(big);
    const fromMemory: typeof fetch = async () => new Response(bytes, { headers: { 'Content-Type': 'text/xml; charset=utf-8' } });

    it('the response arrives within the timeout, parsing it does not: SoapTimeoutError soon after the timeout', async () => {
      const alone = performance.now();
      assert.deepStrictEqual(user.parseSaveServiceAuthResponse(big).body, { Response: okBody });
      const parseMs = performance.now() - alone;
      const { ms, error } = await timed(() => agent({ fetch: fromMemory }).saveServiceAuth({}, { timeoutMs: 100 }));
      assert.ok(error instanceof user.SoapTimeoutError && error.timeoutMs === 100, String(error));
      assert.ok(ms < parseMs / 2, `stopped after ${Math.round(ms)} ms; the parse alone takes ${Math.round(parseMs)} ms`);
    });

    it("the caller aborts while the response is being parsed: SoapAbortError with the caller's reason", async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('user navigated away')), 100);
      const { error } = await timed(() => agent({ fetch: fromMemory }).saveServiceAuth({}, { signal: controller.signal }));
      assert.ok(error instanceof user.SoapAbortError && error.cause instanceof Error && error.cause.message === 'user navigated away', String(error));
    });
  });

  it('HTTP 500 with a SOAP 1.1 fault: SoapFaultError with code, reason, actor, detail and status', async () => {
    const fault =
      `<s:Envelope xmlns:s="${S11}"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring xml:lang="en">Ticket expired</faultstring>` +
      `<faultactor>urn:auth</faultactor><detail><SoException xmlns="${NS}"><Message>expired</Message></SoException></detail></s:Fault></s:Body></s:Envelope>`;
    handle = reply(500, { 'Content-Type': 'text/xml; charset=utf-8' }, fault);
    await assert.rejects(agent().saveServiceAuth({}), (e: unknown) => {
      assert.ok(e instanceof user.SoapFaultError, String(e));
      assert.equal(e.code, 's:Client');
      assert.equal(e.reason, 'Ticket expired');
      assert.equal(e.actor, 'urn:auth');
      assert.equal(e.httpStatus, 500);
      // The detail, with the namespace declarations in scope made explicit so it parses on its own.
      assert.equal(e.detailXml, `<SoException xmlns="${NS}" xmlns:s="${S11}"><Message>expired</Message></SoException>`);
      return true;
    });
    assert.equal(requests, 1);
  });

  it('HTTP 500 with a SOAP 1.2 fault: SoapFaultError with code, subcode, the first reason, role and detail', async () => {
    const fault =
      `<env:Envelope xmlns:env="${S12}" xmlns:a="urn:app"><env:Body><env:Fault>` +
      '<env:Code><env:Value>env:Receiver</env:Value><env:Subcode><env:Value>a:Overloaded</env:Value></env:Subcode></env:Code>' +
      '<env:Reason><env:Text xml:lang="en">Try later</env:Text><env:Text xml:lang="no">Prøv senere</env:Text></env:Reason>' +
      '<env:Role>urn:role</env:Role><env:Detail><a:Retry>30</a:Retry></env:Detail></env:Fault></env:Body></env:Envelope>';
    handle = reply(500, { 'Content-Type': 'application/soap+xml; charset=utf-8' }, fault);
    await assert.rejects(agent().saveServiceAuth({}), (e: unknown) => {
      assert.ok(e instanceof user.SoapFaultError, String(e));
      assert.equal(e.code, 'env:Receiver');
      assert.equal(e.subcode, 'a:Overloaded');
      assert.equal(e.reason, 'Try later');
      assert.equal(e.actor, 'urn:role');
      assert.equal(e.httpStatus, 500);
      // The detail keeps the namespace declarations it relies on.
      assert.ok(e.detailXml?.startsWith('<a:Retry') && e.detailXml.includes('xmlns:a="urn:app"') && e.detailXml.endsWith('>30</a:Retry>'), e.detailXml);
      return true;
    });
  });

  const pages: { name: string; status: number; type: string; body: string }[] = [
    { name: '502 with an HTML page', status: 502, type: 'text/html; charset=utf-8', body: `<!DOCTYPE html><html><body><h1>Bad Gateway</h1>${'<p>nginx</p>'.repeat(100)}</body></html>` },
    { name: '503 with an empty body', status: 503, type: '', body: '' },
    { name: '404 with plain text', status: 404, type: 'text/plain', body: 'Not Found' },
    { name: '500 with a JSON error', status: 500, type: 'application/json', body: '{"error":"boom"}' },
    { name: '500 with XML that is not an envelope', status: 500, type: 'text/xml', body: '<error>boom</error>' },
    { name: '401 with a truncated envelope', status: 401, type: 'text/xml', body: okResponse.slice(0, 80) },
  ];
  for (const p of pages) {
    it(`${p.name}: SoapHttpError with the status, content type and a short excerpt; no retry`, async () => {
      handle = reply(p.status, p.type ? { 'Content-Type': p.type } : {}, p.body);
      await assert.rejects(agent().saveServiceAuth({}), (e: unknown) => {
        assert.ok(e instanceof user.SoapHttpError, String(e));
        assert.equal(e.code, 'HTTP_STATUS');
        assert.equal(e.status, p.status);
        assert.equal(e.contentType, p.type);
        assert.equal(e.bodyExcerpt, p.body.slice(0, 500));
        assert.ok(e.bodyExcerpt.length <= 500, 'the body excerpt is at most 500 characters');
        assert.match(e.message, new RegExp(`HTTP ${p.status}`));
        return true;
      });
      assert.equal(requests, 1);
    });
  }

  it('a connection reset before any response: SoapTransportError, one request', async () => {
    handle = (req) => req.socket.destroy();
    await assert.rejects(agent().saveServiceAuth({}), (e: unknown) => e instanceof user.SoapTransportError && e.code === 'TRANSPORT' && e.cause !== undefined);
    assert.equal(requests, 1);
  });

  it('a connection reset in the middle of the body: SoapTransportError', async () => {
    handle = (req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': String(okResponse.length) });
      res.write(okResponse.slice(0, 120), () => setTimeout(() => req.socket.destroy(), 20));
    };
    await assert.rejects(agent().saveServiceAuth({}), (e: unknown) => e instanceof user.SoapTransportError);
    assert.equal(requests, 1);
  });

  it('a refused connection: SoapTransportError naming the endpoint', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const url = `http://127.0.0.1:${port}/User.svc`;
    await assert.rejects(
      new user.UserAgent({ endpoint: url }).saveServiceAuth({}),
      (e: unknown) => e instanceof user.SoapTransportError && e.message.includes(url) && /ECONNREFUSED/.test(e.message) && !/fetch failed/.test(e.message),
    );
  });

  it("a host that does not resolve: SoapTransportError naming ENOTFOUND from the fetch error's cause", async () => {
    // What Node's fetch rejects with when DNS says no (the root cause two levels down).
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' });
    const failing: typeof fetch = () => Promise.reject(new TypeError('fetch failed', { cause: dns }));
    await assert.rejects(
      agent({ fetch: failing }).saveServiceAuth({}),
      (e: unknown) => e instanceof user.SoapTransportError && e.message === `request to ${endpoint} failed: getaddrinfo ENOTFOUND nowhere.invalid` && e.cause instanceof TypeError,
    );
    // Several addresses tried: an AggregateError with a code and no message of its own.
    const each = [Object.assign(new Error('connect ECONNREFUSED ::1:9'), { code: 'ECONNREFUSED' })];
    const aggregate = Object.assign(new AggregateError(each, ''), { code: 'ECONNREFUSED' });
    const refused: typeof fetch = () => Promise.reject(new TypeError('fetch failed', { cause: aggregate }));
    await assert.rejects(agent({ fetch: refused }).saveServiceAuth({}), (e: unknown) => e instanceof user.SoapTransportError && /: connect ECONNREFUSED ::1:9$/.test(e.message));
  });

  it('a certificate the client does not trust: SoapTransportError naming the certificate error', async () => {
    const tls = createHttpsServer({ key: readFileSync('test/fixtures/tls/localhost.key'), cert: readFileSync('test/fixtures/tls/localhost.crt') }, (_req, res) => res.end(okResponse));
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/User.svc`;
      await assert.rejects(
        new user.UserAgent({ endpoint: url }).saveServiceAuth({}),
        (e: unknown) => e instanceof user.SoapTransportError && /self[- ]signed certificate/.test(e.message) && /DEPTH_ZERO_SELF_SIGNED_CERT/.test(e.message),
      );
    } finally {
      tls.closeAllConnections();
      await new Promise((resolve) => tls.close(resolve));
    }
  });

  it('a caller\'s AbortSignal.timeout() that fires: SoapTimeoutError saying it timed out', async () => {
    handle = (_req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.write(okResponse.slice(0, 100));
    };
    const { ms, error } = await timed(() => agent().saveServiceAuth({}, { signal: AbortSignal.timeout(150) }));
    assert.ok(error instanceof user.SoapTimeoutError && error.code === 'TIMEOUT', String(error));
    assert.equal(error.timeoutMs, undefined);
    assert.match(error.message, /timed out/);
    assert.ok(error.cause instanceof DOMException && error.cause.name === 'TimeoutError');
    assert.ok(ms < 1500, `${Math.round(ms)} ms`);
    // A signal that has already timed out rejects the same way, before anything is sent.
    const expired = AbortSignal.timeout(0);
    await new Promise((r) => setTimeout(r, 20));
    requests = 0;
    await assert.rejects(agent().saveServiceAuth({}, { signal: expired }), user.SoapTimeoutError);
    assert.equal(requests, 0);
  });

  it('HTTP header values HTTP cannot carry: SoapValidationError naming the header, nothing sent', async () => {
    handle = reply(200, { 'Content-Type': 'text/xml' }, okResponse);
    const bad: { headers: Record<string, string>; path: string; reason: RegExp }[] = [
      { headers: { 'X-Note': 'a\r\nX-Injected: 1' }, path: 'headers["X-Note"]', reason: /line break/ },
      { headers: { 'X-Note': 'line\nbreak' }, path: 'headers["X-Note"]', reason: /line break/ },
      { headers: { 'X-User': 'Jürgen ✓' }, path: 'headers["X-User"]', reason: /U\+2713, outside Latin-1/ },
      { headers: { 'Bad Name': 'x' }, path: 'headers["Bad Name"]', reason: /not an HTTP header name/ },
    ];
    for (const b of bad) {
      await assert.rejects(agent({ headers: b.headers }).saveServiceAuth({}), (e: unknown) => {
        assert.ok(e instanceof user.SoapValidationError, String(e));
        assert.equal(e.path, b.path);
        assert.match(e.message, b.reason);
        return true;
      });
    }
    assert.equal(requests, 0);
    // Latin-1 is what HTTP carries: sent as it is.
    let seen: string | undefined;
    handle = (req, _body, res) => {
      seen = Buffer.from(String(req.headers['x-user']), 'latin1').toString('latin1');
      reply(200, { 'Content-Type': 'text/xml' }, okResponse)(req, _body, res);
    };
    assert.deepStrictEqual(await agent({ headers: { 'X-User': 'Jürgen' } }).saveServiceAuth({}), okBody);
    assert.equal(seen, 'Jürgen');
  });

  it('bytes invalid in the charset: XmlParseError at their line and column, never U+FFFD', async () => {
    const text = user.serializeSaveServiceAuthResponse({ Response: { Server: 'mail.example.com' } });
    const at = text.indexOf('mail.');
    const bytes = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xc3, 0x28]), Buffer.from(text.slice(at))]);
    handle = reply(200, { 'Content-Type': 'text/xml; charset=utf-8' }, bytes);
    await assert.rejects(agent().saveServiceAuth({}), (e: unknown) => {
      assert.ok(e instanceof user.XmlParseError, String(e));
      assert.equal(e.line, 1);
      assert.equal(e.column, at + 1);
      assert.match(e.message, /byte 0xC3 at offset \d+ is not valid utf-8/);
      return true;
    });
  });

  it('an encoding named only by the XML declaration is honoured, or refused when unknown', async () => {
    const text = user.serializeSaveServiceAuthResponse({ Response: { Server: 'Bjørnøya æ' } });
    const latin1 = text.replace('encoding="utf-8"', 'encoding="ISO-8859-1"');
    handle = reply(200, { 'Content-Type': 'text/xml' }, Buffer.from(latin1, 'latin1'));
    assert.deepStrictEqual(await agent().saveServiceAuth({}), { Server: 'Bjørnøya æ' });
    handle = reply(200, { 'Content-Type': 'text/xml' }, Buffer.from(text.replace('encoding="utf-8"', 'encoding="x-made-up"')));
    await assert.rejects(agent().saveServiceAuth({}), (e: unknown) => e instanceof user.XmlParseError && /encoding "x-made-up"/.test(e.message));
  });

  it('two byte order marks: XmlParseError', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    handle = reply(200, { 'Content-Type': 'text/xml; charset=utf-8' }, Buffer.concat([bom, bom, Buffer.from(okResponse)]));
    await assert.rejects(agent().saveServiceAuth({}), user.XmlParseError);
    handle = reply(200, { 'Content-Type': 'text/xml' }, Buffer.concat([bom, bom, Buffer.from(okResponse)]));
    await assert.rejects(agent().saveServiceAuth({}), user.XmlParseError);
  });

  it("SoapServiceError's info is typed with the contract's exception header (SoExceptionInfo)", async () => {
    const info: user.SoExceptionInfo = { Message: 'Ticket expired', ExceptionType: 'SoSecurityException' };
    handle = reply(200, { 'Content-Type': 'text/xml' }, user.serializeSaveServiceAuthResponse({}, { ExceptionInfo: info }));
    const error = await agent().saveServiceAuth({}).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof user.SoapServiceError, String(error));
    // Compile-time: `info` is SoExceptionInfo | undefined, so these type-check (and a misspelt member would not).
    const message: string | null | undefined = error.info?.Message;
    const type: string | null | undefined = error.info?.ExceptionType;
    // @ts-expect-error SoExceptionInfo has no member Mesage: the typing catches the typo.
    assert.equal(error.info?.Mesage, undefined);
    assert.equal(message, 'Ticket expired');
    assert.equal(type, 'SoSecurityException');
    assert.ok(error instanceof user.SoapError && error.code === 'SERVICE');
  });

  const encodings: { name: string; type: string; bytes: Buffer }[] = [
    { name: 'a UTF-8 BOM and no charset', type: 'text/xml', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(okResponse)]) },
    { name: 'a UTF-8 BOM and charset=utf-8', type: 'text/xml; charset=utf-8', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(okResponse)]) },
    { name: 'a quoted, upper-case charset', type: 'text/xml; charset="UTF-8"', bytes: Buffer.from(okResponse) },
    { name: 'the SOAP 1.2 media type with charset and action', type: 'application/soap+xml; charset=utf-8; action="urn:x"', bytes: Buffer.from(okResponse) },
    { name: 'UTF-16LE with its BOM and charset=utf-16', type: 'text/xml; charset=utf-16', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(okResponse.replace('utf-8', 'utf-16'), 'utf16le')]) },
    { name: 'ISO-8859-1 named by the charset', type: 'text/xml; charset=ISO-8859-1', bytes: Buffer.from(okResponse, 'latin1') },
    { name: 'a charset nobody knows (read as UTF-8)', type: 'text/xml; charset=x-unknown-42', bytes: Buffer.from(okResponse) },
  ];
  for (const enc of encodings) {
    it(`reads a response with ${enc.name}`, async () => {
      handle = reply(200, { 'Content-Type': enc.type }, enc.bytes);
      assert.deepStrictEqual(await agent().saveServiceAuth({}), okBody);
    });
  }

  it('keeps non-ASCII text whatever the charset (UTF-8 with a BOM, ISO-8859-1)', async () => {
    const text = user.serializeSaveServiceAuthResponse({ Response: { Server: 'Bjørnøya æ' } });
    handle = reply(200, { 'Content-Type': 'text/xml; charset=utf-8' }, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    assert.deepStrictEqual(await agent().saveServiceAuth({}), { Server: 'Bjørnøya æ' });
    handle = reply(200, { 'Content-Type': 'text/xml; charset=iso-8859-1' }, Buffer.from(text, 'latin1'));
    assert.deepStrictEqual(await agent().saveServiceAuth({}), { Server: 'Bjørnøya æ' });
  });

  it('refuses a response over maxBytes while it streams in, and stops reading it', async () => {
    handle = (_req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      const chunk = `<!-- ${'x'.repeat(64 * 1024)} -->`;
      let sent = 0;
      const pump = (): void => {
        while (sent < 200 && res.write(chunk)) sent++;
        if (sent < 200 && !res.destroyed) res.once('drain', pump);
        else res.end();
      };
      pump();
    };
    await assert.rejects(agent({ limits: { maxBytes: 100_000 } }).saveServiceAuth({}), (e: unknown) => e instanceof user.XmlLimitError && e.limit === 'maxBytes');
    await waitFor(() => closedEarly === 1);
    assert.equal(closedEarly, 1, 'the rest of the body was not read');
  });

  it('does not follow a redirect unless asked: the envelope (with its credentials) stays here', async () => {
    let elsewhere: string[] = [];
    const other = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        elsewhere.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
        res.end(okResponse);
      });
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(other.address() as AddressInfo).port}/Elsewhere.svc`;
    try {
      for (const status of [301, 302, 307, 308]) {
        elsewhere = [];
        handle = reply(status, { Location: target, 'Content-Type': 'text/html' }, '<p>moved</p>');
        const { error } = await timed(() => agent({ credentials: { Ticket: '7T:secret' } }).saveServiceAuth({ ServiceAuth: okBody }));
        assert.ok(error instanceof user.SoapHttpError, `${status}: ${String(error)}`);
        assert.equal(error.status, status);
        assert.equal(error.location, target);
        assert.equal(error.bodyExcerpt, '<p>moved</p>');
        assert.match(error.message, new RegExp(`^HTTP ${status} from SOAP endpoint: a redirect to ${target.replace(/[.]/g, '\\.')}, not followed`));
        assert.deepEqual(elsewhere, [], `${status}: nothing was sent to the other server`);
      }
      handle = reply(307, { 'Content-Type': 'text/html' }, '');
      const { error: noLocation } = await timed(() => agent().saveServiceAuth({ ServiceAuth: okBody }));
      assert.ok(noLocation instanceof user.SoapHttpError);
      assert.equal(noLocation.location, '');

      // Asked to: a 307 re-sends the same envelope to the new URL, and its answer is read.
      elsewhere = [];
      handle = reply(307, { Location: target }, '');
      assert.deepEqual(await agent({ followRedirects: true }).saveServiceAuth({ ServiceAuth: okBody }), okBody);
      assert.equal(elsewhere.length, 1);
      assert.match(elsewhere[0]!, /<SaveServiceAuth /);

      // An ordinary error status carries no location.
      handle = reply(503, { 'Content-Type': 'text/plain' }, 'busy');
      const { error: busy } = await timed(() => agent().saveServiceAuth({ ServiceAuth: okBody }));
      assert.ok(busy instanceof user.SoapHttpError);
      assert.equal(busy.location, undefined);
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('never retries: one request per call whatever goes wrong', async () => {
    const failures: Handler[] = [
      reply(500, { 'Content-Type': 'text/html' }, '<html>oops</html>'),
      reply(503, { 'Retry-After': '0' }, ''),
      (req) => req.socket.destroy(),
      reply(200, { 'Content-Type': 'text/xml' }, '<html>not soap</html>'),
    ];
    for (const failure of failures) {
      requests = 0;
      handle = failure;
      await assert.rejects(agent().saveServiceAuth({}), user.SoapError);
      assert.equal(requests, 1);
    }
  });

  it('sends nothing for an invalid request', async () => {
    handle = reply(200, { 'Content-Type': 'text/xml' }, okResponse);
    await assert.rejects(agent().saveServiceAuth({ ServiceAuth: { Server: 'a\u0000b' } }), (e: unknown) => e instanceof user.SoapValidationError && e.path === 'SaveServiceAuth.ServiceAuth.Server');
    await assert.rejects(agent().saveServiceAuth({ ServiceAuth: { Port: 2 ** 31 } }), user.SoapValidationError);
    assert.equal(requests, 0);
  });

  describe('every hostile response of the corpus, served over HTTP, gives the error it gives when parsed', () => {
    const { cases } = JSON.parse(readFileSync('test/fixtures/hostile/cases.json', 'utf8')) as {
      cases: { file: string; target: string; operation?: string; encoding?: string; limits?: Record<string, number>; expect: { error: string; code?: string; limit?: string } }[];
    };
    const responses = cases.filter((c) => c.target === 'response' && (c.operation ?? 'SaveServiceAuth') === 'SaveServiceAuth');
    it(`serves ${responses.length} responses`, async () => {
      assert.ok(responses.length >= 70, `the fixture has ${responses.length} responses (at least 70)`);
      for (const c of responses) {
        const bytes = readFileSync(`test/fixtures/hostile/${c.file}`);
        handle = reply(200, { 'Content-Type': c.encoding === 'utf16le' ? 'text/xml; charset=utf-16le' : 'text/xml; charset=utf-8' }, bytes);
        const client = agent(c.limits ? { limits: c.limits } : {});
        let error: unknown;
        try {
          await client.saveServiceAuth({});
        } catch (e) {
          error = e;
        }
        if (c.expect.error === 'none') {
          // Names that look dangerous are data; the call may still fail for what the server said.
          if (error !== undefined) assert.ok(error instanceof user.SoapError, `${c.file}: ${String(error)}`);
          continue;
        }
        if (c.encoding === 'utf16le') {
          // A lone surrogate is not valid UTF-16: the strict decoder refuses the bytes, with their position.
          assert.ok(error instanceof user.XmlParseError && /not valid utf-16le/.test(error.message), `${c.file}: ${String(error)}`);
          continue;
        }
        assert.ok(error instanceof Error, `${c.file}: accepted`);
        assert.equal(error.name, c.expect.error, `${c.file}: ${error.message}`);
        if (c.expect.limit !== undefined) assert.equal((error as user.XmlLimitError).limit, c.expect.limit);
        assert.equal(Object.getOwnPropertyNames(Object.prototype).includes('polluted'), false);
      }
    });
  });
});
