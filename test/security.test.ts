/**
 * The runtime's credentials outside the contract (templates/runtime/security.ts): the WS-Security
 * header against node-soap's WSSecurity (same clock and nonce, compared canonically) and against a
 * digest vector computed independently, its Timestamp and mustUnderstand; the HTTP Authorization
 * helpers; extra SOAP headers checked before sending and undeclared response headers kept as XML.
 * (test/security-transport.test.ts sends all of it over HTTP through the generated client.)
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, it, mock } from 'node:test';
import { SOAP11_NS, SOAP12_NS } from '../templates/runtime/envelope.ts';
import { readMessage } from '../templates/runtime/envelope-reader.ts';
import { SoapValidationError } from '../templates/runtime/errors.ts';
import {
  basicAuth,
  bearerAuth,
  passwordDigest,
  prepareExtraHeaders,
  securityHeader,
  WSSE_NS,
  WSU_NS,
  type WsSecurityOptions,
} from '../templates/runtime/security.ts';
import * as user from '../output/services86-user/src/index.ts';
import { canonical, child, parseElement, type CanonicalElement } from './support/canonical.ts';

const require = createRequire(import.meta.url);
const nodeCrypto = require('node:crypto') as typeof import('node:crypto');
const { WSSecurity } = require('soap') as {
  WSSecurity: new (user: string, password: string, options?: Record<string, unknown>) => { toXML(): string };
};

const WHEN = new Date('2014-10-12T01:02:03.456Z');
/** The nonce both sides use: bytes 0..15. */
const NONCE = Uint8Array.from({ length: 16 }, (_, i) => i);
const fixed = { now: () => WHEN, randomBytes: (b: Uint8Array) => b.set(NONCE.subarray(0, b.length)) } as const;

/** The Security element of a header written with the envelope prefix `prefix` bound to `env`. */
function securityElement(xml: string, prefix: string, env = SOAP11_NS) {
  return parseElement(`<${prefix}:Header xmlns:${prefix}="${env}">${xml}</${prefix}:Header>`).firstChild as Parameters<typeof canonical>[0];
}

/** Canonical form with wsu:Id values replaced by a marker (both sides must have the attribute). */
function masked(el: CanonicalElement): CanonicalElement {
  const attributes = { ...el.attributes };
  const id = `{${WSU_NS}}Id`;
  if (id in attributes) attributes[id] = '(id)';
  return { ...el, attributes, children: el.children.map(masked) };
}

/** node-soap's header with its clock at WHEN and its random bytes NONCE. */
function nodeSoapHeader(user: string, password: string, options?: Record<string, unknown>): string {
  mock.timers.enable({ apis: ['Date'], now: WHEN });
  const random = mock.method(nodeCrypto, 'randomBytes', (n: number) => Buffer.from(NONCE.subarray(0, n)));
  try {
    return new WSSecurity(user, password, options).toXML();
  } finally {
    random.mock.restore();
    mock.timers.reset();
  }
}

