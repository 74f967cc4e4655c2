/**
 * The intermediate model of the User contract in wsdl/: bindings, operations, headers, the types
 * the emitter depends on, and the invariants every model must keep (resolved references,
 * deterministic output). test/conformance/reference.test.ts compares it with the model of the
 * published reference WSDL.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { loadModel } from '../generator/load-model.ts';
import {
  WCF_ARRAYS_NS,
  WCF_SERIALIZATION_NS,
  XSD_NS,
  type ComplexType,
  type ElementField,
  type Model,
  type Operation,
  type TypeDef,
} from '../generator/model.ts';

const CONTRACT = 'wsdl/User.wsdl';
const S86 = 'http://www.superoffice.net/ws/crm/NetServer/Services86';
const ACTION_PREFIX = `${S86}/User/`;

const id = (namespace: string, name: string) => `{${namespace}}${name}`;

let model: Model;

before(async () => {
  model = await loadModel(CONTRACT);
});

function typeById(typeId: string): TypeDef {
  const t = model.types.find((x) => x.id === typeId);
  assert.ok(t, `type ${typeId} is in the model`);
  return t;
}

/** A complex type whose content is elements only (as every one of the User contract's is). */
function complex(typeId: string): Omit<ComplexType, 'fields'> & { readonly fields: readonly ElementField[] } {
  const t = typeById(typeId);
  assert.equal(t.kind, 'complex', `${typeId} is complex`);
  assert.ok((t as ComplexType).fields.every((f) => f.kind === 'element'), `${typeId} holds elements only`);
  return t as ComplexType & { readonly fields: readonly ElementField[] };
}

function operations(): readonly Operation[] {
  return model.bindings[0]!.operations;
}

describe('User contract: binding and operations', () => {
  test('one SOAP 1.1 document binding BasicHttpBinding_User with 79 operations', () => {
    assert.equal(model.bindings.length, 1);
    const b = model.bindings[0]!;
    assert.deepEqual(b.name, { namespace: S86, name: 'BasicHttpBinding_User' });
    assert.deepEqual(b.portType, { namespace: S86, name: 'User' });
    assert.equal(b.soapVersion, '1.1');
    assert.equal(b.style, 'document');
    assert.equal(b.transport, 'http://schemas.xmlsoap.org/soap/http');
    assert.equal(b.operations.length, 79);
    assert.equal(new Set(b.operations.map((o) => o.name)).size, 79, 'operation names are unique');
  });

  test('the service has one port on the binding', () => {
    assert.equal(model.name, 'WcfUserService');
    assert.equal(model.targetNamespace, S86);
    assert.equal(model.services.length, 1);
    const ports = model.services[0]!.ports;
    assert.equal(ports.length, 1);
    assert.deepEqual(ports[0]!.binding, { namespace: S86, name: 'BasicHttpBinding_User' });
  });

  test('every operation: soapAction, document style, literal body', () => {
    for (const op of operations()) {
      assert.equal(op.soapAction, `${ACTION_PREFIX}${op.name}`, op.name);
      assert.equal(op.style, 'document', op.name);
      assert.equal(op.input.use, 'literal', op.name);
      assert.equal(op.input.body.length, 1, op.name);
      assert.deepEqual(op.input.body[0]!.element, { namespace: S86, name: op.name }, op.name);
      assert.ok(op.output, `${op.name} has an output`);
      assert.deepEqual(op.output.body[0]!.element, { namespace: S86, name: `${op.name}Response` }, op.name);
      assert.deepEqual(op.faults, [], op.name);
    }
  });

  test('the first and last operations in document order', () => {
    assert.equal(operations()[0]!.name, 'CreateDefaultServiceAuth');
    assert.equal(operations().at(-1)!.name, readLastBindingOperation());
  });

  const headerCases = [
    { direction: 'input', message: 'Request_Headers', parts: ['ApplicationToken', 'Credentials', 'TimeZone'] },
    { direction: 'output', message: 'Response_Headers', parts: ['ExceptionInfo', 'ExtraInfo', 'Succeeded', 'TimeZone'] },
  ] as const;
  for (const { direction, message, parts } of headerCases) {
    test(`every operation's ${direction} headers are exactly ${parts.join(', ')}`, () => {
      for (const op of operations()) {
        const use = op[direction];
        assert.ok(use, `${op.name} has an ${direction}`);
        assert.deepEqual(
          use.headers.map((h) => ({ part: h.part, element: h.element, message: h.message, use: h.use })),
          parts.map((p) => ({
            part: p,
            element: { namespace: S86, name: p },
            message: { namespace: S86, name: `${op.name}${message}` },
            use: 'literal',
          })),
          `${op.name} ${direction}`,
        );
      }
    });
  }
});

