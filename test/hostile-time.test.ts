/**
 * Hostile input that costs time rather than memory: every pass over contract or message text
 * must be linear in its size. Each test times a hostile input against a valid one of the same
 * size read the same way, so the budget follows the machine's speed; the hostile shapes took
 * from ten to a thousand times longer when a scan was quadratic.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { GeneratorError } from '../generator/errors.ts';
import { loadModel } from '../generator/load-model.ts';
import { readMessage, SoapValidationError, writeMessage } from '../templates/runtime/index.ts';
import type { ServiceDesc } from '../templates/runtime/schema.ts';
import { MAX_INTEGER_DIGITS } from '../templates/runtime/values.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-hostile-time-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let files = 0;

/** Milliseconds `run` takes (the best of `rounds`, so a pause of the machine does not count), and what it gave. */
async function timed<T>(run: () => Promise<T> | T, rounds = 2): Promise<{ ms: number; value?: T; error?: unknown }> {
  let best = Infinity;
  let out: { value?: T; error?: unknown } = {};
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    try {
      out = { value: await run() };
    } catch (error) {
      out = { error };
    }
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, ...out };
}

/** A one-operation contract whose documentation element holds `filler` (text or markup). */
function contract(filler: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions name="Scan" targetNamespace="urn:scan" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:scan" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:documentation>${filler}</wsdl:documentation>
<wsdl:types><xs:schema targetNamespace="urn:scan" elementFormDefault="qualified">
<xs:element name="Ping"><xs:complexType><xs:sequence><xs:element name="V" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
<xs:element name="PingResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
</xs:schema></wsdl:types>
<wsdl:message name="PingIn"><wsdl:part name="parameters" element="tns:Ping"/></wsdl:message>
<wsdl:message name="PingOut"><wsdl:part name="parameters" element="tns:PingResponse"/></wsdl:message>
<wsdl:portType name="Scan"><wsdl:operation name="Ping"><wsdl:input message="tns:PingIn"/><wsdl:output message="tns:PingOut"/></wsdl:operation></wsdl:portType>
<wsdl:binding name="ScanBinding" type="tns:Scan"><soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
<wsdl:operation name="Ping"><soap:operation soapAction="urn:scan/Ping"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
</wsdl:binding>
<wsdl:service name="ScanService"><wsdl:port name="ScanPort" binding="tns:ScanBinding"><soap:address location="http://127.0.0.1/scan"/></wsdl:port></wsdl:service>
</wsdl:definitions>
`;
}

function file(text: string): string {
  const f = path.join(scratch, `contract-${++files}.wsdl`);
  writeFileSync(f, text);
  return f;
}

describe("the generator's scans of contract text are linear", () => {
  // The shapes the hostile suite found: a character reference (which makes the generator look
  // for character references outside comments and CDATA) and hundreds of thousands of
  // constructs that never close.
  const shapes = [
    { name: 'one character reference and 200,000 unclosed <!--', filler: `&#x20;${'<!--'.repeat(200_000)}`, error: /comment/ },
    { name: 'one character reference and 100,000 unclosed <![CDATA[', filler: `&#x20;${'<![CDATA['.repeat(100_000)}`, error: /CDATA/ },
    { name: '200,000 unclosed <? (lenient reading looks at the prolog)', filler: `&#x20;${'<?'.repeat(200_000)}`, error: /processing instruction/ },
  ];
  for (const shape of shapes) {
    for (const lenient of [false, true]) {
      it(`${shape.name}${lenient ? ', read leniently' : ''}: XML_MALFORMED within 3x reading a valid contract of the same size`, async () => {
        const bad = contract(shape.filler);
        // Valid markup as dense as contract text usually is: an element every 16 characters.
        const good = contract('<b>x</b>&#x20;xx'.repeat(Math.ceil(shape.filler.length / 16)));
        const valid = await timed(() => loadModel(file(good), { lenient }));
        if (valid.error !== undefined) throw valid.error;
        const hostile = await timed(() => loadModel(file(bad), { lenient }));
        assert.ok(hostile.error instanceof GeneratorError, String(hostile.error));
        assert.equal(hostile.error.code, 'XML_MALFORMED');
        assert.match(hostile.error.message, shape.error);
        assert.ok(hostile.error.location !== undefined && hostile.error.location.line === 3, hostile.error.message);
        // 50 ms of slack: on a small input a scheduler pause is a large ratio.
        assert.ok(hostile.ms < 3 * valid.ms + 50, `${Math.round(hostile.ms)} ms against ${Math.round(valid.ms)} ms for a valid contract of ${bad.length} characters`);
      });
    }
  }
});

