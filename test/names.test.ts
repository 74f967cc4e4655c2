/**
 * Naming: XML names to TypeScript identifiers, and the clash rule that makes every name unique
 * independently of declaration order.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ts from 'typescript';
import {
  assignNames,
  assignUnique,
  camelCase,
  OBJECT_MEMBERS,
  pascalCase,
  propertyKey,
  RUNTIME_EXPORTS,
  safeIdentifier,
} from '../generator/names.ts';
import { GeneratorError } from '../generator/errors.ts';
import type { Binding, ComplexType, Model, Operation } from '../generator/model.ts';
import * as torture from './fixtures/golden/name-torture/expected/src/index.ts';

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
    // letters of any script are identifier characters; those without case stay as they are
    ['получить', 'Получить'],
    ['取得', '取得'],
    ['取得-ユーザー', '取得ユーザー'],
    ['straße', 'Straße'],
    // XML name characters that are not identifier characters separate words (U+00B7 and U+203F are identifier parts)
    ['a·b', 'A·b'],
    ['x\u3001y', 'XY'],
    ['e\u0301t\u00E9', 'E\u0301t\u00E9'],
    // a character that cannot start an identifier (a combining mark, a digit of another script) gets `_`
    ['\u0301x', '_\u0301x'],
    ['\u0663x', '_\u0663x'],
    ['__proto__', '__proto___'],
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
    ['Получить', 'получить'],
    ['取得', '取得'],
    ['ΩMega', 'ωMega'],
    ['toString', 'toString'],
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

// ---------------------------------------------------------------------------------------------
// One rule for every identifier space

describe('propertyKey', () => {
  const cases: [given: string, want: string][] = [
    ['Name', 'Name'],
    ['constructor', 'constructor'],
    ['toString', 'toString'],
    ['取得', '取得'],
    ['foo-bar', '"foo-bar"'],
    ['1', '"1"'],
    ['', '""'],
    // `__proto__: x` and `"__proto__": x` both set the prototype of an object literal
    ['__proto__', '["__proto__"]'],
  ];
  for (const [given, want] of cases) {
    test(`${JSON.stringify(given)} -> ${want}`, () => assert.equal(propertyKey(given), want));
  }

  test('every key makes an own property of that name, and the prototype stays Object.prototype', () => {
    for (const [given, key] of cases) {
      const object = new Function(`return { ${key}: 1 };`)() as Record<string, unknown>;
      assert.ok(Object.hasOwn(object, given), given);
      assert.equal(Object.getPrototypeOf(object), Object.prototype, given);
    }
  });
});

describe('reserved names of each space', () => {
  test("RUNTIME_EXPORTS is what templates/runtime/index.ts exports (the package re-exports it beside the contract's names)", () => {
    const file = 'templates/runtime/index.ts';
    const program = ts.createProgram([file], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true });
    const checker = program.getTypeChecker();
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)!)!).map((s) => s.name);
    assert.deepEqual([...RUNTIME_EXPORTS].sort(), exports.sort());
  });

  test('OBJECT_MEMBERS are the own properties of Object.prototype', () => {
    assert.deepEqual([...OBJECT_MEMBERS].sort(), Object.getOwnPropertyNames(Object.prototype).sort());
  });

  test('contract types named like runtime exports and the declarations of every package get `_`', () => {
    const { model, binding } = modelOf(['SoapError', 'SoapFaultError', 'XmlParseError', 'SoapClient', 'Schema', 'CallResult', 'readMessage'].map((n) => namedType('urn:a', n)));
    assert.deepEqual(Object.values(assignNames(model, binding).types).sort(), ['CallResult_', 'ReadMessage', 'Schema_', 'SoapClient_', 'SoapError_', 'SoapFaultError_', 'XmlParseError_']);
  });

  test('methods never name an agent member, an Object.prototype member or `then`', () => {
    const ops = ['Call', 'call', 'Then', 'then', 'constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'];
    const { model, binding } = modelOf([], ops);
    const methods = Object.fromEntries(Object.entries(assignNames(model, binding).operations).map(([op, n]) => [op, n.method]));
    assert.deepEqual(methods, {
      Call: 'call_',
      call: 'call2',
      Then: 'then_',
      then: 'then2',
      constructor: 'constructor_',
      toString: 'toString_',
      ['__proto__']: '__proto___',
      valueOf: 'valueOf_',
      hasOwnProperty: 'hasOwnProperty_',
    });
  });

  test('operations equal after conversion share one suffix in their method and functions; the one written so keeps the name', () => {
    for (const ops of [
      ['GetUser', 'getUser', 'Get-User'],
      ['Get-User', 'getUser', 'GetUser'],
    ]) {
      const { model, binding } = modelOf([], ops);
      const names = assignNames(model, binding).operations;
      assert.deepEqual(
        ops.map((op) => [op, names[op]!.method, names[op]!.serializeRequest, names[op]!.parseResponse]).sort(),
        [
          ['Get-User', 'getUser2', 'serializeGetUser2Request', 'parseGetUser2Response'],
          ['GetUser', 'getUser', 'serializeGetUserRequest', 'parseGetUserResponse'],
          ['getUser', 'getUser3', 'serializeGetUser3Request', 'parseGetUser3Response'],
        ],
      );
    }
  });

  test('non-ASCII operation names keep their letters', () => {
    const { model, binding } = modelOf([], ['Получить', '取得']);
    const names = assignNames(model, binding).operations;
    assert.deepEqual([names['Получить']!.method, names['Получить']!.serializeRequest], ['получить', 'serializeПолучитьRequest']);
    assert.deepEqual([names['取得']!.method, names['取得']!.parseRequest], ['取得', 'parse取得Request']);
  });

  test('header options: reserved option names and constructor locals get `_`; a part named __proto__ is a located error', () => {
    const withHeaders = (parts: string[]) => {
      const { model, binding } = modelOf([], ['Op']);
      const op = binding.operations[0]!;
      const headers = parts.map((part, i) => ({ kind: 'header' as const, message: { namespace: 'urn:t', name: 'H' }, part, element: { namespace: 'urn:t', name: `H${i}` }, use: 'literal' as const, location: { file: 'test.wsdl', line: 3 + i, column: 5 } }));
      return { model, binding: { ...binding, operations: [{ ...op, input: { ...op.input, headers } }] } };
    };
    const { model, binding } = withHeaders(['Credentials', 'Headers', 'endpoint', 'options', 'service', 'toString', 'then', 'Options']);
    assert.deepEqual(Object.fromEntries(assignNames(model, binding).headerOptions), {
      Credentials: 'credentials',
      Headers: 'headers_',
      endpoint: 'endpoint_',
      options: 'options_',
      service: 'service_',
      toString: 'toString_',
      then: 'then_',
      Options: 'options_2',
    });
    const proto = withHeaders(['__proto__']);
    assert.throws(() => assignNames(proto.model, proto.binding), (e: unknown) => {
      assert.ok(e instanceof GeneratorError);
      assert.equal(e.code, 'UNSUPPORTED');
      assert.deepEqual(e.location, { file: 'test.wsdl', line: 3, column: 5 });
      return true;
    });
  });

  test("the client's options follow the client's name; the test double's names are unique package exports", () => {
    const { model, binding } = modelOf([namedType('urn:a', 'UserAgent'), namedType('urn:a', 'UserHandlers')]);
    const names = assignNames(model, binding);
    assert.deepEqual(
      [names.client, names.clientOptions, names.handlers, names.handlerContext, names.createService],
      ['UserAgent2', 'UserAgent2Options', 'UserHandlers2', 'UserHandlerContext', 'createUserService'],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The name-torture fixture: every name above in one contract, generated, compiled strictly
// (test/generate.test.ts) and exercised here.

describe('a contract of hostile names (fixture name-torture)', () => {
  const Agent = torture.TortureAgent2;
  /** Each operation: its method and its request and response functions. */
  const table: [op: string, method: string, request: keyof typeof torture, response: keyof typeof torture][] = [
    ['GetUser', 'getUser', 'serializeGetUserRequest', 'parseGetUserResponse'],
    ['getUser', 'getUser4', 'serializeGetUser4Request', 'parseGetUser4Response'],
    ['Get-User', 'getUser2', 'serializeGetUser2Request', 'parseGetUser2Response'],
    ['Get.User', 'getUser3', 'serializeGetUser3Request', 'parseGetUser3Response'],
    ['get_user', 'get_user', 'serializeGet_userRequest', 'parseGet_userResponse'],
    ['Получить', 'получить', 'serializeПолучитьRequest', 'parseПолучитьResponse'],
    ['取得', '取得', 'serialize取得Request', 'parse取得Response'],
    ['Call', 'call_', 'serializeCallRequest', 'parseCallResponse'],
    ['call', 'call2', 'serializeCall2Request', 'parseCall2Response'],
    ['__proto__', '__proto___', 'serialize__proto__Request', 'parse__proto__Response'],
    ['constructor', 'constructor_', 'serializeConstructorRequest', 'parseConstructorResponse'],
    ['toString', 'toString_', 'serializeToStringRequest', 'parseToStringResponse'],
    ['Then', 'then_', 'serializeThenRequest', 'parseThenResponse'],
    ['then', 'then2', 'serializeThen2Request', 'parseThen2Response'],
    ['valueOf', 'valueOf_', 'serializeValueOfRequest', 'parseValueOfResponse'],
    ['hasOwnProperty', 'hasOwnProperty_', 'serializeHasOwnPropertyRequest', 'parseHasOwnPropertyResponse'],
    ['default', 'default_', 'serializeDefaultRequest', 'parseDefaultResponse'],
    ['Probe', 'probe', 'serializeProbeRequest', 'parseProbeResponse'],
  ];
  /** A request with every member of the operation's wrapper set. */
  const requests: Record<string, Record<string, unknown>> = Object.create(null);
  for (const [op] of table) requests[op] = { Id: 7 };
  requests['toString'] = { constructor: 'c', toString: 't', valueOf: 'v', ['__proto__']: 'p', hasOwnProperty: 'h' };
  requests['constructor'] = { constructor: 'c' };
  requests['__proto__'] = { ['__proto__']: 'p', Id: 1 };
  requests['Получить'] = { Имя: 'Анна', Возраст: 30 };
  requests['取得'] = { 名前: '花子' };
  requests['Probe'] = {
    SoapError: { Code: 'a' },
    XmlParseError: { Code: 'b' },
    SoapClient: { Code: 'c' },
    Пользователь: { Code: 'd' },
    straße: { Code: 'e' },
    Straße: { Code: 'f' },
    Literal: Object.values(torture.Literal),
  };
  type Fn = (...args: unknown[]) => { body: unknown };
  const offline = (double: { fetch: (request: Request) => Promise<Response> }) => (input: RequestInfo | URL, init?: RequestInit) => double.fetch(new Request(input, init));

  test('every operation has its own method and message functions, and each round-trips its request and response', () => {
    assert.deepEqual(table.map(([op]) => op).sort(), Object.keys(torture.operations).sort());
    assert.equal(new Set(table.map(([, method]) => method)).size, table.length);
    for (const [op, method, request, response] of table) {
      assert.equal(typeof Agent.prototype[method as keyof typeof Agent.prototype], 'function', method);
      const body = requests[op]!;
      const xml = (torture[request] as unknown as Fn)(body) as unknown as string;
      const parseRequest = torture[request.replace(/^serialize/, 'parse') as keyof typeof torture] as unknown as Fn;
      assert.deepEqual(parseRequest(xml).body, body, op);
      const serializeResponse = torture[response.replace(/^parse/, 'serialize') as keyof typeof torture] as unknown as Fn;
      const answer = { [`${op}Result`]: `${op}!` };
      assert.deepEqual((torture[response] as unknown as Fn)(serializeResponse(answer)).body, answer, op);
    }
  });

  test('the client calls every operation of the test double by its method, with headers named like its options', async () => {
    const seen: unknown[] = [];
    const handlers: Record<string, (request: unknown, context: torture.TortureHandlerContext2) => string> = {};
    for (const [op, method] of table) {
      handlers[method] = (request, context) => {
        seen.push([op, request, context.requestHeaders]);
        return `${op}!`;
      };
    }
    const double = torture.createTortureService(handlers as torture.TortureHandlers2);
    const agent = new Agent({ endpoint: 'http://localhost/torture', fetch: offline(double), options_: 'session', service_: 'trace', then_: 'token' });
    for (const [op, method] of table) {
      const call = agent[method as keyof typeof agent] as unknown as (request: unknown) => Promise<unknown>;
      assert.equal(await call.call(agent, requests[op]), `${op}!`, op);
    }
    const headers = { options: 'session', Service: 'trace', then: 'token' };
    assert.deepEqual(seen, table.map(([op]) => [op, requests[op], headers]));
    // `call` by operation name reaches the same operations
    assert.deepEqual(await agent.call('__proto__', {}), { result: '__proto__!', response: { __proto__Result: '__proto__!' }, headers: {}, extraHeaders: [], warnings: [] });
  });

  test('a request whose every member is optional may be omitted, even with members named like Object.prototype members', async () => {
    const double = torture.createTortureService({ toString_: (request) => JSON.stringify(request), constructor_: (request) => JSON.stringify(request) });
    const agent = new Agent({ endpoint: 'http://localhost/torture', fetch: offline(double) });
    assert.equal(await agent.toString_(), '{}');
    assert.equal(await agent.constructor_(), '{}');
    assert.deepEqual(torture.parseToStringRequest(torture.serializeToStringRequest()).body, {});
  });

  test('an operation without a handler is a fault, even where its name is an Object.prototype member', async () => {
    const agent = new Agent({ endpoint: 'http://localhost/torture', fetch: offline(torture.createTortureService({})) });
    for (const method of ['toString_', 'constructor_', 'valueOf_', 'hasOwnProperty_', '__proto___'] as const) {
      await assert.rejects(agent[method](), { name: 'SoapFaultError', message: /is not implemented/ }, method);
    }
  });

  test('the agent is not a thenable: awaiting it from an async factory settles', async () => {
    const make = async () => new Agent({ endpoint: 'http://localhost/torture' });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the agent was awaited forever')), 2000)));
    try {
      assert.ok((await Promise.race([make(), timeout])) instanceof Agent);
    } finally {
      clearTimeout(timer);
    }
    assert.equal(String(new Agent({ endpoint: 'http://localhost/torture' })), '[object Object]');
  });

  test('object literals keyed by contract names hold own properties, never a prototype', () => {
    for (const object of [torture.Literal, torture.resultMembers, torture.operations] as Record<string, unknown>[]) {
      assert.equal(Object.getPrototypeOf(object), Object.prototype);
      assert.ok(Object.hasOwn(object, '__proto__'));
    }
    assert.equal(torture.Literal['__proto__'], '__proto__');
    assert.equal(torture.Literal[''], '');
    assert.equal(torture.resultMembers['__proto__'], '__proto__Result');
  });

  test("contract types named like runtime exports leave the runtime's exports in place", () => {
    assert.ok(new torture.SoapError('CODE', 'x') instanceof Error);
    assert.equal(typeof torture.SoapClient, 'function');
    const probe: torture.Probe = { SoapError: { Code: 'x' } satisfies torture.SoapError_, SoapClient: { Code: 'y' } satisfies torture.SoapClient_ };
    assert.deepEqual(torture.parseProbeRequest(torture.serializeProbeRequest(probe)).body, probe);
  });
});
