/**
 * client.ts of the package: the typed client class, one async method per operation.
 */
import type { ClassDeclarationStructure, MethodDeclarationStructure, OptionalKind, StatementStructures } from 'ts-morph';
import { Scope, StructureKind, VariableDeclarationKind } from './ts-morph.ts';
import type { Binding, Model } from '../model.ts';
import type { Names } from '../names.ts';
import { failureHeaders, headerFields, type HeaderField } from './messages.ts';
import { emptyObject, emptyRequest, operationTypes, typeNamesIn } from './operations-file.ts';
import type { TypeMapper } from './type-map.ts';

/** Every error a call can reject with (all are SoapErrors), for the methods' documentation. */
const REJECTIONS = [
  'Rejects with SoapValidationError (a request value or an HTTP header that cannot be sent, or a response value its type refuses),',
  'SoapFaultError (a SOAP fault), SoapServiceError (the exception header), SoapHttpError (a non-2xx answer),',
  'SoapTransportError (no connection), SoapTimeoutError, SoapAbortError, XmlParseError (malformed XML),',
  'XmlLimitError (a response over the limits) or UnexpectedMessageError (not the expected response): all SoapErrors.',
].join('\n');

/** The request headers of a binding as client options: each part's header field and its option name (see names.ts). */
export function requestHeaderOptions(model: Model, binding: Binding, names: Names): (HeaderField & { readonly option: string })[] {
  return headerFields(model, binding, 'input').map((h) => ({ ...h, option: names.headerOptions.get(h.part)! }));
}

