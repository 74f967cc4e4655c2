/**
 * SOAP 1.1 encoding (rpc/encoded and document/encoded), through the golden fixtures'
 * packages: every value written with its xsi:type, arrays as soapenc:Array with
 * soapenc:arrayType, and messages read back, multi-reference values (`href`/`id`) included, in
 * any order; the errors for references that cannot be resolved and for xsi:type names that
 * contradict the contract; the generator's model of soapenc:Array and what it refuses.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { GeneratorError } from '../generator/errors.ts';
import { loadModel } from '../generator/load-model.ts';
import { canonical, child, parseElement, type CanonicalElement } from './support/canonical.ts';
import * as catalog from './fixtures/golden/rpc-encoded/expected/src/index.ts';
import * as orders from './fixtures/golden/document-encoded/expected/src/index.ts';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD = 'http://www.w3.org/2001/XMLSchema';
const ENC = 'http://schemas.xmlsoap.org/soap/encoding/';
const CATALOG = 'urn:example:catalog';

/** The children of soap:Body, canonical (QName-valued attributes as written: their prefixes are declared on the Envelope). */
function bodyOf(xml: string): readonly CanonicalElement[] {
  const body = child(parseElement(xml), SOAP11, 'Body');
  assert.ok(body, 'the envelope has a Body');
  return canonical(body).children;
}

/** An envelope around `body`, declaring the prefixes hand-written messages use. */
function envelope(body: string): string {
  return `<?xml version="1.0"?><s:Envelope xmlns:s="${SOAP11}" xmlns:xsi="${XSI}" xmlns:xsd="${XSD}" xmlns:enc="${ENC}" xmlns:c="${CATALOG}"><s:Body>${body}</s:Body></s:Envelope>`;
}

/** Each part's xsi:type as written, by part name. */
function xsiTypes(element: CanonicalElement): Record<string, string | undefined> {
  return Object.fromEntries(element.children.map((c) => [c.name.replace(/^\{[^}]*\}/, ''), c.attributes[`{${XSI}}type`]]));
}

describe('rpc/encoded: every built-in the runtime maps, written with its xsi:type and read back', () => {
  const value: catalog.EchoRequest = {
    text: ' a < b & "c" ',
    flag: true,
    small: -32768,
    amount: '-12345678901234567890.000001',
    ratio: 0.5,
    when: '2024-02-29T23:59:59.5+01:00',
    day: '2024-01-01',
    data: new Uint8Array([0, 1, 254, 255]),
    color: 'green',
  };
  // xsi:type values as their QNames ({namespace}name); the enumeration is typed by its own.
  const expectedTypes = {
    text: `{${XSD}}string`,
    flag: `{${XSD}}boolean`,
    small: `{${XSD}}short`,
    amount: `{${XSD}}decimal`,
    ratio: `{${XSD}}float`,
    when: `{${XSD}}dateTime`,
    day: `{${XSD}}date`,
    data: `{${XSD}}base64Binary`,
    color: `{${CATALOG}}Color`,
  };

  for (const direction of ['request', 'response'] as const) {
    it(`${direction}: soap:encodingStyle on the wrapper, xsi:type on each part, the same value read back`, () => {
      const xml = direction === 'request' ? catalog.serializeEchoRequest(value) : catalog.serializeEchoResponse(value);
      const [wrapper] = bodyOf(xml);
      assert.equal(wrapper?.name, `{${CATALOG}}${direction === 'request' ? 'echo' : 'echoResponse'}`);
      assert.equal(wrapper.attributes[`{${SOAP11}}encodingStyle`], ENC);
      const types = xsiTypes(wrapper);
      assert.deepEqual(types, expectedTypes);
      const back = direction === 'request' ? catalog.parseEchoRequest(xml).body : catalog.parseEchoResponse(xml).body;
      assert.deepEqual(back, value);
    });
  }

  it('reads values typed by a derived built-in, a SOAP encoding type or a 1999 schema name, and untyped values', () => {
    const xml = envelope(
      `<c:echoResponse xmlns:old="http://www.w3.org/1999/XMLSchema"><text xsi:type="xsd:token">t</text><flag xsi:type="enc:boolean">0</flag>` +
        `<small xsi:type="xsd:byte">7</small><amount xsi:type="xsd:long">12</amount><ratio xsi:type="old:float">1.5</ratio><when>2024-01-01T00:00:00Z</when>` +
        `<day xsi:type="xsd:date">2024-01-02</day><data xsi:type="enc:base64">AQI=</data><color xsi:type="xsd:string">blue</color></c:echoResponse>`,
    );
    assert.deepEqual(catalog.parseEchoResponse(xml).body, {
      text: 't',
      flag: false,
      small: 7,
      amount: '12',
      ratio: 1.5,
      when: '2024-01-01T00:00:00Z',
      day: '2024-01-02',
      data: new Uint8Array([1, 2]),
      color: 'blue',
    });
  });

  const contradictions: [string, string, RegExp][] = [
    ['a wider integer where a short is declared', '<small xsi:type="xsd:int">7</small>', /^echoResponse\.small: xsi:type \{http:\/\/www\.w3\.org\/2001\/XMLSchema\}int is not \{http:\/\/www\.w3\.org\/2001\/XMLSchema\}short/],
    ['a string where a boolean is declared', '<flag xsi:type="xsd:string">true</flag>', /^echoResponse\.flag: xsi:type .*\}string is not .*\}boolean/],
    ['a type of another namespace', '<text xsi:type="c:Other">x</text>', /^echoResponse\.text: xsi:type \{urn:example:catalog\}Other is not/],
    ['an undeclared prefix', '<text xsi:type="nope:string">x</text>', /^echoResponse\.text: xsi:type nope:string is not/],
  ];
  for (const [what, part, message] of contradictions) {
    it(`refuses an xsi:type that contradicts the contract: ${what}`, () => {
      const xml = envelope(`<c:echoResponse>${part}</c:echoResponse>`);
      assert.throws(() => catalog.parseEchoResponse(xml), (e: unknown) => e instanceof catalog.SoapValidationError && message.test(e.message));
    });
  }
});

