/**
 * Naming: XML names to TypeScript identifiers. A pure phase over the IR.
 *
 * Rules (documented in the README):
 * - Types: PascalCase of the XML local name (`char` -> `Char`); anonymous types take the name of
 *   the element that holds them (`SaveServiceAuth` for the request wrapper).
 * - Operations: camelCase methods (`saveServiceAuth`), PascalCase inside function names
 *   (`serializeSaveServiceAuthRequest`).
 * - Properties keep their XML names exactly (quoted by the emitter where they are not identifiers).
 * - Characters that cannot appear in an identifier separate words (`foo-bar` -> `FooBar`); a
 *   character that cannot start one (a digit, a combining mark) gets a `_` prefix.
 * - One rule for every identifier space (the package's exports and module-level names, the
 *   agent's members and handler keys, the agent's options): a name reserved in its space gets a
 *   `_` suffix; then all wanted names are sorted by (name, named types before anonymous types
 *   before names the generator derives, namespace URI, id). The first in that order keeps the
 *   name; each later one gets the lowest free numeric suffix starting at 2 (`User`, `User2`),
 *   where names wanted as they are count as taken. The order never depends on the order of
 *   declarations in the documents.
 * - Object-literal keys: an identifier as it is, `__proto__` computed (`["__proto__"]`, an own
 *   property, not the prototype), anything else quoted.
 */
import { createRequire } from 'node:module';
import { GeneratorError } from './errors.ts';
import type { Binding, Model, TypeDef } from './model.ts';

/** Words that cannot name a type or a variable in a TypeScript module, and globals generated code refers to. */
export const RESERVED = new Set([
  // ECMAScript reserved words and strict-mode restrictions
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'arguments', 'eval',
  // names with a meaning of their own on every object or class
  '__proto__', 'constructor',
  // TypeScript type keywords
  'any', 'boolean', 'number', 'string', 'symbol', 'bigint', 'object', 'never', 'unknown', 'undefined', 'type',
  // globals the generated code uses by name
  'Array', 'Map', 'ReadonlyMap', 'Uint8Array', 'Promise', 'Record', 'Partial', 'Error', 'Object', 'String', 'Number',
  'Boolean', 'Symbol', 'Date', 'AbortSignal', 'RequestInit', 'Response', 'Request', 'Readonly',
  // declared by the generated types.ts for raw XML (xs:any, xs:anyType)
  'XmlFragment',
]);

/**
 * What `export * from './runtime/index.js'` puts beside the contract's names in every package
 * (test/names.test.ts checks this list against templates/runtime/index.ts).
 */
export const RUNTIME_EXPORTS: readonly string[] = [
  'ArrayDesc', 'AttributeDesc', 'CallOptions', 'ChoiceDesc', 'ComplexDesc', 'DEFAULT_TIMEOUT_MS', 'DEFAULT_XML_LIMITS',
  'DictionaryDesc', 'EnumDesc', 'FieldDesc', 'FlagsDesc', 'HandlerContext', 'HeaderDesc', 'ListDesc', 'MessageDesc',
  'OperationDesc', 'OperationHandler', 'PrimitiveName', 'RestrictionDesc', 'SOAP11_NS', 'SOAP12_NS', 'Schema',
  'ServiceDesc', 'SoapAbortError', 'SoapClient', 'SoapClientOptions', 'SoapError', 'SoapFaultError', 'SoapFaultInit',
  'SoapHttpError', 'SoapResponse', 'SoapService', 'SoapServiceError', 'SoapServiceErrorClass', 'SoapServiceOptions',
  'SoapServiceRequest', 'SoapServiceResponse',
  'SoapTimeoutError', 'SoapTransportError', 'SoapValidationError', 'TypeDesc', 'UnexpectedMessageError', 'XmlLimitError',
  'XmlLimits', 'XmlParseError', 'XmlTypeName', 'readMessage', 'writeMessage',
  'DEFAULT_TIMESTAMP_SECONDS', 'WSSE_NS', 'WSU_NS', 'WsSecurityOptions', 'basicAuth', 'bearerAuth',
  'passwordDigest', 'ReadingMode', 'ReadingWarning', 'ReadingWarningKind', 'MAX_WARNINGS',
];

