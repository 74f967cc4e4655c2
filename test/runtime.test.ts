/**
 * Runtime tests: value codecs, envelope writing and reading, faults, hostile input, limits and
 * the HTTP client, against a hand-written SaveServiceAuth-like service description.
 */

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  readMessage,
  SoapAbortError,
  SoapClient,
  SoapError,
  SoapFaultError,
  SoapHttpError,
  SoapServiceError,
  SoapTimeoutError,
  SoapTransportError,
  SoapValidationError,
  UnexpectedMessageError,
  writeMessage,
  XmlLimitError,
  XmlParseError,
  type FieldDesc,
  type MessageDesc,
  type OperationDesc,
  type ServiceDesc,
} from '../templates/runtime/index.ts';
import { restrictionCodec } from '../templates/runtime/derived-codecs.ts';
import {
  decodeBase64,
  encodeBase64,
  InvalidValue,
  primitiveCodec,
  type SimpleCodec,
} from '../templates/runtime/values.ts';
import { compilePattern } from '../templates/runtime/xsd-pattern.ts';

const NS = 'http://www.superoffice.net/ws/crm/NetServer/Services86';
const ARR = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';

function el(name: string, type: string, opts: Partial<Omit<FieldDesc, 'name' | 'type'>> = {}): FieldDesc {
  return { name, type, ns: NS, min: 0, max: 1, nillable: false, ...opts };
}

const service: ServiceDesc = {
  soapVersion: '1.1',
  exceptionHeader: 'ExceptionInfo',
  succeededHeader: 'Succeeded',
  schema: {
    types: {
      ETableRight: { kind: 'flags', values: ['Select', 'Update', 'Insert', 'Delete', 'Filtering', 'RestrictedUpdate'] },
      EFieldRight: { kind: 'flags', values: ['Read', 'Write', 'UIHintMandatory'] },
      EAuthKind: { kind: 'enum', values: ['Unknown', 'Ldap', 'Smtp'] },
      guid: {
        kind: 'restriction',
        base: 'xs:string',
        patterns: ['[\\da-fA-F]{8}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{12}'],
      },
      TableRight: {
        kind: 'complex',
        xmlName: { name: 'TableRight', ns: NS },
        abstract: false,
        fields: [el('Mask', 'ETableRight'), el('Reason', 'xs:string', { nillable: true })],
        attributes: [],
      },
      FieldRight: {
        kind: 'complex',
        xmlName: { name: 'FieldRight', ns: NS },
        abstract: false,
        fields: [el('Mask', 'EFieldRight'), el('Reason', 'xs:string', { nillable: true })],
        attributes: [],
      },
      FieldProperty: {
        kind: 'complex',
        xmlName: { name: 'FieldProperty', ns: NS },
        abstract: false,
        fields: [
          el('FieldRight', 'FieldRight', { nillable: true }),
          el('FieldType', 'xs:string', { nillable: true }),
          el('FieldLength', 'xs:int'),
        ],
        attributes: [],
      },
      FieldPropertyDictionary: {
        kind: 'dictionary',
        xmlName: { name: 'FieldPropertyDictionary', ns: NS },
        entry: { name: 'FieldPropertyDictionaryKeyValuePair', ns: NS },
        key: el('Key', 'xs:string', { min: 1, nillable: true }),
        value: el('Value', 'FieldProperty', { min: 1, nillable: true }),
      },
      ArrayOfstring: {
        kind: 'array',
        xmlName: { name: 'ArrayOfstring', ns: ARR },
        item: { name: 'string', ns: ARR, type: 'xs:string', min: 0, max: -1, nillable: true },
      },
      Carrier: {
        kind: 'complex',
        xmlName: { name: 'Carrier', ns: NS },
        abstract: false,
        fields: [el('TableRight', 'TableRight', { nillable: true }), el('FieldProperties', 'FieldPropertyDictionary', { nillable: true })],
        attributes: [],
      },
      ServiceAuth: {
        kind: 'complex',
        xmlName: { name: 'ServiceAuth', ns: NS },
        base: 'Carrier',
        abstract: false,
        fields: [
          el('ServiceAuthId', 'xs:int'),
          el('Server', 'xs:string', { nillable: true }),
          el('Port', 'xs:int', { min: 1 }),
          el('AuthType', 'EAuthKind'),
          el('Username', 'xs:string', { nillable: true }),
          el('Password', 'xs:string', { nillable: true }),
          el('Roles', 'ArrayOfstring', { nillable: true }),
          el('Big', 'xs:long'),
          el('Huge', 'xs:unsignedLong'),
          el('Amount', 'xs:decimal'),
          el('Modified', 'xs:dateTime'),
          el('Ratio', 'xs:double'),
          el('Blob', 'xs:base64Binary', { nillable: true }),
          el('Guid', 'guid'),
          el('Short', 'xs:short'),
        ],
        attributes: [],
      },
      ExtendedServiceAuth: {
        kind: 'complex',
        xmlName: { name: 'ExtendedServiceAuth', ns: NS },
        base: 'ServiceAuth',
        abstract: false,
        fields: [el('Realm', 'xs:string', { nillable: true })],
        attributes: [],
      },
      SaveServiceAuth: {
        kind: 'complex',
        abstract: false,
        fields: [el('ServiceAuth', 'ServiceAuth', { nillable: true })],
        attributes: [],
      },
      SaveServiceAuthResponse: {
        kind: 'complex',
        abstract: false,
        fields: [el('Response', 'ServiceAuth', { nillable: true })],
        attributes: [],
      },
      Credentials: {
        kind: 'complex',
        xmlName: { name: 'Credentials', ns: NS },
        abstract: false,
        fields: [el('Ticket', 'xs:string', { nillable: true })],
        attributes: [],
      },
      SoExceptionInfoParameters: {
        kind: 'dictionary',
        entry: { name: 'SoExceptionInfoParametersKeyValuePair', ns: NS },
        key: el('Key', 'xs:string', { min: 1, nillable: true }),
        value: el('Value', 'xs:string', { min: 1, nillable: true }),
      },
      SoExceptionInfo: {
        kind: 'complex',
        xmlName: { name: 'SoExceptionInfo', ns: NS },
        abstract: false,
        fields: [
          el('Message', 'xs:string', { nillable: true }),
          el('StackTrace', 'xs:string', { nillable: true }),
          el('FriendlyText', 'xs:string', { nillable: true }),
          el('ExceptionType', 'xs:string', { nillable: true }),
          el('Source', 'xs:string', { nillable: true }),
          el('InnerException', 'SoExceptionInfo', { nillable: true }),
          el('Parameters', 'SoExceptionInfoParameters', { nillable: true }),
        ],
        attributes: [],
      },
      SoExtraInfo: {
        kind: 'dictionary',
        entry: { name: 'ExtraInfoNameValuePair', ns: NS },
        key: el('Key', 'xs:string', { min: 1, nillable: true }),
        value: el('Value', 'xs:string', { min: 1, nillable: true }),
      },
      OddNames: {
        kind: 'complex',
        abstract: false,
        fields: [el('__proto__', 'xs:string'), el('constructor', 'xs:string'), el('Tagged', 'Tagged')],
        attributes: [],
      },
      Tagged: {
        kind: 'complex',
        abstract: false,
        fields: [el('Text', 'xs:string', { ns: '' })],
        attributes: [
          { name: 'id', ns: '', type: 'xs:int', required: true },
          { name: 'lang', ns: 'http://www.w3.org/XML/1998/namespace', type: 'xs:string', required: false },
        ],
      },
    },
  },
};

