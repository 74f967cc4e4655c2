/**
 * Defines the types the symbol table has queued: complex types (content, attributes, how they
 * derive from their base) and simple types (restrictions, enumerations, lists, [Flags] enums).
 * Also declares each schema's global elements and attributes, which queue the first types.
 */
import { compact } from '../compact.ts';
import { GeneratorError } from '../errors.ts';
import { SOAP_ENCODING_NS } from '../parse/namespaces.ts';
import {
  WCF_SERIALIZATION_NS,
  qnameKey,
  type AttributeDecl,
  type ComplexType,
  type ElementDecl,
  type Particle,
  type TypeDef,
  type TypeRef,
} from '../model.ts';
import type { RawComplexType, RawElement, RawSchema, RawSimpleType } from '../parse/raw.ts';
import { attributeFields } from './attributes.ts';
import { contentOf } from './content.ts';
import { defineType, elementType, resolveType, simpleTypeOf } from './references.ts';
import { repair, required, type PendingType, type SymbolTable } from './symbols.ts';

/** The `text` of a type with mixed content: its whole content as raw XML. */
export const MIXED_CONTENT: TypeRef = { kind: 'builtin', name: 'anyType' };

/**
 * Queues every named type of every schema and declares the global elements and attributes
 * (which may queue anonymous types).
 */
export function declareSchemas(table: SymbolTable): { elements: ElementDecl[]; attributes: AttributeDecl[] } {
  const elements: ElementDecl[] = [];
  const attributes: AttributeDecl[] = [];
  for (const schema of table.raw.schemas) {
    for (const t of [...schema.complexTypes, ...schema.simpleTypes]) {
      defineType(table, t, schema, { namespace: schema.targetNamespace, name: t.name! }, undefined);
    }
    for (const e of schema.elements) elements.push(globalElement(table, e, schema));
    for (const a of schema.attributes) {
      const name = { namespace: schema.targetNamespace, name: a.name! };
      attributes.push({ kind: 'attributeDecl', name, type: simpleTypeOf(table, a, schema, [a.name!]), location: a.location });
    }
  }
  return { elements, attributes };
}

function globalElement(table: SymbolTable, e: RawElement, schema: RawSchema): ElementDecl {
  const name = { namespace: schema.targetNamespace, name: e.name! };
  return {
    kind: 'elementDecl',
    name,
    type: elementType(table, e, schema, [`element:${e.name!}`]),
    nillable: e.nillable,
    location: e.location,
  };
}

/** Defines queued types until none is left (defining one may queue more). */
export function definePending(table: SymbolTable): void {
  for (let i = 0; i < table.pending.length; i++) define(table, table.pending[i]!);
  table.pending.length = 0;
}

function define(table: SymbolTable, { id, raw: t, schema, name, path, documentation }: PendingType): void {
  const common = compact({
    id,
    name,
    origin: path ? { kind: 'anonymous' as const, path: [...path] } : { kind: 'named' as const },
    documentation: t.documentation ?? documentation,
    location: t.location,
  });
  const own = path ?? [name.name];
  if (t.kind === 'complexType') {
    // Mixed content is kept whole as raw XML (see keepMixedContentRaw). Simple content has no
    // elements for text to be mixed with, whatever it says.
    const mixed = t.mixed && !t.simpleContent;
    const content = mixed ? [] : contentOf(table, t, schema, own, name.name);
    // Lenient: a SOAP-encoded array that restates no content keeps its items as raw XML.
    const fields: Particle[] =
      table.lenient && t.base?.namespace === SOAP_ENCODING_NS && content.length === 0
        ? [{ kind: 'any', namespaces: { kind: 'any' }, processContents: 'skip', minOccurs: 0, maxOccurs: 'unbounded', location: t.location }]
        : content;
    const attributes = attributeFields(table, t, schema, own, new Set());
    const derivation = derivationOf(table, t, id, name.name);
    const type: ComplexType = compact({
      ...common,
      kind: 'complex' as const,
      ...derivation,
      ...(mixed ? { text: MIXED_CONTENT } : {}),
      abstract: t.abstract,
      mixed,
      fields,
      attributes,
    });
    table.types.set(id, type);
    table.rawComplex.set(id, t);
    return;
  }
  table.types.set(id, simpleType(table, t, schema, common, own));
}