export function clientStatements(model: Model, binding: Binding, names: Names, map: TypeMapper): StatementStructures[] {
  const agent = names.client;
  const ops = names.operationMap;
  const headerOptions = requestHeaderOptions(model, binding, names);
  const typeImports = new Set<string>([names.requestHeaders, names.responseHeaders]);
  const methods: OptionalKind<MethodDeclarationStructure>[] = [];

  for (const h of headerOptions) {
    for (const name of typeNamesIn(map.tsType(h.field.type, h.field.location), names)) typeImports.add(name);
  }
  for (const op of binding.operations) {
    const t = operationTypes(model, op, map);
    for (const name of typeNamesIn(t.request, names)) typeImports.add(name);
    for (const name of typeNamesIn(t.result, names)) typeImports.add(name);
    const key = JSON.stringify(op.name);
    methods.push({
      name: names.operations[op.name]!.method,
      docs: [
        [
          ...(op.documentation ? [op.documentation, ''] : []),
          `Calls ${op.name} (SOAPAction ${op.soapAction}).`,
          `@returns ${t.result === 'void' ? 'nothing' : `the response's ${t.resultMember === '*' ? 'wrapper' : t.resultMember}`}.`,
          `@throws ${REJECTIONS}`,
        ].join('\n'),
      ],
      parameters: [
        t.requestOptional ? { name: 'request', type: t.request, initializer: emptyRequest(t) } : { name: 'request', type: t.request },
        { name: 'options', type: 'AgentCallOptions', initializer: '{}' },
      ],
      returnType: `Promise<${t.result}>`,
      statements: [`return this.call(${key}, request, options).then((r) => r.result);`],
    });
  }
  // SoapServiceError's `info` is the exception header's value (without one it is never set: undefined).
  const exception = failureHeaders(model, binding).exception;
  const infoType = exception ? map.tsType(exception.field.type, exception.field.location) : 'undefined';
  for (const name of typeNamesIn(infoType, names)) typeImports.add(name);
  const importable = [...typeImports].sort();

  const cls: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    name: agent,
    isExported: true,
    docs: [
      [
        ...[binding.portTypeDocumentation, binding.documentation].flatMap((d) => (d ? [d, ''] : [])),
        `A typed client of the ${binding.portType.name} service (binding ${binding.name.name}, SOAP ${binding.soapVersion}).`,
        'Each method sends one request and resolves to the result; `call` also gives the response headers.',
        'Safe for concurrent calls: nothing is shared between calls but the options.',
      ].join('\n'),
    ],
    properties: [
      { name: '#client', type: 'SoapClient', isReadonly: true },
      { name: '#headers', type: names.requestHeaders, isReadonly: true },
    ],
    ctors: [
      {
        parameters: [{ name: 'options', type: names.clientOptions }],
        statements: [
          `const { ${[...headerOptions.map((h) => h.option), '...clientOptions'].join(', ')} } = options;`,
          'this.#client = new SoapClient(service, clientOptions);',
          `const headers: ${names.requestHeaders} = ${emptyObject(names.requestHeaders, headerOptions.map((h) => h.part))};`,
          ...headerOptions.map((h) => `if (${h.option} !== undefined) headers[${JSON.stringify(h.part)}] = ${h.option};`),
          'this.#headers = headers;',
        ],
      },
    ],
    methods: [
      {
        name: 'call',
        scope: Scope.Public,
        isAsync: true,
        typeParameters: [{ name: 'K', constraint: `keyof ${ops}` }],
        docs: ['Calls an operation by name and resolves to its result, the whole response wrapper and the response headers.'],
        parameters: [
          { name: 'operation', type: 'K' },
          { name: 'request', type: `${ops}[K]['request']` },
          { name: 'options', type: 'AgentCallOptions', initializer: '{}' },
        ],
        returnType: `Promise<CallResult<${ops}[K]>>`,
        statements: [
          // From untyped code any string arrives here; `operations` is an object literal, so
          // names such as `constructor` must not reach its prototype.
          `if (!Object.hasOwn(operations, operation)) throw new SoapValidationError('operation', operation, 'not an operation of ${agent}');`,
          'const { headers: callHeaders, ...callOptions } = options;',
          'const sent = { ...this.#headers, ...callHeaders };',
          'const { body, headers, extraHeaders, warnings } = await this.#client.invoke(operations[operation], request, sent, callOptions);',
          'const member = resultMembers[operation];',
          // The runtime built `body` from the same descriptors the types were generated from.
          `const response = body as ${ops}[K]['response'];`,
          `const result = (member === null ? undefined : member === '*' ? body : (body as Record<string, unknown>)[member]) as ${ops}[K]['result'];`,
          `return { result, response, headers: headers as ${names.responseHeaders}, extraHeaders, warnings };`,
        ],
      },
      ...methods,
    ],
  };

  return [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: './runtime/index.js',
      namedImports: ['SoapClient', { name: 'SoapServiceError', alias: 'RuntimeSoapServiceError' }, 'SoapValidationError'],
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: './runtime/index.js',
      namedImports: ['CallOptions', 'ReadingWarning', 'SoapClientOptions', 'SoapServiceErrorClass'],
    },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './schema.js', namedImports: ['operations', 'service'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './operations.js', namedImports: ['resultMembers'] },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './operations.js', namedImports: [ops] },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './types.js', namedImports: importable },
    {
      kind: StructureKind.Interface,
      name: names.clientOptions,
      isExported: true,
      extends: ['SoapClientOptions'],
      docs: [`Options of {@link ${agent}}: where to send requests, and the SOAP headers sent with every call.`],
      properties: headerOptions.map((h) => ({
        name: h.option,
        type: map.tsType(h.field.type, h.field.location) + (h.field.nillable ? ' | null' : ''),
        hasQuestionToken: true,
        docs: [`The ${h.part} SOAP header of every call.`],
      })),
    },
    {
      kind: StructureKind.Interface,
      name: 'AgentCallOptions',
      isExported: true,
      extends: ['CallOptions'],
      docs: ['Options of one call: an AbortSignal, a timeout, WS-Security and extra SOAP headers, the reading mode, and SOAP headers that replace the client-wide ones.'],
      properties: [{ name: 'headers', type: names.requestHeaders, hasQuestionToken: true }],
    },
    {
      kind: StructureKind.Interface,
      name: 'CallResult',
      isExported: true,
      typeParameters: [{ name: 'O', constraint: '{ response: unknown; result: unknown }' }],
      docs: ['What `call` resolves to.'],
      properties: [
        { name: 'result', type: "O['result']", isReadonly: true, docs: ['What the operation method resolves to.'] },
        { name: 'response', type: "O['response']", isReadonly: true, docs: ['The whole response wrapper element.'] },
        { name: 'headers', type: names.responseHeaders, isReadonly: true, docs: ['The SOAP headers of the response that the contract declares.'] },
        {
          name: 'extraHeaders',
          type: 'readonly string[]',
          isReadonly: true,
          docs: ['The response header elements the contract does not declare, each as a standalone XML fragment.'],
        },
        {
          name: 'warnings',
          type: 'readonly ReadingWarning[]',
          isReadonly: true,
          docs: ["What lax reading (the `reading: 'lax'` option) accepted in the response; always empty under strict reading."],
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        [
          `The service reported a failure in its response headers${exception ? ` (${exception.part} set, or Succeeded false)` : ''}: the runtime's`,
          `SoapServiceError, its \`info\` typed as ${exception ? `the ${exception.part} header (${infoType})` : 'absent (this contract has no exception header)'}.`,
        ].join('\n'),
      ],
      declarations: [{ name: 'SoapServiceError', initializer: `RuntimeSoapServiceError as SoapServiceErrorClass<${infoType}>` }],
    },
    { kind: StructureKind.TypeAlias, isExported: true, name: 'SoapServiceError', type: `RuntimeSoapServiceError<${infoType}>` },
    cls,
  ];
}
