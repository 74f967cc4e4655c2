/**
 * operations.ts of the package: for every operation, the four message functions (serialize and
 * parse, request and response) and its entry in the operation map type.
 */
import type { FunctionDeclarationStructure, OptionalKind, PropertySignatureStructure, StatementStructures } from 'ts-morph';
import { StructureKind, VariableDeclarationKind } from './ts-morph.ts';
import type { Binding, ElementField, Model, Operation } from '../model.ts';
import { OBJECT_MEMBERS, propertyKey, type Names } from '../names.ts';
import { elementField } from './messages.ts';
import type { TypeMapper } from './type-map.ts';

/** The TypeScript types one operation is called and answered with. */
export interface OperationTypes {
  /** The request wrapper element's type. */
  readonly request: string;
  /** True when no field of the request wrapper is required, so callers may omit it. */
  readonly requestOptional: boolean;
  /** The members of the request wrapper, where it is a plain sequence of elements. */
  readonly requestMembers: readonly string[];
  /** The response wrapper element's type ('undefined' for one-way operations). */
  readonly response: string;
  /** What the client method resolves to: the wrapper's single member, void when empty, else the wrapper. */
  readonly result: string;
  /** Which member of the response wrapper is the result: its name, null for none (void), '*' for the whole wrapper. */
  readonly resultMember: string | null;
}

export function operationTypes(model: Model, op: Operation, map: TypeMapper): OperationTypes {
  const wrapper = (use: Operation['input']) => {
    const content = use.content;
    const type = content.kind === 'element' ? elementField(model, content.element, op.location).type : content.type;
    const name = map.tsType(type, op.location);
    const def = type.kind === 'type' ? map.type(type.id) : undefined;
    // A wrapper (the anonymous type of a document/literal wrapped element, or the parts of an rpc
    // or bare body) that is a plain sequence of elements (no base, convention, choice, xs:any,
    // text or attributes) can stand for its single member, or be omitted when every member is
    // optional. A named type (perhaps with subtypes) is always the value itself.
    const plain =
      def?.kind === 'complex' &&
      def.origin.kind !== 'named' &&
      !def.base &&
      !def.convention &&
      !def.text &&
      def.attributes.length === 0 &&
      def.fields.every((f) => f.kind === 'element');
    return { name, fields: plain ? (def.fields as readonly ElementField[]) : undefined };
  };
  const input = wrapper(op.input);
  const request = { request: input.name, requestOptional: input.fields?.every((f) => f.minOccurs === 0) ?? false, requestMembers: input.fields?.map((f) => f.name) ?? [] };
  if (!op.output) return { ...request, response: 'undefined', result: 'void', resultMember: null };
  const output = wrapper(op.output);
  const only = output.fields?.length === 1 ? output.fields[0]! : undefined;
  let result = output.name;
  let resultMember: string | null = '*';
  if (output.fields?.length === 0) {
    result = 'void';
    resultMember = null;
  } else if (only) {
    result = map.fieldType(only) + (only.minOccurs === 0 ? ' | undefined' : '');
    resultMember = only.name;
  }
  return { ...request, response: output.name, result, resultMember };
}

