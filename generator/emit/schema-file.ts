/**
 * schema.ts of the package: the descriptor tables the runtime reads and writes messages from
 * (see templates/runtime/schema.ts for their meaning).
 */
import type { StatementStructures } from 'ts-morph';
import { StructureKind, VariableDeclarationKind } from './kinds.ts';
import { GeneratorError } from '../errors.ts';
import type { Binding, ElementField, MessageUse, Model, Operation, TypeDef } from '../model.ts';
import { elementField, headerFields } from './messages.ts';
import { dictionaryEntryIds, type TypeMapper } from './type-map.ts';

interface FieldDesc {
  name: string;
  ns: string;
  type: string;
  min: number;
  max: number;
  nillable: boolean;
}

export function schemaStatements(model: Model, binding: Binding, map: TypeMapper): StatementStructures[] {
  const skip = dictionaryEntryIds(model);
  // Keyed by names from the contract: without a prototype, so `__proto__` is a key like any other.
  const types: Record<string, unknown> = Object.create(null);
  for (const t of [...model.types].sort((a, b) => cmp(map.tsName(a.id), map.tsName(b.id)))) {
    if (!skip.has(t.id)) types[map.tsName(t.id)] = typeDesc(t, map);
  }
  const outputHeaders = headerFields(model, binding, 'output');
  const exceptionHeader = outputHeaders.find((h) => h.part === 'ExceptionInfo' && h.field.type.kind === 'type');
  const succeededHeader = outputHeaders.find(
    (h) => h.part === 'Succeeded' && h.field.type.kind === 'builtin' && h.field.type.name === 'boolean',
  );
  const service = {
    soapVersion: binding.soapVersion,
    schema: { types },
    ...(exceptionHeader ? { exceptionHeader: exceptionHeader.part } : {}),
    ...(succeededHeader ? { succeededHeader: succeededHeader.part } : {}),
  };
  const operations: Record<string, unknown> = Object.create(null);
  for (const op of binding.operations) operations[op.name] = operationDesc(model, op, map);

  // Namespace URIs are long and repeated on every field: each is written once, as a constant.
  const namespaces = new Map<string, string>();
  collectNamespaces(service, namespaces);
  collectNamespaces(operations, namespaces);
  const sortedNs = [...namespaces.keys()].sort();
  sortedNs.forEach((uri, i) => namespaces.set(uri, `NS${i}`));

  return [
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: './runtime/schema.js',
      namedImports: ['OperationDesc', 'ServiceDesc'],
    },
    ...sortedNs.map(
      (uri): StatementStructures => ({
        kind: StructureKind.VariableStatement,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: namespaces.get(uri)!, initializer: JSON.stringify(uri) }],
      }),
    ),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`How the ${binding.name.name} binding's messages are written and read.`],
      declarations: [{ name: 'service', type: 'ServiceDesc', initializer: literal(service, namespaces) }],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['Each operation: its SOAP action and the body and header elements of its request and response.'],
      declarations: [
        {
          name: 'operations',
          initializer: `${literal(operations, namespaces)} as const satisfies Record<string, OperationDesc>`,
        },
      ],
    },
  ];
}

function typeDesc(t: TypeDef, map: TypeMapper): unknown {
  const xmlName = t.origin.kind === 'named' ? { name: t.name.name, ns: t.name.namespace } : undefined;
  switch (t.kind) {
    case 'complex': {
      const c = t.convention;
      if (c?.kind === 'array') return { kind: 'array', xmlName, item: fieldDesc(c.item, map) };
      if (c?.kind === 'dictionary') {
        return {
          kind: 'dictionary',
          xmlName,
          entry: { name: c.entry.name, ns: c.entry.namespace },
          key: fieldDesc(c.key, map),
          value: fieldDesc(c.value, map),
        };
      }
      return {
        kind: 'complex',
        xmlName,
        base: t.base ? map.runtimeKey(t.base, t.location) : undefined,
        abstract: t.abstract,
        fields: t.fields.map((f) => fieldDesc(f, map)),
        attributes: t.attributes
          .filter((a) => a.use !== 'prohibited')
          .map((a) => ({ name: a.name, ns: a.namespace, type: map.runtimeKey(a.type, a.location), required: a.use === 'required' })),
      };
    }
    case 'enum':
      return { kind: 'enum', values: t.values.map((v) => v.value) };
    case 'flags':
      return { kind: 'flags', values: t.values.map((v) => v.value) };
    case 'list':
      return { kind: 'list', item: map.runtimeKey(t.item, t.location) };
    case 'restriction':
      return { kind: 'restriction', base: map.runtimeKey(t.base, t.location), patterns: t.facets.patterns };
  }
}

function fieldDesc(f: ElementField, map: TypeMapper): FieldDesc {
  return {
    name: f.name,
    ns: f.namespace,
    type: map.runtimeKey(f.type, f.location),
    min: f.minOccurs,
    max: f.maxOccurs === 'unbounded' ? -1 : f.maxOccurs,
    nillable: f.nillable,
  };
}

function operationDesc(model: Model, op: Operation, map: TypeMapper): unknown {
  return {
    name: op.name,
    soapAction: op.soapAction,
    input: messageDesc(model, op, op.input, map),
    output: op.output ? messageDesc(model, op, op.output, map) : undefined,
  };
}

function messageDesc(model: Model, op: Operation, use: MessageUse, map: TypeMapper): unknown {
  if (op.style !== 'document' || use.use !== 'literal') {
    throw new GeneratorError('UNSUPPORTED', `operation ${op.name} is ${op.style}/${use.use}; only document/literal is supported`, op.location);
  }
  const [part, ...more] = use.body;
  if (!part || more.length > 0 || !part.element) {
    throw new GeneratorError(
      'UNSUPPORTED',
      `operation ${op.name}: a body of ${use.body.length} parts; only one element part (document/literal wrapped) is supported`,
      op.location,
    );
  }
  const element = elementField(model, part.element, op.location);
  return {
    body: fieldDesc({ ...element, minOccurs: 1 }, map),
    headers: use.headers.map((h) => ({ part: h.part, element: fieldDesc(elementField(model, h.element, h.location), map) })),
  };
}

/** Every `ns` value in a descriptor tree ('' stays a literal: it is short and means unqualified). */
function collectNamespaces(value: unknown, into: Map<string, string>): void {
  if (Array.isArray(value)) value.forEach((v) => collectNamespaces(v, into));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'ns' && typeof v === 'string' && v !== '') into.set(v, '');
      else collectNamespaces(v, into);
    }
  }
}

/** A descriptor as an object literal, with namespace URIs replaced by their constants. */
function literal(value: unknown, namespaces: ReadonlyMap<string, string>): string {
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, namespaces)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => {
        // `__proto__: x` in a literal sets the prototype; the computed form makes an own property.
        const key = k === '__proto__' ? '["__proto__"]' : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k);
        const constant = k === 'ns' && typeof v === 'string' ? namespaces.get(v) : undefined;
        return `${key}: ${constant ?? literal(v, namespaces)}`;
      });
    return `{ ${members.join(', ')} }`;
  }
  return JSON.stringify(value);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
