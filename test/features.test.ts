/**
 * Round trips of the XSD and WSDL features beyond the User contract, one golden fixture each
 * (test/fixtures/golden/<case>/): the generated package's serializers and parsers, checked
 * against hand-written envelopes where the wire layout is the point.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonical, child, parseElement } from './support/canonical.ts';
import * as anyPkg from './fixtures/golden/any/expected/src/index.ts';
import * as attributes from './fixtures/golden/attributes/expected/src/index.ts';
import * as bare from './fixtures/golden/document-bare/expected/src/index.ts';
import * as choice from './fixtures/golden/choice/expected/src/index.ts';
import * as rpc from './fixtures/golden/rpc-literal/expected/src/index.ts';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';

/** The children of soap:Body of an envelope, canonical. */
function bodyOf(xml: string, ns = SOAP11): readonly ReturnType<typeof canonical>[] {
  const body = child(parseElement(xml), ns, 'Body');
  assert.ok(body, 'the envelope has a Body');
  return canonical(body).children;
}

/** An element of the canonical form, for expected bodies: `el('{urn:x}a', 'text')`. */
function el(name: string, ...content: (string | ReturnType<typeof canonical> | Record<string, string>)[]): ReturnType<typeof canonical> {
  const children = content.filter((c): c is ReturnType<typeof canonical> => typeof c === 'object' && 'children' in c);
  const attributes = Object.assign({}, ...content.filter((c) => typeof c === 'object' && !('children' in c))) as Record<string, string>;
  const text = content.filter((c): c is string => typeof c === 'string').join('');
  return { name, attributes, text, children };
}

describe('xs:choice as a typed union (fixture choice)', () => {
  const N = '{urn:choice}';
  it('writes only the chosen branch of each choice, in document order, and reads it back', () => {
    const request: choice.Pay = {
      Payment: { Amount: '1.50', VoucherCode: 'V1', VoucherPin: 12, NoExpiry: true, NoteRef: 4, Tag: ['a', 'b'], Flag: [false] },
      Urgent: { Amount: '2', Card: { Number: '4111' }, Priority: 1 },
    };
    const xml = choice.serializePayRequest(request);
    assert.deepEqual(bodyOf(xml), [
      el(`${N}Pay`,
        el(`${N}Payment`, el(`${N}Amount`, '1.50'), el(`${N}VoucherCode`, 'V1'), el(`${N}VoucherPin`, '12'), el(`${N}NoExpiry`, 'true'),
          el(`${N}NoteRef`, '4'), el(`${N}Tag`, 'a'), el(`${N}Tag`, 'b'), el(`${N}Flag`, 'false')),
        el(`${N}Urgent`, el(`${N}Amount`, '2'), el(`${N}Card`, el(`${N}Number`, '4111')), el(`${N}Priority`, '1'))),
    ]);
    assert.deepEqual(choice.parsePayRequest(xml).body, request);
  });

  it('a response that is a choice round-trips each branch', () => {
    for (const body of [{ ReceiptId: 9007199254740993n }, { Error: 'declined' }] satisfies choice.PayResponse[]) {
      assert.deepEqual(choice.parsePayResponse(choice.serializePayResponse(body)).body, body);
    }
  });

  it('refuses members of two branches, and a missing required choice', () => {
    const twoBranches = { Payment: { Amount: '1', Card: { Number: '1' }, Iban: 'NO93' } } as unknown as choice.Pay;
    assert.throws(() => choice.serializePayRequest(twoBranches), { name: 'SoapValidationError', message: /different branches of a choice.*Card, Iban/ });
    const none = { Payment: { Amount: '1' } } as unknown as choice.Pay;
    assert.throws(() => choice.serializePayRequest(none), { name: 'SoapValidationError', message: /one branch of a choice is required/ });
  });

  it('the union type rejects two branches at compile time', () => {
    // @ts-expect-error Card and Iban are branches of one choice
    const invalid: choice.Payment = { Amount: '1', Card: { Number: '1' }, Iban: 'x' };
    assert.ok(invalid);
  });
});