/** The name of the last wsdl:operation in the contract, read from the text so the test does not trust the loader. */
function readLastBindingOperation(): string {
  const text = readFileSync(CONTRACT, 'utf8');
  const names = [...text.matchAll(/<wsdl:operation name="([^"]+)"/g)].map((m) => m[1]!);
  return names.at(-1)!;
}

describe('User contract: types', () => {
  test('56 named complex and 12 named simple types', () => {
    const named = model.types.filter((t) => t.origin.kind === 'named');
    assert.equal(named.filter((t) => t.kind === 'complex').length, 56);
    assert.equal(named.filter((t) => t.kind !== 'complex').length, 12);
    const byNamespace = (ns: string) => named.filter((t) => t.name.namespace === ns).length;
    assert.equal(byNamespace(S86), 63);
    assert.equal(byNamespace(WCF_SERIALIZATION_NS), 3);
    assert.equal(byNamespace(WCF_ARRAYS_NS), 2);
  });

  test('types are sorted by id', () => {
    const ids = model.types.map((t) => t.id);
    assert.deepEqual(ids, [...ids].sort());
  });

  test('ServiceAuth extends Carrier with six optional fields in order', () => {
    const t = complex(id(S86, 'ServiceAuth'));
    assert.deepEqual(t.base, { kind: 'type', id: id(S86, 'Carrier') });
    assert.equal(t.abstract, false);
    assert.equal(t.convention, undefined);
    const want: [string, 'int' | 'string'][] = [
      ['ServiceAuthId', 'int'],
      ['Server', 'string'],
      ['Port', 'int'],
      ['AuthType', 'string'],
      ['Username', 'string'],
      ['Password', 'string'],
    ];
    assert.deepEqual(
      t.fields.map((f) => ({ name: f.name, namespace: f.namespace, type: f.type, minOccurs: f.minOccurs, maxOccurs: f.maxOccurs, nillable: f.nillable })),
      want.map(([name, builtin]) => ({
        name,
        namespace: S86,
        type: { kind: 'builtin', name: builtin },
        minOccurs: 0,
        maxOccurs: 1,
        nillable: builtin === 'string',
      })),
    );
  });

  test('ETableRight is a flags type with six values', () => {
    const t = typeById(id(S86, 'ETableRight'));
    assert.equal(t.kind, 'flags');
    assert.deepEqual(
      t.kind === 'flags' && t.values.map((v) => v.value),
      ['Select', 'Update', 'Insert', 'Delete', 'Filtering', 'RestrictedUpdate'],
    );
  });

  test('EFieldRight is a flags type', () => {
    const t = typeById(id(S86, 'EFieldRight'));
    assert.equal(t.kind, 'flags');
    assert.deepEqual(
      t.kind === 'flags' && t.values.map((v) => v.value),
      ['Read', 'Write', 'Unused1', 'Unused2', 'Unused3', 'Unused4', 'UIHintMandatory', 'UIHintReadOnly', 'UndefinedValue256'],
    );
  });

  test('RoleType is an enum backed by xs:short', () => {
    const t = typeById(id(S86, 'RoleType'));
    assert.equal(t.kind, 'enum');
    if (t.kind !== 'enum') return;
    assert.deepEqual(t.actualType, { namespace: XSD_NS, name: 'short' });
    assert.deepEqual(t.base, { kind: 'builtin', name: 'string' });
    assert.deepEqual(
      t.values.map((v) => v.value),
      ['Employee', 'ExternalUser', 'Anonymous', 'System'],
    );
  });

  test('FieldPropertyDictionary follows the dictionary convention: string -> FieldProperty', () => {
    const t = complex(id(S86, 'FieldPropertyDictionary'));
    const c = t.convention;
    assert.ok(c && c.kind === 'dictionary', 'dictionary convention');
    assert.deepEqual(c.entry, { namespace: S86, name: 'FieldPropertyDictionaryKeyValuePair' });
    assert.equal(c.key.name, 'Key');
    assert.deepEqual(c.key.type, { kind: 'builtin', name: 'string' });
    assert.equal(c.value.name, 'Value');
    assert.deepEqual(c.value.type, { kind: 'type', id: id(S86, 'FieldProperty') });
    // The entry is an anonymous type nested in the dictionary.
    const entryType = t.fields[0]!.type;
    assert.deepEqual(entryType, { kind: 'type', id: id(S86, 'FieldPropertyDictionary/FieldPropertyDictionaryKeyValuePair') });
    assert.deepEqual(typeById(entryType.kind === 'type' ? entryType.id : '').origin, {
      kind: 'anonymous',
      path: ['FieldPropertyDictionary', 'FieldPropertyDictionaryKeyValuePair'],
    });
  });

  test('ArrayOfstring follows the array convention: a list of xs:string in the Arrays namespace', () => {
    const t = complex(id(WCF_ARRAYS_NS, 'ArrayOfstring'));
    assert.deepEqual(t.name, { namespace: WCF_ARRAYS_NS, name: 'ArrayOfstring' });
    const c = t.convention;
    assert.ok(c && c.kind === 'array', 'array convention');
    const item: Omit<ElementField, 'location'> = {
      kind: 'element',
      name: 'string',
      namespace: WCF_ARRAYS_NS,
      type: { kind: 'builtin', name: 'string' },
      minOccurs: 0,
      maxOccurs: 'unbounded',
      nillable: true,
    };
    const { location, ...rest } = c.item;
    assert.equal(location.file, 'wsdl/Serialization.Arrays.xsd');
    assert.deepEqual(rest, item);
  });

  test('a field typed q1:ArrayOfstring resolves to the Arrays namespace type', () => {
    const t = complex(id(S86, 'CredentialsGroupUsers'));
    const headings = t.fields.find((f) => f.name === 'Headings');
    assert.ok(headings, 'CredentialsGroupUsers has Headings');
    assert.deepEqual(headings.type, { kind: 'type', id: id(WCF_ARRAYS_NS, 'ArrayOfstring') });
    assert.equal(headings.namespace, S86);
  });

  const wellKnownCases = [
    { name: 'guid', base: 'string', patterns: ['[\\da-fA-F]{8}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{12}'] },
    { name: 'char', base: 'int', patterns: undefined },
    { name: 'duration', base: 'duration', patterns: ['\\-?P(\\d*D)?(T(\\d*H)?(\\d*M)?(\\d*(\\.\\d*)?S)?)?'] },
  ] as const;
  for (const { name, base, patterns } of wellKnownCases) {
    test(`Serialization ${name} is a well-known restriction of xs:${base}`, () => {
      const t = typeById(id(WCF_SERIALIZATION_NS, name));
      assert.equal(t.kind, 'restriction');
      if (t.kind !== 'restriction') return;
      assert.equal(t.wellKnown, name);
      assert.deepEqual(t.base, { kind: 'builtin', name: base });
      assert.deepEqual(t.facets.patterns, patterns);
    });
  }

  test('duration keeps its range facets', () => {
    const t = typeById(id(WCF_SERIALIZATION_NS, 'duration'));
    assert.ok(t.kind === 'restriction');
    assert.equal(t.facets.minInclusive, '-P10675199DT2H48M5.4775808S');
    assert.equal(t.facets.maxInclusive, 'P10675199DT2H48M5.4775807S');
  });

  test('SoExceptionInfo is recursive through InnerException', () => {
    const t = complex(id(S86, 'SoExceptionInfo'));
    const inner = t.fields.find((f) => f.name === 'InnerException');
    assert.ok(inner, 'InnerException field');
    assert.deepEqual(inner.type, { kind: 'type', id: t.id });
    assert.equal(inner.nillable, true);
  });
});