describe('WS-Security header', () => {
  // Each row: our options, node-soap's options for the same header.
  const cases: [string, Partial<WsSecurityOptions>, Record<string, unknown> | undefined][] = [
    ['PasswordText with Timestamp and Created (both defaults)', {}, undefined],
    ['no Timestamp', { timestampSeconds: 0 }, { hasTimeStamp: false }],
    ['no Created in the token', { created: false }, { hasTokenCreated: false }],
    ['PasswordText with a Nonce', { nonce: true }, { hasNonce: true }],
    ['PasswordDigest', { passwordType: 'PasswordDigest' }, { passwordType: 'PasswordDigest' }],
    ['mustUnderstand and actor', { mustUnderstand: true, actor: 'urn:gateway' }, { mustUnderstand: true, actor: 'urn:gateway' }],
  ];
  for (const [name, ours, theirs] of cases) {
    it(`equals node-soap's WSSecurity: ${name}`, async () => {
      const xml = await securityHeader({ username: 'basicuser', password: 'bäsic<pass>&', ...fixed, ...ours }, false);
      const expected = nodeSoapHeader('basicuser', 'bäsic<pass>&', theirs);
      assert.deepEqual(masked(canonical(securityElement(xml, 's'))), masked(canonical(securityElement(expected, 'soap'))));
    });
  }

  it('writes wsu:Id values that are valid xs:ID (NCName) and differ between the two elements', async () => {
    const xml = await securityHeader({ username: 'u', password: 'p' }, false);
    const ids = [...xml.matchAll(/wsu:Id="([^"]*)"/g)].map((m) => m[1]);
    assert.equal(ids.length, 2);
    for (const id of ids) assert.match(id as string, /^[A-Za-z_][\w.-]*$/);
    assert.notEqual(ids[0], ids[1]);
  });

  it('computes the digest of a known vector', async () => {
    // Expected values computed independently with Python's hashlib:
    //   base64.b64encode(hashlib.sha1(bytes(range(16)) + b'2014-10-12T01:02:03Z' + 'pässword'.encode()).digest())
    //   base64.b64encode(hashlib.sha1(base64.b64decode('LKqI6G/AikKCQrN0zqZFlg==') + b'2003-07-16T01:24:32Z' + b'password').digest())
    assert.equal(await passwordDigest(NONCE, '2014-10-12T01:02:03Z', 'pässword'), 'R8bsLRYJPbgJj9Dp0vtUYCjZY1c=');
    const nonce = Uint8Array.from(Buffer.from('LKqI6G/AikKCQrN0zqZFlg==', 'base64'));
    assert.equal(await passwordDigest(nonce, '2003-07-16T01:24:32Z', 'password'), 'jwbxwigzou6nLwSdDLbMFK7aQ5U=');
  });

  it('a digest token verifies as a server checks it: SHA-1 over the nonce, Created and password it carries', async () => {
    const xml = await securityHeader({ username: 'u', password: 'secret ü', passwordType: 'PasswordDigest' }, false);
    const token = child(securityElement(xml, 's'), WSSE_NS, 'UsernameToken')!;
    const nonce = Buffer.from(child(token, WSSE_NS, 'Nonce')!.textContent!, 'base64');
    assert.equal(nonce.length, 16);
    const created = child(token, WSU_NS, 'Created')!.textContent!;
    const expected = createHash('sha1').update(Buffer.concat([nonce, Buffer.from(created), Buffer.from('secret ü')])).digest('base64');
    assert.equal(child(token, WSSE_NS, 'Password')!.textContent, expected);
    assert.ok(!xml.includes('secret'), 'the password itself is not sent');
    // A fresh nonce per header (crypto.getRandomValues).
    const again = await securityHeader({ username: 'u', password: 'secret ü', passwordType: 'PasswordDigest' }, false);
    assert.notEqual(/<wsse:Nonce[^>]*>([^<]*)</.exec(again)?.[1], nonce.toString('base64'));
  });

  it('Timestamp: Created now, Expires after the configured lifetime (default 600 s), none for 0', async () => {
    const times = async (o: Partial<WsSecurityOptions>) => {
      const ts = child(securityElement(await securityHeader({ username: 'u', password: 'p', ...fixed, ...o }, false), 's'), WSU_NS, 'Timestamp');
      return ts && [child(ts, WSU_NS, 'Created')!.textContent, child(ts, WSU_NS, 'Expires')!.textContent];
    };
    assert.deepEqual(await times({}), ['2014-10-12T01:02:03Z', '2014-10-12T01:12:03Z']);
    assert.deepEqual(await times({ timestampSeconds: 30 }), ['2014-10-12T01:02:03Z', '2014-10-12T01:02:33Z']);
    assert.deepEqual(await times({ timestampSeconds: 86_400 }), ['2014-10-12T01:02:03Z', '2014-10-13T01:02:03Z']);
    assert.equal(await times({ timestampSeconds: 0 }), undefined);
  });

  it('mustUnderstand in the envelope namespace: "1" in SOAP 1.1, "true" in SOAP 1.2; none unless configured', async () => {
    const attr = async (o: Partial<WsSecurityOptions>, soap12: boolean) => {
      const env = soap12 ? SOAP12_NS : SOAP11_NS;
      const el = securityElement(await securityHeader({ username: 'u', password: 'p', ...o }, soap12), 's', env);
      return [el.getAttributeNS(env, 'mustUnderstand'), el.getAttributeNS(env, soap12 ? 'role' : 'actor')];
    };
    assert.deepEqual(await attr({ mustUnderstand: true }, false), ['1', null]);
    assert.deepEqual(await attr({ mustUnderstand: true, actor: 'urn:x' }, true), ['true', 'urn:x']);
    assert.deepEqual(await attr({}, false), [null, null]);
    assert.deepEqual(await attr({ mustUnderstand: false }, true), [null, null]);
  });

  it('escapes what the user name and password hold, and refuses what XML cannot carry', async () => {
    const xml = await securityHeader({ username: 'a<b>&"c', password: ']]>' }, false);
    const token = child(securityElement(xml, 's'), WSSE_NS, 'UsernameToken')!;
    assert.equal(child(token, WSSE_NS, 'Username')!.textContent, 'a<b>&"c');
    assert.equal(child(token, WSSE_NS, 'Password')!.textContent, ']]>');
    const refused: [Partial<WsSecurityOptions>, string][] = [
      [{ username: 'a\u0001' }, 'security.username'],
      [{ password: '\uD800' }, 'security.password'],
      [{ timestampSeconds: -1 }, 'security.timestampSeconds'],
      [{ timestampSeconds: Number.NaN }, 'security.timestampSeconds'],
      [{ passwordType: 'Plain' as 'PasswordText' }, 'security.passwordType'],
      [{ now: () => new Date('x') }, 'security.now'],
    ];
    for (const [o, path] of refused) {
      await assert.rejects(securityHeader({ username: 'u', password: 'p', ...o }, false), (e: unknown) => {
        assert.ok(e instanceof SoapValidationError, String(e));
        assert.equal(e.path, path);
        return true;
      });
    }
  });
});