describe('attributes and xs:simpleContent (fixture attributes)', () => {
  const N = '{urn:attributes}';
  const request: attributes.AddLine = {
    dryRun: false,
    Line: {
      '@id': 7,
      id: 'line-7',
      version: '1.0',
      created: '2024-01-02T03:04:05Z',
      Price: { $value: '10.50', currency: 'EUR', rate: 25 },
      Title: [{ $value: 'Tea', lang: 'en' }, { $value: '' }],
      Comment: { $value: '  spaced & <marked>  ', author: 'ann' },
    },
  };

  it('writes attributes on the element and the value as its text, and reads both back', () => {
    const xml = attributes.serializeAddLineRequest(request);
    assert.deepEqual(bodyOf(xml), [
      el(`${N}AddLine`, { '{}dryRun': 'false' },
        el(`${N}Line`, { '{}id': '7', '{}version': '1.0', '{}created': '2024-01-02T03:04:05Z' },
          el(`${N}id`, 'line-7'),
          el(`${N}Price`, { '{}currency': 'EUR', '{}rate': '25' }, '10.50'),
          el(`${N}Title`, { [`${N}lang`]: 'en' }, 'Tea'),
          el(`${N}Title`),
          el(`${N}Comment`, { '{}author': 'ann' }, '  spaced & <marked>  '))),
    ]);
    assert.deepEqual(attributes.parseAddLineRequest(xml).body, request);
  });

  it('a derived simple-content value travels with xsi:type and comes back as $type', () => {
    const total: attributes.TaxedMoney = { $type: 'TaxedMoney', $value: '12.5', currency: 'NOK', rate: 12 };
    const body: attributes.AddLineResponse = { Total: total };
    const xml = attributes.serializeAddLineResponse(body);
    assert.match(xml, /<Total [^>]*:type="[^"]*:TaxedMoney"[^>]* currency="NOK" rate="12">12.5<\/Total>/);
    assert.deepEqual(attributes.parseAddLineResponse(xml).body, body);
  });

  it('a required attribute, and the value of simple content, must be given', () => {
    const noCurrency = { Total: { $value: '1' } } as unknown as attributes.AddLineResponse;
    assert.throws(() => attributes.serializeAddLineResponse(noCurrency), { name: 'SoapValidationError', message: /@currency: required attribute/ });
    const noValue = { Total: { currency: 'EUR' } } as unknown as attributes.AddLineResponse;
    assert.throws(() => attributes.serializeAddLineResponse(noValue), { name: 'SoapValidationError', message: /\$value/ });
  });

  it('reads attributes of a message written by another stack, ignoring ones it does not know', () => {
    const xml = `<e:Envelope xmlns:e="${SOAP11}"><e:Body><a:AddLineResponse xmlns:a="urn:attributes"><a:Total currency="EUR" other="x"> 3.0 </a:Total></a:AddLineResponse></e:Body></e:Envelope>`;
    assert.deepEqual(attributes.parseAddLineResponse(xml).body, { Total: { currency: 'EUR', $value: '3.0' } });
  });
});

describe('xs:any and xs:anyType as raw XML (fixture any)', () => {
  it('writes fragments verbatim (declaring what the surrounding default namespace would change) and reads them back equal', () => {
    const request: anyPkg.Store = {
      Envelope: { Id: 1, $any: ['<x:Sig xmlns:x="urn:x" a="1"><x:v>1 &amp; 2</x:v></x:Sig>', '<y:Other xmlns:y="urn:y"/>'] },
      Extension: { Name: 'n', $any: '<Free>text <b>bold</b></Free>' },
      Payload: 'hello <p:b xmlns:p="urn:p">x</p:b> world',
      Untyped: '',
    };
    const xml = anyPkg.serializeStoreRequest(request);
    // Unprefixed <Free> means no namespace: it must not fall into urn:any, the default around it.
    assert.match(xml, /<Free xmlns="">text <b>bold<\/b><\/Free>/);
    assert.match(xml, /<Payload>hello <p:b xmlns:p="urn:p">x<\/p:b> world<\/Payload><Untyped\/>/);
    assert.deepEqual(anyPkg.parseStoreRequest(xml).body, request);
  });

  it('makes fragments read from another stack self-contained, and leaves elements of the excluded namespace out', () => {
    const xml = `<s:Envelope xmlns:s="${SOAP11}" xmlns:x="urn:x" xmlns:t="urn:any"><s:Body><t:Store><t:Envelope><t:Id>2</t:Id><x:Sig x:at="v"><x:in/></x:Sig><t:Ignored/></t:Envelope><t:Payload>a<x:b/>c</t:Payload></t:Store></s:Body></s:Envelope>`;
    assert.deepEqual(anyPkg.parseStoreRequest(xml).body, {
      Envelope: { Id: 2, $any: ['<x:Sig xmlns:x="urn:x" x:at="v"><x:in/></x:Sig>'] },
      Payload: 'a<x:b xmlns:x="urn:x"/>c',
    });
  });

  it('refuses fragments that are not well-formed, use undeclared prefixes, or are not one element', () => {
    for (const [fragment, reason] of [
      ['<a>', /not a well-formed XML fragment/],
      ['<p:a/>', /unbound namespace prefix/],
      ['<a/><b/>', /exactly one XML element, got 2/],
      ['just text', /exactly one XML element, got 0 element\(s\) and text/],
    ] as const) {
      assert.throws(() => anyPkg.serializeStoreRequest({ Envelope: { Id: 1, $any: [fragment] } }), { name: 'SoapValidationError', message: reason });
    }
  });

  it('a nil anyType element is null', () => {
    const xml = anyPkg.serializeStoreResponse({ Echo: null });
    assert.match(xml, /<Echo i:nil="true"/);
    assert.deepEqual(anyPkg.parseStoreResponse(xml).body, { Echo: null });
  });
});

