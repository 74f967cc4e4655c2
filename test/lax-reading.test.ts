/**
 * Lax reading (`reading: 'lax'`): a missing required member, or a member element in another
 * namespace than the contract's, is read on and reported in `warnings`, with the path strict
 * reading's error names; strict reading, the default, still refuses both. Through the generated
 * packages of the golden fixtures: their parse functions, and their clients over a fetch that
 * answers with the envelope under test.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as attributes from './fixtures/golden/attributes/expected/src/index.ts';
import * as features from './fixtures/golden/features/expected/src/index.ts';
import * as user from '../output/services86-user/src/index.ts';

const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const NS = 'urn:features';

function envelope(body: string, header = ''): string {
  return `<s:Envelope xmlns:s="${S11}">${header === '' ? '' : `<s:Header>${header}</s:Header>`}<s:Body>${body}</s:Body></s:Envelope>`;
}

/** A SaveItemResponse whose Item holds `item` (Name given unless the case leaves it out). */
function saveItemResponse(item: string): string {
  return envelope(`<f:SaveItemResponse xmlns:f="${NS}"><f:Response>${item}</f:Response></f:SaveItemResponse>`);
}

interface Case {
  readonly name: string;
  readonly xml: string;
  /** What lax reading gives: the body, and the warnings. */
  readonly body: unknown;
  readonly warnings: readonly { kind: string; path: string; message: string }[];
  /** What strict reading throws (its message), or the body it reads without the slip, for the same document. */
  readonly strict: RegExp | { readonly body: unknown };
}

const foreign = (local: string, found: string, expected: string) =>
  `element ${local} in ${found}, where the contract has it in ${expected}`;

const cases: readonly Case[] = [
  {
    name: 'a required element missing',
    xml: saveItemResponse('<f:Id>1</f:Id>'),
    body: { Response: { Id: 1n } },
    warnings: [{ kind: 'missing-required', path: 'SaveItemResponse.Response.Name', message: 'required element is missing' }],
    strict: /^SaveItemResponse\.Response\.Name: required element is missing$/,
  },
  {
    name: 'required elements missing in a nested value, each reported',
    xml: saveItemResponse('<f:Name>n</f:Name><f:Size/>'),
    body: { Response: { Name: 'n', Size: {} } },
    warnings: [
      { kind: 'missing-required', path: 'SaveItemResponse.Response.Size.Width', message: 'required element is missing' },
      { kind: 'missing-required', path: 'SaveItemResponse.Response.Size.Height', message: 'required element is missing' },
    ],
    strict: /^SaveItemResponse\.Response\.Size\.Width: required element is missing$/,
  },
  {
    name: 'a member element in another namespace',
    xml: saveItemResponse('<x:Name xmlns:x="urn:elsewhere">n</x:Name>'),
    body: { Response: { Name: 'n' } },
    warnings: [{ kind: 'foreign-namespace', path: 'SaveItemResponse.Response.Name', message: foreign('Name', 'namespace urn:elsewhere', `namespace ${NS}`) }],
    // Strict reading skips it as an unknown element: the member is then missing.
    strict: /^SaveItemResponse\.Response\.Name: required element is missing$/,
  },
  {
    name: 'an unqualified member written qualified, nested',
    xml: saveItemResponse(`<f:Name>n</f:Name><f:Other><f:Code>c</f:Code></f:Other>`),
    body: { Response: { Name: 'n', Other: { Code: 'c' } } },
    warnings: [{ kind: 'foreign-namespace', path: 'SaveItemResponse.Response.Other.Code', message: foreign('Code', `namespace ${NS}`, 'no namespace') }],
    strict: /^SaveItemResponse\.Response\.Other\.Code: required element is missing$/,
  },
  {
    name: 'array items in another namespace, by index',
    xml: saveItemResponse('<f:Name>n</f:Name><f:Tags><f:string>a</f:string><string>b</string></f:Tags>'),
    body: { Response: { Name: 'n', Tags: ['a', 'b'] } },
    warnings: [{ kind: 'foreign-namespace', path: 'SaveItemResponse.Response.Tags[1]', message: foreign('string', 'no namespace', `namespace ${NS}`) }],
    // Strict reading skips the foreign item: the list is shorter, nothing is missing.
    strict: { body: { Response: { Name: 'n', Tags: ['a'] } } },
  },
  {
    name: 'a dictionary entry without its Value keeps the key; one without its Key is dropped',
    xml: saveItemResponse(
      '<f:Name>n</f:Name><f:Props>' +
        '<f:PropDictionaryKeyValuePair><f:Key>a</f:Key></f:PropDictionaryKeyValuePair>' +
        '<f:PropDictionaryKeyValuePair><f:Value>2</f:Value></f:PropDictionaryKeyValuePair>' +
        '<f:PropDictionaryKeyValuePair><f:Key>c</f:Key><f:Value>3</f:Value></f:PropDictionaryKeyValuePair>' +
        '</f:Props>',
    ),
    body: { Response: { Name: 'n', Props: new Map<string, number | undefined>([['a', undefined], ['c', 3]]) } },
    warnings: [
      { kind: 'missing-required', path: 'SaveItemResponse.Response.Props[0].Value', message: 'required element is missing' },
      { kind: 'missing-required', path: 'SaveItemResponse.Response.Props[1].Key', message: 'required element is missing' },
    ],
    strict: /^SaveItemResponse\.Response\.Props\[0\]\.Value: required element is missing$/,
  },
  {
    name: 'the body element in another namespace',
    xml: envelope(`<w:SaveItemResponse xmlns:w="urn:elsewhere" xmlns:f="${NS}"><f:Response><f:Name>n</f:Name></f:Response></w:SaveItemResponse>`),
    body: { Response: { Name: 'n' } },
    warnings: [{ kind: 'foreign-namespace', path: 'SaveItemResponse', message: foreign('SaveItemResponse', 'namespace urn:elsewhere', `namespace ${NS}`) }],
    strict: /^expected \{urn:features\}SaveItemResponse, found \{urn:elsewhere\}SaveItemResponse$/,
  },
  {
    name: 'several slips, in document order',
    xml: saveItemResponse('<x:Name xmlns:x="urn:elsewhere">n</x:Name><f:Size><f:Width>1</f:Width></f:Size>'),
    body: { Response: { Name: 'n', Size: { Width: 1n } } },
    warnings: [
      { kind: 'foreign-namespace', path: 'SaveItemResponse.Response.Name', message: foreign('Name', 'namespace urn:elsewhere', `namespace ${NS}`) },
      { kind: 'missing-required', path: 'SaveItemResponse.Response.Size.Height', message: 'required element is missing' },
    ],
    strict: /^SaveItemResponse\.Response\.Size\.Height: required element is missing$/,
  },
];

