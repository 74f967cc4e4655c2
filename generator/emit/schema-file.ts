/**
 * schema.ts of the package: the descriptor tables the runtime reads and writes messages from
 * (see templates/runtime/schema.ts for their meaning).
 */
import type { StatementStructures } from 'ts-morph';
import { StructureKind, VariableDeclarationKind } from './ts-morph.ts';
import type { Binding, ElementField, MessageUse, Model, Operation, Particle, TypeDef } from '../model.ts';
import { propertyKey } from '../names.ts';
import { elementField, failureHeaders } from './messages.ts';
import { contentProperties, dictionaryEntryIds, type ContentProperties, type TypeMapper } from './type-map.ts';

interface FieldDesc {
  name: string;
  ns: string;
  type: string;
  min?: number;
  max?: number;
  nillable?: boolean;
  choice?: number;
  branch?: number;
  namespaces?: readonly string[];
  otherThan?: string;
}

export function schemaStatements(model: Model, binding: Binding, map: TypeMapper): StatementStructures[] {
  const skip = dictionaryEntryIds(model);
  // Keyed by names from the contract: without a prototype, so `__proto__` is a key like any other.
  const types: Record<string, unknown> = Object.create(null);
  // Simple types name themselves only where a message is SOAP-encoded: their values carry xsi:type there.
  const encoded = binding.operations.some((op) => op.input.use === 'encoded' || op.output?.use === 'encoded');
  for (const t of [...model.types].sort((a, b) => cmp(map.tsName(a.id), map.tsName(b.id)))) {
    if (!skip.has(t.id)) types[map.tsName(t.id)] = typeDesc(t, map, encoded);
  }
  const { exception: exceptionHeader, succeeded: succeededHeader } = failureHeaders(model, binding);
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
  const constants: Constants = { namespaces, headerLists: sharedHeaderLists(operations) };

  return [
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: './runtime/schema.js',
      namedImports: [...(constants.headerLists.size > 0 ? ['HeaderDesc'] : []), 'OperationDesc', 'ServiceDesc'],
    },
    ...sortedNs.map(
      (uri): StatementStructures => ({
        kind: StructureKind.VariableStatement,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: namespaces.get(uri)!, initializer: JSON.stringify(uri) }],
      }),
    ),
    ...[...constants.headerLists].map(
      ([json, name], i): StatementStructures => ({
        kind: StructureKind.VariableStatement,
        declarationKind: VariableDeclarationKind.Const,
        ...(i === 0 ? { docs: ['Header lists that several messages share, written once.'] } : {}),
        declarations: [{ name, type: 'readonly HeaderDesc[]', initializer: literal(JSON.parse(json), { ...constants, headerLists: new Map() }) }],
      }),
    ),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`How the ${binding.name.name} binding's messages are written and read.`],
      declarations: [{ name: 'service', type: 'ServiceDesc', initializer: literal(service, constants) }],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['Each operation: its SOAP action and the body and header elements of its request and response.'],
      declarations: [
        {
          name: 'operations',
          initializer: `${literal(operations, constants)} as const satisfies Record<string, OperationDesc>`,
        },
      ],
    },
  ];
}

function typeDesc(t: TypeDef, map: TypeMapper, encoded: boolean): unknown {
  const xmlName = t.origin.kind === 'named' ? { name: t.name.name, ns: t.name.namespace } : undefined;
  const simpleName = encoded ? xmlName : undefined;
  switch (t.kind) {
    case 'complex': {
      const c = t.convention;
      if (c?.kind === 'array') return { kind: 'array', xmlName, ...(c.soapEncoded ? { soapEncoded: true } : {}), item: fieldDesc(c.item, map) };
      if (c?.kind === 'dictionary') {
        return {
          kind: 'dictionary',
          xmlName,
          entry: { name: c.entry.name, ns: c.entry.namespace },
          key: fieldDesc(c.key, map),
          value: fieldDesc(c.value, map),
        };
      }
      const props = contentProperties(t, map);
      const choices: { min: number }[] = [];
      return {
        kind: 'complex',
        xmlName,
        base: t.base ? map.runtimeKey(t.base, t.location) : undefined,
        abstract: t.abstract || undefined,
        fields: particleDescs(t.fields, map, props, choices),
        choices: choices.length > 0 ? choices : undefined,
        text: t.text ? map.runtimeKey(t.text, t.location) : undefined,
        attributes: nonEmpty(
          t.attributes
            .filter((a) => a.use !== 'prohibited')
            .map((a) => {
              const prop = props.attributes.get(a);
              return {
                name: a.name,
                ns: a.namespace,
                type: map.runtimeKey(a.type, a.location),
                required: a.use === 'required',
                ...(prop !== undefined && prop !== a.name ? { prop } : {}),
              };
            }),
        ),
      };
    }
    case 'enum':
      return { kind: 'enum', xmlName: simpleName, values: t.values.map((v) => v.value) };
    case 'flags':
      return { kind: 'flags', xmlName: simpleName, values: t.values.map((v) => v.value) };
    case 'list':
      return { kind: 'list', xmlName: simpleName, item: map.runtimeKey(t.item, t.location) };
    case 'restriction':
      return {
        kind: 'restriction',
        xmlName: simpleName,
        base: map.runtimeKey(t.base, t.location),
        patterns: t.facets.patterns,
        length: t.facets.length,
        minLength: t.facets.minLength,
        maxLength: t.facets.maxLength,
      };
  }
}

