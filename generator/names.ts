/**
 * Naming: XML names to TypeScript identifiers. A pure phase over the IR.
 *
 * Rules (documented in the README):
 * - Types: PascalCase of the XML local name (`char` -> `Char`); anonymous types take the name of
 *   the element that holds them (`SaveServiceAuth` for the request wrapper).
 * - Operations: camelCase methods (`saveServiceAuth`), PascalCase inside function names
 *   (`serializeSaveServiceAuthRequest`).
 * - Properties keep their XML names exactly (quoted by the emitter where they are not identifiers).
 * - Characters that cannot appear in an identifier separate words (`foo-bar` -> `FooBar`); a leading digit gets a `_` prefix;
 *   a reserved word or a global the generated code uses gets a `_` suffix.
 * - Clashes: all wanted names are sorted by (name, named types before anonymous types before
 *   names the generator derives, namespace URI, id). The first in that order keeps the name; each
 *   later one gets the lowest free numeric suffix starting at 2 (`User`, `User2`), where names
 *   wanted as they are count as taken. The order never depends on the order of declarations in
 *   the documents.
 */
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

export interface OperationNames {
  /** Client method: `saveServiceAuth`. */
  readonly method: string;
  readonly serializeRequest: string;
  readonly parseRequest: string;
  readonly serializeResponse: string;
  readonly parseResponse: string;
}

export interface Names {
  /** Type id -> TypeScript type name, for every type in the model. */
  readonly types: Readonly<Record<string, string>>;
  /** Operation name -> its function and method names. */
  readonly operations: Readonly<Record<string, OperationNames>>;
  /** The client class (`UserAgent` for portType `User`). */
  readonly client: string;
  /** Interfaces of the SOAP headers sent with requests and received with responses. */
  readonly requestHeaders: string;
  readonly responseHeaders: string;
  /** The map from operation name to its request, result and header types. */
  readonly operationMap: string;
}

/** PascalCase identifier from an XML name. */
export function pascalCase(xmlName: string): string {
  const parts = xmlName.split(/[^A-Za-z0-9_$]+/).filter((p) => p !== '');
  const joined = parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
  return safeIdentifier(joined === '' ? '_' : joined);
}

/** camelCase identifier from an XML name. */
export function camelCase(xmlName: string): string {
  const pascal = pascalCase(xmlName);
  // Lower the leading run of capitals so acronyms read naturally: `URLPath` -> `urlPath`.
  const lowered = pascal.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (m) => m.toLowerCase());
  return safeIdentifier(lowered);
}

/** Prefixes a leading digit and suffixes reserved words. */
export function safeIdentifier(name: string): string {
  const s = /^[0-9]/.test(name) ? `_${name}` : name;
  return RESERVED.has(s) ? `${s}_` : s;
}

/** True when `name` can be written as a property name without quotes. */
export function isIdentifierName(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

interface Wanted {
  readonly key: string;
  readonly name: string;
  /** 0 named type, 1 anonymous type, 2 a name the generator derives. */
  readonly rank: number;
  readonly namespace: string;
}

/** Assigns unique names to a set of wants with the documented clash rule. */
export function assignUnique(wants: readonly Wanted[]): Map<string, string> {
  const sorted = [...wants].sort(
    (a, b) => cmp(a.name, b.name) || a.rank - b.rank || cmp(a.namespace, b.namespace) || cmp(a.key, b.key),
  );
  // Every wanted name goes to its first claimant before any suffix is handed out, so a suffixed
  // name never takes the name another declaration has (`User`, `User` and `User2` give `User`,
  // `User3` and `User2`, not `User`, `User2` and `User22`).
  const taken = new Set<string>();
  const result = new Map<string, string>();
  const losers: Wanted[] = [];
  for (const w of sorted) {
    if (taken.has(w.name)) {
      losers.push(w);
      continue;
    }
    taken.add(w.name);
    result.set(w.key, w.name);
  }
  // The lowest free suffix of a name only grows as names are taken, so each name's search starts
  // where its previous one ended: linear, even for ten thousand types wanting one name.
  const nextSuffix = new Map<string, number>();
  for (const w of losers) {
    let i = nextSuffix.get(w.name) ?? 2;
    while (taken.has(`${w.name}${i}`)) i++;
    const name = `${w.name}${i}`;
    taken.add(name);
    nextSuffix.set(w.name, i + 1);
    result.set(w.key, name);
  }
  return result;
}

function typeWant(t: TypeDef): Wanted {
  const last = t.origin.kind === 'anonymous' ? t.origin.path[t.origin.path.length - 1]! : t.origin.kind === 'message' ? t.origin.name : t.name.name;
  return {
    key: `type:${t.id}`,
    name: pascalCase(last.replace(/^[a-z]+:/, '').replace(/^@/, '')),
    // Types the model builds for message bodies (rpc wrappers, bare parts) rank with derived names.
    rank: t.origin.kind === 'named' ? 0 : t.origin.kind === 'anonymous' ? 1 : 2,
    namespace: t.name.namespace,
  };
}

/** Names for the model's types and for one binding's operations and client. */
export function assignNames(model: Model, binding: Binding): Names {
  return assignPackageNames(model, [binding])[0]!;
}

/**
 * Names for a package of one or more services: the model's types, and for each binding its
 * operations, client and header types. All type-level names share one pool, so a derived name
 * (`UserAgent`) never clashes with a contract type or another service's names.
 */
export function assignPackageNames(model: Model, bindings: readonly Binding[]): Names[] {
  const derived: Wanted[] = bindings.flatMap((binding, i) => {
    const service = pascalCase(binding.portType.name);
    return [
      { key: `client:${i}`, name: `${service}Agent`, rank: 2, namespace: binding.name.namespace },
      { key: `requestHeaders:${i}`, name: `${service}RequestHeaders`, rank: 2, namespace: binding.name.namespace },
      { key: `responseHeaders:${i}`, name: `${service}ResponseHeaders`, rank: 2, namespace: binding.name.namespace },
      { key: `operationMap:${i}`, name: `${service}Operations`, rank: 2, namespace: binding.name.namespace },
    ];
  });
  const unique = assignUnique([...model.types.map(typeWant), ...derived]);
  const types: Record<string, string> = {};
  for (const t of model.types) types[t.id] = unique.get(`type:${t.id}`)!;

  return bindings.map((binding, i) => {
    // Methods share one namespace (the client class); functions share their service's module.
    const methods = assignUnique(binding.operations.map((op) => ({ key: op.name, name: camelCase(op.name), rank: 0, namespace: '' })));
    const operations: Record<string, OperationNames> = {};
    for (const op of binding.operations) {
      const pascal = pascalCase(op.name).replace(/_$/, '');
      // An own property whatever the name: assigning to `__proto__` would set the prototype instead.
      Object.defineProperty(operations, op.name, {
        value: {
          method: methods.get(op.name)!,
          serializeRequest: `serialize${pascal}Request`,
          parseRequest: `parse${pascal}Request`,
          serializeResponse: `serialize${pascal}Response`,
          parseResponse: `parse${pascal}Response`,
        },
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return {
      types,
      operations,
      client: unique.get(`client:${i}`)!,
      requestHeaders: unique.get(`requestHeaders:${i}`)!,
      responseHeaders: unique.get(`responseHeaders:${i}`)!,
      operationMap: unique.get(`operationMap:${i}`)!,
    };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