describe('contract patterns are matched in time linear in the value', () => {
  // A string restricted by a pattern that backtracks catastrophically in a RegExp, and a
  // response whose value almost matches it.
  const service: ServiceDesc = {
    soapVersion: '1.1',
    schema: {
      types: {
        Evil: { kind: 'restriction', base: 'xs:string', patterns: ['(a+)+b', '(a|aa)*c', '(\\w*)*\\d{3}'] },
        Holder: { kind: 'complex', abstract: false, fields: [{ name: 'V', ns: '', type: 'Evil', min: 1, max: 1, nillable: false }], attributes: [] },
      },
    },
  };
  const message = { body: { name: 'Root', ns: 'urn:p', type: 'Holder', min: 1, max: 1, nillable: false }, headers: [] };
  const envelope = (v: string): string =>
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><p:Root xmlns:p="urn:p"><V>${v}</V></p:Root></s:Body></s:Envelope>`;

  it('(a+)+b, (a|aa)*c and (\\w*)*\\d{3} against 100,000 characters that almost match: refused both ways within 3x reading a valid value', async () => {
    const valid = 'a'.repeat(100_000) + 'b';
    const hostile = 'a'.repeat(100_000) + 'x';
    const good = await timed(() => readMessage(service, message, envelope(valid)));
    assert.deepStrictEqual(good.value?.body, { V: valid });
    const read = await timed(() => readMessage(service, message, envelope(hostile)));
    assert.ok(read.error instanceof SoapValidationError, String(read.error));
    assert.equal(read.error.path, 'Root.V');
    assert.match(read.error.message, /does not match the pattern \(a\+\)\+b \| \(a\|aa\)\*c/);
    const written = await timed(() => writeMessage(service, message, { V: hostile }, undefined));
    assert.ok(written.error instanceof SoapValidationError, String(written.error));
    assert.ok(read.ms < 3 * good.ms + 50 && written.ms < 3 * good.ms + 50, `read ${Math.round(read.ms)} ms, written ${Math.round(written.ms)} ms, valid ${Math.round(good.ms)} ms`);
  });
});

describe('numbers are read in time linear in their length', () => {
  const service: ServiceDesc = {
    soapVersion: '1.1',
    schema: {
      types: {
        Holder: {
          kind: 'complex',
          abstract: false,
          fields: ['xs:string', 'xs:long', 'xs:unsignedLong', 'xs:integer', 'xs:negativeInteger', 'xs:int', 'xs:double', 'xs:decimal'].map((type, i) => ({ name: `V${i}`, ns: '', type, min: 0, max: 1, nillable: false })),
          attributes: [],
        },
      },
    },
  };
  const message = { body: { name: 'Root', ns: 'urn:n', type: 'Holder', min: 1, max: 1, nillable: false }, headers: [] };
  const envelope = (field: number, v: string): string =>
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><n:Root xmlns:n="urn:n"><V${field}>${v}</V${field}></n:Root></s:Body></s:Envelope>`;
  const digits = '9'.repeat(2_000_000);

  it(`a 2,000,000-digit xs:long or xs:unsignedLong is out of range, and a 2,000,000-digit xs:integer is over ${MAX_INTEGER_DIGITS} digits, within 3x reading a string of the same length`, async () => {
    const text = await timed(() => readMessage(service, message, envelope(0, digits)));
    assert.equal((text.value?.body as { V0: string }).V0.length, digits.length);
    for (const [field, why] of [[1, /out of range for xs:long/], [2, /out of range for xs:unsignedLong/], [3, /more than 1000 digits/], [4, /more than 1000 digits/]] as const) {
      const n = await timed(() => readMessage(service, message, envelope(field, field === 4 ? `-${digits}` : digits)));
      assert.ok(n.error instanceof SoapValidationError, String(n.error));
      assert.equal(n.error.path, `Root.V${field}`);
      assert.match(n.error.message, why);
      assert.ok(n.error.message.length < 300, 'the message quotes the number shortened');
      assert.ok(n.ms < 3 * text.ms + 50, `V${field}: ${Math.round(n.ms)} ms against ${Math.round(text.ms)} ms`);
    }
  });

  it(`integers of up to ${MAX_INTEGER_DIGITS} significant digits (leading zeros aside) are read and written; one more is refused both ways`, () => {
    const max = `-${'0'.repeat(5000)}${'7'.repeat(MAX_INTEGER_DIGITS)}`;
    const value = (readMessage(service, message, envelope(3, max)).body as { V3: bigint }).V3;
    assert.equal(value, -BigInt('7'.repeat(MAX_INTEGER_DIGITS)));
    assert.match(writeMessage(service, message, { V3: value }, undefined), new RegExp(`<V3 xmlns="">-7{${MAX_INTEGER_DIGITS}}</V3>`));
    assert.throws(() => readMessage(service, message, envelope(3, `1${'0'.repeat(MAX_INTEGER_DIGITS)}`)), SoapValidationError);
    assert.throws(() => writeMessage(service, message, { V3: 10n ** BigInt(MAX_INTEGER_DIGITS) }, undefined), SoapValidationError);
    assert.equal((readMessage(service, message, envelope(1, `-${'0'.repeat(100)}9223372036854775808`)).body as { V1: bigint }).V1, -(2n ** 63n));
  });

  it('2,000,000-digit xs:int, xs:double and xs:decimal values: read or refused within 3x reading a string of the same length', async () => {
    const text = await timed(() => readMessage(service, message, envelope(0, digits)));
    for (const field of [5, 6, 7]) {
      const n = await timed(() => readMessage(service, message, envelope(field, digits)));
      assert.ok(n.ms < 3 * text.ms + 50, `V${field}: ${Math.round(n.ms)} ms against ${Math.round(text.ms)} ms`);
    }
  });
});