/**
 * A complex type's base, by how it derives: a complexContent extension has a `base` (xs:anyType
 * counts as none), a complexContent restriction only records what it `restricts`, and simple
 * content has the `text` type of its value: the simple base itself, or (for a complex base)
 * the base's, filled in by inheritSimpleContent once every type is defined.
 */
function derivationOf(table: SymbolTable, t: RawComplexType, id: string, name: string): Pick<ComplexType, 'base' | 'restricts' | 'text'> {
  if (!t.base) {
    if (t.simpleContent) {
      repair(table, new GeneratorError('INVALID_CONTRACT', `xs:simpleContent of type ${name} has no base`, t.location), 'its value is a string');
      return { text: { kind: 'builtin', name: 'string' } };
    }
    return {};
  }
  if (t.base.namespace === SOAP_ENCODING_NS) {
    repair(table, 
      new GeneratorError(
        'UNSUPPORTED',
        `complex type ${name} derives from SOAP encoding type soapenc:${t.base.name} (SOAP-encoded arrays and structs are not supported)`,
        t.location,
      ),
      'its own content is used, and where it has none its items are kept as raw XML',
    );
    return {};
  }
  const base = resolveType(table, t.base, `the base of complex type ${name}`, t.location, 'base');
  const baseIsComplex = base.kind === 'type' && table.typeDecls.get(base.id)?.raw.kind === 'complexType';
  if (t.simpleContent) {
    if (!baseIsComplex) {
      if (base.kind === 'builtin' && (base.name === 'anyType' || base.name === 'anySimpleType')) return { text: { kind: 'builtin', name: 'string' } };
      return { text: base };
    }
    table.simpleContentBases.set(id, { base, derivation: t.derivation ?? 'extension' });
    return t.derivation === 'restriction' ? { restricts: base } : { base };
  }
  if (!baseIsComplex) {
    if (base.kind === 'builtin' && base.name === 'anyType') return {};
    repair(table, 
      new GeneratorError('UNSUPPORTED', `complex type ${name} has complex content derived from simple type ${t.base.name}`, t.location),
      'it is read as simple content',
    );
    return { text: base };
  }
  return t.derivation === 'restriction' ? { restricts: base } : { base };
}

function simpleType(
  table: SymbolTable,
  t: RawSimpleType,
  schema: RawSchema,
  common: Pick<ComplexType, 'id' | 'name' | 'origin' | 'location'> & { documentation?: string },
  own: readonly string[],
): TypeDef {
  const what = `simple type ${common.name.name}`;
  if (t.variety === 'list') {
    const itemRaw = t.inlineItem;
    if (itemRaw && itemRaw.variety === 'restriction' && itemRaw.enumerations.length > 0) {
      return { ...common, kind: 'flags', values: itemRaw.enumerations };
    }
    const item = itemRaw
      ? defineType(table, itemRaw, schema, common.name, [...own, 'item'])
      : resolveType(table, required(t.itemType, `${what} has an xs:list without itemType`, t.location), `the item type of ${what}`, t.location, 'simple');
    // A list of a named enumeration is a [Flags] enum too (the enumeration may not be defined yet).
    const itemDecl = !itemRaw && t.itemType ? table.typeDecls.get(qnameKey(t.itemType))?.raw : undefined;
    if (itemDecl?.kind === 'simpleType' && itemDecl.variety === 'restriction' && itemDecl.enumerations.length > 0) {
      return { ...common, kind: 'flags', values: itemDecl.enumerations };
    }
    return { ...common, kind: 'list', item };
  }
  const base = t.inlineBase
    ? defineType(table, t.inlineBase, schema, common.name, [...own, 'base'])
    : resolveType(table, required(t.base, `${what} has an xs:restriction without base`, t.location), `the base of ${what}`, t.location, 'simple');
  if (t.enumerations.length > 0) {
    return compact({ ...common, kind: 'enum' as const, base, values: t.enumerations, actualType: t.actualType });
  }
  const wellKnown =
    common.name.namespace === WCF_SERIALIZATION_NS && common.origin.kind === 'named' && ['guid', 'char', 'duration'].includes(common.name.name)
      ? (common.name.name as 'guid' | 'char' | 'duration')
      : undefined;
  return compact({ ...common, kind: 'restriction' as const, base, facets: t.facets, wellKnown });
}
