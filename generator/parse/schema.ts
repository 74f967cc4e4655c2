import type { Element } from '@xmldom/xmldom';
import { GeneratorError } from '../errors.ts';
import { GENERATOR_LIMITS } from '../limits.ts';
import { WCF_SERIALIZATION_NS, XSD_NS, type EnumValue, type Facets } from '../model.ts';
import { compact } from '../compact.ts';
import { WSDL_NS } from './namespaces.ts';
import { qnameAttr, resolveQName } from './qname.ts';
import type {
  RawAny,
  RawAttribute,
  RawAttributeGroupDef,
  RawAttributeGroupRef,
  RawComplexType,
  RawElement,
  RawGroupDef,
  RawGroupRef,
  RawImport,
  RawModelGroup,
  RawParticle,
  RawSchema,
  RawSimpleType,
} from './raw.ts';
import { attr, childElements, firstChild, locationOf, nameAttr, textOf, type XmlDocument } from './xml.ts';

/** Elements that only carry annotations or identity constraints: nothing for the wire. */
const IGNORED = new Set(['annotation', 'key', 'keyref', 'unique']);

/** Reads one xs:schema element. `inheritedNamespace` is the includer's target namespace, for chameleon includes. */
export function parseSchema(doc: XmlDocument, el: Element, inheritedNamespace?: string): RawSchema {
  const targetNamespace = attr(el, 'targetNamespace') ?? inheritedNamespace ?? '';
  const imports: RawImport[] = [];
  const elements: RawElement[] = [];
  const complexTypes: RawComplexType[] = [];
  const simpleTypes: RawSimpleType[] = [];
  const attributes: RawAttribute[] = [];
  const groups: RawGroupDef[] = [];
  const attributeGroups: RawAttributeGroupDef[] = [];
  for (const child of childElements(el)) {
    if ((child.namespaceURI ?? '') !== XSD_NS) continue; // foreign annotations are allowed anywhere
    switch (child.localName ?? '') {
      case 'import': {
        const schemaLocation = attr(child, 'schemaLocation');
        const imp: RawImport = { namespace: attr(child, 'namespace') ?? '', location: locationOf(doc, child) };
        imports.push(schemaLocation !== undefined ? { ...imp, schemaLocation } : imp);
        break;
      }
      case 'include':
      case 'annotation':
        break; // included documents are loaded and parsed as schemas of their own
      case 'element':
        elements.push(parseElement(doc, child, true, 0));
        break;
      case 'complexType':
        complexTypes.push(parseComplexType(doc, child, 1));
        break;
      case 'simpleType':
        simpleTypes.push(parseSimpleType(doc, child, 1));
        break;
      case 'attribute':
        attributes.push(parseAttribute(doc, child, 0));
        break;
      case 'group':
        groups.push(parseGroupDef(doc, child));
        break;
      case 'attributeGroup':
        attributeGroups.push(parseAttributeGroupDef(doc, child));
        break;
      default:
        if (doc.lenient) {
          doc.lenient.warn(`xs:${child.localName} at the top level of a schema is not supported; it is left out`, locationOf(doc, child));
          break;
        }
        throw unsupported(doc, child, `xs:${child.localName} at the top level of a schema`);
    }
  }
  return {
    kind: 'schema',
    targetNamespace,
    elementFormQualified: attr(el, 'elementFormDefault') === 'qualified',
    attributeFormQualified: attr(el, 'attributeFormDefault') === 'qualified',
    imports,
    elements,
    complexTypes,
    simpleTypes,
    attributes,
    groups,
    attributeGroups,
    location: locationOf(doc, el),
  };
}

// `depth` below is the number of types enclosing the node being read (0 at the top level of a
// schema); anonymous types add one each, and more than GENERATOR_LIMITS.maxTypeNesting is refused
// before the recursion can exhaust the stack.