describe('rpc/encoded: structs and arrays', () => {
  const product: catalog.Product = { id: 7, name: 'Lamp', price: 19.99, color: 'red', tags: ['desk', 'light'], note: null };

  it('a struct is typed by its QName, a soapenc:Array by soapenc:Array and soapenc:arrayType, nil as xsi:nil', () => {
    const xml = catalog.serializeGetProductResponse({ product });
    const [wrapper] = bodyOf(xml);
    const p = wrapper!.children[0]!;
    assert.equal(p.attributes[`{${XSI}}type`], `{${CATALOG}}Product`);
    const tags = p.children.find((c) => c.name === '{}tags')!;
    assert.deepEqual(tags.attributes, { [`{${XSI}}type`]: `{${ENC}}Array`, [`{${ENC}}arrayType`]: 'xsd:string[2]' });
    assert.deepEqual(tags.children.map((c) => [c.name, c.attributes[`{${XSI}}type`], c.text]), [['{}item', `{${XSD}}string`, 'desk'], ['{}item', `{${XSD}}string`, 'light']]);
    assert.deepEqual(p.children.find((c) => c.name === '{}note')!.attributes, { [`{${XSI}}nil`]: 'true' });
    assert.deepEqual(catalog.parseGetProductResponse(xml).body, { product });
  });

  const arrays: [string, catalog.SumRequest, string, string][] = [
    ['nested arrays (xsd:int[][])', { rows: [[1, 2], [], [3]], extra: [] }, 'xsd:int[][3]', 'xsd:long[0]'],
    ['an empty outer array', { rows: [], extra: [9007199254740993n] }, 'xsd:int[][0]', 'xsd:long[1]'],
  ];
  for (const [what, value, rowsType, extraType] of arrays) {
    it(`${what}: soapenc:arrayType names the items' type and the count, and the value reads back`, () => {
      const xml = catalog.serializeSumRequest(value);
      const [wrapper] = bodyOf(xml);
      const [rows, extra] = wrapper!.children;
      assert.equal(rows!.attributes[`{${ENC}}arrayType`], rowsType);
      assert.equal(extra!.attributes[`{${ENC}}arrayType`], extraType);
      for (const [i, row] of (value.rows as number[][]).entries()) {
        assert.equal(rows!.children[i]!.attributes[`{${ENC}}arrayType`], `xsd:int[${row.length}]`);
      }
      // The array declared by its item element writes that element's name.
      assert.deepEqual(extra!.children.map((c) => c.name), value.extra.map(() => '{}quantity'));
      assert.deepEqual(catalog.parseSumRequest(xml).body, value);
    });
  }

  it('an array of structs names the struct type in soapenc:arrayType', () => {
    const xml = catalog.serializeFindProductsResponse({ products: [product, { ...product, id: 8, note: 'n' }] });
    const products = bodyOf(xml)[0]!.children[0]!;
    assert.match(products.attributes[`{${ENC}}arrayType`] ?? '', /^q\d+:Product\[2\]$/);
    assert.deepEqual(catalog.parseFindProductsResponse(xml).body.products.map((p) => p.id), [7, 8]);
  });

  it('reads array items of any element name, and a response wrapper of any name', () => {
    const xml = envelope(
      `<c:Whatever><rows enc:arrayType="xsd:int[][2]"><row><v>1</v><w>2</w></row><c:row2 xsi:type="enc:Array"><i>3</i></c:row2></rows>` +
        `<extra><q xsi:type="xsd:long">4</q></extra></c:Whatever>`,
    );
    assert.deepEqual(catalog.parseSumRequest(xml).body, { rows: [[1, 2], [3]], extra: [4n] });
  });
});