describe('HTTP Authorization helpers', () => {
  it('basicAuth encodes user:password as UTF-8 Base64 (RFC 7617)', () => {
    // 'QWxhZGRpbjpvcGVuIHNlc2FtZQ==' is RFC 7617's own example; the second computed with Python:
    //   base64.b64encode('jöse:pä:ss'.encode())
    assert.deepEqual(basicAuth('Aladdin', 'open sesame'), { Authorization: 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==' });
    assert.deepEqual(basicAuth('jöse', 'pä:ss'), { Authorization: 'Basic asO2c2U6cMOkOnNz' });
  });

  it('bearerAuth writes the token as it is', () => {
    assert.deepEqual(bearerAuth('mF_9.B5f-4.1JqM'), { Authorization: 'Bearer mF_9.B5f-4.1JqM' });
    assert.deepEqual(bearerAuth('abc+/=='), { Authorization: 'Bearer abc+/==' });
  });

  it('refuses values that would split or corrupt the HTTP header', () => {
    const refused: [() => unknown, string][] = [
      [() => basicAuth('user\r\nX-Injected: 1', 'p'), 'basicAuth.username'],
      [() => basicAuth('user', 'p\n'), 'basicAuth.password'],
      [() => basicAuth('us:er', 'p'), 'basicAuth.username'],
      [() => basicAuth('user', 1 as unknown as string), 'basicAuth.password'],
      [() => bearerAuth('tok\r\nen'), 'bearerAuth.token'],
      [() => bearerAuth('two words'), 'bearerAuth.token'],
      [() => bearerAuth(''), 'bearerAuth.token'],
    ];
    for (const [run, path] of refused) {
      assert.throws(run, (e: unknown) => e instanceof SoapValidationError && e.path === path, path);
    }
  });
});

describe('extra SOAP headers', () => {
  it('accepts one element per fragment, every prefix declared, and keeps it as written', () => {
    const good = [
      '<t:Trace xmlns:t="urn:trace" t:level="2">a &amp; b</t:Trace>',
      '<Session xmlns="urn:s"><Id>7</Id></Session>',
      '<Unqualified>x</Unqualified>',
    ];
    assert.deepEqual(prepareExtraHeaders(good, 'extraHeaders'), good);
    assert.deepEqual(prepareExtraHeaders(undefined, 'extraHeaders'), []);
  });

  it('refuses a fragment that is not one well-formed, namespace-complete element, naming it', () => {
    const hostile: [string | number, RegExp][] = [
      ['<t:Trace>x</t:Trace>', /prefix|namespace|t:Trace/i],
      ['<a>', /well-formed/],
      ['<a/><b/>', /exactly one XML element, got 2/],
      ['text', /exactly one XML element, got 0/],
      ['<a/>text', /and text/],
      ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /well-formed/],
      ['</s:Header><s:Body/><s:Header>', /well-formed/],
      ['<a b="1" b="2"/>', /well-formed/],
      [42, /expected an XML fragment/],
    ];
    for (const [fragment, reason] of hostile) {
      assert.throws(
        () => prepareExtraHeaders(['<ok xmlns="urn:ok"/>', fragment as string], 'extraHeaders'),
        (e: unknown) => {
          assert.ok(e instanceof SoapValidationError, `${String(fragment)}: ${String(e)}`);
          assert.equal(e.path, 'extraHeaders[1]');
          assert.equal(e.value, fragment);
          assert.match(e.message, reason);
          return true;
        },
      );
    }
    assert.throws(() => prepareExtraHeaders('<a/>' as unknown as string[], 'extraHeaders'), SoapValidationError);
  });

  it('reading keeps header elements the contract does not declare as standalone XML, beside the declared ones', () => {
    const op = user.operations.SaveServiceAuth;
    const sent = user.serializeSaveServiceAuthResponse({ Response: { ServiceAuthId: 7, Port: 25 } }, { Succeeded: true });
    const xml = sent
      .replace('<s:Envelope ', '<s:Envelope xmlns:t="urn:trace" xmlns="urn:default" ')
      .replace('<s:Header>', '<s:Header><t:Trace s:mustUnderstand="0">a &amp; b<t:Hop n="1"/></t:Trace><SomeToken>abc</SomeToken>');
    assert.notEqual(xml, sent);
    const read = readMessage(user.service, op.output!, xml);
    assert.deepEqual(read.headers, { Succeeded: true });
    assert.deepEqual(read.extraHeaders, [
      `<t:Trace xmlns:t="urn:trace" xmlns:s="${SOAP11_NS}" s:mustUnderstand="0">a &amp; b<t:Hop n="1"/></t:Trace>`,
      '<SomeToken xmlns="urn:default">abc</SomeToken>',
    ]);
    // Each parses on its own to the same element.
    for (const x of read.extraHeaders) assert.ok(parseElement(x).localName);
  });
});
