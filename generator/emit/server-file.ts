/**
 * server.ts of the package: a typed test double of the service. `create<Service>Service`
 * takes handlers named like the client's methods and answers requests with the runtime's
 * SoapService (fetch API, node:http, or direct).
 */
import type { OptionalKind, MethodSignatureStructure, StatementStructures } from 'ts-morph';
import { StructureKind } from './ts-morph.ts';
import type { Binding, Model } from '../model.ts';
import { propertyKey, type Names } from '../names.ts';
import { operationTypes, typeNamesIn } from './operations-file.ts';
import type { TypeMapper } from './type-map.ts';

export function serverStatements(model: Model, binding: Binding, names: Names, map: TypeMapper): StatementStructures[] {
  const handlersName = names.handlers;
  const contextName = names.handlerContext;
  const ops = names.operationMap;
  const typeImports = new Set<string>([names.requestHeaders, names.responseHeaders]);
  const methods: OptionalKind<MethodSignatureStructure>[] = [];
  const entries: string[] = [];
  for (const op of binding.operations) {
    const t = operationTypes(model, op, map);
    const method = names.operations[op.name]!.method;
    for (const name of typeNamesIn(t.request, names)) typeImports.add(name);
    const result = `${ops}[${JSON.stringify(op.name)}]['result']`;
    methods.push({
      name: method,
      hasQuestionToken: true,
      docs: [`Answers ${op.name}; return what the client's ${method} resolves to, or throw (a SoapFaultError becomes that fault).`],
      parameters: [
        { name: 'request', type: t.request },
        { name: 'context', type: contextName },
      ],
      returnType: `${result} | Promise<${result}>`,
    });
    // The handler keys are the client's methods, which never name an Object.prototype member
    // (see names.ts), so a missing handler is undefined, not an inherited function.
    entries.push(`${propertyKey(op.name)}: handlers.${method}?.bind(handlers)`);
  }
  return [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/server.js', namedImports: ['SoapService'] },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './runtime/server.js', namedImports: ['HandlerContext', 'SoapServiceOptions'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './schema.js', namedImports: ['operations', 'service'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './operations.js', namedImports: ['resultMembers'] },
    ...(methods.length > 0 ? ([{ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './operations.js', namedImports: [ops] }] as StatementStructures[]) : []),
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './types.js', namedImports: [...typeImports].sort() },
    {
      kind: StructureKind.TypeAlias,
      name: contextName,
      isExported: true,
      docs: ['What a handler sees besides the request: the operation, the request headers, and the response headers to set.'],
      type: `HandlerContext<${names.requestHeaders}, ${names.responseHeaders}>`,
    },
    {
      kind: StructureKind.Interface,
      name: handlersName,
      isExported: true,
      docs: ['Handlers of the operations a test double implements; an operation without one answers with a SOAP fault.'],
      methods,
    },
    {
      kind: StructureKind.Function,
      name: names.createService,
      isExported: true,
      docs: [
        [
          `A test double of the ${binding.portType.name} service, built on the same descriptors as the client.`,
          'Serve it with `http.createServer(double.listener)`, pass `double.fetch` as the client\'s `fetch`,',
          'or call `double.handle({ body, soapAction })` directly. `options.limits` bound what requests',
          'may make it read (a body over `maxBytes` is answered with HTTP 413 without reading it all).',
        ].join('\n'),
      ],
      parameters: [
        { name: 'handlers', type: handlersName },
        { name: 'options', type: 'SoapServiceOptions', initializer: '{}' },
      ],
      returnType: 'SoapService',
      statements: [`return new SoapService(service, operations, resultMembers, {\n${entries.join(',\n')}\n}, options);`],
    },
  ];
}