/**
 * The package's exports and module-level names: a contract name must not take a runtime export,
 * a declaration every package has, or a keyword or global (RESERVED).
 */
export const PACKAGE_RESERVED = new Set([
  ...RESERVED,
  ...RUNTIME_EXPORTS,
  // declared by every package: operations.ts, client.ts and schema.ts
  'SerializeOptions', 'ParseOptions', 'ParsedMessage', 'resultMembers', 'AgentCallOptions', 'CallResult', 'operations', 'service',
  'RuntimeSoapServiceError',
]);

/** Object.prototype's own properties: every object has them, so no generated member or key may mean one of them. */
export const OBJECT_MEMBERS: readonly string[] = [
  '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', '__proto__', 'constructor',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf',
];

/**
 * The agent's members, which are also the test double's handler keys: Object.prototype's, the
 * agent's own `call`, and `then` (an agent with a `then` method is a thenable: `await` would call it).
 */
export const MEMBER_RESERVED = new Set([...OBJECT_MEMBERS, 'call', 'then']);

/**
 * The agent's options (one per request header): the runtime's SoapClientOptions, and the locals
 * of the agent's constructor (client.ts), which destructures the header options beside them.
 */
export const AGENT_OPTION_RESERVED = new Set([
  ...MEMBER_RESERVED,
  'endpoint', 'fetch', 'timeoutMs', 'headers', 'limits', 'followRedirects', 'security', 'extraHeaders', 'reading',
  'options', 'clientOptions', 'service', 'SoapClient',
]);

export interface OperationNames {
  /** Client method and test-double handler: `saveServiceAuth`. */
  readonly method: string;
  readonly serializeRequest: string;
  readonly parseRequest: string;
  readonly serializeResponse: string;
  readonly parseResponse: string;
}