const input: MessageDesc = {
  body: el('SaveServiceAuth', 'SaveServiceAuth', { min: 1 }),
  headers: [
    { part: 'ApplicationToken', element: el('ApplicationToken', 'xs:string', { min: 1, nillable: true }) },
    { part: 'Credentials', element: el('Credentials', 'Credentials', { min: 1, nillable: true }) },
  ],
};
const output: MessageDesc = {
  body: el('SaveServiceAuthResponse', 'SaveServiceAuthResponse', { min: 1 }),
  headers: [
    { part: 'ExceptionInfo', element: el('ExceptionInfo', 'SoExceptionInfo', { min: 1, nillable: true }) },
    { part: 'ExtraInfo', element: el('ExtraInfo', 'SoExtraInfo', { min: 1, nillable: true }) },
    { part: 'Succeeded', element: el('Succeeded', 'xs:boolean', { min: 1 }) },
  ],
};
const saveOp: OperationDesc = {
  name: 'SaveServiceAuth',
  soapAction: 'http://www.superoffice.net/ws/crm/NetServer/Services86/User/SaveServiceAuth',
  input,
  output,
};
const oddMessage: MessageDesc = { body: el('OddNames', 'OddNames', { min: 1 }), headers: [] };

/** Writes `body` as a request, then reads the same envelope back with the same message. */
function roundTrip(body: unknown, headers?: Record<string, unknown>, message: MessageDesc = input) {
  const xml = writeMessage(service, message, body, headers);
  return { xml, ...readMessage(service, message, xml) };
}

function envelope11(body: string, header = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${S11}">${header}<s:Body>${body}</s:Body></s:Envelope>`;
}

function responseXml(inner: string, header = ''): string {
  return envelope11(`<SaveServiceAuthResponse xmlns="${NS}">${inner}</SaveServiceAuthResponse>`, header);
}

function readResponse(xml: string) {
  return readMessage(service, output, xml);
}

function readAuth(inner: string): Record<string, unknown> {
  const { body } = readResponse(responseXml(`<Response>${inner}</Response>`));
  return (body as { Response: Record<string, unknown> }).Response;
}

function codec(name: string): SimpleCodec {
  const c = primitiveCodec(name);
  assert.ok(c, name);
  return c;
}

describe('value codecs', () => {
  const reads: { type: string; text: string; want: unknown }[] = [
    { type: 'xs:boolean', text: ' 1 ', want: true },
    { type: 'xs:boolean', text: '0', want: false },
    { type: 'xs:int', text: '\n +42\t', want: 42 },
    { type: 'xs:int', text: '-2147483648', want: -2147483648 },
    { type: 'xs:unsignedByte', text: '255', want: 255 },
    { type: 'xs:long', text: '-9223372036854775808', want: -9223372036854775808n },
    { type: 'xs:unsignedLong', text: '18446744073709551615', want: 18446744073709551615n },
    { type: 'xs:integer', text: '123456789012345678901234567890', want: 123456789012345678901234567890n },
    { type: 'xs:decimal', text: ' 000123456789012345678901234567890.10 ', want: '000123456789012345678901234567890.10' },
    { type: 'xs:decimal', text: '-.5', want: '-.5' },
    { type: 'xs:double', text: 'INF', want: Infinity },
    { type: 'xs:double', text: '-INF', want: -Infinity },
    { type: 'xs:double', text: '1.5E-3', want: 0.0015 },
    { type: 'xs:float', text: 'NaN', want: NaN },
    { type: 'xs:string', text: '  a\n b  ', want: '  a\n b  ' },
    { type: 'xs:dateTime', text: ' 2024-01-01T24:00:00 ', want: '2024-01-01T24:00:00' },
    { type: 'xs:dateTime', text: '-0044-03-15T12:00:00-14:00', want: '-0044-03-15T12:00:00-14:00' },
    { type: 'xs:date', text: '2024-02-29Z', want: '2024-02-29Z' },
    { type: 'xs:time', text: '13:20:00.5+01:00', want: '13:20:00.5+01:00' },
    { type: 'xs:duration', text: 'P1Y2M3DT4H5M6.7S', want: 'P1Y2M3DT4H5M6.7S' },
    { type: 'xs:duration', text: '-PT0S', want: '-PT0S' },
    { type: 'xs:hexBinary', text: '00fFa0', want: new Uint8Array([0, 255, 160]) },
    { type: 'xs:base64Binary', text: ' AP8 =', want: new Uint8Array([0, 255]) },
  ];
  for (const c of reads) {
    it(`reads ${c.type} ${JSON.stringify(c.text)}`, () => {
      assert.deepStrictEqual(codec(c.type).parse(c.text), c.want);
    });
  }

  const badReads: { type: string; text: string }[] = [
    { type: 'xs:boolean', text: 'yes' },
    { type: 'xs:int', text: '1.0' },
    { type: 'xs:int', text: '' },
    { type: 'xs:byte', text: '128' },
    { type: 'xs:unsignedLong', text: '18446744073709551616' },
    { type: 'xs:positiveInteger', text: '0' },
    { type: 'xs:decimal', text: '1e3' },
    { type: 'xs:decimal', text: '.' },
    { type: 'xs:double', text: 'Infinity' },
    { type: 'xs:dateTime', text: '2024-01-01' },
    { type: 'xs:dateTime', text: '2024-01-01T25:00:00' },
    { type: 'xs:dateTime', text: '2024-01-01T10:00:00+15:00' },
    { type: 'xs:date', text: '2024-1-01' },
    { type: 'xs:duration', text: 'P' },
    { type: 'xs:duration', text: 'P1DT' },
    { type: 'xs:hexBinary', text: 'abc' },
    { type: 'xs:base64Binary', text: 'AAA' },
    { type: 'xs:base64Binary', text: 'A===' },
    { type: 'xs:base64Binary', text: 'AA=A' },
    { type: 'xs:base64Binary', text: 'AA*A' },
  ];
  for (const c of badReads) {
    it(`rejects ${c.type} ${JSON.stringify(c.text)}`, () => {
      assert.throws(() => codec(c.type).parse(c.text), InvalidValue);
    });
  }

  it('base64 round-trips every length and matches the standard alphabet', () => {
    const bytes = new Uint8Array(300).map((_, i) => (i * 37 + 11) & 255);
    for (let n = 0; n <= 20; n++) {
      const part = bytes.subarray(0, n * 13);
      const text = encodeBase64(part);
      assert.equal(text, globalThis.btoa(String.fromCharCode(...part)));
      assert.deepStrictEqual(decodeBase64(text), new Uint8Array(part));
    }
  });

  it('formats floats, negative zero and big integers in XSD lexical forms', () => {
    assert.equal(codec('xs:double').format(-0), '-0');
    assert.equal(codec('xs:double').format(-Infinity), '-INF');
    assert.equal(codec('xs:double').format(1e21), '1e+21');
    assert.equal(codec('xs:unsignedLong').format(18446744073709551615n), '18446744073709551615');
    assert.equal(codec('xs:long').format(42), '42');
    assert.equal(codec('xs:hexBinary').format(new Uint8Array([1, 171])), '01AB');
    assert.throws(() => codec('xs:float').format(1e39), InvalidValue);
  });

  it('compiles XSD patterns (anchored, literal ^ and $, WCF escapes)', () => {
    const duration = compilePattern('\\-?P(\\d*D)?(T(\\d*H)?(\\d*M)?(\\d*(\\.\\d*)?S)?)?');
    assert.ok(duration);
    assert.ok(duration.test('-P1DT2H'));
    assert.ok(!duration.test('xP1D'));
    const literal = compilePattern('a^b$');
    assert.ok(literal?.test('a^b$'));
    assert.ok(!literal?.test('ab'));
    const alternation = compilePattern('a|b');
    assert.ok(alternation?.test('b'));
    assert.ok(!alternation?.test('ab'));
    const names = restrictionCodec(codec('xs:string'), { patterns: ['\\i\\c*'] });
    assert.equal(names.format('x-1'), 'x-1');
    assert.throws(() => names.format('1x'), InvalidValue);
  });
});