describe('User contract: model invariants', () => {
  test('every type reference points at a type in the model', () => {
    const ids = new Set(model.types.map((t) => t.id));
    const refs = collectTypeRefs(JSON.parse(JSON.stringify(model)));
    assert.ok(refs.length > 400, `found ${refs.length} type references`);
    const dangling = refs.filter((r) => !ids.has(r));
    assert.deepEqual(dangling, []);
  });

  test('every part and header element is a declared element', () => {
    const elements = new Set(model.elements.map((e) => `{${e.name.namespace}}${e.name.name}`));
    for (const op of operations()) {
      for (const use of [op.input, op.output!]) {
        for (const p of [...use.body.map((b) => b.element!), ...use.headers.map((h) => h.element)]) {
          assert.ok(elements.has(`{${p.namespace}}${p.name}`), `${op.name}: ${p.name}`);
        }
      }
    }
  });

  test('two loads give identical JSON', async () => {
    const again = await loadModel(CONTRACT);
    assert.equal(JSON.stringify(again), JSON.stringify(model));
  });
});

/** Every `{kind: 'type', id}` object anywhere in a JSON value. */
function collectTypeRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) collectTypeRefs(v, out);
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o['kind'] === 'type') {
      assert.equal(typeof o['id'], 'string', 'a type reference has a string id');
      assert.deepEqual(Object.keys(o).sort(), ['id', 'kind']);
      out.push(o['id'] as string);
    }
    for (const v of Object.values(o)) collectTypeRefs(v, out);
  }
  return out;
}

