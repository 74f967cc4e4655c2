/**
 * The generated serializers and parsers of the User package: SaveServiceAuth against the
 * example request and response in test/fixtures/seed (the form of SuperOffice's documented
 * examples; test/conformance/reference.test.ts checks they say what the published ones say),
 * and round trips of every operation's request and response with full, minimal and nil values.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as user from '../output/services86-user/src/index.ts';
import { canonical, child, parseElement } from './support/canonical.ts';
import type { MessageDesc } from '../templates/runtime/schema.ts';
import { SampleMaker, type SampleKind } from './support/samples.ts';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const NS = 'http://www.superoffice.net/ws/crm/NetServer/Services86';
const seedRequest = readFileSync('test/fixtures/seed/save-service-auth-request.xml', 'utf8');
const seedResponse = readFileSync('test/fixtures/seed/save-service-auth-response.xml', 'utf8');

type Fn = (...args: unknown[]) => unknown;
const api = user as unknown as Record<string, Fn>;

describe('the seed: SaveServiceAuth', () => {
  it('serializes a Body equivalent to the seed request, with the headers in soap:Header', () => {
    const xml = user.serializeSaveServiceAuthRequest(
      { ServiceAuth: { ServiceAuthId: 0, Server: '', Port: 0, AuthType: '', Username: '', Password: '' } },
      { headers: { ApplicationToken: '1234567-1234-9876', Credentials: { Ticket: '7T:1234abcxyzExample==' } } },
    );
    const ours = parseElement(xml);
    const seed = parseElement(seedRequest);
    assert.equal(ours.namespaceURI, SOAP11, 'the binding is SOAP 1.1');
    const ourBody = child(ours, SOAP11, 'Body')!;
    const seedBody = child(seed, SOAP12, 'Body')!;
    assert.deepEqual(
      canonical(ourBody.firstChild as never, { ignoreXsiType: true }),
      canonical(child(seedBody, NS, 'SaveServiceAuth')!, { ignoreXsiType: true }),
    );
    // The seed puts the headers directly under Envelope; the binding says soap:Header.
    const header = child(ours, SOAP11, 'Header')!;
    assert.ok(header, 'soap:Header is written');
    for (const name of ['ApplicationToken', 'Credentials']) {
      assert.deepEqual(canonical(child(header, NS, name)!), canonical(child(seed, NS, name)!), name);
    }
  });

  it('parses the seed response (SOAP 1.2, xsi:type) to a ServiceAuth with zeros and empty strings, not nulls', () => {
    const { body, headers } = user.parseSaveServiceAuthResponse(seedResponse);
    assert.deepEqual(body, {
      Response: { ServiceAuthId: 0, Server: '', Port: 0, AuthType: '', Username: '', Password: '' },
    });
    assert.deepEqual(headers, {});
  });
});

describe('round trips of every operation', () => {
  const maker = new SampleMaker(user.service);
  const ops = Object.values(user.operations);
  it('covers the 79 operations', () => assert.equal(ops.length, 79));

  for (const kind of ['full', 'minimal', 'nil'] as SampleKind[]) {
    for (const op of ops) {
      it(`${op.name} (${kind})`, () => {
        const headers = (message: MessageDesc) =>
          Object.fromEntries(message.headers.map((h) => [h.part, kind === 'nil' && h.element.nillable ? null : maker.value(h.element.type, kind)]));

        const request = maker.value(op.input.body.type, kind);
        const requestHeaders = headers(op.input);
        const requestXml = api[`serialize${op.name}Request`]!(request, { headers: requestHeaders }) as string;
        const parsedRequest = api[`parse${op.name}Request`]!(requestXml) as { body: unknown; headers: unknown };
        assert.deepEqual(parsedRequest.body, request);
        assert.deepEqual(parsedRequest.headers, requestHeaders);

        const output = op.output!;
        const response = maker.value(output.body.type, kind);
        const responseHeaders = headers(output);
        const responseXml = api[`serialize${op.name}Response`]!(response, responseHeaders) as string;
        const parsedResponse = api[`parse${op.name}Response`]!(responseXml) as { body: unknown; headers: unknown };
        assert.deepEqual(parsedResponse.body, response);
        assert.deepEqual(parsedResponse.headers, responseHeaders);
        if (kind === 'full') assert.ok(requestXml.length > 200, 'full values write a substantial request');
      });
    }
  }

  it('absent, nil and empty string stay distinct', () => {
    for (const Server of [undefined, null, '']) {
      const ServiceAuth = Server === undefined ? {} : { Server };
      const xml = user.serializeSaveServiceAuthRequest({ ServiceAuth });
      assert.deepEqual(user.parseSaveServiceAuthRequest(xml).body, { ServiceAuth });
    }
  });

  it('flags travel as a space-separated list and come back as arrays', () => {
    const xml = user.serializeSaveServiceAuthRequest({ ServiceAuth: { TableRight: { Mask: ['Select', 'Delete'], Reason: '' } } });
    assert.match(xml, />Select Delete</);
    assert.deepEqual(user.parseSaveServiceAuthRequest(xml).body.ServiceAuth?.TableRight?.Mask, ['Select', 'Delete']);
  });
});

describe('the features fixture package', async () => {
  const features = await import('./fixtures/golden/features/expected/src/index.ts');
  it('round-trips every mapped type, and writes unqualified elements without a namespace', () => {
    const item = {
      Id: -9223372036854775808n,
      Name: null,
      Price: '123456789012345678901234567890.5',
      When: '2024-02-29T23:59:59+05:30',
      Data: new Uint8Array([0, 255, 128]),
      Color: features.Color['Dark-Blue'],
      Rights: [features.Rights.Read, features.Rights.Write],
      Tags: ['a', null, ''],
      Props: new Map([['__proto__', 1], ['constructor', 2]]),
      Note: ['x', 'y'],
      Size: { Width: 18446744073709551615n, Height: -0.5 },
      Other: { Code: 'c' },
      Kind: 7,
    };
    const xml = features.serializeSaveItemRequest({ Item: item }, { headers: { Token: 't' } });
    assert.match(xml, /<Code xmlns="">c<\/Code>|<Code>c<\/Code>/);
    const parsed = features.parseSaveItemRequest(xml);
    assert.deepEqual(parsed.body, { Item: item });
    assert.deepEqual(parsed.headers, { Token: 't' });
    assert.equal(Object.getPrototypeOf({}), Object.prototype);
  });

  it('writes xsi:type for a derived value where its base is declared, and reads it back as $type', () => {
    const related = [{ Id: 1n }, { $type: 'Item' as const, Id: 2n, Name: 'derived' }, null];
    const xml = features.serializeSaveItemRequest({ Related: related });
    assert.match(xml, /<Related [^>]*:type="[^"]*:Item"/);
    assert.deepEqual(features.parseSaveItemRequest(xml).body, { Related: related });
    assert.equal(({} as Record<string, unknown>)['constructor'], Object);
  });
});
