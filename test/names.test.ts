/**
 * Naming: XML names to TypeScript identifiers, and the clash rule that makes every name unique
 * independently of declaration order.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assignNames, assignUnique, camelCase, pascalCase, safeIdentifier } from '../generator/names.ts';
import type { Binding, ComplexType, Model, Operation } from '../generator/model.ts';

describe('pascalCase', () => {
  const cases: [given: string, want: string][] = [
    ['ServiceAuth', 'ServiceAuth'],
    ['char', 'Char'],
    ['guid', 'Guid'],
    ['ArrayOfstring', 'ArrayOfstring'],
    // reserved words are fine capitalised; a capitalised global the generated code uses is not
    ['class', 'Class'],
    ['delete', 'Delete'],
    ['default', 'Default'],
    ['string', 'String_'],
    ['array', 'Array_'],
    ['promise', 'Promise_'],
    // a leading digit
    ['1st', '_1st'],
    ['2', '_2'],
    // characters that cannot be in an identifier separate words
    ['foo-bar', 'FooBar'],
    ['a.b', 'AB'],
    ['soap:Header', 'SoapHeader'],
    ['with space', 'WithSpace'],
    ['-', '_'],
    ['', '_'],
    // underscores and dollars are identifier characters and stay
    ['snake_case', 'Snake_case'],
    ['_private', '_private'],
    ['$ref', '$ref'],
    // acronyms are kept as written
    ['URLPath', 'URLPath'],
  ];
  for (const [given, want] of cases) {
    test(`${JSON.stringify(given)} -> ${want}`, () => assert.equal(pascalCase(given), want));
  }
});

describe('camelCase', () => {
  const cases: [given: string, want: string][] = [
    ['SaveServiceAuth', 'saveServiceAuth'],
    ['GetUser', 'getUser'],
    ['delete', 'delete_'],
    ['Delete', 'delete_'],
    ['default', 'default_'],
    ['class', 'class_'],
    ['New', 'new_'],
    ['Type', 'type_'],
    ['String', 'string_'],
    ['1st', '_1st'],
    ['foo-bar', 'fooBar'],
    // `a.b` is `AB` in PascalCase, which reads as an acronym
    ['a.b', 'ab'],
    // a leading acronym is lowered as a whole, up to the next word
    ['URLPath', 'urlPath'],
    ['HTTPServer', 'httpServer'],
    ['ID', 'id'],
    ['URL', 'url'],
    ['IsURLValid', 'isURLValid'],
    ['A', 'a'],
    ['x', 'x'],
  ];
  for (const [given, want] of cases) {
    test(`${JSON.stringify(given)} -> ${want}`, () => assert.equal(camelCase(given), want));
  }
});

describe('safeIdentifier', () => {
  const cases: [given: string, want: string][] = [
    ['value', 'value'],
    ['delete', 'delete_'],
    ['default', 'default_'],
    ['class', 'class_'],
    ['await', 'await_'],
    ['undefined', 'undefined_'],
    ['Record', 'Record_'],
    ['Date', 'Date_'],
    ['Class', 'Class'],
    ['Delete', 'Delete'],
    ['1st', '_1st'],
    ['9lives', '_9lives'],
    ['_1st', '_1st'],
  ];
  for (const [given, want] of cases) {
    test(`${JSON.stringify(given)} -> ${want}`, () => assert.equal(safeIdentifier(given), want));
  }
});

// ---------------------------------------------------------------------------------------------
// Clashes

type Want = Parameters<typeof assignUnique>[0][number];

const want = (key: string, name: string, namespace: string, rank = 0): Want => ({ key, name, rank, namespace });

describe('assignUnique', () => {
  const cases: { name: string; wants: Want[]; expected: Record<string, string> }[] = [
    {
      name: 'no clash: every name as wanted',
      wants: [want('a', 'User', 'urn:a'), want('b', 'Role', 'urn:a')],
      expected: { a: 'User', b: 'Role' },
    },
    {
      name: 'same local name in two namespaces: the namespace that sorts first keeps it',
      wants: [want('b', 'User', 'urn:b'), want('a', 'User', 'urn:a')],
      expected: { a: 'User', b: 'User2' },
    },
    {
      name: 'three claimants get 2 and 3 in namespace order',
      wants: [want('c', 'User', 'urn:c'), want('a', 'User', 'urn:a'), want('b', 'User', 'urn:b')],
      expected: { a: 'User', b: 'User2', c: 'User3' },
    },
    {
      name: 'a named type beats an anonymous one, whatever the namespaces',
      wants: [want('anon', 'Result', 'urn:a', 1), want('named', 'Result', 'urn:z', 0)],
      expected: { named: 'Result', anon: 'Result2' },
    },
    {
      name: 'a derived name yields to a contract type',
      wants: [want('client', 'UserAgent', '', 2), want('type', 'UserAgent', 'urn:a', 0)],
      expected: { type: 'UserAgent', client: 'UserAgent2' },
    },
    {
      name: 'a derived name yields to an anonymous type too',
      wants: [want('client', 'UserAgent', '', 2), want('type', 'UserAgent', 'urn:a', 1)],
      expected: { type: 'UserAgent', client: 'UserAgent2' },
    },
    {
      name: 'same name and namespace: the key decides',
      wants: [want('y', 'Item', 'urn:a'), want('x', 'Item', 'urn:a')],
      expected: { x: 'Item', y: 'Item2' },
    },
    {
      name: 'a suffix never takes the name of another type',
      wants: [want('b', 'User', 'urn:b'), want('a', 'User', 'urn:a'), want('c', 'User2', 'urn:c')],
      expected: { a: 'User', b: 'User3', c: 'User2' },
    },
    {
      name: 'names differing only in case do not clash',
      wants: [want('a', 'user', 'urn:a'), want('b', 'User', 'urn:a')],
      expected: { a: 'user', b: 'User' },
    },
  ];
  for (const { name, wants, expected } of cases) {
    test(name, () => {
      assert.deepEqual(Object.fromEntries(assignUnique(wants)), expected);
      assert.deepEqual(Object.fromEntries(assignUnique([...wants].reverse())), expected, 'reversed input');
    });
  }
});

// ---------------------------------------------------------------------------------------------
// assignNames over a small model

const at = { file: 'test.wsdl', line: 1, column: 1 };

function namedType(namespace: string, name: string): ComplexType {
  return {
    kind: 'complex',
    id: `{${namespace}}${name}`,
    name: { namespace, name },
    origin: { kind: 'named' },
    abstract: false,
    mixed: false,
    fields: [],
    attributes: [],
    location: at,
  };
}

/** An anonymous type: the innermost name of `path` is the one it wants. */
function anonymousType(namespace: string, path: string[]): ComplexType {
  return {
    ...namedType(namespace, path.at(-1)!.replace(/^[a-z]+:/, '')),
    id: `{${namespace}}${path.join('/')}`,
    origin: { kind: 'anonymous', path },
  };
}