describe('wsdl/ as committed', () => {
  test('no file in wsdl/ carries documentation', () => {
    const files = readdirSync('wsdl').sort();
    assert.deepEqual(files, [
      'Serialization.Arrays.xsd',
      'Serialization.xsd',
      'Services86.xsd',
      'SoPrincipal.wsdl',
      'SoPrincipal.xsd',
      'System.Security.Cryptography.xsd',
      'User.wsdl',
    ]);
    for (const f of files) {
      const text = readFileSync(path.join('wsdl', f), 'utf8');
      assert.equal(text.includes('<summary>'), false, `${f} has no <summary>`);
      assert.equal(text.includes('documentation'), false, `${f} has no documentation`);
    }
    assert.equal(JSON.stringify(model).includes('"documentation"'), false, 'the model holds no documentation');
  });
});

describe('mixed content', () => {
  test('a mixed type, and a type extending it without restating mixed, keep their content as raw XML', async () => {
    const model = await loadModel('test/fixtures/golden/mixed/input/service.wsdl');
    const shape = (name: string) => {
      const t = model.types.find((x) => x.id === id('urn:mixed', name));
      assert.ok(t?.kind === 'complex', `${name} is a complex type`);
      return { mixed: t.mixed, fields: t.fields, text: t.text, base: t.base, attributes: t.attributes.map((a) => a.name) };
    };
    assert.deepEqual(shape('Paragraph'), { mixed: true, fields: [], text: { kind: 'builtin', name: 'anyType' }, base: undefined, attributes: ['lang'] });
    assert.deepEqual(shape('Note'), {
      mixed: true,
      fields: [],
      text: { kind: 'builtin', name: 'anyType' },
      base: { kind: 'type', id: id('urn:mixed', 'Paragraph') },
      attributes: ['author'],
    });
  });
});