function parseElement(doc: XmlDocument, el: Element, topLevel: boolean, depth: number): RawElement {
  let inlineType: RawComplexType | RawSimpleType | undefined;
  for (const child of xsChildren(el)) {
    if (child.localName === 'complexType') inlineType = parseComplexType(doc, child, depth + 1);
    else if (child.localName === 'simpleType') inlineType = parseSimpleType(doc, child, depth + 1);
    else if (doc.lenient && ['sequence', 'choice', 'all'].includes(child.localName ?? '')) {
      // Lenient: a model group written straight into the element, without its xs:complexType.
      doc.lenient.warn(`xs:${child.localName} inside xs:element without xs:complexType; read as its anonymous complex type`, locationOf(doc, child));
      inlineType = {
        kind: 'complexType',
        abstract: false,
        mixed: false,
        simpleContent: false,
        content: parseModelGroup(doc, child, depth + 1),
        attributes: [],
        attributeGroups: [],
        anyAttribute: false,
        isDictionary: false,
        location: locationOf(doc, child),
      };
    } else if (!IGNORED.has(child.localName ?? '')) throw unsupported(doc, child, `xs:${child.localName} inside xs:element`);
  }
  const form = attr(el, 'form');
  return compact({
    kind: 'element' as const,
    name: nameAttr(el),
    ref: qnameAttr(doc, el, 'ref'),
    type: qnameAttr(doc, el, 'type'),
    inlineType,
    minOccurs: topLevel ? 1 : occurs(doc, el, 'minOccurs'),
    maxOccurs: topLevel ? 1 : maxOccurs(doc, el),
    nillable: attr(el, 'nillable') === 'true',
    form: form === 'qualified' || form === 'unqualified' ? form : undefined,
    documentation: documentationOf(el),
    location: locationOf(doc, el),
  });
}

function parseAttribute(doc: XmlDocument, el: Element, depth: number): RawAttribute {
  const inline = xsChildren(el).find((c) => c.localName === 'simpleType');
  const use = attr(el, 'use');
  const form = attr(el, 'form');
  return compact({
    kind: 'attribute' as const,
    name: nameAttr(el),
    ref: qnameAttr(doc, el, 'ref'),
    type: qnameAttr(doc, el, 'type'),
    inlineType: inline ? parseSimpleType(doc, inline, depth + 1) : undefined,
    use: use === 'required' || use === 'prohibited' ? use : ('optional' as const),
    default: attr(el, 'default'),
    fixed: attr(el, 'fixed'),
    form: form === 'qualified' || form === 'unqualified' ? form : undefined,
    arrayType: arrayTypeOf(doc, el),
    documentation: documentationOf(el),
    location: locationOf(doc, el),
  });
}