describe('errors', () => {
  const cases: [SoapError, string, string][] = [
    [new XmlParseError('bad', 2, 5), 'XmlParseError', 'XML_PARSE'],
    [new XmlLimitError('maxDepth', 256), 'XmlLimitError', 'XML_LIMIT'],
    [new SoapValidationError('A.B', 1, 'no'), 'SoapValidationError', 'VALIDATION'],
    [new SoapFaultError({ code: 's:Client', reason: 'r', headers: {} }), 'SoapFaultError', 's:Client'],
    [new SoapHttpError(502, 'text/html', 'x'), 'SoapHttpError', 'HTTP_STATUS'],
    [new SoapTransportError('down', new TypeError('fetch failed')), 'SoapTransportError', 'TRANSPORT'],
    [new SoapTimeoutError(5), 'SoapTimeoutError', 'TIMEOUT'],
    [new SoapAbortError(undefined), 'SoapAbortError', 'ABORTED'],
    [new SoapServiceError('m', undefined, {}, undefined), 'SoapServiceError', 'SERVICE'],
    [new UnexpectedMessageError('{a}b', '{a}c'), 'UnexpectedMessageError', 'UNEXPECTED_MESSAGE'],
  ];
  for (const [error, name, code] of cases) {
    it(`${name} has its name and code and is a SoapError`, () => {
      assert.ok(error instanceof SoapError);
      assert.ok(error instanceof Error);
      assert.equal(error.name, name);
      assert.equal(error.code, code);
    });
  }
  it('keeps line and column on XmlParseError', () => {
    const e = new XmlParseError('bad', 2, 5);
    assert.deepStrictEqual([e.line, e.column, e.message], [2, 5, '2:5: bad']);
  });
});

