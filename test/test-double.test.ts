/**
 * The generated test double: createUserService answers the generated client over node:http and
 * through the fetch API, with typed handlers, request and response headers, and faults.
 */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  createUserService,
  operations,
  readMessage,
  service,
  SoapFaultError,
  SoapValidationError,
  UserAgent,
  type ServiceAuth,
  type UserHandlers,
} from '../output/services86-user/src/index.ts';

/** A SaveServiceAuth request envelope (SOAP 1.1 unless `envelopeNs` says otherwise). */
function saveBody(server: string, envelopeNs = 'http://schemas.xmlsoap.org/soap/envelope/'): string {
  return `<e:Envelope xmlns:e="${envelopeNs}"><e:Body><SaveServiceAuth xmlns="http://www.superoffice.net/ws/crm/NetServer/Services86"><ServiceAuth><Server>${server}</Server></ServiceAuth></SaveServiceAuth></e:Body></e:Envelope>`;
}

/** A small stateful User service: service auths by id, and the tickets it saw. */
function handlers(): UserHandlers & { tickets: (string | null | undefined)[] } {
  const store = new Map<number, ServiceAuth>();
  let next = 1;
  const tickets: (string | null | undefined)[] = [];
  return {
    tickets,
    saveServiceAuth(request, context) {
      tickets.push(context.requestHeaders.Credentials?.Ticket);
      const saved: ServiceAuth = { ...request.ServiceAuth, ServiceAuthId: request.ServiceAuth?.ServiceAuthId || next++ };
      store.set(saved.ServiceAuthId!, saved);
      context.responseHeaders.Succeeded = true;
      context.responseHeaders.ExtraInfo = new Map([['saved', String(saved.ServiceAuthId)]]);
      return saved;
    },
    getServiceAuth(request) {
      return store.get(request.ServiceAuthId ?? -1) ?? null;
    },
    deleteServiceAuth(request) {
      if (!store.delete(request.ServiceAuthId ?? -1)) {
        throw new SoapFaultError({ code: 's:Client', reason: `no service auth ${request.ServiceAuthId}`, headers: {} });
      }
    },
    getUserInfoList() {
      throw new Error('database is down');
    },
  };
}