/** `wsdl:arrayType="tns:Item[]"` on an attribute: the item type's QName and the dimensions after it. */
function arrayTypeOf(doc: XmlDocument, el: Element): RawAttribute['arrayType'] {
  const value = el.getAttributeNS(WSDL_NS, 'arrayType');
  if (value === null || !el.hasAttributeNS(WSDL_NS, 'arrayType')) return undefined;
  const m = /^\s*([^\s[]+)\s*((?:\[[\s,\d]*\])+)\s*$/.exec(value);
  if (m === null) {
    throw new GeneratorError('INVALID_CONTRACT', `wsdl:arrayType="${value}" is not a type name followed by dimensions such as [] or [][]`, locationOf(doc, el));
  }
  return { type: resolveQName(doc, el, m[1]!, 'wsdl:arrayType'), dimensions: m[2]!.replace(/\s+/g, '') };
}

function parseComplexType(doc: XmlDocument, el: Element, depth: number): RawComplexType {
  checkNesting(doc, el, depth);
  let base: RawComplexType['base'];
  let derivation: RawComplexType['derivation'];
  let content: RawComplexType['content'];
  const attributes: RawAttribute[] = [];
  const attributeGroups: RawAttributeGroupRef[] = [];
  let anyAttribute = false;
  const loose: RawElement[] = [];
  let body: Element = el;

  const complexContent = firstChild(el, XSD_NS, 'complexContent');
  const simpleContent = firstChild(el, XSD_NS, 'simpleContent');
  const contentEl = complexContent ?? simpleContent;
  if (contentEl) {
    const d = xsChildren(contentEl).find((c) => c.localName !== 'annotation');
    if (!d || (d.localName !== 'extension' && d.localName !== 'restriction')) {
      throw unsupported(doc, d ?? contentEl, `xs:${contentEl.localName} other than xs:extension or xs:restriction`);
    }
    base = qnameAttr(doc, d, 'base');
    derivation = d.localName;
    body = d;
  }
  for (const child of xsChildren(body)) {
    const local = child.localName ?? '';
    switch (local) {
      case 'sequence':
      case 'choice':
      case 'all':
      case 'group':
        if (simpleContent) throw unsupported(doc, child, `xs:${local} in xs:simpleContent`);
        content = local === 'group' ? parseGroupRef(doc, child) : parseModelGroup(doc, child, depth);
        break;
      case 'attribute':
        attributes.push(parseAttribute(doc, child, depth));
        break;
      case 'attributeGroup':
        attributeGroups.push(attributeGroupRef(doc, child));
        break;
      case 'anyAttribute':
        anyAttribute = true;
        break;
      case 'complexContent':
      case 'simpleContent':
        break; // handled above
      default:
        // A simpleContent restriction may restate facets of the base's value; they are not enforced.
        if (simpleContent && derivation === 'restriction' && (local === 'simpleType' || FACETS.has(local))) break;
        if (doc.lenient && local === 'element' && !simpleContent) {
          // Lenient: elements written straight into the type, without their xs:sequence.
          doc.lenient.warn('xs:element in a complex type without xs:sequence; read as in a sequence', locationOf(doc, child));
          loose.push(parseElement(doc, child, false, depth));
          break;
        }
        if (!IGNORED.has(local)) throw unsupported(doc, child, `xs:${local} in a complex type`);
    }
  }
  if (loose.length > 0) {
    const before = content ? [content] : [];
    content = { kind: 'sequence', minOccurs: 1, maxOccurs: 1, particles: [...before, ...loose], location: locationOf(doc, el) };
  }
  return compact({
    kind: 'complexType' as const,
    name: nameAttr(el),
    abstract: attr(el, 'abstract') === 'true',
    mixed: attr(el, 'mixed') === 'true' || (complexContent ? attr(complexContent, 'mixed') === 'true' : false),
    base,
    derivation,
    simpleContent: simpleContent !== undefined,
    content,
    attributes,
    attributeGroups,
    anyAttribute,
    isDictionary: appinfo(el, 'IsDictionary').some((a) => textOf(a) === 'true'),
    documentation: documentationOf(el),
    location: locationOf(doc, el),
  });
}

/** The facets a restriction may hold. */
const FACETS = new Set([
  'enumeration', 'pattern', 'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'length', 'minLength',
  'maxLength', 'totalDigits', 'fractionDigits', 'whiteSpace',
]);

/**
 * xs:sequence, xs:choice or xs:all with its particles. A group nested in another counts towards
 * the nesting limit like an anonymous type, so a hostile depth of groups is refused before the
 * stack runs out.
 */
function parseModelGroup(doc: XmlDocument, el: Element, depth: number): RawModelGroup {
  checkNesting(doc, el, depth);
  const kind = el.localName as RawModelGroup['kind'];
  const particles: RawParticle[] = [];
  for (const child of xsChildren(el)) {
    const local = child.localName ?? '';
    switch (local) {
      case 'element':
        particles.push(parseElement(doc, child, false, depth));
        break;
      case 'sequence':
      case 'choice':
        if (kind === 'all') throw unsupported(doc, child, `xs:${local} in xs:all`);
        particles.push(parseModelGroup(doc, child, depth + 1));
        break;
      case 'group':
        if (kind === 'all') throw unsupported(doc, child, `xs:group in xs:all`);
        particles.push(parseGroupRef(doc, child));
        break;
      case 'any':
        if (kind === 'all') throw unsupported(doc, child, `xs:any in xs:all`);
        particles.push(parseAny(doc, child));
        break;
      default:
        if (!IGNORED.has(local)) throw unsupported(doc, child, `xs:${local} in xs:${kind}`);
    }
  }
  return { kind, minOccurs: occurs(doc, el, 'minOccurs'), maxOccurs: maxOccurs(doc, el), particles, location: locationOf(doc, el) };
}

function parseAny(doc: XmlDocument, el: Element): RawAny {
  const pc = attr(el, 'processContents');
  return {
    kind: 'any',
    namespace: (attr(el, 'namespace') ?? '##any').trim() || '##any',
    processContents: pc === 'lax' || pc === 'skip' ? pc : 'strict',
    minOccurs: occurs(doc, el, 'minOccurs'),
    maxOccurs: maxOccurs(doc, el),
    location: locationOf(doc, el),
  };
}

function parseGroupRef(doc: XmlDocument, el: Element): RawGroupRef {
  const ref = qnameAttr(doc, el, 'ref');
  if (!ref) throw new GeneratorError('INVALID_CONTRACT', 'xs:group in a content model has no ref attribute', locationOf(doc, el));
  return { kind: 'groupRef', ref, minOccurs: occurs(doc, el, 'minOccurs'), maxOccurs: maxOccurs(doc, el), location: locationOf(doc, el) };
}

function parseGroupDef(doc: XmlDocument, el: Element): RawGroupDef {
  const name = nameAttr(el);
  if (!name) throw new GeneratorError('INVALID_CONTRACT', 'a top-level xs:group has no name attribute', locationOf(doc, el));
  const body = xsChildren(el).filter((c) => c.localName !== 'annotation');
  const group = body[0];
  if (body.length !== 1 || !group || !['sequence', 'choice', 'all'].includes(group.localName ?? '')) {
    throw unsupported(doc, group ?? el, `xs:group ${name} without exactly one xs:sequence, xs:choice or xs:all`);
  }
  return { kind: 'group', name, particle: parseModelGroup(doc, group, 1), location: locationOf(doc, el) };
}

function attributeGroupRef(doc: XmlDocument, el: Element): RawAttributeGroupRef {
  const ref = qnameAttr(doc, el, 'ref');
  if (!ref) throw new GeneratorError('INVALID_CONTRACT', 'xs:attributeGroup in a type has no ref attribute', locationOf(doc, el));
  return { ref, location: locationOf(doc, el) };
}

function parseAttributeGroupDef(doc: XmlDocument, el: Element): RawAttributeGroupDef {
  const name = nameAttr(el);
  if (!name) throw new GeneratorError('INVALID_CONTRACT', 'a top-level xs:attributeGroup has no name attribute', locationOf(doc, el));
  const attributes: RawAttribute[] = [];
  const attributeGroups: RawAttributeGroupRef[] = [];
  for (const child of xsChildren(el)) {
    const local = child.localName ?? '';
    if (local === 'attribute') attributes.push(parseAttribute(doc, child, 0));
    else if (local === 'attributeGroup') attributeGroups.push(attributeGroupRef(doc, child));
    else if (local !== 'anyAttribute' && !IGNORED.has(local)) throw unsupported(doc, child, `xs:${local} in xs:attributeGroup`);
  }
  return { kind: 'attributeGroup', name, attributes, attributeGroups, location: locationOf(doc, el) };
}

function parseSimpleType(doc: XmlDocument, el: Element, depth: number): RawSimpleType {
  checkNesting(doc, el, depth);
  const body = xsChildren(el).find((c) => c.localName !== 'annotation');
  if (!body) throw unsupported(doc, el, 'an xs:simpleType with no content');
  const common = {
    kind: 'simpleType' as const,
    name: nameAttr(el),
    documentation: documentationOf(el),
    location: locationOf(doc, el),
    actualType: appinfo(el, 'ActualType')
      .map((a) => (attr(a, 'Name') !== undefined ? { namespace: attr(a, 'Namespace') ?? '', name: attr(a, 'Name')! } : undefined))
      .find((q) => q !== undefined),
  };
  if (body.localName === 'list') {
    const inline = firstChild(body, XSD_NS, 'simpleType');
    return compact({
      ...common,
      variety: 'list' as const,
      itemType: qnameAttr(doc, body, 'itemType'),
      inlineItem: inline ? parseSimpleType(doc, inline, depth + 1) : undefined,
      enumerations: [],
      facets: {},
    });
  }
  if (body.localName === 'union' && doc.lenient) {
    // Lenient: a union's value is kept as the string it is written as.
    doc.lenient.warn('xs:union is not supported; its values are typed as strings', locationOf(doc, body));
    return compact({ ...common, variety: 'restriction' as const, base: { namespace: XSD_NS, name: 'string' }, enumerations: [], facets: {} });
  }
  if (body.localName !== 'restriction') throw unsupported(doc, body, `xs:${body.localName} in xs:simpleType`);
  const inlineBase = firstChild(body, XSD_NS, 'simpleType');
  const enumerations: EnumValue[] = [];
  const facets: { -readonly [K in keyof Facets]: Facets[K] } = {};
  const patterns: string[] = [];
  for (const f of xsChildren(body)) {
    const value = attr(f, 'value') ?? '';
    switch (f.localName ?? '') {
      case 'enumeration': {
        const numeric = appinfo(f, 'EnumerationValue').map(textOf).find((t) => t !== undefined);
        enumerations.push(compact({ value, enumerationValue: numeric, documentation: documentationOf(f) }));
        break;
      }
      case 'pattern':
        patterns.push(value);
        break;
      case 'minInclusive':
      case 'maxInclusive':
      case 'minExclusive':
      case 'maxExclusive':
        facets[f.localName as 'minInclusive'] = value;
        break;
      case 'length':
      case 'minLength':
      case 'maxLength':
      case 'totalDigits':
      case 'fractionDigits':
        facets[f.localName as 'length'] = Number(value);
        break;
      case 'whiteSpace':
        if (value === 'preserve' || value === 'replace' || value === 'collapse') facets.whiteSpace = value;
        break;
      case 'simpleType':
      case 'annotation':
        break;
      default:
        throw unsupported(doc, f, `the facet xs:${f.localName}`);
    }
  }
  if (patterns.length > 0) facets.patterns = patterns;
  return compact({
    ...common,
    variety: 'restriction' as const,
    base: qnameAttr(doc, body, 'base'),
    inlineBase: inlineBase ? parseSimpleType(doc, inlineBase, depth + 1) : undefined,
    enumerations,
    facets,
  });
}

function xsChildren(el: Element): Element[] {
  return childElements(el, XSD_NS);
}

/** xs:annotation/xs:appinfo children named `name` in the WCF Serialization namespace. */
function appinfo(el: Element, name: string): Element[] {
  const out: Element[] = [];
  for (const ann of childElements(el, XSD_NS, 'annotation')) {
    for (const info of childElements(ann, XSD_NS, 'appinfo')) out.push(...childElements(info, WCF_SERIALIZATION_NS, name));
  }
  return out;
}

function documentationOf(el: Element): string | undefined {
  const texts: string[] = [];
  for (const ann of childElements(el, XSD_NS, 'annotation')) {
    for (const d of childElements(ann, XSD_NS, 'documentation')) {
      const t = textOf(d);
      if (t !== undefined) texts.push(t);
    }
  }
  return texts.length > 0 ? texts.join('\n') : undefined;
}

function occurs(doc: XmlDocument, el: Element, name: string): number {
  const v = attr(el, name);
  if (v === undefined) return 1;
  if (!/^\d+$/.test(v.trim())) {
    throw new GeneratorError('INVALID_CONTRACT', `${name}="${v}" is not a non-negative integer`, locationOf(doc, el));
  }
  return Number(v);
}

function maxOccurs(doc: XmlDocument, el: Element): number | 'unbounded' {
  return attr(el, 'maxOccurs')?.trim() === 'unbounded' ? 'unbounded' : occurs(doc, el, 'maxOccurs');
}

function checkNesting(doc: XmlDocument, el: Element, depth: number): void {
  const max = GENERATOR_LIMITS.maxTypeNesting;
  if (depth > max) {
    throw new GeneratorError('LIMIT_EXCEEDED', `anonymous types are nested more than ${max} levels deep`, locationOf(doc, el));
  }
}

export function unsupported(doc: XmlDocument, el: Element, what: string): GeneratorError {
  return new GeneratorError('UNSUPPORTED', `${what} is not supported`, locationOf(doc, el));
}