describe('writeMessage', () => {
  it('writes the exact envelope for a small request', () => {
    const xml = writeMessage(
      service,
      input,
      { ServiceAuth: { ServiceAuthId: 0, Server: '', Port: 0, Username: null, Roles: ['a'] } },
      { ApplicationToken: 'tok', Credentials: { Ticket: '7T:abc==' } },
    );
    assert.equal(
      xml,
      '<?xml version="1.0" encoding="utf-8"?>' +
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">' +
        '<s:Header>' +
        `<ApplicationToken xmlns="${NS}">tok</ApplicationToken>` +
        `<Credentials xmlns="${NS}"><Ticket>7T:abc==</Ticket></Credentials>` +
        '</s:Header>' +
        '<s:Body>' +
        `<SaveServiceAuth xmlns="${NS}"><ServiceAuth>` +
        '<ServiceAuthId>0</ServiceAuthId><Server/><Port>0</Port>' +
        `<Username i:nil="true" xmlns:i="${XSI}"/>` +
        `<Roles xmlns:q1="${ARR}"><q1:string>a</q1:string></Roles>` +
        '</ServiceAuth></SaveServiceAuth>' +
        '</s:Body></s:Envelope>',
    );
  });

  it('omits the Header when no header value is defined, and uses the SOAP 1.2 namespace', () => {
    const v12: ServiceDesc = { ...service, soapVersion: '1.2' };
    const xml = writeMessage(v12, input, {}, { ApplicationToken: undefined });
    assert.equal(xml, `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${S12}"><s:Body><SaveServiceAuth xmlns="${NS}"/></s:Body></s:Envelope>`);
  });

  it('writes a nil header and an xsi:type for a derived value', () => {
    const xml = writeMessage(
      service,
      input,
      { ServiceAuth: { $type: 'ExtendedServiceAuth', Port: 1, Realm: 'r' } },
      { ApplicationToken: null },
    );
    assert.ok(xml.includes(`<s:Header><ApplicationToken xmlns="${NS}" i:nil="true" xmlns:i="${XSI}"/></s:Header>`), xml);
    assert.ok(xml.includes(`<ServiceAuth xmlns:i="${XSI}" xmlns:q1="${NS}" i:type="q1:ExtendedServiceAuth"><Port>1</Port><Realm>r</Realm></ServiceAuth>`), xml);
  });

  it('gives unqualified elements xmlns="" under a default namespace, and writes attributes', () => {
    const xml = writeMessage(service, oddMessage, { Tagged: { id: 7, lang: 'nb', Text: 'x' } }, undefined);
    assert.ok(
      xml.includes(`<OddNames xmlns="${NS}"><Tagged id="7" xml:lang="nb"><Text xmlns="">x</Text></Tagged></OddNames>`),
      xml,
    );
    const back = readMessage(service, oddMessage, xml).body as { Tagged: unknown };
    assert.deepEqual(back.Tagged, { id: 7, lang: 'nb', Text: 'x' });
  });

  const invalid: { name: string; auth: Record<string, unknown>; path: string; match: RegExp }[] = [
    { name: 'int out of range', auth: { Port: 2147483648 }, path: 'SaveServiceAuth.ServiceAuth.Port', match: /out of range/ },
    { name: 'non-integer', auth: { Port: 1.5 }, path: 'SaveServiceAuth.ServiceAuth.Port', match: /integer/ },
    { name: 'NaN for int', auth: { Port: NaN }, path: 'SaveServiceAuth.ServiceAuth.Port', match: /integer/ },
    { name: 'string for int', auth: { Port: '5' }, path: 'SaveServiceAuth.ServiceAuth.Port', match: /integer/ },
    { name: 'short out of range', auth: { Port: 1, Short: 40000 }, path: 'SaveServiceAuth.ServiceAuth.Short', match: /out of range/ },
    { name: 'missing required', auth: { Server: 'x' }, path: 'SaveServiceAuth.ServiceAuth.Port', match: /required/ },
    { name: 'null for non-nillable', auth: { Port: null }, path: 'SaveServiceAuth.ServiceAuth.Port', match: /nillable/ },
    { name: 'bad enum', auth: { Port: 1, AuthType: 'Kerberos' }, path: 'SaveServiceAuth.ServiceAuth.AuthType', match: /Kerberos/ },
    { name: 'bad flag', auth: { Port: 1, TableRight: { Mask: ['Select', 'Fly'] } }, path: 'SaveServiceAuth.ServiceAuth.TableRight.Mask', match: /Fly/ },
    { name: 'control char', auth: { Port: 1, Server: 'a\u0001b' }, path: 'SaveServiceAuth.ServiceAuth.Server', match: /U\+0001/ },
    { name: 'lone surrogate', auth: { Port: 1, Username: 'x\uD800' }, path: 'SaveServiceAuth.ServiceAuth.Username', match: /U\+D800/ },
    { name: 'U+FFFE', auth: { Port: 1, Password: '\uFFFE' }, path: 'SaveServiceAuth.ServiceAuth.Password', match: /U\+FFFE/ },
    { name: 'bad char in array item', auth: { Port: 1, Roles: ['ok', 'no\u0000'] }, path: 'SaveServiceAuth.ServiceAuth.Roles[1]', match: /U\+0000/ },
    { name: 'long as number beyond 2^53', auth: { Port: 1, Big: 2 ** 60 }, path: 'SaveServiceAuth.ServiceAuth.Big', match: /bigint/ },
    { name: 'long out of range', auth: { Port: 1, Big: 2n ** 63n }, path: 'SaveServiceAuth.ServiceAuth.Big', match: /out of range/ },
    { name: 'negative unsignedLong', auth: { Port: 1, Huge: -1n }, path: 'SaveServiceAuth.ServiceAuth.Huge', match: /out of range/ },
    { name: 'bad decimal', auth: { Port: 1, Amount: '1e5' }, path: 'SaveServiceAuth.ServiceAuth.Amount', match: /decimal/ },
    { name: 'Date object for dateTime', auth: { Port: 1, Modified: new Date(0) }, path: 'SaveServiceAuth.ServiceAuth.Modified', match: /dateTime/ },
    { name: 'bad dateTime', auth: { Port: 1, Modified: '2024-13-01T00:00:00' }, path: 'SaveServiceAuth.ServiceAuth.Modified', match: /dateTime/ },
    { name: 'guid pattern', auth: { Port: 1, Guid: 'not-a-guid' }, path: 'SaveServiceAuth.ServiceAuth.Guid', match: /pattern/ },
    { name: 'string for base64', auth: { Port: 1, Blob: 'AAAA' }, path: 'SaveServiceAuth.ServiceAuth.Blob', match: /Uint8Array/ },
    { name: 'dictionary not a Map', auth: { Port: 1, FieldProperties: {} }, path: 'SaveServiceAuth.ServiceAuth.FieldProperties', match: /Map/ },
    { name: '$type not derived', auth: { Port: 1, $type: 'Credentials' }, path: 'SaveServiceAuth.ServiceAuth', match: /derived/ },
    {
      name: 'bad value inside a dictionary',
      auth: { Port: 1, FieldProperties: new Map([['k', { FieldLength: 0.5 }]]) },
      path: 'SaveServiceAuth.ServiceAuth.FieldProperties["k"].Value.FieldLength',
      match: /integer/,
    },
  ];
  for (const c of invalid) {
    it(`rejects ${c.name} with SoapValidationError naming the path`, () => {
      assert.throws(
        () => writeMessage(service, input, { ServiceAuth: c.auth }, undefined),
        (e: unknown) => {
          assert.ok(e instanceof SoapValidationError, String(e));
          assert.equal(e.path, c.path);
          assert.match(e.message, c.match);
          assert.equal(e.name, 'SoapValidationError');
          return true;
        },
      );
    });
  }

  it('validates headers with their own path', () => {
    assert.throws(
      () => writeMessage(service, input, {}, { Credentials: { Ticket: 5 } }),
      (e: unknown) => e instanceof SoapValidationError && e.path === 'Credentials.Ticket',
    );
  });
});