/**
 * A content model as the runtime's flat field list: elements and xs:any (`$any`, type `xs:any`)
 * in document order; the members of a choice carry its index in `choices` and their branch,
 * and a choice nested in a branch is folded into that branch with its members optional.
 */
function particleDescs(particles: readonly Particle[], map: TypeMapper, props: ContentProperties, choices: { min: number }[]): FieldDesc[] {
  const out: FieldDesc[] = [];
  const walk = (list: readonly Particle[], marker: { choice: number; branch: number } | undefined, optional: boolean): void => {
    for (const p of list) {
      if (p.kind === 'choice') {
        if (marker) {
          for (const b of p.branches) walk(b, marker, true);
          continue;
        }
        const choice = choices.length;
        // A branch without elements (an empty xs:sequence) is chosen by writing nothing.
        choices.push({ min: p.branches.some((b) => b.length === 0) ? 0 : p.minOccurs });
        p.branches.forEach((b, branch) => walk(b, { choice, branch }, false));
        continue;
      }
      const base: FieldDesc =
        p.kind === 'element'
          ? fieldDesc(p, map)
          : {
              name: props.any.get(p) ?? '$any',
              ns: '',
              type: 'xs:any',
              ...occurs(p.minOccurs, p.maxOccurs, false),
              ...(p.namespaces.kind === 'list' ? { namespaces: p.namespaces.namespaces } : {}),
              ...(p.namespaces.kind === 'not' ? { otherThan: p.namespaces.namespace } : {}),
            };
      out.push({ ...base, ...(optional ? { min: 0 } : {}), ...(marker ?? {}) });
    }
  };
  walk(particles, undefined, false);
  return out;
}

function fieldDesc(f: ElementField, map: TypeMapper): FieldDesc {
  return { name: f.name, ns: f.namespace, type: map.runtimeKey(f.type, f.location), ...occurs(f.minOccurs, f.maxOccurs, f.nillable) };
}

/** minOccurs, maxOccurs and nillable, each left out when it has the usual value (1, 1, false). */
function occurs(min: number, max: number | 'unbounded', nillable: boolean): Pick<FieldDesc, 'min' | 'max' | 'nillable'> {
  return {
    ...(min !== 1 ? { min } : {}),
    ...(max !== 1 ? { max: max === 'unbounded' ? -1 : max } : {}),
    ...(nillable ? { nillable } : {}),
  };
}

function nonEmpty<T>(list: readonly T[]): readonly T[] | undefined {
  return list.length > 0 ? list : undefined;
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
  const headers = use.headers.map((h) => ({ part: h.part, element: fieldDesc(elementField(model, h.element, h.location), map) }));
  const content = use.content;
  const encoded = use.use === 'encoded' ? { encoded: true } : {};
  switch (content.kind) {
    case 'element':
      return { body: fieldDesc({ ...elementField(model, content.element, op.location), minOccurs: 1 }, map), ...encoded, headers };
    case 'wrapper': {
      const type = map.runtimeKey(content.type, op.location);
      return { body: { name: content.element.name, ns: content.element.namespace, type }, rpc: true, ...encoded, headers };
    }
    case 'parts':
      return { body: { name: '', ns: '', type: map.runtimeKey(content.type, op.location) }, bare: true, ...encoded, headers };
  }
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

/** Values written once as constants and referred to by name in the descriptors. */
interface Constants {
  /** Namespace URI -> constant name. */
  readonly namespaces: ReadonlyMap<string, string>;
  /** JSON of a `headers` list -> constant name. */
  readonly headerLists: ReadonlyMap<string, string>;
}

/**
 * The header lists that more than one message has (a WCF service sends the same headers with
 * every request and every response), named in order of first use.
 */
function sharedHeaderLists(operations: Record<string, unknown>): Map<string, string> {
  const uses = new Map<string, number>();
  for (const op of Object.values(operations) as { input: { headers: unknown[] }; output?: { headers: unknown[] } }[]) {
    for (const message of [op.input, op.output]) {
      if (message === undefined || message.headers.length === 0) continue;
      const json = JSON.stringify(message.headers);
      uses.set(json, (uses.get(json) ?? 0) + 1);
    }
  }
  const shared = new Map<string, string>();
  for (const [json, count] of uses) if (count > 1) shared.set(json, `HEADERS${shared.size}`);
  return shared;
}

/** A descriptor as an object literal, with namespace URIs and shared header lists replaced by their constants. */
function literal(value: unknown, constants: Constants): string {
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, constants)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => {
        const key = propertyKey(k);
        const constant =
          k === 'ns' && typeof v === 'string'
            ? constants.namespaces.get(v)
            : k === 'headers' && Array.isArray(v)
              ? constants.headerLists.get(JSON.stringify(v))
              : undefined;
        return `${key}: ${constant ?? literal(v, constants)}`;
      });
    return `{ ${members.join(', ')} }`;
  }
  return JSON.stringify(value);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
