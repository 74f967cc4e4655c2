/**
 * Limits count what the README says they count, envelopes are well-formed in the SOAP sense,
 * and WCF dictionaries are checked, on a hand-written service description with a raw
 * (xs:anyType) field, a dictionary and a self-nesting type: text split by CDATA in raw XML,
 * maxBytes over a whole multipart message, the writer's nesting against the reader's, raw
 * fragments nested too deep, two Bodies, a Fault beside another entry, XML 1.1 declarations,
 * and dictionary entries without Key or Value, with a nil key or a key seen before.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  readMessage,
  SoapValidationError,
  UnexpectedMessageError,
  writeMessage,
  XmlLimitError,
  XmlParseError,
  type MessageDesc,
  type ServiceDesc,
} from '../templates/runtime/index.ts';
import { DEFAULT_XML_LIMITS } from '../templates/runtime/limits.ts';
import { FLAT_PIECE } from '../templates/runtime/xml-fragment.ts';
import { MAX_WRITE_DEPTH } from '../templates/runtime/xml-writer.ts';

const NS = 'urn:limits';
const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const service: ServiceDesc = {
  soapVersion: '1.1',
  schema: {
    types: {
      Holder: {
        kind: 'complex',
        xmlName: { name: 'Holder', ns: NS },
        fields: [
          { name: 'Raw', ns: NS, type: 'xs:anyType', min: 0 },
          { name: 'Props', ns: NS, type: 'Props', min: 0 },
          { name: 'Node', ns: NS, type: 'Node', min: 0 },
        ],
      },
      Props: {
        kind: 'dictionary',
        xmlName: { name: 'Props', ns: NS },
        entry: { name: 'Entry', ns: NS },
        key: { name: 'Key', ns: NS, type: 'xs:string', nillable: true },
        value: { name: 'Value', ns: NS, type: 'xs:int', nillable: true },
      },
      Node: {
        kind: 'complex',
        xmlName: { name: 'Node', ns: NS },
        fields: [
          { name: 'Next', ns: NS, type: 'Node', min: 0 },
          { name: 'Raw', ns: NS, type: 'xs:anyType', min: 0 },
        ],
      },
    },
  },
};
const message: MessageDesc = { body: { name: 'Holder', ns: NS, type: 'Holder', min: 1 }, headers: [] };

function envelope(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${S11}"><s:Body>${body}</s:Body></s:Envelope>`;
}
function holder(inner: string): string {
  return envelope(`<Holder xmlns="${NS}">${inner}</Holder>`);
}
function read(xml: string, limits?: Partial<typeof DEFAULT_XML_LIMITS>): Record<string, unknown> {
  return readMessage(service, message, xml, limits).body as Record<string, unknown>;
}
function isLimit(limit: string) {
  return (e: unknown) => e instanceof XmlLimitError && e.limit === limit;
}
function isValidation(path: string, reason: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof SoapValidationError, String(e));
    assert.equal(e.path, path, e.message);
    assert.match(e.message, reason);
    return true;
  };
}

describe('maxTextLength counts every text node, raw XML included', () => {
  const pieces = (n: number) => `${'a'.repeat(n)}<![CDATA[${'b'.repeat(n)}]]>${'c'.repeat(n)}`;

  it('an xs:anyType leaf of 3,000 characters in three pieces (text, CDATA, text) is over maxTextLength 2,048', () => {
    assert.throws(() => read(holder(`<Raw>${pieces(1000)}</Raw>`), { maxTextLength: 2048 }), isLimit('maxTextLength'));
  });

  it('the same text inside an element of the raw XML is over the limit too; text between elements is counted apart', () => {
    assert.throws(() => read(holder(`<Raw><p>${pieces(1000)}</p></Raw>`), { maxTextLength: 2048 }), isLimit('maxTextLength'));
    const ok = `<Raw>${'a'.repeat(1500)}<br/>${'b'.repeat(1500)}</Raw>`;
    // Raw XML is re-serialised with the namespace it had in the message.
    assert.ok(read(holder(ok), { maxTextLength: 2048 })['Raw'] === `${'a'.repeat(1500)}<br xmlns="${NS}"/>${'b'.repeat(1500)}`);
  });
});

describe('long raw XML is re-serialised whole', () => {
  it('top-level elements far into a long value each get the declarations they need, in place', () => {
    // Each top-level element uses the prefix declared on the message's Holder; the value is long
    // enough that its text is kept in several pieces before it is joined.
    const element = (i: number) => `<p:e n="${i}">${'x&amp;'.repeat(400)}<p:f/></p:e>`;
    const count = 40;
    const raw = Array.from({ length: count }, (_, i) => element(i)).join('');
    const value = read(envelope(`<Holder xmlns="${NS}" xmlns:p="urn:p"><Raw>${raw}</Raw></Holder>`))['Raw'] as string;
    const expected = (i: number) => `<p:e xmlns:p="urn:p" n="${i}">${'x&amp;'.repeat(400)}<p:f/></p:e>`;
    assert.ok(value.length > 4 * FLAT_PIECE, 'the value is longer than the pieces it is kept in');
    assert.equal(value, Array.from({ length: count }, (_, i) => expected(i)).join(''));
  });
});

describe('maxBytes counts the whole message, before a multipart body is split', () => {
  const soap = holder('<Raw>x</Raw>');
  const multipart = (attachment: string) =>
    `--MIME_boundary\r\nContent-Type: text/xml; charset=utf-8\r\n\r\n${soap}\r\n--MIME_boundary\r\nContent-Type: application/octet-stream\r\n\r\n${attachment}\r\n--MIME_boundary--\r\n`;

  it('an envelope of 200 characters with an attachment of 10,000 is over maxBytes 4,096', () => {
    assert.ok(soap.length < 4096);
    assert.throws(() => read(multipart('z'.repeat(10_000)), { maxBytes: 4096 }), isLimit('maxBytes'));
  });

  it('the same message within the limit is read from its SOAP part', () => {
    assert.equal(read(multipart('z'.repeat(100)), { maxBytes: 4096 })['Raw'], 'x');
  });
});

describe('what the writer accepts, the reader reads back (nesting depth)', () => {
  /** A Node chain `n` deep (Holder > Node > Next > ... ), the innermost holding `raw`. */
  function chain(n: number, raw?: string): Record<string, unknown> {
    let node: Record<string, unknown> = raw === undefined ? {} : { Raw: raw };
    for (let i = 1; i < n; i++) node = { Next: node };
    return { Node: node };
  }

  it(`every chain the writer accepts (Envelope, Body and Holder included: up to ${MAX_WRITE_DEPTH} elements deep) is read back with the default limits`, () => {
    let accepted = 0;
    for (let n = MAX_WRITE_DEPTH - 10; n <= MAX_WRITE_DEPTH + 2; n++) {
      let xml: string;
      try {
        xml = writeMessage(service, message, chain(n), undefined);
      } catch (e) {
        assert.ok(e instanceof SoapValidationError && /nest more than 256 levels/.test(e.message), String(e));
        continue;
      }
      accepted = n;
      assert.deepStrictEqual(readMessage(service, message, xml).body, chain(n), `a chain ${n} deep`);
    }
    // Envelope, Body, Holder and the chain: the deepest Node is element 256.
    assert.equal(accepted, DEFAULT_XML_LIMITS.maxDepth - 3);
  });

  it('a raw fragment nested too deep where it is written is a SoapValidationError at its path, not an XmlLimitError', () => {
    const deep = (levels: number) => `${'<p>'.repeat(levels)}x${'</p>'.repeat(levels)}`;
    // Envelope > Body > Holder > Node > Next > Raw: the fragment's elements start at depth 7.
    assert.throws(
      () => writeMessage(service, message, chain(2, deep(251)), undefined),
      isValidation('Holder.Node.Next.Raw', /nests elements more than 250 levels deep/),
    );
    const xml = writeMessage(service, message, chain(2, deep(250)), undefined);
    const raw = (readMessage(service, message, xml).body as { Node: { Next: { Raw: string } } }).Node.Next.Raw;
    assert.equal(raw.match(/<p[ >]/g)?.length, 250);
  });
});