describe('the generated test double', () => {
  let server: Server;
  let agent: UserAgent;
  const impl = handlers();

  before(async () => {
    server = createServer(createUserService(impl).listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    agent = new UserAgent({ endpoint: `http://127.0.0.1:${port}/User.svc`, credentials: { Ticket: '7T:double' } });
  });
  after(() => server.close());

  it('answers implemented operations over node:http, with request and response headers', async () => {
    const { result, headers } = await agent.call('SaveServiceAuth', {
      ServiceAuth: { Server: 'imap <mail> & co', Port: 993, Username: 'Zoë', Password: null },
    });
    assert.deepEqual(result, { Server: 'imap <mail> & co', Port: 993, Username: 'Zoë', Password: null, ServiceAuthId: 1 });
    assert.equal(headers.Succeeded, true);
    assert.deepEqual([...(headers.ExtraInfo ?? [])], [['saved', '1']]);
    assert.deepEqual(impl.tickets, ['7T:double']);
    assert.deepEqual(await agent.getServiceAuth({ ServiceAuthId: 1 }), result);
    assert.equal(await agent.getServiceAuth({ ServiceAuthId: 99 }), null);
  });

  it('call() with a name that is not an operation (from untyped code) rejects with SoapValidationError', async () => {
    const untyped = agent.call.bind(agent) as unknown as (operation: string, request: object) => Promise<unknown>;
    for (const name of ['NoSuchOperation', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      await assert.rejects(untyped(name, {}), (e: unknown) => {
        assert.ok(e instanceof SoapValidationError, `${name}: ${String(e)}`);
        assert.equal(e.message, 'operation: not an operation of UserAgent');
        assert.equal(e.value, name);
        return true;
      });
    }
  });

  it('void operations resolve to undefined; a thrown SoapFaultError is that fault', async () => {
    assert.equal(await agent.deleteServiceAuth({ ServiceAuthId: 1 }), undefined);
    await assert.rejects(agent.deleteServiceAuth({ ServiceAuthId: 1 }), (e: unknown) => {
      assert.ok(e instanceof SoapFaultError);
      assert.equal(e.code, 's:Client');
      assert.equal(e.reason, 'no service auth 1');
      assert.equal(e.httpStatus, 500);
      return true;
    });
  });

  it('an operation without a handler, or whose handler throws, answers with a server fault', async () => {
    await assert.rejects(agent.getAllRoles(), (e: unknown) => {
      assert.ok(e instanceof SoapFaultError);
      assert.equal(e.code, 's:Server');
      assert.equal(e.reason, 'operation GetAllRoles is not implemented');
      return true;
    });
    await assert.rejects(agent.getUserInfoList({ UserInfoIds: [1] }), { name: 'SoapFaultError', reason: 'database is down' });
  });

  it('serves the client through the fetch API, without a network', async () => {
    const double = createUserService({ getServiceAuth: (request) => ({ ServiceAuthId: request.ServiceAuthId ?? 0, Server: 'in-memory' }) });
    const offline = new UserAgent({ endpoint: 'http://double.invalid/User.svc', fetch: (input, init) => double.fetch(new Request(input, init)) });
    assert.deepEqual(await offline.getServiceAuth({ ServiceAuthId: 5 }), { ServiceAuthId: 5, Server: 'in-memory' });
  });

  it('finds the operation by its body element when the SOAPAction is missing', async () => {
    const double = createUserService({ getServiceAuth: () => ({ ServiceAuthId: 8 }) });
    const answer = await double.handle({
      body: '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><GetServiceAuth xmlns="http://www.superoffice.net/ws/crm/NetServer/Services86"><ServiceAuthId>8</ServiceAuthId></GetServiceAuth></e:Body></e:Envelope>',
    });
    assert.equal(answer.status, 200);
    assert.match(answer.body, /<ServiceAuthId>8<\/ServiceAuthId>/);
    const unknown = await double.handle({ body: '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><Nope/></e:Body></e:Envelope>' });
    assert.equal(unknown.status, 500);
    assert.match(unknown.body, /<faultcode>s:Client<\/faultcode>/);
  });

  describe('never takes its process down', () => {
    const port = () => (server.address() as AddressInfo).port;

    it('a client that disconnects mid-request is dropped; the next request is answered', async () => {
      const socket = connect(port(), '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      socket.write('POST /User.svc HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n<e:Envelope');
      await new Promise((r) => setTimeout(r, 50));
      socket.destroy();
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(await agent.getServiceAuth({ ServiceAuthId: 999 }), null);
    });

    it('a request that fails while it is read is dropped, not answered and not thrown', async () => {
      const double = createUserService({});
      let destroyed = 0;
      const failing = {
        headers: {},
        async *[Symbol.asyncIterator]() {
          yield new TextEncoder().encode('<e:Envelope');
          throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
        },
      };
      const res = { writeHead: () => assert.fail('answered'), end: () => assert.fail('answered'), destroy: () => destroyed++ };
      double.listener(failing, res);
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(destroyed, 1);
    });

    it('a body over maxBytes is answered with 413 and a client fault, without reading the rest of it', async () => {
      const double = createUserService({}, { limits: { maxBytes: 64 * 1024 } });
      let pulled = 0;
      const endless = {
        headers: { 'content-type': 'text/xml' },
        async *[Symbol.asyncIterator]() {
          const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
          for (;;) {
            pulled += chunk.byteLength;
            yield chunk;
          }
        },
      };
      const answer = await new Promise<{ status: number; headers: Record<string, string>; body: string }>((resolve) => {
        let status = 0;
        let headers: Record<string, string> = {};
        double.listener(endless, {
          writeHead: (s: number, h: Record<string, string>) => {
            status = s;
            headers = h;
          },
          end: (body: string) => resolve({ status, headers, body }),
        });
      });
      assert.equal(answer.status, 413);
      assert.equal(answer.headers['connection'], 'close');
      assert.ok(pulled <= 64 * 1024 + 16 * 1024, `${pulled} bytes read`);
      assert.throws(() => readMessage(service, operations.SaveServiceAuth.output!, answer.body), (e: unknown) => e instanceof SoapFaultError && e.code === 's:Client' && /maxBytes \(65536\)/.test(e.reason));
    });

    it('over HTTP: a Content-Length of 300 MB is answered with 413 at once (the default limit: 64 MiB of text)', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: port(), method: 'POST', path: '/User.svc', headers: { 'content-type': 'text/xml', 'content-length': String(300 * 1024 * 1024) } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.write('<e:Envelope'); // and nothing more: the answer must not wait for the body
      });
      assert.equal(status, 413);
      assert.deepEqual(await agent.getServiceAuth({ ServiceAuthId: 999 }), null);
    });

    it('through the fetch API and handle(): a body over maxBytes is a 413 fault', async () => {
      const double = createUserService({ saveServiceAuth: () => ({}) }, { limits: { maxBytes: 1000 } });
      const big = saveBody('x'.repeat(2000));
      const viaFetch = await double.fetch(new Request('http://double.invalid/', { method: 'POST', body: big, headers: { 'content-type': 'text/xml' } }));
      assert.equal(viaFetch.status, 413);
      assert.match(await viaFetch.text(), /<faultcode>s:Client<\/faultcode>/);
      assert.equal((await double.handle({ body: big })).status, 413);
      assert.equal((await double.handle({ body: saveBody('small') })).status, 200);
    });
  });

  describe('writes fault code, actor and reason as text, whatever they hold', () => {
    const hostile = { code: 's:Client<x/>&', reason: 'bad </faultstring> \u0001 reason', actor: 'urn:a"<b>', detailXml: '<d>kept</d>' };

    for (const version of ['1.1', '1.2'] as const) {
      it(`SOAP ${version}: a relayed fault with markup in its code, actor and reason gives a well-formed fault that reads back`, async () => {
        const svc = { ...service, soapVersion: version };
        const { SoapService } = await import('../output/services86-user/src/runtime/server.ts');
        const double = new SoapService(svc, operations, { SaveServiceAuth: 'Response' }, {
          SaveServiceAuth: () => {
            throw new SoapFaultError({ ...hostile, headers: {} });
          },
        });
        const answer = await double.handle({ body: saveBody('a', version === '1.2' ? 'http://www.w3.org/2003/05/soap-envelope' : undefined), soapAction: operations.SaveServiceAuth.soapAction });
        assert.equal(answer.status, 500);
        assert.throws(() => readMessage(svc, operations.SaveServiceAuth.output!, answer.body), (e: unknown) => {
          assert.ok(e instanceof SoapFaultError, String(e));
          assert.equal(e.code, 's:Client<x/>&');
          assert.equal(e.reason, 'bad </faultstring> \uFFFD reason');
          assert.equal(e.actor, 'urn:a"<b>');
          assert.match(e.detailXml ?? '', /^<d[^>]*>kept<\/d>$/); // with the declarations it inherited
          return true;
        });
      });
    }
  });
});