describe('round trips', () => {
  const full = {
    TableRight: { Mask: ['Select', 'Update'], Reason: 'because' },
    FieldProperties: new Map<string, unknown>([
      ['Name', { FieldRight: { Mask: ['Read', 'Write'], Reason: '' }, FieldType: 'string', FieldLength: 255 }],
      ['Empty', null],
    ]),
    ServiceAuthId: -2147483648,
    Server: 'mail.example.com',
    Port: 2147483647,
    AuthType: 'Ldap',
    Username: 'Ærøskøbing 😀 𝄞',
    Password: 'a<b>&"c\' ]]> \r\n\tend',
    Roles: ['admin', null, '', '  spaced  '],
    Big: -9223372036854775808n,
    Huge: 18446744073709551615n,
    Amount: '-123456789012345678901234567890.000000000000000000001',
    Modified: '2024-02-29T23:59:59.1234567',
    Ratio: -0.1,
    Blob: new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]),
    Guid: '0123abcd-4567-89ef-ABCD-0123456789ab',
    Short: -32768,
  };

  const cases: { name: string; auth: unknown }[] = [
    { name: 'full', auth: full },
    { name: 'minimal', auth: { Port: 0 } },
    { name: 'nil values', auth: { Port: 1, TableRight: null, FieldProperties: null, Server: null, Roles: null, Blob: null } },
    { name: 'empty collections', auth: { Port: 1, TableRight: { Mask: [] }, FieldProperties: new Map(), Roles: [], Blob: new Uint8Array(0) } },
    { name: 'empty strings', auth: { Port: 1, Server: '', Username: '', Password: ' ' } },
    { name: 'derived type', auth: { $type: 'ExtendedServiceAuth', Port: 3, Realm: 'EU', Server: 's' } },
    { name: 'unsignedLong zero and long max', auth: { Port: 1, Big: 9223372036854775807n, Huge: 0n } },
    { name: 'doubles', auth: { Port: 1, Ratio: Infinity } },
    { name: 'NaN double', auth: { Port: 1, Ratio: NaN } },
    { name: 'negative zero', auth: { Port: 1, Ratio: -0 } },
  ];
  for (const c of cases) {
    it(`${c.name}: read(write(x)) deep-equals x`, () => {
      const { body } = roundTrip({ ServiceAuth: c.auth });
      assert.deepStrictEqual(body, { ServiceAuth: c.auth });
    });
  }

  it('wrapper with nothing in it', () => {
    assert.deepStrictEqual(roundTrip({}).body, {});
    assert.deepStrictEqual(roundTrip({ ServiceAuth: null }).body, { ServiceAuth: null });
  });

  it('keeps absent, null and empty string distinct on the wire', () => {
    const absent = roundTrip({ ServiceAuth: { Port: 1 } });
    const nil = roundTrip({ ServiceAuth: { Port: 1, Server: null } });
    const empty = roundTrip({ ServiceAuth: { Port: 1, Server: '' } });
    assert.ok(!absent.xml.includes('<Server'), 'an absent member writes no element');
    assert.ok(nil.xml.includes('<Server i:nil="true"'), 'null writes xsi:nil');
    assert.ok(empty.xml.includes('<Server/>'), 'an empty string writes an empty element');
    const server = (r: { body: unknown }) => (r.body as { ServiceAuth: Record<string, unknown> }).ServiceAuth;
    assert.equal(Object.hasOwn(server(absent), 'Server'), false);
    assert.equal(server(nil)['Server'], null);
    assert.equal(server(empty)['Server'], '');
  });

  it('keeps dateTime offsets exactly as written', () => {
    for (const Modified of ['2024-06-01T12:00:00', '2024-06-01T12:00:00Z', '2024-06-01T12:00:00+05:30', '0001-01-01T00:00:00']) {
      const auth = (roundTrip({ ServiceAuth: { Port: 1, Modified } }).body as { ServiceAuth: { Modified: string } }).ServiceAuth;
      assert.equal(auth.Modified, Modified);
    }
  });

  it('escapes text so CR, quotes, ]]> and astral characters survive', () => {
    const Password = 'x\r\ny\rz "q" \'a\' ]]> <tag> & 𝄞';
    const { xml, body } = roundTrip({ ServiceAuth: { Port: 1, Password } });
    assert.ok(xml.includes('x&#13;\ny&#13;z "q" \'a\' ]]&gt; &lt;tag&gt; &amp; 𝄞'), xml);
    assert.equal((body as { ServiceAuth: { Password: string } }).ServiceAuth.Password, Password);
  });

  it('round-trips dictionary keys __proto__, constructor and prototype without touching Object.prototype', () => {
    const FieldProperties = new Map<string, unknown>([
      ['__proto__', { FieldLength: 1 }],
      ['constructor', { FieldLength: 2 }],
      ['prototype', null],
    ]);
    const ExtraInfo = new Map<string, string | null>([
      ['__proto__', 'p'],
      ['toString', null],
    ]);
    const { body } = roundTrip({ ServiceAuth: { Port: 1, FieldProperties } });
    const back = (body as { ServiceAuth: { FieldProperties: Map<string, unknown> } }).ServiceAuth.FieldProperties;
    assert.ok(back instanceof Map);
    assert.deepStrictEqual([...back.entries()], [...FieldProperties.entries()]);
    const headers = readResponse(
      responseXml(
        '',
        `<s:Header><ExtraInfo xmlns="${NS}"><ExtraInfoNameValuePair><Key>__proto__</Key><Value>p</Value></ExtraInfoNameValuePair>` +
          `<ExtraInfoNameValuePair><Key>toString</Key><Value xmlns:i="${XSI}" i:nil="true"/></ExtraInfoNameValuePair></ExtraInfo></s:Header>`,
      ),
    ).headers;
    assert.deepStrictEqual(headers['ExtraInfo'], ExtraInfo);
    assert.equal(({} as Record<string, unknown>)['FieldLength'], undefined);
    assert.equal(Object.getPrototypeOf({}), Object.prototype);
    assert.equal(typeof ({} as { toString: unknown }).toString, 'function');
  });

  it('reads and writes elements named __proto__ and constructor as own properties', () => {
    const body: Record<string, unknown> = {};
    Object.defineProperty(body, '__proto__', { value: 'p', enumerable: true, writable: true, configurable: true });
    body['constructor'] = 'c';
    const back = roundTrip(body, undefined, oddMessage);
    assert.ok(back.xml.includes('<__proto__>p</__proto__><constructor>c</constructor>'), back.xml);
    const out = back.body as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepStrictEqual(Object.getOwnPropertyDescriptor(out, '__proto__')?.value, 'p');
    assert.equal(out['constructor'], 'c');
    // An absent `constructor` property is not picked up from Object.prototype.
    assert.ok(!writeMessage(service, oddMessage, {}, undefined).includes('constructor'));
    assert.equal(({} as Record<string, unknown>)['p'], undefined);
  });
});