describe('namespaces are resolved in time independent of depth', () => {
  const service: ServiceDesc = {
    soapVersion: '1.1',
    schema: { types: { Empty: { kind: 'complex', abstract: false, fields: [], attributes: [] } } },
  };
  const message = { body: { name: 'Root', ns: 'urn:p', type: 'Empty', min: 1, max: 1, nillable: false }, headers: [] };
  /** About 4 MB of prefixed elements with a prefixed attribute each, nested `depth` deep, in a header nobody reads. */
  const document = (depth: number): string => {
    const unit = `${'<p:e p:a="1">'.repeat(depth)}x${'</p:e>'.repeat(depth)}`;
    return `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:p="urn:p"><s:Header>${unit.repeat(Math.ceil(4e6 / unit.length))}</s:Header><s:Body><p:Root/></s:Body></s:Envelope>`;
  };
  /** CPU milliseconds of the fastest of three reads (other processes' load does not count). */
  const cpu = (xml: string): number => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const started = process.cpuUsage();
      assert.deepStrictEqual(readMessage(service, message, xml).body, {});
      const used = process.cpuUsage(started);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    return best;
  };

  it('4 MB of prefixed elements 250 deep read within 1.5x the time of 4 MB of them side by side', () => {
    const flat = cpu(document(1));
    const deep = cpu(document(250));
    assert.ok(deep < 1.5 * flat + 30, `250 deep: ${Math.round(deep)} ms, flat: ${Math.round(flat)} ms`);
  });
});