export function operationsStatements(model: Model, binding: Binding, names: Names, map: TypeMapper): StatementStructures[] {
  // The response headers type is used only where some operation has a response.
  const typeImports = new Set<string>([names.requestHeaders, ...(binding.operations.some((op) => op.output) ? [names.responseHeaders] : [])]);
  const functions: FunctionDeclarationStructure[] = [];
  const mapEntries: OptionalKind<PropertySignatureStructure>[] = [];
  // Keyed by operation names: without a prototype, so `__proto__` is a key like any other.
  const resultMembers: Record<string, string | null> = Object.create(null);
  const requestHeaders = names.requestHeaders;
  const responseHeaders = names.responseHeaders;
  for (const op of binding.operations) {
    const n = names.operations[op.name]!;
    const t = operationTypes(model, op, map);
    for (const name of typeNamesIn(t.request, names)) typeImports.add(name);
    if (op.output) for (const name of typeNamesIn(t.response, names)) typeImports.add(name);
    for (const name of typeNamesIn(t.result, names)) typeImports.add(name);
    const key = JSON.stringify(op.name);
    const body: Param = t.requestOptional ? { name: 'body', type: t.request, initializer: emptyRequest(t) } : { name: 'body', type: t.request };
    const parseOptions: Param = { name: 'options', type: 'ParseOptions', initializer: '{}' };
    // readMessage's values are read from the same descriptors the types are generated from. The
    // cast goes through unknown: a header part named like an Object.prototype member
    // (`constructor`) makes TypeScript call Record<string, unknown> and the headers type unrelated.
    functions.push(
      fn(n.serializeRequest, [body, { name: 'options', type: `SerializeOptions<${requestHeaders}>`, initializer: '{}' }], 'string',
        `return writeMessage(service, operations[${key}].input, body, options.headers);`,
        `The SOAP envelope of a ${op.name} request (SOAPAction ${op.soapAction}).`),
      fn(n.parseRequest, [{ name: 'xml', type: 'string' }, parseOptions], `ParsedMessage<${t.request}, ${requestHeaders}>`,
        `return readMessage(service, operations[${key}].input, xml, options.limits, options.reading) as unknown as ParsedMessage<${t.request}, ${requestHeaders}>;`,
        `Reads a ${op.name} request envelope (for servers and tests).`),
    );
    if (op.output) {
      functions.push(
        fn(n.serializeResponse, [{ name: 'body', type: t.response }, { name: 'headers', type: responseHeaders, hasQuestionToken: true }], 'string',
          `return writeMessage(service, operations[${key}].output, body, headers);`,
          `The SOAP envelope of a ${op.name} response (for servers and tests).`),
        fn(n.parseResponse, [{ name: 'xml', type: 'string' }, parseOptions], `ParsedMessage<${t.response}, ${responseHeaders}>`,
          `return readMessage(service, operations[${key}].output, xml, options.limits, options.reading) as unknown as ParsedMessage<${t.response}, ${responseHeaders}>;`,
          `Reads a ${op.name} response envelope. A SOAP fault throws SoapFaultError.`),
      );
    }
    resultMembers[op.name] = t.resultMember;
    mapEntries.push({
      name: propertyKey(op.name),
      type: `{ request: ${t.request}; response: ${t.response}; result: ${t.result} }`,
      docs: op.documentation ? [op.documentation] : [],
    });
  }
  const some = functions.length > 0;
  return [
    // A binding without operations (all left out, or none declared) has no message functions.
    ...(some ? ([{ kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/index.js', namedImports: ['readMessage', 'writeMessage'] }] as StatementStructures[]) : []),
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './runtime/index.js', namedImports: ['ReadingMode', 'ReadingWarning', 'XmlLimits'] },
    ...(some
      ? ([
          { kind: StructureKind.ImportDeclaration, moduleSpecifier: './schema.js', namedImports: ['operations', 'service'] },
          { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './types.js', namedImports: [...typeImports].sort() },
        ] as StatementStructures[])
      : []),
    {
      kind: StructureKind.Interface,
      name: 'SerializeOptions',
      isExported: true,
      typeParameters: ['H'],
      docs: ['Options of the serialize functions.'],
      properties: [{ name: 'headers', type: 'H', hasQuestionToken: true, docs: ['SOAP headers to put in soap:Header.'] }],
    },
    {
      kind: StructureKind.Interface,
      name: 'ParseOptions',
      isExported: true,
      docs: ['Options of the parse functions.'],
      properties: [
        { name: 'limits', type: 'Partial<XmlLimits>', hasQuestionToken: true, docs: ['Limits on the document read (see the README).'] },
        {
          name: 'reading',
          type: 'ReadingMode',
          hasQuestionToken: true,
          docs: ["'strict' (the default), or 'lax': a missing required member or a member in another namespace than the contract's is accepted and reported in `warnings` (see the README)."],
        },
      ],
    },
    {
      kind: StructureKind.Interface,
      name: 'ParsedMessage',
      isExported: true,
      typeParameters: ['B', 'H'],
      docs: ['A message read from an envelope: the body element, the known SOAP headers, and the others as raw XML.'],
      properties: [
        { name: 'body', type: 'B', isReadonly: true },
        { name: 'headers', type: 'H', isReadonly: true },
        { name: 'extraHeaders', type: 'readonly string[]', isReadonly: true, docs: ['Header elements the contract does not declare, each a standalone XML fragment.'] },
        { name: 'warnings', type: 'readonly ReadingWarning[]', isReadonly: true, docs: ['What lax reading accepted (always empty under strict reading).'] },
      ],
    },
    {
      kind: StructureKind.Interface,
      name: names.operationMap,
      isExported: true,
      docs: ['Every operation by name: its request wrapper, response wrapper and the value the client resolves to.'],
      properties: mapEntries,
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ["Which member of each response wrapper is an operation's result: a name, null for none, '*' for the whole wrapper."],
      declarations: [{ name: 'resultMembers', type: `{ readonly [K in keyof ${names.operationMap}]: string | null }`, initializer: `{ ${Object.entries(resultMembers).map(([op, member]) => `${propertyKey(op)}: ${JSON.stringify(member)}`).join(', ')} }` }],
    },
    ...functions,
  ];
}

/** The generated type names of a naming (built once per naming: typeNamesIn runs for every operation). */
const knownTypeNames = new WeakMap<Names, Set<string>>();

/** The generated type names a type expression uses (to import them). */
export function typeNamesIn(type: string, names: Names): string[] {
  let known = knownTypeNames.get(names);
  if (!known) knownTypeNames.set(names, (known = new Set([...Object.values(names.types), 'XmlFragment'])));
  // Unicode identifiers: a type name may be `Получить` (names.ts keeps only what TypeScript accepts).
  return (type.match(/[\p{ID_Start}_$][\p{ID_Continue}_$\u200C\u200D]*/gu) ?? []).filter((n) => known.has(n));
}

interface Param {
  readonly name: string;
  readonly type: string;
  readonly initializer?: string;
  readonly hasQuestionToken?: boolean;
}

function fn(name: string, parameters: Param[], returnType: string, body: string, doc: string): FunctionDeclarationStructure {
  return { kind: StructureKind.Function, name, isExported: true, docs: [doc], parameters, returnType, statements: [body] };
}

/** The default of a request whose every member is optional. */
export function emptyRequest(t: OperationTypes): string {
  return emptyObject(t.request, t.requestMembers);
}

/**
 * An empty object of a type whose every member is optional. TypeScript checks an empty object
 * literal against Object.prototype's members, so a type with a member named `toString` or
 * `constructor` needs the assertion (sound: every member is optional).
 */
export function emptyObject(type: string, members: readonly string[]): string {
  return members.some((m) => OBJECT_MEMBERS.includes(m)) ? `{} as ${type}` : '{}';
}
