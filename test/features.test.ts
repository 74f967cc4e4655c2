/**
 * Round trips of the XSD and WSDL features beyond the User contract, one golden fixture each
 * (test/fixtures/golden/<case>/): the generated package's serializers and parsers, checked
 * against hand-written envelopes where the wire layout is the point.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { canonical, child, parseElement } from './support/canonical.ts';
import { generateInMemory } from './support/generate.ts';
import * as anyPkg from './fixtures/golden/any/expected/src/index.ts';
import * as attributes from './fixtures/golden/attributes/expected/src/index.ts';
import * as bare from './fixtures/golden/document-bare/expected/src/index.ts';
import * as choice from './fixtures/golden/choice/expected/src/index.ts';
import * as rpc from './fixtures/golden/rpc-literal/expected/src/index.ts';
import * as soap12 from './fixtures/golden/soap12/expected/src/index.ts';
import * as multi from './fixtures/golden/multi-binding/expected/src/index.ts';
import * as groups from './fixtures/golden/groups/expected/src/index.ts';
import * as shapes from './fixtures/golden/polymorphism/expected/src/index.ts';
import * as tree from './fixtures/golden/recursive/expected/src/index.ts';
import * as refs from './fixtures/golden/element-refs/expected/src/index.ts';
import * as orders from './fixtures/golden/anonymous-types/expected/src/index.ts';
import * as names from './fixtures/golden/names/expected/src/index.ts';
import * as imports from './fixtures/golden/imports/expected/src/index.ts';
import * as mixed from './fixtures/golden/mixed/expected/src/index.ts';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';

/** The children of soap:Body of an envelope, canonical. */
function bodyOf(xml: string, ns = SOAP11): readonly ReturnType<typeof canonical>[] {
  const body = child(parseElement(xml), ns, 'Body');
  assert.ok(body, 'the envelope has a Body');
  return canonical(body).children;
}

/** True when `types` declares `name` right under a doc comment ending with `doc.` */
function declares(types: string, doc: string, name: string): boolean {
  const escaped = doc.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`${escaped}\\.(?: \\*/|\\n(?: \\*.*\\n)* \\*/)\\nexport (?:interface|type) ${name}\\b`).test(types);
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

  it('reading refuses what writing refuses: members of two branches, no branch of a required choice, a required member missing', () => {
    const xml = choice.serializePayRequest({ Payment: { Amount: '1', Card: { Number: '4111' } } });
    const card = '<Card><Number>4111</Number></Card>';
    assert.ok(xml.includes(card), xml);
    const read = (edited: string) => () => choice.parsePayRequest(xml.replace(card, edited));
    assert.throws(read(`${card}<Iban>NO93</Iban>`), { name: 'SoapValidationError', message: /^Pay\.Payment: .*different branches of a choice.*Card, Iban/ });
    assert.throws(read(''), { name: 'SoapValidationError', message: /^Pay\.Payment: .*one branch of a choice is required/ });
    assert.throws(read('<Card/>'), { name: 'SoapValidationError', message: /^Pay\.Payment\.Card\.Number: required element is missing/ });
    assert.throws(read('<VoucherPin>1</VoucherPin>'), { name: 'SoapValidationError', message: /^Pay\.Payment\.VoucherCode: required element is missing/ });
    assert.deepEqual(choice.parsePayRequest(xml.replace(card, '<VoucherCode>V</VoucherCode>')).body, { Payment: { Amount: '1', VoucherCode: 'V' } });
  });

  it('a required choice with an empty branch may be absent; of branches sharing a member, the one the value completes is chosen', () => {
    const xml = choice.serializePayRequest({ Payment: { Amount: '1', Iban: 'NO93' }, Shipping: {}, Contact: { Phone: '5' } });
    assert.ok(xml.includes('<Shipping/><Contact><Phone>5</Phone></Contact>'), xml);
    assert.deepEqual(choice.parsePayRequest(xml).body, { Payment: { Amount: '1', Iban: 'NO93' }, Shipping: {}, Contact: { Phone: '5' } });
    const both = { Payment: { Amount: '1', Iban: 'NO93' }, Contact: { Phone: '5', Extension: '12' } };
    assert.deepEqual(choice.parsePayRequest(choice.serializePayRequest(both)).body, both);
    assert.throws(() => choice.parsePayRequest(xml.replace('<Phone>5</Phone>', '<Mobile>true</Mobile>')), {
      name: 'SoapValidationError',
      message: /^Pay\.Contact\.Phone: required element is missing/,
    });
  });

  it('the union type rejects two branches at compile time', () => {
    // @ts-expect-error Card and Iban are branches of one choice
    const invalid: choice.Payment = { Amount: '1', Card: { Number: '1' }, Iban: 'x' };
    assert.ok(invalid);
  });
});

