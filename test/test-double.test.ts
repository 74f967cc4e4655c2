/**
 * The generated test double: createUserService answers the generated client over node:http and
 * through the fetch API, with typed handlers, request and response headers, and faults.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  createUserService,
  SoapFaultError,
  SoapValidationError,
  UserAgent,
  type ServiceAuth,
  type UserHandlers,
} from '../output/services86-user/src/index.ts';

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
});