describe('readMessage', () => {
  it('reads SOAP 1.2 with other prefixes, default namespaces and xsi:type naming the declared type', () => {
    const xml =
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}" xmlns:xsi="${XSI}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:User="${NS}" xmlns:Arr="${ARR}">\n` +
      ' <SOAP-ENV:Header>\n' +
      '  <User:Succeeded> true </User:Succeeded>\n' +
      '  <Unknown xmlns="urn:other"><Deep>1</Deep></Unknown>\n' +
      ' </SOAP-ENV:Header>\n' +
      ' <SOAP-ENV:Body>\n' +
      '  <User:SaveServiceAuthResponse>\n' +
      '   <User:Response xsi:type="User:ServiceAuth">\n' +
      '    <User:ServiceAuthId xsi:type="xsd:int"> 7 </User:ServiceAuthId>\n' +
      '    <Server xmlns="' + NS + '" xsi:type="xsd:string">  keep  </Server>\n' +
      '    <User:Port xsi:type="xsd:int">0</User:Port>\n' +
      '    <User:Roles><Arr:string>a</Arr:string><string xmlns="' + ARR + '" xsi:nil="1"/></User:Roles>\n' +
      '    <User:Modified>\n2024-01-02T03:04:05+05:30\n</User:Modified>\n' +
      '    <User:Blob>AAEC\n/w==</User:Blob>\n' +
      '    <User:Username><![CDATA[<raw> & ]]></User:Username>\n' +
      '   </User:Response>\n' +
      '  </User:SaveServiceAuthResponse>\n' +
      ' </SOAP-ENV:Body>\n' +
      '</SOAP-ENV:Envelope>\n';
    const { body, headers } = readResponse(xml);
    assert.deepStrictEqual(headers, { Succeeded: true });
    assert.deepStrictEqual(body, {
      Response: {
        ServiceAuthId: 7,
        Server: '  keep  ',
        Port: 0,
        Roles: ['a', null],
        Modified: '2024-01-02T03:04:05+05:30',
        Blob: new Uint8Array([0, 1, 2, 255]),
        Username: '<raw> & ',
      },
    });
  });

  it('reads known header elements placed directly in the Envelope, as published examples do', () => {
    const xml =
      `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}" xmlns:User="${NS}">\n` +
      '  <User:ApplicationToken>1234567-1234-9876</User:ApplicationToken>\n' +
      '  <User:Credentials>\n    <User:Ticket>7T:1234abcxyzExample==</User:Ticket>\n  </User:Credentials>\n' +
      '  <User:Other>ignored</User:Other>\n' +
      ' <SOAP-ENV:Body><User:SaveServiceAuth><User:ServiceAuth><User:Port>0</User:Port></User:ServiceAuth></User:SaveServiceAuth></SOAP-ENV:Body>\n' +
      '</SOAP-ENV:Envelope>';
    assert.deepStrictEqual(readMessage(service, input, xml), {
      body: { ServiceAuth: { Port: 0 } },
      headers: { ApplicationToken: '1234567-1234-9876', Credentials: { Ticket: '7T:1234abcxyzExample==' } },
      extraHeaders: [],
      warnings: [],
    });
  });

  it('reads xsi:type of a strict subtype as $type, by namespace not prefix', () => {
    const auth = readAuth(`<Port>1</Port><Realm>ignored</Realm>`);
    assert.equal(Object.hasOwn(auth, '$type'), false);
    const { body } = readResponse(
      responseXml(`<Response xmlns:x="${XSI}" xmlns:zz="${NS}" x:type="zz:ExtendedServiceAuth"><Port>1</Port><Realm>EU</Realm></Response>`),
    );
    assert.deepStrictEqual(body, { Response: { $type: 'ExtendedServiceAuth', Port: 1, Realm: 'EU' } });
    const wrongNs = readResponse(responseXml(`<Response xmlns:x="${XSI}" xmlns:zz="urn:x" x:type="zz:ExtendedServiceAuth"><Port>1</Port></Response>`));
    assert.deepStrictEqual(wrongNs.body, { Response: { Port: 1 } });
  });

  it('skips unknown elements with their subtree and matches by namespace as well as name', () => {
    const auth = readAuth(
      '<Port>5</Port><NewField><Port>9</Port><Deeper><Port>10</Port></Deeper></NewField>' +
        '<Server xmlns="urn:elsewhere">wrong namespace</Server><Server>right</Server><Later>1</Later>',
    );
    assert.deepStrictEqual(auth, { Port: 5, Server: 'right' });
  });

  it('refuses a value without a required element, naming it, also when the element is there in another namespace', () => {
    for (const inner of ['<Server>x</Server>', '<Port xmlns="urn:elsewhere">1</Port>']) {
      assert.throws(
        () => readAuth(inner),
        (e: unknown) => e instanceof SoapValidationError && e.path === 'SaveServiceAuthResponse.Response.Port' && /required element is missing/.test(e.message),
      );
    }
    // Optional elements may be absent.
    assert.deepStrictEqual(readAuth('<Port>1</Port>'), { Port: 1 });
  });

  const badValues: { name: string; inner: string; path: string; match: RegExp }[] = [
    { name: 'unknown enum literal', inner: '<AuthType>Kerberos</AuthType>', path: 'SaveServiceAuthResponse.Response.AuthType', match: /Kerberos/ },
    { name: 'unknown flag', inner: '<TableRight><Mask>Select Fly</Mask></TableRight>', path: 'SaveServiceAuthResponse.Response.TableRight.Mask', match: /Fly/ },
    { name: 'int text', inner: '<Port>five</Port>', path: 'SaveServiceAuthResponse.Response.Port', match: /xs:int/ },
    { name: 'int out of range', inner: '<Port>2147483648</Port>', path: 'SaveServiceAuthResponse.Response.Port', match: /range/ },
    { name: 'bad boolean header', inner: '', path: 'Succeeded', match: /boolean/ },
    { name: 'bad array item', inner: '<Roles xmlns:a="' + ARR + '"><a:string>x</a:string></Roles><Big>1.5</Big>', path: 'SaveServiceAuthResponse.Response.Big', match: /xs:long/ },
  ];
  for (const c of badValues) {
    it(`rejects ${c.name} with SoapValidationError naming the path`, () => {
      const header = c.name.includes('header') ? `<s:Header><Succeeded xmlns="${NS}">yes</Succeeded></s:Header>` : '';
      assert.throws(
        () => readResponse(responseXml(`<Response>${c.inner}</Response>`, header)),
        (e: unknown) => e instanceof SoapValidationError && e.path === c.path && c.match.test(e.message),
      );
    });
  }

  it('reads flags, empty flags and dictionaries', () => {
    const auth = readAuth(
      '<Port>1</Port><TableRight><Mask> Select\n Update  Delete </Mask></TableRight>' +
        '<FieldProperties><FieldPropertyDictionaryKeyValuePair><Key>a</Key><Value><FieldRight><Mask/></FieldRight><FieldLength>3</FieldLength></Value></FieldPropertyDictionaryKeyValuePair></FieldProperties>',
    );
    assert.deepStrictEqual(auth['TableRight'], { Mask: ['Select', 'Update', 'Delete'] });
    assert.deepStrictEqual(auth['FieldProperties'], new Map([['a', { FieldRight: { Mask: [] }, FieldLength: 3 }]]));
  });

  it('reports a body element it did not expect, and an empty body', () => {
    assert.throws(
      () => readResponse(envelope11(`<Other xmlns="${NS}"/>`)),
      (e: unknown) => e instanceof UnexpectedMessageError && e.found === `{${NS}}Other` && e.expected === `{${NS}}SaveServiceAuthResponse`,
    );
    assert.throws(() => readResponse(envelope11('')), (e: unknown) => e instanceof UnexpectedMessageError && e.found === 'an empty Body');
    assert.throws(
      () => readResponse(`<Envelope xmlns="urn:not-soap"><Body/></Envelope>`),
      (e: unknown) => e instanceof UnexpectedMessageError && e.found === '{urn:not-soap}Envelope',
    );
  });

  it('throws SoapFaultError for a SOAP 1.1 fault, with detail XML and headers', () => {
    const xml =
      `<s:Envelope xmlns:s="${S11}" xmlns:d="urn:detail"><s:Header><Succeeded xmlns="${NS}">false</Succeeded></s:Header><s:Body><s:Fault>` +
      '<faultcode>s:Client</faultcode><faultstring xml:lang="en">Bad &amp; wrong</faultstring><faultactor>urn:actor</faultactor>' +
      '<detail><d:Info code="1">x &lt; y<d:Empty/></d:Info><Plain xmlns="urn:plain">p</Plain></detail></s:Fault></s:Body></s:Envelope>';
    assert.throws(
      () => readResponse(xml),
      (e: unknown) => {
        assert.ok(e instanceof SoapFaultError);
        assert.equal(e.code, 's:Client');
        assert.equal(e.reason, 'Bad & wrong');
        assert.equal(e.actor, 'urn:actor');
        assert.equal(e.subcode, undefined);
        assert.equal(
          e.detailXml,
          `<d:Info code="1" xmlns:s="${S11}" xmlns:d="urn:detail">x &lt; y<d:Empty/></d:Info><Plain xmlns="urn:plain" xmlns:s="${S11}" xmlns:d="urn:detail">p</Plain>`,
        );
        assert.deepStrictEqual(e.headers, { Succeeded: false });
        assert.equal(e.name, 'SoapFaultError');
        return true;
      },
    );
  });

  it('throws SoapFaultError for a SOAP 1.2 fault', () => {
    const xml =
      `<env:Envelope xmlns:env="${S12}"><env:Body><env:Fault>` +
      '<env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value xmlns:a="urn:a">a:BadTicket</env:Value></env:Subcode></env:Code>' +
      '<env:Reason><env:Text xml:lang="en">Ticket expired</env:Text><env:Text xml:lang="nb">Utløpt</env:Text></env:Reason>' +
      '<env:Role>urn:role</env:Role><env:Detail><x xmlns="urn:x">1</x></env:Detail></env:Fault></env:Body></env:Envelope>';
    assert.throws(
      () => readResponse(xml),
      (e: unknown) =>
        e instanceof SoapFaultError &&
        e.code === 'env:Sender' &&
        e.subcode === 'a:BadTicket' &&
        e.reason === 'Ticket expired' &&
        e.actor === 'urn:role' &&
        e.detailXml === `<x xmlns="urn:x" xmlns:env="${S12}">1</x>`,
    );
  });
});