describe('a SOAP envelope is well-formed in the SOAP sense', () => {
  const entry = `<Holder xmlns="${NS}"><Raw>x</Raw></Holder>`;
  const fault = '<s:Fault><faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault>';
  const cases: { name: string; xml: string; found: RegExp }[] = [
    { name: 'two Body elements', xml: envelope(entry).replace('</s:Body>', `</s:Body><s:Body>${entry}`), found: /a second Body/ },
    { name: 'a Fault after the response element', xml: envelope(entry + fault), found: /\{urn:limits\}Holder beside \{.*\}Fault/ },
    { name: 'a Fault before the response element', xml: envelope(fault + entry), found: /Fault beside \{urn:limits\}Holder/ },
    { name: 'two Faults', xml: envelope(fault + fault), found: /Fault beside/ },
  ];
  for (const c of cases) {
    it(`${c.name}: UnexpectedMessageError`, () => {
      assert.throws(() => read(c.xml), (e: unknown) => e instanceof UnexpectedMessageError && c.found.test(e.message));
    });
  }

  it('an XML 1.1 declaration does not admit what XML 1.0 refuses (&#1;, a raw U+0001)', () => {
    const v11 = (raw: string) => holder(`<Raw>${raw}</Raw>`).replace('version="1.0"', 'version="1.1"');
    assert.throws(() => read(v11('&#1;')), XmlParseError);
    assert.throws(() => read(v11('\u0001')), XmlParseError);
    assert.equal(read(v11('plain'))['Raw'], 'plain');
  });

  it('two byte order marks are refused; one is skipped', () => {
    assert.equal(read(`\uFEFF${holder('<Raw>x</Raw>')}`)['Raw'], 'x');
    assert.throws(() => read(`\uFEFF\uFEFF${holder('<Raw>x</Raw>')}`), XmlParseError);
  });
});