function operation(name: string): Operation {
  return {
    kind: 'operation',
    name,
    soapAction: `urn:test/${name}`,
    style: 'document',
    input: {
      kind: 'messageUse',
      message: { namespace: 'urn:t', name: `${name}Request` },
      body: [],
      content: { kind: 'element', element: { namespace: 'urn:t', name } },
      use: 'literal',
      headers: [],
    },
    faults: [],
    location: at,
  };
}

function modelOf(types: ComplexType[], operations: string[] = [], portType = 'User'): { model: Model; binding: Binding } {
  const binding: Binding = {
    kind: 'binding',
    name: { namespace: 'urn:t', name: `BasicHttpBinding_${portType}` },
    portType: { namespace: 'urn:t', name: portType },
    soapVersion: '1.1',
    style: 'document',
    transport: 'http://schemas.xmlsoap.org/soap/http',
    operations: operations.map(operation),
    location: at,
  };
  const model: Model = {
    kind: 'model',
    source: 'test.wsdl',
    name: 'Test',
    targetNamespace: 'urn:t',
    services: [],
    bindings: [binding],
    types,
    elements: [],
    attributes: [],
  };
  return { model, binding };
}

describe('assignNames', () => {
  const typeCases: { name: string; types: ComplexType[]; expected: Record<string, string> }[] = [
    {
      name: 'duplicate local names in two namespaces',
      types: [namedType('urn:b', 'Item'), namedType('urn:a', 'Item')],
      expected: { '{urn:a}Item': 'Item', '{urn:b}Item': 'Item2' },
    },
    {
      name: 'a named type keeps its name against an anonymous request wrapper',
      types: [anonymousType('urn:a', ['element:SaveUser']), namedType('urn:z', 'SaveUser')],
      expected: { '{urn:z}SaveUser': 'SaveUser', '{urn:a}element:SaveUser': 'SaveUser2' },
    },
    {
      name: 'anonymous types take the innermost enclosing name',
      types: [anonymousType('urn:a', ['Dictionary', 'KeyValuePair']), anonymousType('urn:a', ['element:GetUser'])],
      expected: { '{urn:a}Dictionary/KeyValuePair': 'KeyValuePair', '{urn:a}element:GetUser': 'GetUser' },
    },
    {
      name: 'reserved and invalid XML names',
      types: [namedType('urn:a', 'class'), namedType('urn:a', 'string'), namedType('urn:a', '1st'), namedType('urn:a', 'foo-bar')],
      expected: { '{urn:a}class': 'Class', '{urn:a}string': 'String_', '{urn:a}1st': '_1st', '{urn:a}foo-bar': 'FooBar' },
    },
    {
      name: 'names that become equal only after conversion still clash',
      types: [namedType('urn:a', 'foo-bar'), namedType('urn:a', 'FooBar')],
      expected: { '{urn:a}FooBar': 'FooBar', '{urn:a}foo-bar': 'FooBar2' },
    },
  ];
  for (const { name, types, expected } of typeCases) {
    test(name, () => {
      const forward = modelOf(types);
      assert.deepEqual(assignNames(forward.model, forward.binding).types, expected);
      const reversed = modelOf([...types].reverse());
      assert.deepEqual(assignNames(reversed.model, reversed.binding).types, expected, 'reversed declarations');
    });
  }

  test('derived names come from the portType', () => {
    const { model, binding } = modelOf([namedType('urn:a', 'User')]);
    const names = assignNames(model, binding);
    assert.deepEqual(
      [names.client, names.requestHeaders, names.responseHeaders, names.operationMap, names.types['{urn:a}User']],
      ['UserAgent', 'UserRequestHeaders', 'UserResponseHeaders', 'UserOperations', 'User'],
    );
  });

  test('a derived name yields to a contract type of the same name', () => {
    const { model, binding } = modelOf([namedType('urn:a', 'UserAgent'), namedType('urn:a', 'UserOperations')]);
    const names = assignNames(model, binding);
    assert.equal(names.types['{urn:a}UserAgent'], 'UserAgent');
    assert.equal(names.types['{urn:a}UserOperations'], 'UserOperations');
    assert.equal(names.client, 'UserAgent2');
    assert.equal(names.operationMap, 'UserOperations2');
    assert.equal(names.requestHeaders, 'UserRequestHeaders');
  });

  test('operation methods and functions', () => {
    const { model, binding } = modelOf([], ['SaveServiceAuth', 'Delete', 'GetURLPath']);
    assert.deepEqual(assignNames(model, binding).operations, {
      SaveServiceAuth: {
        method: 'saveServiceAuth',
        serializeRequest: 'serializeSaveServiceAuthRequest',
        parseRequest: 'parseSaveServiceAuthRequest',
        serializeResponse: 'serializeSaveServiceAuthResponse',
        parseResponse: 'parseSaveServiceAuthResponse',
      },
      Delete: {
        method: 'delete_',
        serializeRequest: 'serializeDeleteRequest',
        parseRequest: 'parseDeleteRequest',
        serializeResponse: 'serializeDeleteResponse',
        parseResponse: 'parseDeleteResponse',
      },
      GetURLPath: {
        method: 'getURLPath',
        serializeRequest: 'serializeGetURLPathRequest',
        parseRequest: 'parseGetURLPathRequest',
        serializeResponse: 'serializeGetURLPathResponse',
        parseResponse: 'parseGetURLPathResponse',
      },
    });
  });

  test('operation methods that clash after camelCase get a suffix, the same in either order', () => {
    for (const ops of [
      ['GetUser', 'getUser'],
      ['getUser', 'GetUser'],
    ]) {
      const { model, binding } = modelOf([], ops);
      const methods = Object.fromEntries(Object.entries(assignNames(model, binding).operations).map(([op, n]) => [op, n.method]));
      assert.deepEqual(methods, { GetUser: 'getUser', getUser: 'getUser2' });
    }
  });
});
