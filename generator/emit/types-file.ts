/**
 * types.ts of the package: one declaration per contract type, as ts-morph structures.
 */
import type { InterfaceDeclarationStructure, OptionalKind, PropertySignatureStructure, StatementStructures } from 'ts-morph';
import { StructureKind, VariableDeclarationKind } from './kinds.ts';
import { qnameKey, type Binding, type ComplexType, type ElementField, type Model, type TypeDef } from '../model.ts';
import { isIdentifierName, type Names } from '../names.ts';
import { headerFields } from './messages.ts';
import { dictionaryEntryIds, type TypeMapper } from './type-map.ts';

export function typesStatements(model: Model, binding: Binding, names: Names, map: TypeMapper): StatementStructures[] {
  const skip = dictionaryEntryIds(model);
  const statements: StatementStructures[] = [];
  const sorted = [...model.types].filter((t) => !skip.has(t.id)).sort((a, b) => cmp(map.tsName(a.id), map.tsName(b.id)));
  const discriminators = polymorphicTypes(model, binding, map);
  for (const t of sorted) statements.push(...typeStatements(t, map, discriminators.get(t.id)));
  statements.push(...headerInterfaces(model, binding, names, map));
  return statements;
}

function typeStatements(t: TypeDef, map: TypeMapper, discriminator: string | undefined): StatementStructures[] {
  const name = map.tsName(t.id);
  const docs = docsOf(t.documentation, t.origin.kind === 'named' ? `XSD type {${t.name.namespace}}${t.name.name}` : `Anonymous type of ${t.origin.path.join('/').replace(/^element:/, 'element ')}`);
  switch (t.kind) {
    case 'complex': {
      const c = t.convention;
      if (c?.kind === 'array') {
        return [alias(name, map.fieldType({ ...c.item, maxOccurs: 'unbounded' }), docs)];
      }
      if (c?.kind === 'dictionary') {
        const value = map.tsType(c.value.type, c.value.location) + (c.value.nillable ? ' | null' : '');
        return [alias(name, `Map<${map.tsType(c.key.type, c.key.location)}, ${value}>`, docs)];
      }
      return [complexInterface(t, name, map, docs, discriminator)];
    }
    case 'enum':
    case 'flags': {
      const union = t.values.map((v) => JSON.stringify(v.value)).join(' | ') || 'never';
      const constObject = {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [`The literals of {@link ${name}}.`],
        declarations: [
          {
            name,
            initializer: `{ ${t.values.map((v) => `${isIdentifierName(v.value) ? v.value : JSON.stringify(v.value)}: ${JSON.stringify(v.value)}`).join(', ')} } as const`,
          },
        ],
      };
      const type = t.kind === 'enum' ? union : `(${union})[]`;
      const extra = t.kind === 'flags' ? ['A [Flags] enum: the set flags, written space-separated on the wire.'] : [];
      return [alias(name, type, [...docs, ...extra]), constObject];
    }
    case 'list':
      return [alias(name, `${map.tsType(t.item, t.location)}[]`, docs)];
    case 'restriction': {
      const facets = Object.entries(t.facets).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(' | ') : String(v)}`);
      return [alias(name, map.tsType(t.base, t.location), [...docs, ...(facets.length > 0 ? [`Facets: ${facets.join('; ')}`] : [])])];
    }
  }
}

function complexInterface(
  t: ComplexType,
  name: string,
  map: TypeMapper,
  docs: string[],
  discriminator: string | undefined,
): InterfaceDeclarationStructure {
  const typeProperty: OptionalKind<PropertySignatureStructure>[] = discriminator
    ? [
        {
          name: '$type',
          type: discriminator,
          hasQuestionToken: true,
          docs: ['Which type the value is, where a derived type stands for this one (written as xsi:type).'],
        },
      ]
    : [];
  return {
    kind: StructureKind.Interface,
    name,
    isExported: true,
    docs: [docs.join('\n')],
    extends: t.base?.kind === 'type' ? [map.tsName(t.base.id)] : [],
    properties: [
      ...typeProperty,
      ...t.fields.map((f) => property(f, t.name.namespace, map)),
      ...t.attributes
        .filter((a) => a.use !== 'prohibited')
        .map(
          (a): OptionalKind<PropertySignatureStructure> => ({
            name: propertyName(a.name),
            type: map.tsType(a.type, a.location),
            hasQuestionToken: a.use !== 'required',
            docs: [`Attribute ${a.name}.`],
          }),
        ),
    ],
  };
}

function property(f: ElementField, typeNamespace: string, map: TypeMapper): OptionalKind<PropertySignatureStructure> {
  const facts = [
    f.minOccurs === 0 ? 'optional' : 'required',
    ...(f.nillable ? ['nillable'] : []),
    ...(f.maxOccurs !== 1 ? [`repeats up to ${f.maxOccurs}`] : []),
  ];
  const doc = f.documentation ? `${f.documentation}\n\n` : '';
  // The namespace is named only where it is not the one of the type that holds the element.
  const ns = f.namespace === typeNamespace ? '' : ` in {${f.namespace}}`;
  return {
    name: propertyName(f.name),
    type: map.fieldType(f),
    hasQuestionToken: f.minOccurs === 0,
    docs: [`${doc}${facts.join(', ')}${ns}.`.replace(/^./, (c) => c.toUpperCase())],
  };
}

/**
 * The SOAP headers the binding's operations send and receive, one type per direction. They are
 * type aliases, not interfaces, so that they are assignable to the runtime's Record<string, unknown>.
 */
function headerInterfaces(model: Model, binding: Binding, names: Names, map: TypeMapper): StatementStructures[] {
  const make = (name: string, direction: 'input' | 'output', what: string): StatementStructures => {
    const members = headerFields(model, binding, direction).map((h) => {
      const type = map.tsType(h.field.type, h.field.location) + (h.field.nillable ? ' | null' : '');
      return `/** Header element {${h.field.namespace}}${h.field.name}. */\n${propertyName(h.part)}?: ${type};`;
    });
    return alias(name, `{\n${members.join('\n')}\n}`, [`SOAP headers ${what} (soap:Header). A header left undefined is not written.`]);
  };
  return [make(names.requestHeaders, 'input', 'sent with requests'), make(names.responseHeaders, 'output', 'received with responses')];
}

/**
 * The `$type` discriminator of each complex type where polymorphism can occur: a field,
 * element or header is declared with a type that has derived types. Every type in such a
 * hierarchy gets `$type?` listing itself and the types derived from it, so values of derived
 * types can be told apart (and written with xsi:type). Hierarchies no declaration uses
 * polymorphically get no discriminator.
 */
function polymorphicTypes(model: Model, binding: Binding, map: TypeMapper): Map<string, string> {
  const children = new Map<string, string[]>();
  for (const t of model.types) {
    if (t.kind === 'complex' && t.base?.kind === 'type') {
      children.set(t.base.id, [...(children.get(t.base.id) ?? []), t.id]);
    }
  }
  const descendants = (id: string): string[] => [id, ...(children.get(id) ?? []).flatMap(descendants)];
  const referenced = new Set<string>();
  for (const t of model.types) {
    if (t.kind !== 'complex') continue;
    for (const f of t.fields) if (f.type.kind === 'type') referenced.add(f.type.id);
  }
  // Elements count where messages use them (bodies and headers), not every global declaration.
  const used = new Set(
    binding.operations.flatMap((op) =>
      [op.input, ...(op.output ? [op.output] : [])].flatMap((m) => [
        ...m.body.flatMap((p) => (p.element ? [qnameKey(p.element)] : [])),
        ...m.headers.map((h) => qnameKey(h.element)),
      ]),
    ),
  );
  for (const e of model.elements) if (e.type.kind === 'type' && used.has(qnameKey(e.name))) referenced.add(e.type.id);
  const out = new Map<string, string>();
  for (const root of [...referenced].filter((id) => children.has(id)).sort()) {
    for (const id of descendants(root)) {
      if (out.has(id)) continue;
      out.set(id, descendants(id).map((d) => JSON.stringify(map.tsName(d))).sort().join(' | '));
    }
  }
  return out;
}

function alias(name: string, type: string, docs: string[]): StatementStructures {
  return { kind: StructureKind.TypeAlias, name, type, isExported: true, docs: [docs.join('\n')] };
}

function docsOf(documentation: string | undefined, origin: string): string[] {
  return documentation ? [documentation, '', origin + '.'] : [origin + '.'];
}

export function propertyName(name: string): string {
  return isIdentifierName(name) ? name : JSON.stringify(name);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