describe('WCF dictionaries are checked', () => {
  const props = (entries: string) => holder(`<Props>${entries}</Props>`);
  const e = (inner: string) => `<Entry>${inner}</Entry>`;

  it('reads keys and values, a nil value as null', () => {
    const map = read(props(e('<Key>a</Key><Value>1</Value>') + e(`<Key>b</Key><Value xmlns:i="${XSI}" i:nil="true"/>`)))['Props'];
    assert.deepStrictEqual(map, new Map<string, number | null>([['a', 1], ['b', null]]));
  });

  const refused: { name: string; entries: string; path: string; reason: RegExp }[] = [
    { name: 'an entry without Key', entries: e('<Key>a</Key><Value>1</Value>') + e('<Value>2</Value>'), path: 'Holder.Props[1].Key', reason: /required element is missing/ },
    { name: 'an entry without Value', entries: e('<Key>a</Key>'), path: 'Holder.Props[0].Value', reason: /required element is missing/ },
    { name: 'a nil key', entries: e(`<Key xmlns:i="${XSI}" i:nil="true"/><Value>1</Value>`), path: 'Holder.Props[0].Key', reason: /key cannot be nil/ },
    {
      name: 'two entries with the same key',
      entries: e('<Key>a</Key><Value>1</Value>') + e('<Key>b</Key><Value>2</Value>') + e('<Key>a</Key><Value>3</Value>'),
      path: 'Holder.Props[2].Key',
      reason: /duplicate dictionary key "a"/,
    },
  ];
  for (const c of refused) {
    it(`${c.name}: SoapValidationError at ${c.path}`, () => {
      assert.throws(() => read(props(c.entries)), isValidation(c.path, c.reason));
    });
  }
});