describe('lax reading: what it accepts and reports', () => {
  for (const c of cases) {
    it(c.name, () => {
      const lax = features.parseSaveItemResponse(c.xml, { reading: 'lax' });
      assert.deepStrictEqual(lax.body, c.body);
      assert.deepStrictEqual(lax.warnings, c.warnings);
      // Strict reading, by default and by name, is unchanged: the same document is refused (or read without the slip).
      for (const options of [{}, { reading: 'strict' as const }]) {
        const expected = c.strict;
        if (expected instanceof RegExp) {
          assert.throws(() => features.parseSaveItemResponse(c.xml, options), (e: unknown) => {
            assert.ok(e instanceof features.SoapError, String(e));
            assert.match(e.message, expected);
            return true;
          });
        } else {
          const strict = features.parseSaveItemResponse(c.xml, options);
          assert.deepStrictEqual(strict.warnings, []);
          assert.deepStrictEqual(strict.body, expected.body);
        }
      }
    });
  }

  it('a required attribute missing', () => {
    const xml = envelope('<a:AddLineResponse xmlns:a="urn:attributes"><a:Total>1.50</a:Total></a:AddLineResponse>');
    const lax = attributes.parseAddLineResponse(xml, { reading: 'lax' });
    assert.deepStrictEqual(lax.body, { Total: { $value: '1.50' } });
    assert.deepStrictEqual(lax.warnings, [{ kind: 'missing-required', path: 'AddLineResponse.Total.@currency', message: 'required attribute is missing' }]);
    assert.throws(() => attributes.parseAddLineResponse(xml), /AddLineResponse\.Total\.@currency: required attribute is missing/);
  });

  it('a declared header in another namespace is read as that header; strictly it stays an undeclared one', () => {
    const xml = envelope(`<f:SaveItem xmlns:f="${NS}"/>`, '<x:Token xmlns:x="urn:elsewhere">t-1</x:Token>');
    const lax = features.parseSaveItemRequest(xml, { reading: 'lax' });
    assert.deepStrictEqual(lax.headers, { Token: 't-1' });
    assert.deepStrictEqual(lax.extraHeaders, []);
    assert.deepStrictEqual(lax.warnings, [{ kind: 'foreign-namespace', path: 'Token', message: foreign('Token', 'namespace urn:elsewhere', `namespace ${NS}`) }]);
    const strict = features.parseSaveItemRequest(xml);
    assert.deepStrictEqual(strict.headers, {});
    assert.deepStrictEqual(strict.extraHeaders, ['<x:Token xmlns:x="urn:elsewhere">t-1</x:Token>']);
    assert.deepStrictEqual(strict.warnings, []);
  });

  it('a valid message reads the same in both modes, without warnings', () => {
    const xml = features.serializeSaveItemResponse({ Response: { Name: 'n', Size: { Width: 1n, Height: 2 }, Tags: ['a'] } });
    const strict = features.parseSaveItemResponse(xml);
    const lax = features.parseSaveItemResponse(xml, { reading: 'lax' });
    assert.deepStrictEqual(lax, strict);
    assert.deepStrictEqual(lax.warnings, []);
  });

  it('a member already read keeps its value: a later element of its name in another namespace is skipped as strict reading skips it', () => {
    const xml = saveItemResponse(
      '<f:Name>good</f:Name><x:Name xmlns:x="urn:elsewhere">other</x:Name>' +
        '<f:Tags><f:string>a</f:string></f:Tags><x:Tags xmlns:x="urn:elsewhere"><x:string>other</x:string></x:Tags>' +
        '<f:Props><f:PropDictionaryKeyValuePair><f:Key>k</f:Key><x:Key xmlns:x="urn:elsewhere">other</x:Key><f:Value>1</f:Value></f:PropDictionaryKeyValuePair></f:Props>',
    );
    const strict = features.parseSaveItemResponse(xml);
    assert.deepStrictEqual(strict.body, { Response: { Name: 'good', Tags: ['a'], Props: new Map([['k', 1]]) } });
    assert.deepStrictEqual(features.parseSaveItemResponse(xml, { reading: 'lax' }), strict);
  });

  it('an element no member has, in any namespace, is skipped as strict reading skips it', () => {
    const xml = saveItemResponse('<f:Name>n</f:Name><x:Extra xmlns:x="urn:elsewhere">e</x:Extra><f:Unknown>u</f:Unknown>');
    assert.deepStrictEqual(features.parseSaveItemResponse(xml, { reading: 'lax' }), features.parseSaveItemResponse(xml));
  });
});