describe('hostile and malformed input', () => {
  const ok = responseXml('<Response><Port>1</Port></Response>');

  it('refuses a DOCTYPE (no entity expansion)', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;">]>${ok.replace(/^<\?xml[^>]*>/, '')}`;
    assert.throws(() => readResponse(xml), (e: unknown) => e instanceof XmlParseError && /DOCTYPE/.test(e.message));
  });

  it('refuses a DOCTYPE after a BOM, comments and whitespace, and one misplaced inside the body', () => {
    const prolog = `\uFEFF<?xml version="1.0"?>\n<!-- a comment -->\n  <!DOCTYPE s:Envelope>\n${ok.replace(/^<\?xml[^>]*>/, '')}`;
    assert.throws(() => readResponse(prolog), (e: unknown) => e instanceof XmlParseError && /DOCTYPE/.test(e.message) && e.line === 3 && e.column === 23);
    assert.throws(() => readResponse(ok.replace('<s:Body>', '<s:Body><!DOCTYPE x>')), (e: unknown) => e instanceof XmlParseError);
  });

  it('refuses processing instructions other than the XML declaration', () => {
    assert.throws(() => readResponse(ok.replace('<s:Body>', '<s:Body><?php evil ?>')), (e: unknown) => e instanceof XmlParseError && /processing/.test(e.message));
  });

  it('reports malformed XML with line and column', () => {
    assert.throws(
      () => readResponse(`<s:Envelope xmlns:s="${S11}">\n<s:Body>\n  <SaveServiceAuthResponse xmlns="${NS}"></Response>\n</s:Body></s:Envelope>`),
      (e: unknown) => e instanceof XmlParseError && e.line === 3 && e.column > 0 && /3:\d+:/.test(e.message),
    );
    assert.throws(() => readResponse(`${ok}<second/>`), (e: unknown) => e instanceof XmlParseError);
    assert.throws(() => readResponse(ok.replace('<s:Body>', '<s:Body><p:x>')), (e: unknown) => e instanceof XmlParseError);
    assert.throws(() => readResponse(ok.slice(0, -5)), (e: unknown) => e instanceof XmlParseError);
    assert.throws(() => readResponse('<html><body>Error</body></html>'), (e: unknown) => e instanceof UnexpectedMessageError);
    assert.throws(() => readResponse(''), (e: unknown) => e instanceof XmlParseError);
  });

  const deep = (n: number) => responseXml(`<Response><Port>1</Port>${'<x>'.repeat(n)}${'</x>'.repeat(n)}</Response>`);
  const limitCases: { name: string; xml: string; limits: Record<string, number>; limit: string }[] = [
    { name: 'maxBytes', xml: ok, limits: { maxBytes: 100 }, limit: 'maxBytes' },
    { name: 'maxDepth', xml: deep(300), limits: {}, limit: 'maxDepth' },
    { name: 'maxElements', xml: responseXml(`<Response>${'<x/>'.repeat(50)}</Response>`), limits: { maxElements: 40 }, limit: 'maxElements' },
    {
      name: 'maxAttributes',
      xml: responseXml(`<Response ${Array.from({ length: 300 }, (_, i) => `a${i}="1"`).join(' ')}/>`),
      limits: {},
      limit: 'maxAttributes',
    },
    { name: 'maxAttributeLength', xml: responseXml(`<Response a="${'x'.repeat(2000)}"/>`), limits: { maxAttributeLength: 1000 }, limit: 'maxAttributeLength' },
    { name: 'maxTextLength', xml: responseXml(`<Response><Server>${'x'.repeat(2000)}</Server></Response>`), limits: { maxTextLength: 1000 }, limit: 'maxTextLength' },
  ];
  for (const c of limitCases) {
    it(`enforces ${c.name}`, () => {
      assert.doesNotThrow(() => readMessage(service, output, deep(10)));
      assert.throws(
        () => readMessage(service, output, c.xml, c.limits),
        (e: unknown) => e instanceof XmlLimitError && e.limit === c.limit,
      );
    });
  }
});