describe('partially transmitted and sparse arrays', () => {
  const item = `<id>1</id><name>n</name><price>1</price><color>red</color><tags/><note xsi:nil="true"/>`;
  const refused: [string, string, RegExp][] = [
    [
      'soapenc:offset on the array',
      `<products xsi:type="enc:Array" enc:arrayType="c:Product[5]" enc:offset="[3]"><item>${item}</item></products>`,
      /^findProductsResponse\.products: soapenc:offset \(a partially transmitted array\) is not read$/,
    ],
    [
      'soapenc:position on an item',
      `<products xsi:type="enc:Array" enc:arrayType="c:Product[5]"><item>${item}</item><item enc:position="[4]">${item}</item></products>`,
      /^findProductsResponse\.products\[1\]: soapenc:position \(an item of a sparse array\) is not read$/,
    ],
  ];
  for (const [what, products, message] of refused) {
    it(`${what}: SoapValidationError, not the items read at other indexes`, () => {
      const xml = envelope(`<c:findProductsResponse>${products}</c:findProductsResponse>`);
      assert.throws(() => catalog.parseFindProductsResponse(xml), (e: unknown) => e instanceof catalog.SoapValidationError && message.test(e.message));
    });
  }
});

describe('multi-reference values (href and id)', () => {
  const expected = { product: { id: 3, name: 'Desk', price: 1, color: 'blue', tags: ['oak', 'Desk'], note: null } };
  const parts = {
    wrapper: `<c:getProductResponse><product href="#p"/></c:getProductResponse>`,
    product: `<multiRef id="p" xsi:type="c:Product" enc:root="0"><id xsi:type="xsd:int">3</id><name href="#n"/><price>1</price><color>blue</color><tags href="#t"/><note xsi:nil="true"/></multiRef>`,
    name: `<multiRef id="n" xsi:type="xsd:string">Desk</multiRef>`,
    tags: `<multiRef id="t" xsi:type="enc:Array" enc:arrayType="xsd:string[2]"><item>oak</item><item href="#n"/></multiRef>`,
  };
  const orders: [string, (keyof typeof parts)[]][] = [
    ['references forwards (Axis order)', ['wrapper', 'product', 'name', 'tags']],
    ['the referenced values first', ['name', 'tags', 'product', 'wrapper']],
    ['mixed', ['tags', 'wrapper', 'name', 'product']],
  ];
  for (const [what, order] of orders) {
    it(`resolves ${what}, a value referred to twice included`, () => {
      const xml = envelope(order.map((p) => parts[p]).join(''));
      assert.deepEqual(catalog.parseGetProductResponse(xml).body, expected);
    });
  }

  it('resolves a reference to an element nested in another entry, with the namespaces in scope there', () => {
    const xml = envelope(
      `<c:findProductsResponse><products href="#list"/></c:findProductsResponse>` +
        `<holder xmlns:z="${CATALOG}"><inner id="list" xsi:type="enc:Array"><x xsi:type="z:Product"><id>1</id><name>a</name><price>2</price><color>red</color><tags/><note>n</note></x></inner></holder>`,
    );
    assert.deepEqual(catalog.parseFindProductsResponse(xml).body, { products: [{ id: 1, name: 'a', price: 2, color: 'red', tags: [], note: 'n' }] });
  });

  const errors: [string, string, RegExp][] = [
    ['an unknown id', `<c:getProductResponse><product href="#missing"/></c:getProductResponse>`, /^getProductResponse\.product: href "#missing" names no element of the message/],
    ['a reference outside the message', `<c:getProductResponse><product href="http://example.com/p"/></c:getProductResponse>`, /href "http:\/\/example\.com\/p" is not a reference within the message/],
    [
      'a duplicate id',
      `<c:getProductResponse><product href="#p"/></c:getProductResponse><a id="p"/><b id="p"/>`,
      /^a: two elements have id "p"$/,
    ],
    [
      'a reference cycle',
      `<c:findProductsResponse><products href="#l"/></c:findProductsResponse><l id="l"><item><id>1</id><name>a</name><price>1</price><color>red</color><tags href="#l"/><note>n</note></item></l>`,
      /^l\.item\.tags: href "#l" refers to an element that contains this reference \(a reference cycle\)$/,
    ],
    [
      'a reference to itself',
      `<c:findProductsResponse><products><item id="x" href="#x"/></products></c:findProductsResponse>`,
      /^findProductsResponse\.products\.item: href "#x" refers to an element that contains this reference \(a reference cycle\)$/,
    ],
    [
      'a reference to another reference',
      `<c:getProductResponse><product href="#a"/></c:getProductResponse><a id="a" href="#b"/><b id="b"><id>1</id><name>a</name><price>1</price><color>red</color><tags/><note>n</note></b>`,
      /^getProductResponse\.product: href "#a" names an element that is itself a reference$/,
    ],
    [
      'a reference with content of its own',
      `<c:findProductsResponse><products href="#q"><item><id>1</id><name>a</name><price>1</price><color>red</color><tags/><note>n</note></item></products></c:findProductsResponse><q id="q"/>`,
      /^findProductsResponse\.products: an element with href "#q" has content of its own$/,
    ],
  ];
  for (const [what, body, message] of errors) {
    it(`refuses ${what} with SoapValidationError naming where it is`, () => {
      const parse = body.includes('findProducts') ? catalog.parseFindProductsResponse : catalog.parseGetProductResponse;
      assert.throws(() => parse(envelope(body)), (e: unknown) => e instanceof catalog.SoapValidationError && message.test(e.message));
    });
  }

  it('counts the elements references expand to against maxElements, and their nesting against maxDepth', () => {
    // Each level refers to the one below twice: 2^20 strings from 22 elements.
    const levels = Array.from({ length: 20 }, (_, i) => `<l${i} id="l${i}"><a href="#l${i + 1}"/><b href="#l${i + 1}"/></l${i}>`).join('');
    const bomb = envelope(`<c:sumResponse><total href="#l0"/></c:sumResponse>${levels}<l20 id="l20">1</l20>`);
    assert.throws(
      () => catalog.parseSumResponse(bomb, { limits: { maxElements: 100_000 } }),
      (e: unknown) => e instanceof catalog.XmlLimitError && e.limit === 'maxElements',
    );
    const deep = Array.from({ length: 10 }, (_, i) => `<d${i} id="d${i}"><x href="#d${i + 1}"/></d${i}>`).join('');
    assert.throws(
      () => catalog.parseSumResponse(envelope(`<c:sumResponse><total href="#d0"/></c:sumResponse>${deep}<d10 id="d10">1</d10>`), { limits: { maxDepth: 8 } }),
      (e: unknown) => e instanceof catalog.XmlLimitError && e.limit === 'maxDepth',
    );
  });

  it("bounds what references repeat by the Body's own size (maxReferenceExpansion): a small message cannot stand for millions of elements", () => {
    // 22 elements, each level referring to the one below twice: 2^20 strings, within the default
    // maxElements (5 million), which the reader would otherwise replay one by one.
    const levels = Array.from({ length: 20 }, (_, i) => `<l${i} id="l${i}"><a href="#l${i + 1}"/><b href="#l${i + 1}"/></l${i}>`).join('');
    const bomb = envelope(`<c:sumResponse><total href="#l0"/></c:sumResponse>${levels}<l20 id="l20">1</l20>`);
    const isExpansion = (why: RegExp) => (e: unknown) =>
      e instanceof catalog.XmlLimitError && e.limit === 'maxReferenceExpansion' && e.value === 16 && why.test(e.message);
    assert.throws(() => catalog.parseSumResponse(bomb), isExpansion(/repeat more than 100000 elements and attributes \(the least any Body may give\)$/));
    // What an element copies in attributes counts too: 250 attributes replayed through 10^4 references.
    const attributes = Array.from({ length: 250 }, (_, i) => ` a${i}=""`).join('');
    const fan = Array.from({ length: 4 }, (_, i) => `<f${i} id="f${i}">${`<x href="#f${i + 1}"/>`.repeat(10)}</f${i}>`).join('');
    const wide = envelope(`<c:sumResponse><total>1</total><junk href="#f0"/></c:sumResponse>${fan}<f4 id="f4"${attributes}/>`);
    assert.throws(() => catalog.parseSumResponse(wide), isExpansion(/repeat more than 100000 elements and attributes/));
    // And the characters of attribute values: 20 references to one value of 100,000 characters.
    const refs = Array.from({ length: 20 }, (_, i) => `<r${i} href="#v"/>`).join('');
    const long = envelope(`<c:sumResponse><total>1</total>${refs}</c:sumResponse><v id="v" note="${'x'.repeat(100_000)}"/>`);
    assert.throws(() => catalog.parseSumResponse(long), isExpansion(/more than 16\d{5} characters of text and attribute values \(16 times the Body's own 100\d{3}\)$/));
    // A value shared by many references reads: 3,000 references to one product of 9 elements
    // (27,000 elements replayed, over 16 times the Body's own but under the floor).
    const product = '<p id="p"><id>1</id><name>n</name><price>1</price><color>red</color><tags><item>t</item></tags><note xsi:nil="true"/></p>';
    const shared = envelope(`<c:findProductsResponse><products>${'<item href="#p"/>'.repeat(3000)}</products></c:findProductsResponse>${product}`);
    const products = catalog.parseFindProductsResponse(shared).body.products;
    assert.equal(products.length, 3000);
    assert.deepEqual(products[2999], products[0]);
    // 20,000 references to that product read (16 times the Body's own, over the floor); 2,000
    // references to one of 900 tags, 1.8 million elements, do not, unless maxReferenceExpansion allows them.
    const many = envelope(`<c:findProductsResponse><products>${'<item href="#p"/>'.repeat(20_000)}</products></c:findProductsResponse>${product}`);
    assert.equal(catalog.parseFindProductsResponse(many).body.products.length, 20_000);
    const big = `<p id="p"><id>1</id><name>n</name><price>1</price><color>red</color><tags>${'<item>t</item>'.repeat(900)}</tags><note xsi:nil="true"/></p>`;
    const lookup = envelope(`<c:findProductsResponse><products>${'<item href="#p"/>'.repeat(2000)}</products></c:findProductsResponse>${big}`);
    assert.throws(() => catalog.parseFindProductsResponse(lookup), isExpansion(/more than 100000 elements and attributes/));
    const allowed = catalog.parseFindProductsResponse(lookup, { limits: { maxReferenceExpansion: 1000 } }).body.products;
    assert.equal(allowed.length, 2000);
    assert.equal(allowed[1999]!.tags.length, 900);
  });

  it('counts the text references repeat against maxBytes: a value no larger than a message without references could give', () => {
    // 2,000 products, each the one product whose 2,000 tags are each one 1,000-character string:
    // about 70 KB of message, 4 million elements, 4 GB of text for whoever serializes the result.
    const text = 'x'.repeat(1000);
    const bomb = envelope(
      `<c:findProductsResponse><products>${'<item href="#p"/>'.repeat(2000)}</products></c:findProductsResponse>` +
        `<p id="p"><id>1</id><name>n</name><price>1</price><color>red</color><tags>${'<item href="#s"/>'.repeat(2000)}</tags><note xsi:nil="true"/></p>` +
        `<s id="s">${text}</s>`,
    );
    assert.throws(
      () => catalog.parseFindProductsResponse(bomb, { limits: { maxReferenceExpansion: 1e9 } }),
      (e: unknown) => e instanceof catalog.XmlLimitError && e.limit === 'maxBytes',
    );
    assert.throws(
      () => catalog.parseFindProductsResponse(bomb),
      (e: unknown) => e instanceof catalog.XmlLimitError && e.limit === 'maxReferenceExpansion',
    );
    // A value shared a few times, as stacks write them, reads while its text repeated (4,000
    // characters here) stays within the limit, even where that is larger than the message.
    const shared = envelope(
      `<c:findProductsResponse><products><item href="#p"/><item href="#p"/></products></c:findProductsResponse>` +
        `<p id="p"><id>1</id><name href="#s"/><price>1</price><color>red</color><tags><item href="#s"/></tags><note xsi:nil="true"/></p><s id="s">${text}</s>`,
    );
    const products = catalog.parseFindProductsResponse(shared, { limits: { maxBytes: 5000 } }).body.products;
    assert.deepEqual(products.map((p) => [p.name, p.tags]), [[text, [text]], [text, [text]]]);
  });

  it('a Fault in an encoded response is still the fault', () => {
    const xml = envelope(`<s:Fault><faultcode>s:Server</faultcode><faultstring>no such product</faultstring></s:Fault>`);
    assert.throws(() => catalog.parseGetProductResponse(xml), (e: unknown) => e instanceof catalog.SoapFaultError && e.reason === 'no such product');
  });
});

describe('document/encoded', () => {
  it('each part is a Body child with soap:encodingStyle and its xsi:type; the parts read back', () => {
    const request: orders.PlaceOrderRequest = { order: { customer: 'ACME', lines: [{ sku: 'A-1', quantity: 2 }, { sku: 'B-2', quantity: 1 }] }, priority: 3 };
    const xml = orders.serializePlaceOrderRequest(request);
    const [order, priority] = bodyOf(xml);
    assert.equal(order!.name, '{}order');
    assert.equal(order!.attributes[`{${XSI}}type`], '{urn:example:orders}Order');
    assert.equal(order!.attributes[`{${SOAP11}}encodingStyle`], ENC);
    assert.match(order!.children[1]!.attributes[`{${ENC}}arrayType`] ?? '', /^q\d+:Line\[2\]$/);
    assert.deepEqual([priority!.name, priority!.attributes[`{${XSI}}type`], priority!.text], ['{}priority', `{${XSD}}int`, '3']);
    assert.deepEqual(orders.parsePlaceOrderRequest(xml).body, request);
  });

  it('an element part is written as the element, typed, and read with its references resolved', () => {
    const xml = orders.serializePlaceOrderResponse({ number: 10n, accepted: true });
    const [receipt] = bodyOf(xml);
    assert.equal(receipt!.name, '{urn:example:orders}Receipt');
    assert.deepEqual(orders.parsePlaceOrderResponse(xml).body, { number: 10n, accepted: true });
    const referenced = `<?xml version="1.0"?><s:Envelope xmlns:s="${SOAP11}"><s:Body><o:Receipt xmlns:o="urn:example:orders"><number href="#n"/><accepted>1</accepted></o:Receipt><v id="n">11</v></s:Body></s:Envelope>`;
    assert.deepEqual(orders.parsePlaceOrderResponse(referenced).body, { number: 11n, accepted: true });
  });
});

describe('the model of SOAP encoding', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-encoding-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A one-operation rpc/encoded contract around `types` (a schema's content) and the part `type`. */
  function contract(name: string, types: string, partType: string, encodingStyle = ENC): string {
    const file = path.join(dir, `${name}.wsdl`);
    writeFileSync(
      file,
      `<definitions targetNamespace="urn:m" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soapenc="${ENC}" xmlns:xsd="${XSD}" xmlns:tns="urn:m">
  <types><xsd:schema targetNamespace="urn:m">${types}</xsd:schema></types>
  <message name="In"><part name="value" type="${partType}"/></message>
  <portType name="P"><operation name="op"><input message="tns:In"/></operation></portType>
  <binding name="B" type="tns:P"><soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="op"><soap:operation soapAction=""/><input><soap:body use="encoded" namespace="urn:m" encodingStyle="${encodingStyle}"/></input></operation>
  </binding>
</definitions>`,
    );
    return file;
  }

  const array = (arrayType: string) =>
    `<xsd:complexType name="A"><xsd:complexContent><xsd:restriction base="soapenc:Array"><xsd:attribute ref="soapenc:arrayType" wsdl:arrayType="${arrayType}"/></xsd:restriction></xsd:complexContent></xsd:complexType>`;

  it('keeps use="encoded" on the message, and models a soapenc:Array restriction as an array of its wsdl:arrayType', async () => {
    const model = await loadModel(contract('array', array('soapenc:int[]'), 'tns:A'));
    assert.equal(model.bindings[0]!.operations[0]!.input.use, 'encoded');
    const a = model.types.find((t) => t.id === '{urn:m}A');
    assert.ok(a?.kind === 'complex' && a.convention?.kind === 'array');
    assert.deepEqual(a.convention, {
      kind: 'array',
      soapEncoded: true,
      item: { kind: 'element', name: 'item', namespace: '', type: { kind: 'builtin', name: 'int' }, minOccurs: 0, maxOccurs: 'unbounded', nillable: false, location: a.convention.item.location },
    });
  });

  it('maps SOAP encoding\'s simple types to the XSD built-ins (soapenc:base64 to base64Binary)', async () => {
    const cases: [string, string][] = [['soapenc:base64', 'base64Binary'], ['soapenc:string', 'string'], ['soapenc:unsignedLong', 'unsignedLong']];
    for (const [type, builtin] of cases) {
      const model = await loadModel(contract(type.replace(':', '-'), '', type));
      const request = model.types.find((t) => t.origin.kind === 'message');
      assert.ok(request?.kind === 'complex' && request.fields[0]?.kind === 'element');
      assert.deepEqual(request.fields[0].type, { kind: 'builtin', name: builtin });
    }
  });

  it('types a part declared as soapenc:Array itself as an array of raw XML', async () => {
    const model = await loadModel(contract('bare-array', '', 'soapenc:Array'));
    const a = model.types.find((t) => t.id === `{${ENC}}Array`);
    assert.ok(a?.kind === 'complex' && a.convention?.kind === 'array');
    assert.deepEqual(a.convention.item.type, { kind: 'builtin', name: 'anyType' });
  });

  const refused: [string, string, string, string, RegExp][] = [
    ['a multi-dimensional array', array('xsd:int[,]'), 'tns:A', ENC, /\.wsdl:2:\d+: type A is a multi-dimensional SOAP-encoded array/],
    ['SOAP 1.2 encoding', '', 'xsd:string', 'http://www.w3.org/2003/05/soap-encoding', /op input is encoded with encodingStyle="http:\/\/www\.w3\.org\/2003\/05\/soap-encoding"; only SOAP 1\.1 encoding/],
    ['a malformed wsdl:arrayType', array('xsd:int'), 'tns:A', ENC, /wsdl:arrayType="xsd:int" is not a type name followed by dimensions/],
  ];
  for (const [what, types, partType, style, message] of refused) {
    it(`refuses ${what} with a located error`, async () => {
      await assert.rejects(loadModel(contract(what.replace(/\W+/g, '-'), types, partType, style)), (e: unknown) => {
        assert.ok(e instanceof GeneratorError, String(e));
        assert.ok(e.location, 'the error is located');
        assert.match(e.format(), message);
        return true;
      });
    });
  }
});
