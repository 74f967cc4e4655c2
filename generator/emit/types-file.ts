/**
 * types.ts of the package: one declaration per contract type, as ts-morph structures.
 */
import type { OptionalKind, PropertySignatureStructure, StatementStructures } from 'ts-morph';
import { StructureKind, VariableDeclarationKind } from './ts-morph.ts';
import { qnameKey, type Binding, type ComplexType, type ElementField, type Model, type Particle, type TypeDef } from '../model.ts';
import { propertyKey, type Names } from '../names.ts';
import { commentText } from './docs.ts';
import { headerFields } from './messages.ts';
import { contentProperties, dictionaryEntryIds, elementsOf, usesXmlFragment, type ContentProperties, type TypeMapper } from './type-map.ts';

/** The types of a package: every contract type once, then each service's header types. */
export function typesStatements(
  model: Model,
  services: readonly { readonly binding: Binding; readonly names: Names }[],
  map: TypeMapper,
): StatementStructures[] {
  const skip = dictionaryEntryIds(model);
  const statements: StatementStructures[] = [];
  const sorted = [...model.types].filter((t) => !skip.has(t.id)).sort((a, b) => cmp(map.tsName(a.id), map.tsName(b.id)));
  const discriminators = polymorphicTypes(model, services.map((s) => s.binding), map);
  if (usesXmlFragment(model)) {
    statements.push(
      alias('XmlFragment', 'string', [
        'Raw XML, written verbatim and read back as written: for xs:any, one element (with its content);',
        'for an element of type xs:anyType, its content (text and elements). Every namespace prefix it',
        'uses must be declared in it; fragments read from a message are made self-contained.',
      ]),
    );
  }
  for (const t of sorted) statements.push(...typeStatements(t, map, discriminators.get(t.id)));
  for (const { binding, names } of services) statements.push(...headerInterfaces(model, binding, names, map));
  return statements;
}

/** Where a type comes from, for its documentation. */
function originDoc(t: TypeDef): string {
  switch (t.origin.kind) {
    case 'named':
      return `XSD type {${t.name.namespace}}${t.name.name}`;
    case 'anonymous':
      return `Anonymous type of ${t.origin.path.join('/').replace(/^element:/, 'element ')}`;
    case 'message':
      return `The ${t.origin.direction === 'input' ? 'request' : 'response'} of operation ${t.origin.operation}: its message parts`;
  }
}