describe('document/literal with bare parts (fixture document-bare)', () => {
  const N = '{urn:bare}';
  it('writes each part as a child of soap:Body and reads them back by element name', () => {
    const xml = bare.serializeCreateRequest({ Customer: { Name: 'Ada' }, Options: { Notify: true } });
    assert.deepEqual(bodyOf(xml), [el(`${N}Customer`, el(`${N}Name`, 'Ada')), el(`${N}Options`, el(`${N}Notify`, 'true'))]);
    assert.deepEqual(bare.parseCreateRequest(xml).body, { Customer: { Name: 'Ada' }, Options: { Notify: true } });
  });

  it('a part of a simple-typed element is its value; a message without parts is an empty Body', () => {
    const response = bare.serializeCreateResponse(9007199254740993n);
    assert.deepEqual(bodyOf(response), [el(`${N}CustomerId`, '9007199254740993')]);
    assert.equal(bare.parseCreateResponse(response).body, 9007199254740993n);
    const empty = bare.serializeStatusRequest();
    assert.deepEqual(bodyOf(empty), []);
    assert.deepEqual(bare.parseStatusRequest(empty).body, {});
  });

  it('soap:body parts="..." leaves the other part to soap:Header', () => {
    const xml = bare.serializeRenameRequest({ Name: 'Bob' }, { headers: { token: 't-1' } });
    assert.deepEqual(bodyOf(xml), [el(`${N}Customer`, el(`${N}Name`, 'Bob'))]);
    assert.deepEqual(bare.parseRenameRequest(xml), { body: { Name: 'Bob' }, headers: { token: 't-1' } });
  });

  it('a fault in a bare body is reported', () => {
    const fault = `<s:Envelope xmlns:s="${SOAP11}"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>no such customer</faultstring></s:Fault></s:Body></s:Envelope>`;
    assert.throws(() => bare.parseRenameResponse(fault), { name: 'SoapFaultError', message: /no such customer/ });
  });
});

describe('rpc/literal (fixture rpc-literal)', () => {
  const W = '{urn:calc:rpc}';
  it('wraps the parts in an element named after the operation, in the soap:body namespace, with unqualified accessors', () => {
    const xml = rpc.serializeSumRequest({ operands: { value: [1, 2.5] }, Trace: true });
    assert.deepEqual(bodyOf(xml), [el(`${W}Sum`, el('{}operands', el('{}value', '1'), el('{}value', '2.5')), el('{urn:calc:types}Trace', 'true'))]);
    assert.deepEqual(rpc.parseSumRequest(xml).body, { operands: { value: [1, 2.5] }, Trace: true });
  });

  it('the response wrapper is OperationResponse; the client resolves to its single part', () => {
    const xml = rpc.serializeAddResponse({ sum: 3n });
    assert.deepEqual(bodyOf(xml), [el(`${W}AddResponse`, el('{}sum', '3'))]);
    assert.deepEqual(rpc.parseAddResponse(xml).body, { sum: 3n });
    assert.equal(rpc.resultMembers.Add, 'sum');
  });

  it('an operation without parts is an empty wrapper', () => {
    const xml = rpc.serializeResetRequest();
    assert.deepEqual(bodyOf(xml), [el(`${W}Reset`)]);
    assert.deepEqual(rpc.parseResetRequest(xml).body, {});
  });
});
