/**
 * Credentials and extra headers over HTTP, through the generated User client against a local
 * node:http server: the WS-Security header and the Authorization header reach the server (per
 * client, replaced or dropped per call), extra SOAP headers go out after the contract's and
 * undeclared response headers come back as XML on `call`'s result, hostile fragments are refused
 * before anything is sent, and the generated test double shows and answers undeclared headers.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import * as user from '../output/services86-user/src/index.ts';
import { canonical, child, parseElement } from './support/canonical.ts';

const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const okResponse = user.serializeSaveServiceAuthResponse({ Response: { ServiceAuthId: 7, Port: 25 } }, { Succeeded: true });

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** The element children of the request's s:Header, as canonical trees. */
function soapHeaders(body: string) {
  const header = child(parseElement(body), S11, 'Header');
  const out = [];
  for (let c = header?.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as Parameters<typeof canonical>[0]);
  return out;
}

describe('credentials and extra headers over HTTP', () => {
  let server: Server;
  let endpoint = '';
  let received: Received[] = [];
  let answer = okResponse;

  before(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
        res.end(answer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/User.svc`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received = [];
    answer = okResponse;
  });

  it('sends the WS-Security header beside the contract headers; a call replaces it or sends none', async () => {
    const agent = new user.UserAgent({
      endpoint,
      credentials: { Ticket: '7T:abc' },
      security: { username: 'alice', password: 'wonder', passwordType: 'PasswordDigest', mustUnderstand: true },
    });
    await agent.saveServiceAuth({});
    await agent.saveServiceAuth({}, { security: { username: 'bob', password: 'plain', timestampSeconds: 0 } });
    await agent.saveServiceAuth({}, { security: null });
    assert.equal(received.length, 3);

    const [first, second, third] = received.map((r) => soapHeaders(r.body));
    assert.deepEqual(
      first!.map((h) => `${h.namespaceURI}|${h.localName}`),
      [
        'http://www.superoffice.net/ws/crm/NetServer/Services86|Credentials',
        `${user.WSSE_NS}|Security`,
      ],
    );
    const security = first![1]!;
    assert.equal(security.getAttributeNS(S11, 'mustUnderstand'), '1');
    const token = child(security, user.WSSE_NS, 'UsernameToken')!;
    assert.equal(child(token, user.WSSE_NS, 'Username')!.textContent, 'alice');
    assert.match(child(token, user.WSSE_NS, 'Password')!.getAttribute('Type')!, /#PasswordDigest$/);
    assert.ok(child(security, user.WSU_NS, 'Timestamp'));
    assert.ok(!received[0]!.body.includes('wonder'));

    const replaced = second!.find((h) => h.localName === 'Security')!;
    assert.equal(child(child(replaced, user.WSSE_NS, 'UsernameToken')!, user.WSSE_NS, 'Password')!.textContent, 'plain');
    assert.equal(child(replaced, user.WSU_NS, 'Timestamp'), undefined);
    assert.deepEqual(third!.map((h) => h.localName), ['Credentials']);
  });

  it('sends the Authorization header of basicAuth and bearerAuth', async () => {
    await new user.UserAgent({ endpoint, headers: user.basicAuth('jöse', 'pä:ss') }).saveServiceAuth({});
    await new user.UserAgent({ endpoint, headers: { ...user.bearerAuth('mF_9.B5f-4.1JqM'), 'X-Tenant': 'Cust1' } }).saveServiceAuth({});
    assert.equal(received[0]!.headers.authorization, 'Basic asO2c2U6cMOkOnNz');
    assert.equal(Buffer.from('asO2c2U6cMOkOnNz', 'base64').toString('utf8'), 'jöse:pä:ss');
    assert.equal(received[1]!.headers.authorization, 'Bearer mF_9.B5f-4.1JqM');
    assert.equal(received[1]!.headers['x-tenant'], 'Cust1');
  });

  it('sends extra SOAP headers (client, then call) and returns undeclared response headers as XML', async () => {
    const agent = new user.UserAgent({ endpoint, extraHeaders: ['<t:Trace xmlns:t="urn:trace">client</t:Trace>'] });
    answer = okResponse.replace('<s:Header>', '<s:Header><SomeToken>abcdefg</SomeToken><r:Route xmlns:r="urn:route" r:hop="2"/>');
    const { result, headers, extraHeaders } = await agent.call('SaveServiceAuth', {}, { extraHeaders: ['<Session xmlns="urn:s"><Id>7</Id></Session>'] });
    assert.equal(result?.ServiceAuthId, 7);
    assert.deepEqual(headers, { Succeeded: true });
    assert.deepEqual(extraHeaders, ['<SomeToken>abcdefg</SomeToken>', '<r:Route xmlns:r="urn:route" r:hop="2"/>']);
    const sent = soapHeaders(received[0]!.body).map((h) => canonical(h));
    assert.deepEqual(sent, [
      { name: '{urn:trace}Trace', attributes: {}, text: 'client', children: [] },
      { name: '{urn:s}Session', attributes: {}, text: '', children: [{ name: '{urn:s}Id', attributes: {}, text: '7', children: [] }] },
    ]);
    // A response without undeclared headers gives an empty list.
    answer = okResponse;
    assert.deepEqual((await agent.call('SaveServiceAuth', {})).extraHeaders, []);
  });

  it('refuses hostile extra headers before anything is sent, naming the fragment', async () => {
    assert.throws(
      () => new user.UserAgent({ endpoint, extraHeaders: ['<ok xmlns="urn:ok"/>', '<x:Evil>'] }),
      (e: unknown) => e instanceof user.SoapValidationError && e.path === 'extraHeaders[1]' && e.value === '<x:Evil>',
    );
    const agent = new user.UserAgent({ endpoint });
    const hostile = ['</s:Header><s:Body><Injected/></s:Body><s:Header>', '<a/><b/>', '<w:Security>x</w:Security>', '<!DOCTYPE x><x/>'];
    for (const fragment of hostile) {
      await assert.rejects(agent.saveServiceAuth({}, { extraHeaders: [fragment] }), (e: unknown) => {
        assert.ok(e instanceof user.SoapValidationError, String(e));
        assert.equal(e.path, 'extraHeaders[0]');
        return true;
      });
    }
    await assert.rejects(agent.saveServiceAuth({}, { security: { username: 'u\u0000', password: 'p' } }), user.SoapValidationError);
    assert.equal(received.length, 0);
  });

  it('the test double shows undeclared request headers to the handler and sends the ones it adds', async () => {
    const seen: string[][] = [];
    const double = user.createUserService({
      saveServiceAuth(_request, context) {
        seen.push([...context.extraRequestHeaders]);
        context.extraResponseHeaders.push('<SomeToken xmlns="urn:t">abc</SomeToken>');
        return { ServiceAuthId: 3 };
      },
    });
    const agent = new user.UserAgent({
      endpoint: 'http://double.invalid/User.svc',
      fetch: (input, init) => double.fetch(new Request(input, init)),
      security: { username: 'alice', password: 'secret' },
      extraHeaders: ['<t:Trace xmlns:t="urn:trace">x</t:Trace>'],
    });
    const { result, extraHeaders } = await agent.call('SaveServiceAuth', {});
    assert.equal(result?.ServiceAuthId, 3);
    assert.deepEqual(extraHeaders, ['<SomeToken xmlns="urn:t">abc</SomeToken>']);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]![0], '<t:Trace xmlns:t="urn:trace">x</t:Trace>');
    const security = parseElement(seen[0]![1]!);
    assert.equal(security.namespaceURI, user.WSSE_NS);
    const token = child(security, user.WSSE_NS, 'UsernameToken')!;
    assert.equal(child(token, user.WSSE_NS, 'Password')!.textContent, 'secret');

    // A hostile fragment from a handler becomes a fault, not a broken envelope.
    const broken = user.createUserService({
      saveServiceAuth(_request, context) {
        context.extraResponseHeaders.push('<open>');
        return {};
      },
    });
    await assert.rejects(
      new user.UserAgent({ endpoint: 'http://double.invalid/User.svc', fetch: (input, init) => broken.fetch(new Request(input, init)) }).saveServiceAuth({}),
      (e: unknown) => e instanceof user.SoapFaultError && /extraResponseHeaders\[0\]/.test(e.reason),
    );
  });
});
