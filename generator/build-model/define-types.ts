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
  type TypeDef,
  type TypeRef,
} from '../model.ts';
import type { RawComplexType, RawElement, RawSchema, RawSimpleType } from '../parse/raw.ts';
import { attributeFields } from './attributes.ts';
import { contentOf } from './content.ts';
import { defineType, elementType, resolveType, simpleTypeOf, soapArrayItem } from './references.ts';
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
    if (t.base?.namespace === SOAP_ENCODING_NS && t.base.name === 'Array') {
      table.types.set(id, soapArray(table, t, schema, { ...common, kind: 'complex', abstract: false, mixed: false, fields: [], attributes: [] }, own));
      return;
    }
    const mixed = t.mixed && !t.simpleContent;
    const fields = mixed ? [] : contentOf(table, t, schema, own, name.name);
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
      new GeneratorError('UNSUPPORTED', `complex type ${name} derives from SOAP encoding type soapenc:${t.base.name} (of those, only soapenc:Array is supported)`, t.location),
      'its own content is used',
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

/**
 * A restriction of soapenc:Array: an array whose item type is the `wsdl:arrayType` of its
 * `soapenc:arrayType` attribute (`tns:Item[]`; `xsd:string[][]` is an array of string arrays,
 * each inner one an anonymous type), else the type of the one element its content restates,
 * else raw XML. Multi-dimensional arrays (`[,]`) are not supported.
 */
function soapArray(table: SymbolTable, t: RawComplexType, schema: RawSchema, shell: ComplexType, own: readonly string[]): ComplexType {
  const declared = t.attributes.find((a) => a.arrayType !== undefined);
  if (declared?.arrayType) {
    const { type, dimensions } = declared.arrayType;
    const ranks = dimensions.match(/\[[^\]]*\]/g) ?? [];
    if (ranks.some((r) => r.includes(','))) {
      throw new GeneratorError('UNSUPPORTED', `type ${shell.name.name} is a multi-dimensional SOAP-encoded array (wsdl:arrayType dimensions ${dimensions}); only arrays of one dimension, nested or not, are supported`, declared.location);
    }
    let item = resolveType(table, type, `the wsdl:arrayType of type ${shell.name.name}`, declared.location);
    // `T[][]`: the items are arrays of T; each rank but the last is an anonymous array type,
    // named after the array (`MatrixItem`, `MatrixItemItem`).
    for (let depth = ranks.length - 1; depth >= 1; depth--) {
      const path = [...own, `${shell.name.name}${'Item'.repeat(depth)}`];
      const id = `{${schema.targetNamespace}}${path.join('/')}`;
      table.types.set(id, {
        ...shell,
        id,
        origin: { kind: 'anonymous', path },
        convention: { kind: 'array', soapEncoded: true, item: soapArrayItem('item', item, declared.location) },
      });
      item = { kind: 'type', id };
    }
    return { ...shell, convention: { kind: 'array', soapEncoded: true, item: soapArrayItem('item', item, declared.location) } };
  }
  const content = contentOf(table, t, schema, own, shell.name.name);
  const [only, ...more] = content;
  if (only?.kind === 'element' && more.length === 0) {
    return { ...shell, convention: { kind: 'array', soapEncoded: true, item: { ...soapArrayItem(only.name, only.type, only.location), nillable: only.nillable } } };
  }
  if (content.length > 0) {
    throw new GeneratorError('UNSUPPORTED', `type ${shell.name.name} restricts soapenc:Array with content other than one element; its items cannot be typed`, t.location);
  }
  return { ...shell, convention: { kind: 'array', soapEncoded: true, item: soapArrayItem('item', { kind: 'builtin', name: 'anyType' }, t.location) } };
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
