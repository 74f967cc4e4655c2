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