describe('lax reading: warnings are listed up to MAX_WARNINGS', () => {
  const tags = (n: number) => saveItemResponse(`<f:Name>n</f:Name><f:Tags>${'<string>t</string>'.repeat(n)}</f:Tags>`);
  const slip = (i: number) => ({ kind: 'foreign-namespace', path: `SaveItemResponse.Response.Tags[${i}]`, message: foreign('string', 'no namespace', `namespace ${NS}`) });

  it(`${features.MAX_WARNINGS} slips are each listed`, () => {
    const { body, warnings } = features.parseSaveItemResponse(tags(features.MAX_WARNINGS), { reading: 'lax' });
    assert.equal(body.Response?.Tags?.length, features.MAX_WARNINGS);
    assert.deepStrictEqual(warnings, Array.from({ length: features.MAX_WARNINGS }, (_, i) => slip(i)));
  });

  it('past them, one last warning counts the rest, and every slip is still read', () => {
    const n = features.MAX_WARNINGS + 2500;
    const { body, warnings } = features.parseSaveItemResponse(tags(n), { reading: 'lax' });
    assert.equal(body.Response?.Tags?.length, n);
    assert.equal(warnings.length, features.MAX_WARNINGS + 1);
    assert.deepStrictEqual(warnings[features.MAX_WARNINGS - 1], slip(features.MAX_WARNINGS - 1));
    assert.deepStrictEqual(warnings[features.MAX_WARNINGS], {
      kind: 'more-warnings',
      path: '',
      message: `2500 more slips accepted and not listed (at most ${features.MAX_WARNINGS} warnings are)`,
    });
  });
});

describe('lax reading: nothing else gets laxer', () => {
  const refused: readonly [string, string, RegExp][] = [
    ['a lexical form its type refuses', saveItemResponse('<f:Name>n</f:Name><f:Size><f:Width>wide</f:Width><f:Height>1</f:Height></f:Size>'), /Size\.Width: /],
    ['xsi:nil on an element that is not nillable', saveItemResponse('<f:Name>n</f:Name><f:Size xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/>'), /Size: xsi:nil on an element that is not nillable/],
    ['a body element of another name', envelope(`<f:Other xmlns:f="${NS}"/>`), /expected \{urn:features\}SaveItemResponse, found \{urn:features\}Other/],
    ['XML that is not well-formed', saveItemResponse('<f:Name>n</f:Nom>'), /^1:\d+: unexpected close tag/],
    ['a document over the limits', saveItemResponse('<f:Name>n</f:Name>'), /maxDepth/],
  ];
  for (const [name, xml, error] of refused) {
    it(`refuses ${name}`, () => {
      const options = name.includes('limits') ? { reading: 'lax' as const, limits: { maxDepth: 3 } } : { reading: 'lax' as const };
      assert.throws(() => features.parseSaveItemResponse(xml, options), (e: unknown) => e instanceof features.SoapError && error.test(e.message));
    });
  }

  it('a fault is the same SoapFaultError, whatever the mode', () => {
    const xml = envelope('<s:Fault><faultcode>s:Server</faultcode><faultstring>no</faultstring></s:Fault>');
    for (const reading of ['strict', 'lax'] as const) {
      assert.throws(() => features.parseSaveItemResponse(xml, { reading }), (e: unknown) => e instanceof features.SoapFaultError && e.reason === 'no');
    }
  });

  it('a reading mode that is neither strict nor lax is refused', () => {
    const xml = saveItemResponse('<f:Name>n</f:Name>');
    assert.throws(
      () => features.parseSaveItemResponse(xml, { reading: 'loose' as 'lax' }),
      (e: unknown) => e instanceof features.SoapValidationError && e.path === 'reading' && e.value === 'loose',
    );
  });
});