function typeStatements(t: TypeDef, map: TypeMapper, discriminator: string | undefined): StatementStructures[] {
  const name = map.tsName(t.id);
  const docs = docsOf(t.documentation, originDoc(t));
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
      return [complexDeclaration(t, name, map, docs, discriminator)];
    }
    case 'enum':
    case 'flags': {
      const union = t.values.map((v) => JSON.stringify(v.value)).join(' | ') || 'never';
      const constObject: StatementStructures = {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [`The literals of {@link ${name}}.`],
        declarations: [
          {
            name,
            initializer: `{ ${t.values.map((v) => `${v.documentation ? `/** ${commentText(v.documentation)} */ ` : ''}${propertyKey(v.value)}: ${JSON.stringify(v.value)}`).join(', ')} } as const`,
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

/**
 * A complex type: an interface extending its base, or, where the type or a base has an xs:choice,
 * a type alias intersecting the base, the members and a union per choice (an interface cannot
 * extend a union). Members: `$type`, the elements, `$any` for xs:any, `$value` for simple
 * content, then the attributes.
 */
function complexDeclaration(
  t: ComplexType,
  name: string,
  map: TypeMapper,
  docs: string[],
  discriminator: string | undefined,
): StatementStructures {
  const props = contentProperties(t, map);
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
  // A base with simple or mixed content declares `$value` already.
  const baseText = t.base?.kind === 'type' ? (map.type(t.base.id) as ComplexType).text : undefined;
  const valueProperty: OptionalKind<PropertySignatureStructure>[] = t.text && !baseText
    ? [
        {
          name: '$value',
          type: map.tsType(t.text, t.location),
          docs: [t.mixed ? "The element's content, text and elements as written (mixed content), as raw XML." : "The element's character data (xs:simpleContent)."],
        },
      ]
    : [];
  const attributes = t.attributes
    .filter((a) => a.use !== 'prohibited')
    .map(
      (a): OptionalKind<PropertySignatureStructure> => ({
        name: propertyKey(props.attributes.get(a) ?? a.name),
        type: map.tsType(a.type, a.location),
        hasQuestionToken: a.use !== 'required',
        docs: [`${a.documentation ? `${a.documentation}\n\n` : ''}Attribute ${a.namespace === '' ? a.name : `{${a.namespace}}${a.name}`}${a.use === 'required' ? ' (required)' : ''}${a.fixed !== undefined ? `, fixed ${JSON.stringify(a.fixed)}` : a.default !== undefined ? `, default ${JSON.stringify(a.default)}` : ''}.`],
      }),
    );
  const members = [...typeProperty, ...particleProperties(t.fields, t.name.namespace, map, props), ...valueProperty, ...attributes];
  const choices = t.fields.filter((p) => p.kind === 'choice');
  if (choices.length === 0 && !hasChoiceBase(t, map)) {
    return {
      kind: StructureKind.Interface,
      name,
      isExported: true,
      docs: [docs.join('\n')],
      extends: t.base?.kind === 'type' ? [map.tsName(t.base.id)] : [],
      properties: members,
    };
  }
  const parts = [
    ...(t.base?.kind === 'type' ? [map.tsName(t.base.id)] : []),
    ...(members.length > 0 || choices.length === 0 ? [objectLiteral(members)] : []),
    ...choices.map((c) => choiceUnion(c, t.name.namespace, map, props)),
  ];
  return alias(name, parts.join(' & '), [...docs, 'Where the content holds an xs:choice, the value has the members of exactly one branch.']);
}

/** True when a base of `t` has a choice (so `t` must be a type alias, like its base). */
function hasChoiceBase(t: ComplexType, map: TypeMapper): boolean {
  for (let b = t.base; b?.kind === 'type'; ) {
    const base = map.type(b.id);
    if (base.kind !== 'complex') return false;
    if (base.fields.some((p) => p.kind === 'choice')) return true;
    b = base.base;
  }
  return false;
}

/** Properties of the elements and xs:any of a particle list (choices aside). */
function particleProperties(particles: readonly Particle[], typeNamespace: string, map: TypeMapper, props: ContentProperties): OptionalKind<PropertySignatureStructure>[] {
  return particles.flatMap((p): OptionalKind<PropertySignatureStructure>[] => {
    if (p.kind === 'element') return [property(p, typeNamespace, map)];
    if (p.kind === 'any') {
      const repeated = p.maxOccurs === 'unbounded' || p.maxOccurs > 1;
      const where = p.namespaces.kind === 'any' ? 'any namespace' : p.namespaces.kind === 'not' ? `any namespace but {${p.namespaces.namespace}}` : p.namespaces.namespaces.map((n) => `{${n}}`).join(', ');
      return [
        {
          name: propertyKey(props.any.get(p) ?? '$any'),
          type: repeated ? 'XmlFragment[]' : 'XmlFragment',
          hasQuestionToken: p.minOccurs === 0,
          docs: [`xs:any (${where}): ${repeated ? 'elements' : 'an element'} the contract does not describe, as raw XML.`],
        },
      ];
    }
    return [];
  });
}

/**
 * One xs:choice as a union of its branches. Each branch object has its own members and marks
 * the other branches' elements `?: never`, so exactly one branch type-checks; an optional choice
 * adds a branch with none of them.
 */
function choiceUnion(c: Extract<Particle, { kind: 'choice' }>, typeNamespace: string, map: TypeMapper, props: ContentProperties): string {
  const all = [...new Set(c.branches.flatMap((b) => [...elementsOf(b).map((e) => e.name), ...anyNames(b, props)]))];
  const branch = (particles: readonly Particle[]): string => {
    const own = new Set([...elementsOf(particles).map((e) => e.name), ...anyNames(particles, props)]);
    const never = all.filter((n) => !own.has(n)).map((n): OptionalKind<PropertySignatureStructure> => ({ name: propertyKey(n), type: 'never', hasQuestionToken: true }));
    const nested = particles.filter((p) => p.kind === 'choice').map((n) => choiceUnion(n, typeNamespace, map, props));
    return [objectLiteral([...particleProperties(particles, typeNamespace, map, props), ...never]), ...nested].join(' & ');
  };
  const branches = c.branches.map((b) => `(${branch(b)})`);
  if (c.minOccurs === 0) branches.push(objectLiteral(all.map((n) => ({ name: propertyKey(n), type: 'never', hasQuestionToken: true }))));
  return `(${branches.join(' | ')})`;
}

function anyNames(particles: readonly Particle[], props: ContentProperties): string[] {
  return particles.flatMap((p) => (p.kind === 'any' ? [props.any.get(p) ?? '$any'] : p.kind === 'choice' ? p.branches.flatMap((b) => anyNames(b, props)) : []));
}

/** An object type literal with JSDoc on its members. */
function objectLiteral(members: readonly OptionalKind<PropertySignatureStructure>[]): string {
  if (members.length === 0) return '{}';
  const lines = members.map((m) => {
    const doc = m.docs && m.docs.length > 0 ? `/** ${commentText(String(m.docs[0])).split('\n').join('\n * ')} */\n` : '';
    return `${doc}${m.name}${m.hasQuestionToken ? '?' : ''}: ${String(m.type)};`;
  });
  return `{\n${lines.join('\n')}\n}`;
}

function property(f: ElementField, typeNamespace: string, map: TypeMapper): OptionalKind<PropertySignatureStructure> {
  const facts = [
    f.minOccurs === 0 ? 'optional' : 'required',
    ...(f.nillable ? ['nillable'] : []),
    ...(f.maxOccurs !== 1 ? [`repeats up to ${f.maxOccurs}`] : []),
  ];
  const doc = f.documentation ? `${f.documentation}\n\n` : '';
  // The namespace is named only where it is not the one of the type that holds the element.
  const ns = f.namespace === typeNamespace ? '' : f.namespace === '' ? ' (unqualified)' : ` in {${f.namespace}}`;
  return {
    name: propertyKey(f.name),
    type: map.fieldType(f),
    hasQuestionToken: f.minOccurs === 0,
    docs: [`${doc}${`${facts.join(', ')}${ns}.`.replace(/^./, (c) => c.toUpperCase())}`],
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
      return `/** Header element {${h.field.namespace}}${h.field.name}. */\n${propertyKey(h.part)}?: ${type};`;
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
function polymorphicTypes(model: Model, bindings: readonly Binding[], map: TypeMapper): Map<string, string> {
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
    for (const f of elementsOf(t.fields)) if (f.type.kind === 'type') referenced.add(f.type.id);
  }
  // Elements count where messages use them (bodies and headers), not every global declaration.
  const used = new Set(
    bindings.flatMap((b) => b.operations).flatMap((op) =>
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
      // An abstract type is never a value's own type: it is left out of the union.
      const concrete = descendants(id).filter((d) => !(map.type(d).kind === 'complex' && (map.type(d) as ComplexType).abstract));
      out.set(id, (concrete.length > 0 ? concrete : descendants(id)).map((d) => JSON.stringify(map.tsName(d))).sort().join(' | '));
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

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