export interface Names {
  /** Type id -> TypeScript type name, for every type in the model. */
  readonly types: Readonly<Record<string, string>>;
  /** Operation name -> its function and method names (own properties, whatever the names). */
  readonly operations: Readonly<Record<string, OperationNames>>;
  /** The client class (`UserAgent` for portType `User`). */
  readonly client: string;
  /** The options of the client class (`UserAgentOptions`). */
  readonly clientOptions: string;
  /** Request header part -> the client option that sets it (`Credentials` -> `credentials`). */
  readonly headerOptions: ReadonlyMap<string, string>;
  /** Interfaces of the SOAP headers sent with requests and received with responses. */
  readonly requestHeaders: string;
  readonly responseHeaders: string;
  /** The map from operation name to its request, result and header types. */
  readonly operationMap: string;
  /** The test double: its handlers interface, their context type and its factory. */
  readonly handlers: string;
  readonly handlerContext: string;
  readonly createService: string;
  /** The service's folder and namespace export in a package of several services ('' with one). */
  readonly folder: string;
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/**
 * TypeScript's own judgement of non-ASCII identifier characters (its Unicode tables), so a name
 * is an identifier exactly when the package's compiler accepts it, whatever Unicode version
 * Node's regular expressions know. Loaded on first use: naming runs only when emitting.
 */
let tsIdentifier: { start(cp: number): boolean; part(cp: number): boolean } | undefined;

function unicodeIdentifier(): NonNullable<typeof tsIdentifier> {
  if (!tsIdentifier) {
    const { ts } = createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');
    tsIdentifier = {
      start: (cp) => ts.isIdentifierStart(cp, ts.ScriptTarget.ESNext),
      part: (cp) => ts.isIdentifierPart(cp, ts.ScriptTarget.ESNext),
    };
  }
  return tsIdentifier;
}

const ASCII = /^[\x00-\x7F]*$/;

function isIdStart(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp < 0x80 ? /[A-Za-z_$]/.test(ch) : unicodeIdentifier().start(cp);
}

function isIdPart(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp < 0x80 ? /[A-Za-z0-9_$]/.test(ch) : unicodeIdentifier().part(cp);
}

/** The runs of identifier characters of an XML name: its words. */
function words(xmlName: string): string[] {
  // Most names are ASCII: one split, as fast as names were before other scripts were letters.
  if (ASCII.test(xmlName)) return xmlName.split(/[^A-Za-z0-9_$]+/).filter((w) => w !== '');
  const out: string[] = [];
  let word = '';
  for (const ch of xmlName) {
    if (isIdPart(ch)) word += ch;
    else if (word !== '') {
      out.push(word);
      word = '';
    }
  }
  if (word !== '') out.push(word);
  return out;
}

/** A word with its first letter in upper case, where that is still an identifier part (`ß` -> `SS`, `取` stays). */
function upperFirst(word: string): string {
  if (word.charCodeAt(0) < 0x80) return word.charAt(0).toUpperCase() + word.slice(1);
  const [first = '', ...rest] = word;
  const upper = first.toUpperCase();
  return ([...upper].every(isIdPart) ? upper : first) + rest.join('');
}

/** PascalCase identifier from an XML name. */
export function pascalCase(xmlName: string): string {
  const joined = words(xmlName).map(upperFirst).join('');
  return safeIdentifier(joined === '' ? '_' : joined);
}

/** camelCase identifier from an XML name. */
export function camelCase(xmlName: string): string {
  const pascal = pascalCase(xmlName);
  // Lower the leading run of capitals so acronyms read naturally: `URLPath` -> `urlPath`.
  const lowered = pascal.replace(/^\p{Lu}+(?=\p{Lu}\p{Ll}|$)|^\p{Lu}/u, (m) => {
    const lower = m.toLowerCase();
    return [...lower].every(isIdPart) && [...lower].length === [...m].length ? lower : m;
  });
  return safeIdentifier(lowered);
}

/** Prefixes a character that cannot start an identifier (a digit, a combining mark) and suffixes reserved words. */
export function safeIdentifier(name: string): string {
  const first = name.codePointAt(0);
  const s = first !== undefined && (first < 0x80 ? /[A-Za-z_$]/.test(name.charAt(0)) : isIdStart(String.fromCodePoint(first))) ? name : `_${name}`;
  return RESERVED.has(s) ? `${s}_` : s;
}

/** True when `name` can be written as a property name without quotes. */
export function isIdentifierName(name: string): boolean {
  if (ASCII.test(name)) return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
  const chars = [...name];
  return chars.length > 0 && isIdStart(chars[0]!) && chars.every(isIdPart);
}

/**
 * A name as a key of an object literal: an identifier as it is, anything else quoted, and
 * `__proto__` computed, because `__proto__: x` (quoted or not) sets the object's prototype.
 * Also used for the members of type literals and interfaces, so one name reads the same in both.
 */
export function propertyKey(name: string): string {
  if (name === '__proto__') return '["__proto__"]';
  return isIdentifierName(name) ? name : JSON.stringify(name);
}

// ---------------------------------------------------------------------------------------------
// The clash rule

export interface Wanted {
  readonly key: string;
  readonly name: string;
  /** 0 named type, 1 anonymous type, 2 a name the generator derives. */
  readonly rank: number;
  /** True when the name is not the XML name as written (`getUser` from `GetUser`): it yields to one that is. */
  readonly converted?: boolean;
  readonly namespace: string;
}

/**
 * Assigns unique names to a set of wants with the documented rule: a name in `reserved` gets a
 * `_` suffix, then the clash rule makes every name unique among the wants and `taken` (names an
 * enclosing space has handed out already).
 */
export function assignUnique(wants: readonly Wanted[], reserved: ReadonlySet<string> = new Set(), taken: ReadonlySet<string> = new Set()): Map<string, string> {
  const allowed = wants.map((w) => (reserved.has(w.name) ? { ...w, name: `${w.name}_` } : w));
  const sorted = allowed.sort(
    (a, b) => cmp(a.name, b.name) || a.rank - b.rank || Number(a.converted ?? false) - Number(b.converted ?? false) || cmp(a.namespace, b.namespace) || cmp(a.key, b.key),
  );
  // Every wanted name goes to its first claimant before any suffix is handed out, so a suffixed
  // name never takes the name another declaration has (`User`, `User` and `User2` give `User`,
  // `User3` and `User2`, not `User`, `User2` and `User22`).
  const used = new Set<string>([...reserved, ...taken]);
  const result = new Map<string, string>();
  const losers: Wanted[] = [];
  for (const w of sorted) {
    if (used.has(w.name)) {
      losers.push(w);
      continue;
    }
    used.add(w.name);
    result.set(w.key, w.name);
  }
  // The lowest free suffix of a name only grows as names are taken, so each name's search starts
  // where its previous one ended: linear, even for ten thousand types wanting one name.
  const nextSuffix = new Map<string, number>();
  for (const w of losers) {
    let i = nextSuffix.get(w.name) ?? 2;
    while (used.has(`${w.name}${i}`)) i++;
    const name = `${w.name}${i}`;
    used.add(name);
    nextSuffix.set(w.name, i + 1);
    result.set(w.key, name);
  }
  return result;
}

function typeWant(t: TypeDef): Wanted {
  const last = t.origin.kind === 'anonymous' ? t.origin.path[t.origin.path.length - 1]! : t.origin.kind === 'message' ? t.origin.name : t.name.name;
  const local = last.replace(/^[a-z]+:/, '').replace(/^@/, '');
  const name = pascalCase(local);
  return {
    key: `type:${t.id}`,
    name,
    converted: name !== local,
    // Types the model builds for message bodies (rpc wrappers, bare parts) rank with derived names.
    rank: t.origin.kind === 'named' ? 0 : t.origin.kind === 'anonymous' ? 1 : 2,
    namespace: t.name.namespace,
  };
}

// ---------------------------------------------------------------------------------------------
// A package's names

/** Names for the model's types and for one binding's operations and client. */
export function assignNames(model: Model, binding: Binding): Names {
  return assignPackageNames(model, [binding])[0]!;
}

/** The derived package-level names of a service, each wanted as `${service}${suffix}` (or the factory). */
const DERIVED = {
  client: 'Agent',
  requestHeaders: 'RequestHeaders',
  responseHeaders: 'ResponseHeaders',
  operationMap: 'Operations',
  handlers: 'Handlers',
  handlerContext: 'HandlerContext',
} as const;

/**
 * Names for a package of one or more services: the model's types, and for each binding its
 * operations, client, test double and header types. Types and the derived names of every service
 * share one space, the package's exports (`export *` puts them side by side), so a derived name
 * (`UserAgent`) never clashes with a contract type, a runtime export or another service's names.
 * Each service's message functions are unique in that space plus its own module.
 */
export function assignPackageNames(model: Model, bindings: readonly Binding[]): Names[] {
  const several = bindings.length > 1;
  const derived: Wanted[] = bindings.flatMap((binding, i) => {
    const service = pascalCase(binding.portType.name).replace(/_$/, '');
    const namespace = binding.name.namespace;
    return [
      ...Object.entries(DERIVED).map(([what, suffix]) => ({ key: `${what}:${i}`, name: `${service}${suffix}`, rank: 2, namespace })),
      { key: `createService:${i}`, name: `create${service}Service`, rank: 2, namespace },
      // With several services, each is a namespace export of the package (`import { user } from 'pkg'`).
      ...(several ? [{ key: `folder:${i}`, name: camelCase(binding.portType.name), rank: 2, namespace }] : []),
    ];
  });
  const unique = assignUnique([...model.types.map(typeWant), ...derived], PACKAGE_RESERVED);
  const types: Record<string, string> = {};
  for (const t of model.types) types[t.id] = unique.get(`type:${t.id}`)!;
  // The client's options are named after the client as assigned (`UserAgent2Options`).
  const clientOptions = assignUnique(
    bindings.map((binding, i) => ({ key: `clientOptions:${i}`, name: `${unique.get(`client:${i}`)!}Options`, rank: 2, namespace: binding.name.namespace })),
    PACKAGE_RESERVED,
    new Set(unique.values()),
  );
  const packageNames = new Set([...unique.values(), ...clientOptions.values()]);

  return bindings.map((binding, i) => {
    const ops = binding.operations;
    // The PascalCase stem of each operation's names, unique among the service's operations; an
    // operation whose name is already its stem ranks first (`GetUser` before `getUser`). Its
    // suffix goes to the operation's functions and method alike: `serializeGetUser2Request`, `getUser2`.
    const stemOf = (name: string) => pascalCase(name).replace(/_$/, '');
    const stems = assignUnique(ops.map((op) => ({ key: op.name, name: stemOf(op.name), rank: 0, converted: stemOf(op.name) !== op.name, namespace: '' })));
    const suffixOf = (name: string) => stems.get(name)!.slice(stemOf(name).length);
    // Methods and handler keys share one space: the agent's members.
    const methods = assignUnique(
      ops.map((op) => {
        const name = safeIdentifier(`${camelCase(op.name).replace(/_$/, '')}${suffixOf(op.name)}`);
        return { key: op.name, name, rank: 0, converted: name !== op.name, namespace: '' };
      }),
      MEMBER_RESERVED,
    );
    const functionWants = ops.flatMap((op) =>
      (['serialize', 'parse'] as const).flatMap((verb) =>
        (['Request', 'Response'] as const).map((message) => ({ key: `${verb}${message}:${op.name}`, name: `${verb}${stems.get(op.name)!}${message}`, rank: 2, namespace: '' })),
      ),
    );
    const functions = assignUnique(functionWants, PACKAGE_RESERVED, packageNames);
    const operations: Record<string, OperationNames> = {};
    for (const op of ops) {
      // An own property whatever the name: assigning to `__proto__` would set the prototype instead.
      Object.defineProperty(operations, op.name, {
        value: {
          method: methods.get(op.name)!,
          serializeRequest: functions.get(`serializeRequest:${op.name}`)!,
          parseRequest: functions.get(`parseRequest:${op.name}`)!,
          serializeResponse: functions.get(`serializeResponse:${op.name}`)!,
          parseResponse: functions.get(`parseResponse:${op.name}`)!,
        },
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    const parts = [...new Set(ops.flatMap((op) => op.input.headers.map((h) => h.part)))];
    for (const op of ops) {
      for (const h of [...op.input.headers, ...(op.output?.headers ?? [])]) {
        // Headers travel as plain objects keyed by part (`headers[part] = value`), where `__proto__` would set the prototype.
        if (h.part === '__proto__') throw new GeneratorError('UNSUPPORTED', 'a header part named "__proto__" cannot be a key of the headers object; rename the part', h.location);
      }
    }
    const options = assignUnique(parts.map((part) => ({ key: part, name: camelCase(part), rank: 0, converted: camelCase(part) !== part, namespace: '' })), AGENT_OPTION_RESERVED);
    const get = (what: string) => unique.get(`${what}:${i}`)!;
    return {
      types,
      operations,
      client: get('client'),
      clientOptions: clientOptions.get(`clientOptions:${i}`)!,
      headerOptions: new Map(parts.map((part) => [part, options.get(part)!])),
      requestHeaders: get('requestHeaders'),
      responseHeaders: get('responseHeaders'),
      operationMap: get('operationMap'),
      handlers: get('handlers'),
      handlerContext: get('handlerContext'),
      createService: get('createService'),
      folder: several ? get('folder') : '',
    };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