describe('SoapClient', () => {
  let server: Server;
  let endpoint = '';
  let handle: (req: IncomingMessage, body: string, res: ServerResponse) => void = () => undefined;

  before(async () => {
    server = createServer((req, res) => {
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

  const reply = (status: number, type: string, text: string) => (_req: IncomingMessage, _body: string, res: ServerResponse) => {
    res.writeHead(status, { 'Content-Type': type });
    res.end(text);
  };
  const soapFault =
    `<s:Envelope xmlns:s="${S11}"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>`;

  it('posts the envelope with SOAPAction and reads the response', async () => {
    let seen: { headers: IncomingMessage['headers']; method: string | undefined; body: string } | undefined;
    handle = (req, body, res) => {
      seen = { headers: req.headers, method: req.method, body };
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(`\uFEFF${responseXml('<Response><Port>443</Port><Server>ø</Server></Response>', `<s:Header><Succeeded xmlns="${NS}">true</Succeeded></s:Header>`)}`);
    };
    const client = new SoapClient(service, { endpoint, headers: { 'X-Extra': 'yes' } });
    const result = await client.invoke(saveOp, { ServiceAuth: { Port: 443, Server: 'ø' } }, { ApplicationToken: 'tok' });
    assert.deepStrictEqual(result, { body: { Response: { Port: 443, Server: 'ø' } }, headers: { Succeeded: true }, extraHeaders: [], warnings: [] });
    assert.equal(seen?.method, 'POST');
    assert.equal(seen?.headers['soapaction'], `"${saveOp.soapAction}"`);
    assert.equal(seen?.headers['content-type'], 'text/xml; charset=utf-8');
    assert.equal(seen?.headers['x-extra'], 'yes');
    assert.equal(seen?.body, writeMessage(service, input, { ServiceAuth: { Port: 443, Server: 'ø' } }, { ApplicationToken: 'tok' }));
  });

  it('sends the SOAP 1.2 content type with the action', async () => {
    let contentType: string | undefined;
    handle = (req, _b, res) => {
      contentType = req.headers['content-type'];
      reply(200, 'application/soap+xml', responseXml(''))(req, _b, res);
    };
    const client = new SoapClient({ ...service, soapVersion: '1.2' }, { endpoint });
    await client.invoke(saveOp, {}, undefined);
    assert.equal(contentType, `application/soap+xml; charset=utf-8; action="${saveOp.soapAction}"`);
  });

  it('decodes the charset named by the content type', async () => {
    const xml = responseXml('<Response><Port>1</Port><Server>\u00e6</Server></Response>');
    handle = (_req, _b, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=ISO-8859-1' });
      res.end(Buffer.from(xml, 'latin1'));
    };
    const result = await new SoapClient(service, { endpoint }).invoke(saveOp, {}, undefined);
    assert.deepStrictEqual(result.body, { Response: { Port: 1, Server: '\u00e6' } });
  });

  it('turns HTTP 500 with a fault into SoapFaultError with the status', async () => {
    handle = reply(500, 'text/xml', soapFault);
    await assert.rejects(new SoapClient(service, { endpoint }).invoke(saveOp, {}, undefined), (e: unknown) => {
      return e instanceof SoapFaultError && e.httpStatus === 500 && e.code === 's:Server' && e.reason === 'boom';
    });
  });

  it('turns HTTP 500 with HTML into SoapHttpError', async () => {
    const html = `<html><body>${'Internal error '.repeat(50)}</body></html>`;
    handle = reply(500, 'text/html', html);
    await assert.rejects(new SoapClient(service, { endpoint }).invoke(saveOp, {}, undefined), (e: unknown) => {
      return e instanceof SoapHttpError && e.status === 500 && e.contentType === 'text/html' && e.bodyExcerpt === html.slice(0, 500);
    });
  });

  it('times out with SoapTimeoutError', async () => {
    handle = () => undefined; // never answers
    const started = Date.now();
    await assert.rejects(
      new SoapClient(service, { endpoint, timeoutMs: 10_000 }).invoke(saveOp, {}, undefined, { timeoutMs: 100 }),
      (e: unknown) => e instanceof SoapTimeoutError && e.timeoutMs === 100,
    );
    assert.ok(Date.now() - started < 2000, `a 100 ms timeout rejected after ${Date.now() - started} ms`);
  });

  it('rejects promptly with SoapAbortError when the caller aborts, and cancels the request', async () => {
    let serverSawClose = false;
    handle = (_req, _b, res) => {
      res.on('close', () => {
        serverSawClose = true;
      });
    };
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    await assert.rejects(
      new SoapClient(service, { endpoint }).invoke(saveOp, {}, undefined, { signal: controller.signal }),
      (e: unknown) => e instanceof SoapAbortError && e.cause instanceof Error && e.cause.message === 'user cancelled',
    );
    assert.ok(Date.now() - started < 2000, `an abort after 50 ms rejected after ${Date.now() - started} ms`);
    for (let i = 0; i < 100 && !serverSawClose; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(serverSawClose, true, 'the HTTP request was not cancelled');
    await assert.rejects(
      new SoapClient(service, { endpoint }).invoke(saveOp, {}, undefined, { signal: AbortSignal.abort() }),
      (e: unknown) => e instanceof SoapAbortError,
    );
  });

  it('aborts promptly even with a fetch that ignores its signal', async () => {
    const neverFetch: typeof fetch = () => new Promise<Response>(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(
      new SoapClient(service, { endpoint, fetch: neverFetch }).invoke(saveOp, {}, undefined, { signal: controller.signal }),
      (e: unknown) => e instanceof SoapAbortError,
    );
  });

  it('reports a refused connection as SoapTransportError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(
      new SoapClient(service, { endpoint: `http://127.0.0.1:${port}/` }).invoke(saveOp, {}, undefined),
      (e: unknown) => e instanceof SoapTransportError && e.cause instanceof TypeError,
    );
  });

  it('turns an ExceptionInfo header into SoapServiceError', async () => {
    handle = reply(
      200,
      'text/xml',
      responseXml(
        '',
        `<s:Header><ExceptionInfo xmlns="${NS}"><Message>Ticket expired</Message><FriendlyText>Log in again</FriendlyText>` +
          '<Parameters><SoExceptionInfoParametersKeyValuePair><Key>a</Key><Value>b</Value></SoExceptionInfoParametersKeyValuePair></Parameters>' +
          `</ExceptionInfo><Succeeded xmlns="${NS}">false</Succeeded></s:Header>`,
      ),
    );
    await assert.rejects(new SoapClient(service, { endpoint }).invoke(saveOp, {}, undefined), (e: unknown) => {
      assert.ok(e instanceof SoapServiceError);
      assert.equal(e.message, 'Ticket expired');
      assert.deepStrictEqual(e.info, { Message: 'Ticket expired', FriendlyText: 'Log in again', Parameters: new Map([['a', 'b']]) });
      assert.equal(e.headers['Succeeded'], false);
      return true;
    });
  });

  it('ignores a nil ExceptionInfo but turns Succeeded=false into SoapServiceError', async () => {
    handle = reply(
      200,
      'text/xml',
      responseXml(
        '<Response><Port>1</Port></Response>',
        `<s:Header><ExceptionInfo xmlns="${NS}" xmlns:i="${XSI}" i:nil="true"/><Succeeded xmlns="${NS}">0</Succeeded></s:Header>`,
      ),
    );
    await assert.rejects(new SoapClient(service, { endpoint }).invoke(saveOp, {}, undefined), (e: unknown) => {
      return e instanceof SoapServiceError && e.info === undefined && e.headers['Succeeded'] === false && e.headers['ExceptionInfo'] === null;
    });
  });

  it('resolves one-way operations without reading a body', async () => {
    handle = reply(202, 'text/plain', '');
    const oneWay: OperationDesc = { name: 'Ping', soapAction: 'urn:ping', input };
    assert.deepStrictEqual(await new SoapClient(service, { endpoint }).invoke(oneWay, {}, undefined), { body: undefined, headers: {}, extraHeaders: [], warnings: [] });
  });

  it('rejects an invalid request before sending anything', async () => {
    let called = false;
    handle = (_req, _b, res) => {
      called = true;
      res.end();
    };
    await assert.rejects(
      new SoapClient(service, { endpoint }).invoke(saveOp, { ServiceAuth: { Port: 1.5 } }, undefined),
      (e: unknown) => e instanceof SoapValidationError,
    );
    assert.equal(called, false);
  });
});
