/**
 * types.ts of the package: one declaration per contract type, as ts-morph structures.
 */
import {
  StructureKind,
  VariableDeclarationKind,
  type InterfaceDeclarationStructure,
  type OptionalKind,
  type PropertySignatureStructure,
  type StatementStructures,
} from 'ts-morph';
import type { Binding, ComplexType, ElementField, Model, TypeDef } from '../model.ts';
import { isIdentifierName, type Names } from '../names.ts';
import { headerFields } from './messages.ts';
import { dictionaryEntryIds, type TypeMapper } from './type-map.ts';

export function typesStatements(model: Model, binding: Binding, names: Names, map: TypeMapper): StatementStructures[] {
  const skip = dictionaryEntryIds(model);
  const statements: StatementStructures[] = [];
  const sorted = [...model.types].filter((t) => !skip.has(t.id)).sort((a, b) => cmp(map.tsName(a.id), map.tsName(b.id)));
  for (const t of sorted) statements.push(...typeStatements(t, map));
  statements.push(...headerInterfaces(model, binding, names, map));
  return statements;
}

function typeStatements(t: TypeDef, map: TypeMapper): StatementStructures[] {
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
      return [complexInterface(t, name, map, docs)];
    }
    case 'enum':
    case 'flags': {
      const union = t.values.map((v) => JSON.stringify(v.value)).join(' | ') || 'never';
      const constObject = {
        kind: StructureKind.VariableStatement as const,
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

function complexInterface(t: ComplexType, name: string, map: TypeMapper, docs: string[]): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    name,
    isExported: true,
    docs: [docs.join('\n')],
    extends: t.base?.kind === 'type' ? [map.tsName(t.base.id)] : [],
    properties: [
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