/** A fetch that answers every call with `xml`, counting the calls. */
function answering(xml: string) {
  const calls: string[] = [];
  const fetch = async (_url: unknown, init?: RequestInit) => {
    calls.push(new TextDecoder().decode(init?.body as Uint8Array));
    return new Response(xml, { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' } });
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

describe('lax reading through the client', () => {
  const slipped = saveItemResponse('<f:Id>1</f:Id>');
  const warning = { kind: 'missing-required', path: 'SaveItemResponse.Response.Name', message: 'required element is missing' };

  it('per client: the call resolves, and its result carries the warnings', async () => {
    const { fetch } = answering(slipped);
    const agent = new features.FeaturesAgent({ endpoint: 'http://lax.invalid/', fetch, reading: 'lax' });
    const result = await agent.call('SaveItem', {});
    assert.deepStrictEqual(result.response, { Response: { Id: 1n } });
    assert.deepStrictEqual(result.warnings, [warning]);
    assert.deepStrictEqual(await agent.saveItem({}), { Id: 1n }); // the method resolves to the Response member
  });

  it('per call, overriding the client either way', async () => {
    const { fetch } = answering(slipped);
    const strictAgent = new features.FeaturesAgent({ endpoint: 'http://lax.invalid/', fetch });
    await assert.rejects(strictAgent.call('SaveItem', {}), features.SoapValidationError);
    assert.deepStrictEqual((await strictAgent.call('SaveItem', {}, { reading: 'lax' })).warnings, [warning]);
    const laxAgent = new features.FeaturesAgent({ endpoint: 'http://lax.invalid/', fetch, reading: 'lax' });
    await assert.rejects(laxAgent.call('SaveItem', {}, { reading: 'strict' }), /SaveItemResponse\.Response\.Name: required element is missing/);
  });

  it('a strict call has no warnings', async () => {
    const { fetch } = answering(features.serializeSaveItemResponse({ Response: { Name: 'n' } }));
    assert.deepStrictEqual((await new features.FeaturesAgent({ endpoint: 'http://lax.invalid/', fetch }).call('SaveItem', {})).warnings, []);
  });

  it('a response header in another namespace still reports a service failure', async () => {
    const body = user.serializeGetServiceAuthResponse({ Response: { ServiceAuthId: 1, Port: 25 } }, {});
    const xml = body.replace('<s:Header/>', '').replace(/<s:Body>/, '<s:Header><x:Succeeded xmlns:x="urn:elsewhere">false</x:Succeeded></s:Header><s:Body>');
    assert.ok(xml.includes('x:Succeeded'), xml);
    const { fetch } = answering(xml);
    const agent = new user.UserAgent({ endpoint: 'http://lax.invalid/', fetch });
    // Strict: an undeclared header, kept as XML; lax: the contract's Succeeded header, which says the call failed.
    assert.deepStrictEqual((await agent.call('GetServiceAuth', { ServiceAuthId: 1 })).extraHeaders, ['<x:Succeeded xmlns:x="urn:elsewhere">false</x:Succeeded>']);
    await assert.rejects(agent.call('GetServiceAuth', { ServiceAuthId: 1 }, { reading: 'lax' }), user.SoapServiceError);
  });

  it('an invalid mode is refused when the client is built, and before a call is sent', async () => {
    const { calls, fetch } = answering(slipped);
    assert.throws(() => new features.FeaturesAgent({ endpoint: 'http://lax.invalid/', fetch, reading: 'loose' as 'lax' }), features.SoapValidationError);
    const agent = new features.FeaturesAgent({ endpoint: 'http://lax.invalid/', fetch });
    await assert.rejects(agent.call('SaveItem', {}, { reading: 'Lax' as 'lax' }), (e: unknown) => e instanceof features.SoapValidationError && e.path === 'reading');
    assert.equal(calls.length, 0);
  });
});