describe('mixed content as raw XML (fixture mixed)', () => {
  const N = '{urn:mixed}';
  it('writes $value as the content, text and elements in their order, beside the attributes, and reads it back equal', () => {
    const request: mixed.Publish = {
      Title: 'T',
      Body: [{ $value: 'Hello <b xmlns="urn:mixed">bold</b> and <i xmlns="urn:mixed">it</i>!', lang: 'en' }, { $value: '' }],
      Note: { $value: 'see <x:ref xmlns:x="urn:x">1</x:ref> &amp; more', author: 'ann' },
      Caption: { $value: 'a <em xmlns="urn:mixed">b</em>', label: 'c' },
      Document: { $value: ' <doc xmlns="urn:d"><p>1</p></doc> ' },
    };
    const xml = mixed.serializePublishRequest(request);
    assert.deepEqual(bodyOf(xml), [
      el(`${N}Publish`,
        el(`${N}Title`, 'T'),
        el(`${N}Body`, { '{}lang': 'en' }, 'Hello ', el(`${N}b`, 'bold'), ' and ', el(`${N}i`, 'it'), '!'),
        el(`${N}Body`),
        el(`${N}Note`, { '{}author': 'ann' }, 'see ', el('{urn:x}ref', '1'), ' & more'),
        el(`${N}Caption`, { '{}label': 'c' }, 'a', el(`${N}em`, 'b')),
        el(`${N}Document`, el('{urn:d}doc', el('{urn:d}p', '1')))),
    ]);
    // The canonical form joins an element's text; the order of text and elements is the point here.
    assert.ok(xml.includes('<Body lang="en">Hello <b>bold</b> and <i>it</i>!</Body><Body/>'), xml);
    assert.deepEqual(mixed.parsePublishRequest(xml).body, request);
  });

  it('reads the content of a mixed element another stack wrote, declaring the prefixes it inherited', () => {
    const xml = `<s:Envelope xmlns:s="${SOAP11}"><s:Body><m:PublishResponse xmlns:m="urn:mixed">Created <m:Id>5</m:Id>.</m:PublishResponse></s:Body></s:Envelope>`;
    assert.deepEqual(mixed.parsePublishResponse(xml).body, { $value: 'Created <m:Id xmlns:m="urn:mixed">5</m:Id>.' });
  });

  it('refuses a mixed value without $value, and content that is not well-formed XML', () => {
    const noContent = { Title: 'T', Body: [{ lang: 'en' }] } as unknown as mixed.Publish;
    assert.throws(() => mixed.serializePublishRequest(noContent), { name: 'SoapValidationError', message: /^Publish\.Body\[0\]\.\$value: .*mixed content/ });
    assert.throws(() => mixed.serializePublishRequest({ Title: 'T', Body: [{ $value: 'a < b' }] }), { name: 'SoapValidationError', message: /^Publish\.Body\[0\]\.\$value: / });
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
    const read = `<e:Envelope xmlns:e="${SOAP11}"><e:Body><a:AddLineResponse xmlns:a="urn:attributes"><a:Total>3.0</a:Total></a:AddLineResponse></e:Body></e:Envelope>`;
    assert.throws(() => attributes.parseAddLineResponse(read), { name: 'SoapValidationError', message: /^AddLineResponse\.Total\.@currency: required attribute is missing/ });
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
    assert.deepEqual(bare.parseRenameRequest(xml), { body: { Name: 'Bob' }, headers: { token: 't-1' }, extraHeaders: [], warnings: [] });
  });

  it('a fault in a bare body is reported', () => {
    const fault = `<s:Envelope xmlns:s="${SOAP11}"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>no such customer</faultstring></s:Fault></s:Body></s:Envelope>`;
    assert.throws(() => bare.parseRenameResponse(fault), { name: 'SoapFaultError', message: /no such customer/ });
    // A bare message with required parts: the fault is reported, not the parts it lacks.
    assert.throws(() => bare.parseCreateRequest(fault), { name: 'SoapFaultError', message: /no such customer/ });
    assert.throws(() => bare.parseCreateResponse(fault), { name: 'SoapFaultError', message: /no such customer/ });
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

describe('SOAP 1.2 (fixture soap12)', () => {
  const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';

  it('writes the SOAP 1.2 envelope, and the client sends the action in the Content-Type, with no SOAPAction header', async () => {
    const xml = soap12.serializeGetForecastRequest({ City: 'Oslo', Days: 3 });
    assert.equal(parseElement(xml).namespaceURI, SOAP12);
    assert.deepEqual(soap12.parseGetForecastRequest(xml).body, { City: 'Oslo', Days: 3 });
    let seen: Headers | undefined;
    const agent = new soap12.WeatherAgent({
      endpoint: 'http://weather.test/',
      fetch: async (_input, init) => {
        seen = new Headers(init?.headers);
        return new Response(soap12.serializeGetForecastResponse({ Temperature: [1.5, -2] }), { headers: { 'content-type': 'application/soap+xml' } });
      },
    });
    assert.deepEqual(await agent.getForecast({ City: 'Oslo' }), [1.5, -2]);
    assert.equal(seen?.get('content-type'), 'application/soap+xml; charset=utf-8; action="urn:weather/GetForecast"');
    assert.equal(seen?.get('soapaction'), null);
  });

  it('reads a SOAP 1.2 fault: Code, Subcode, Reason and Detail', () => {
    const fault =
      `<env:Envelope xmlns:env="${SOAP12}"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value>` +
      '<env:Subcode><env:Value>w:NoSuchCity</env:Value></env:Subcode></env:Code>' +
      '<env:Reason><env:Text xml:lang="en">Unknown city</env:Text><env:Text xml:lang="no">Ukjent by</env:Text></env:Reason>' +
      '<env:Detail><w:UnknownCity xmlns:w="urn:weather"><w:City>Atlantis</w:City></w:UnknownCity></env:Detail></env:Fault></env:Body></env:Envelope>';
    assert.throws(
      () => soap12.parseGetForecastResponse(fault),
      (e: unknown) => {
        const f = e as { name: string; code: string; subcode: string; reason: string; detailXml: string };
        assert.equal(f.name, 'SoapFaultError');
        assert.equal(f.code, 'env:Sender');
        assert.equal(f.subcode, 'w:NoSuchCity');
        assert.equal(f.reason, 'Unknown city');
        assert.match(f.detailXml, /^<w:UnknownCity xmlns:w="urn:weather"[^>]*><w:City>Atlantis<\/w:City><\/w:UnknownCity>$/);
        return true;
      },
    );
  });

  it('a one-way operation has a request and no response', () => {
    const xml = soap12.serializeReportRequest({ City: 'Bergen', Temperature: 9 });
    assert.deepEqual(soap12.parseReportRequest(xml).body, { City: 'Bergen', Temperature: 9 });
    assert.equal('serializeReportResponse' in soap12, false);
  });
});

describe('several ports and bindings (fixture multi-binding)', () => {
  const WSDL = 'test/fixtures/golden/multi-binding/input/service.wsdl';
  const text = (files: { path: string; text: string }[], p: string) => files.find((f) => f.path === p)!.text;

  it('by default, the first SOAP binding in document order (the HTTP binding before it is skipped)', () => {
    assert.equal(multi.service.soapVersion, '1.1');
    assert.equal(multi.operations.GetQuote.soapAction, 'urn:quote/GetQuote');
    assert.match(readFileSync('test/fixtures/golden/multi-binding/expected/src/schema.ts', 'utf8'), /How the QuoteSoap binding's messages/);
  });

  it('the binding option picks another one', async () => {
    const files = await generateInMemory(WSDL, 'multi-binding', 'QuoteSoap12');
    assert.match(text(files, 'src/schema.ts'), /soapVersion: '1\.2'/);
    assert.match(text(files, 'src/schema.ts'), /soapAction: 'urn:quote\/GetQuote12'/);
    assert.match(text(files, 'src/client.ts'), /binding QuoteSoap12, SOAP 1\.2/);
  });

  it('a binding that is not a SOAP binding of the contract is a usage error naming the ones there are', async () => {
    await assert.rejects(generateInMemory(WSDL, 'multi-binding', 'QuoteHttpGet'), { code: 'USAGE', message: /no SOAP binding named QuoteHttpGet; the contract has QuoteSoap, QuoteSoap12/ });
  });
});

describe('xs:group and xs:attributeGroup (fixture groups)', () => {
  const G = '{urn:groups}';
  const C = '{urn:groups:common}';
  it('group members are inlined in place, in the group\'s namespace, and attribute groups add their attributes', () => {
    const request: groups.Save = {
      Person: { version: 2, etag: 'e', Name: 'Ada', Street: 'Main St', City: 'Oslo', Phone: '123', CreatedBy: 'me', CreatedAt: '2024-01-01T00:00:00Z' },
      Route: { version: 1, Street: ['A', 'B'], City: ['X', 'Y'] },
    };
    const xml = groups.serializeSaveRequest(request);
    assert.deepEqual(bodyOf(xml), [
      el(`${G}Save`,
        el(`${G}Person`, { '{}version': '2', '{}etag': 'e' }, el(`${G}Name`, 'Ada'), el(`${G}Street`, 'Main St'), el(`${G}City`, 'Oslo'),
          el(`${G}Phone`, '123'), el(`${C}CreatedBy`, 'me'), el(`${C}CreatedAt`, '2024-01-01T00:00:00Z')),
        el(`${G}Route`, { '{}version': '1' }, el(`${G}Street`, 'A'), el(`${G}Street`, 'B'), el(`${G}City`, 'X'), el(`${G}City`, 'Y'))),
    ]);
    assert.deepEqual(groups.parseSaveRequest(xml).body, request);
  });

  it('a group that is a choice is a typed union', () => {
    assert.deepEqual(groups.parseSaveResponse(groups.serializeSaveResponse({ Email: 'a@b' })).body, { Email: 'a@b' });
    // @ts-expect-error Email and Phone are branches of one choice
    const invalid: groups.SaveResponse = { Email: 'a@b', Phone: '1' };
    assert.ok(invalid);
  });
});

describe('abstract types and xsi:type (fixture polymorphism)', () => {
  it('values of derived types travel with xsi:type and come back with $type, in fields, lists and the body element', () => {
    const drawing: shapes.Drawing = {
      Background: { $type: 'Rectangle', Width: 10, Height: 5 },
      Shape: [{ $type: 'Circle', Radius: 1, Label: 'c' }, { $type: 'Square', Width: 2, Height: 2 }],
    };
    const xml = shapes.serializeDrawRequest(drawing);
    assert.match(xml, /<Background [^>]*:type="[^"]*:Rectangle"/);
    assert.match(xml, /<Shape [^>]*:type="[^"]*:Square"/);
    assert.deepEqual(shapes.parseDrawRequest(xml).body, drawing);
    const largest: Parameters<typeof shapes.serializeDrawResponse>[0] = { $type: 'Circle', Radius: 3 };
    assert.deepEqual(shapes.parseDrawResponse(shapes.serializeDrawResponse(largest)).body, largest);
  });

  it('the abstract base cannot be sent as itself, and is not in the $type union', () => {
    // @ts-expect-error where a Shape is declared, a value must be one of the concrete types
    assert.throws(() => shapes.serializeDrawResponse({ Label: 'x' }), { name: 'SoapValidationError', message: /abstract/ });
    // @ts-expect-error Shape is abstract: not a value's own type
    const own: shapes.Shape = { $type: 'Shape' };
    assert.ok(own);
  });

  it('the client resolves to the whole value of a named type (never to one of its members)', () => {
    assert.equal(shapes.resultMembers.Draw, '*');
  });
});

describe('recursive types (fixture recursive)', () => {
  it('round-trips a tree, mutual recursion, recursion through an anonymous type and through an element reference', () => {
    const request: tree.Store = {
      Root: { Name: 'root', Child: [{ Name: 'a', Child: [{ Name: 'a1' }] }, { Name: 'b', Meta: { Owner: { Name: 'owner' } } }] },
      Staff: { Name: 'Eve', Department: { Title: 'R&D', Head: { Name: 'Ann', Department: { Title: 'Board', Head: null } } } },
      Expression: { Operator: '+', Expression: [{ Operator: '1' }, { Operator: '*', Expression: [{ Operator: '2' }, { Operator: '3' }] }] },
    };
    const xml = tree.serializeStoreRequest(request);
    assert.deepEqual(tree.parseStoreRequest(xml).body, request);
  });

  it('a value that contains itself is refused, not followed forever', () => {
    const node: tree.Node = { Name: 'loop' };
    node.Child = [node];
    assert.throws(() => tree.serializeStoreRequest({ Root: node }), { name: 'SoapValidationError' });
  });
});

describe('element references (fixture element-refs)', () => {
  it('a reference keeps the referenced element\'s namespace (qualified or not) and takes its own occurrence', () => {
    const request: refs.Post = { Title: 't', Tag: ['a', 'b'], Stamp: { At: '2024-05-06T07:08:09Z' }, Note: null };
    const xml = refs.serializePostRequest(request);
    assert.deepEqual(bodyOf(xml), [
      el('{urn:refs}Post', el('{urn:refs}Title', 't'), el('{urn:refs:meta}Tag', 'a'), el('{urn:refs:meta}Tag', 'b'),
        el('{urn:refs:meta}Stamp', el('{}At', '2024-05-06T07:08:09Z')), el('{urn:refs}Note', { '{http://www.w3.org/2001/XMLSchema-instance}nil': 'true' })),
    ]);
    assert.deepEqual(refs.parsePostRequest(xml).body, request);
    assert.equal(refs.parsePostResponse(refs.serializePostResponse({ Tag: 'x' })).body.Tag, 'x');
  });
});

describe('anonymous nested types (fixture anonymous-types)', () => {
  it('round-trips three levels of anonymous types; a named type keeps its name, the anonymous one is suffixed', () => {
    const request: orders.PlaceOrder = { Order: { Line: [{ Sku: 'A', Quantity: 2 }, { Sku: 'B', Quantity: 1 }], Priority: 'high', Codes: [1, 2, 3] } };
    const xml = orders.serializePlaceOrderRequest(request);
    assert.match(xml, /<Codes>1 2 3<\/Codes>/);
    assert.deepEqual(orders.parsePlaceOrderRequest(xml).body, request);
    const named: orders.Line = { Sku: 'named' };
    const anonymous: orders.Line2 = { Sku: 'anonymous', Quantity: 1 };
    assert.ok(named && anonymous);
    const types = readFileSync('test/fixtures/golden/anonymous-types/expected/src/types.ts', 'utf8');
    assert.ok(declares(types, 'XSD type {urn:orders}Line', 'Line'));
    assert.ok(declares(types, 'Anonymous type of element PlaceOrder/Order/Line', 'Line2'));
  });
});

describe('name clashes across namespaces and with TypeScript keywords (fixture names)', () => {
  const types = readFileSync('test/fixtures/golden/names/expected/src/types.ts', 'utf8');
  it('gives each clashing type a name by the documented rule, and keeps keywords and globals out of type names', () => {
    for (const [name, from] of [
      ['Item', '{urn:names}Item'],
      ['Item2', '{urn:names:b}Item2'],
      ['Item3', '{urn:names:a}Item'],
      ['Item4', '{urn:names:b}Item'],
      ['String_', '{urn:names}string'],
      ['Default', '{urn:names}default'],
      ['Promise_', '{urn:names}Promise'],
      ['NamesAgent', '{urn:names}NamesAgent'],
      ['Bag2', 'Bag/Bag'],
    ] as const) {
      assert.ok(declares(types, from.startsWith('{') ? `XSD type ${from}` : `Anonymous type of ${from}`, name), `${name} is ${from}`);
    }
    assert.equal(typeof names.NamesAgent2, 'function', 'the client yields its name to the contract type');
  });

  it('round-trips properties that are keywords, not identifiers, or named __proto__ and constructor, and operations named delete and get-item', () => {
    const bag: names.Bag = {
      Item: { Own: 'o' },
      ItemA: { A: 'a' },
      ItemB: { B: 'b' },
      ItemB2: { B2: 'b2' },
      class: 'short',
      'foo-bar': names.Default.yes,
      constructor: 'c',
      promise: { When: '2024-01-01' },
      agent: { Version: 1 },
      Bag: { Inner: 'i' },
    };
    Object.defineProperty(bag, '__proto__', { value: 'p', enumerable: true, configurable: true, writable: true });
    const xml = names.serializeDeleteRequest({ Bag: bag });
    assert.match(xml, /<__proto__>p<\/__proto__><constructor>c<\/constructor>/);
    const back = names.parseDeleteRequest(xml).body.Bag;
    assert.deepEqual(back, bag);
    assert.equal(Object.getPrototypeOf(back), Object.prototype);
    assert.deepEqual(names.parseGetItemResponse(names.serializeGetItemResponse({ Item: { Own: 'x' } })).body, { Item: { Own: 'x' } });
    assert.equal(typeof names.NamesAgent2.prototype.delete_, 'function');
    assert.equal(typeof names.NamesAgent2.prototype.getItem, 'function');
  });
});

describe('imports across namespaces and files (fixture imports)', () => {
  it('types from a wsdl:import, an xs:import two levels deep and a chameleon xs:include are each in their namespace', () => {
    const request: imports.Submit = { Order: { Id: 'AB-12', Buyer: { Name: 'Ada' }, Total: { $value: '9.90', currency: 'EUR' } } };
    const xml = imports.serializeSubmitRequest(request);
    assert.deepEqual(bodyOf(xml), [
      el('{urn:imports:orders}Submit',
        el('{urn:imports:orders}Order', el('{urn:imports:orders}Id', 'AB-12'),
          el('{urn:imports:orders}Buyer', el('{urn:imports:common}Name', 'Ada')),
          el('{urn:imports:orders}Total', { '{}currency': 'EUR' }, '9.90'))),
    ]);
    assert.deepEqual(imports.parseSubmitRequest(xml).body, request);
    assert.throws(() => imports.serializeSubmitRequest({ Order: { ...request.Order, Id: 'bad' } }), { name: 'SoapValidationError', message: /pattern/ });
    const types = readFileSync('test/fixtures/golden/imports/expected/src/types.ts', 'utf8');
    assert.match(types, /XSD type \{urn:imports:common\}Party\./);
  });
});

describe('documentation as JSDoc (fixture documentation)', () => {
  const types = readFileSync('test/fixtures/golden/documentation/expected/src/types.ts', 'utf8');
  const client = readFileSync('test/fixtures/golden/documentation/expected/src/client.ts', 'utf8');
  it('xs:documentation of types, anonymous types (from their element), elements, attributes and enumeration values', () => {
    assert.match(types, /\/\*\*\n \* A book in the catalogue\. Identified by its ISBN\.\n \*\n \* XSD type \{urn:library\}Book\.\n \*\/\nexport interface Book/);
    assert.match(types, /\/\*\*\n \* Lends a book to a member\.\n \*\n \* Anonymous type of element Lend\./);
    assert.match(types, /ISBN-13, digits only\.\n {3}\*\n {3}\* Required\.\n {3}\*\/\n {2}Isbn: string;/);
    assert.match(types, /\/\*\* On the shelf\. \*\/ Available: 'Available'/);
    assert.match(types, /When the book must be back\./);
  });

  it('text that would end a comment is escaped', () => {
    assert.match(types, /e\.g\. \*\\\/A-3\/\* \(not a comment end\)/);
    assert.doesNotMatch(types.replace(/\/\*\*[\s\S]*?\*\//g, ''), /A-3/);
  });

  it('wsdl:documentation of the portType, the binding and an operation on the client', () => {
    assert.match(client, /Lending and returns\.\n \*\n \* SOAP 1\.1 over HTTP\.\n \*\n \* A typed client of the Library service/);
    assert.match(client, /Lends a book; fails when it is lent already\.\n {3}\*\n {3}\* Calls Lend/);
  });
});
