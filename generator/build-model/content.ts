/**
 * Content models: a complex type's particles (elements, xs:any, choices) with model groups
 * expanded and the occurrence of enclosing groups carried to the particles inside them.
 */
import { GeneratorError } from '../errors.ts';
import { compact } from '../compact.ts';
import { qnameKey, type AnyField, type ElementField, type NamespaceConstraint, type Particle, type QName, type SourceLocation } from '../model.ts';
import type { RawAny, RawComplexType, RawElement, RawGroupDef, RawParticle, RawSchema } from '../parse/raw.ts';
import { elementType } from './references.ts';
import { byLocalName, repair, unresolved, type SymbolTable } from './symbols.ts';

/** How particles inside a model group occur, from the groups around them. */
interface OccurrenceContext {
  /** Some enclosing group may be absent (minOccurs 0): every particle becomes optional. */
  readonly optional: boolean;
  /** Some enclosing group repeats: every element becomes a repeated element. */
  readonly repeated: boolean;
}

const ONCE: OccurrenceContext = { optional: false, repeated: false };

/**
 * A complex type's content model as particles: nested sequences, xs:all and group references
 * are flattened, a choice that occurs at most once stays a choice, and repetition or
 * optionality of an enclosing group is carried to the particles inside it.
 */
export function contentOf(table: SymbolTable, t: RawComplexType, schema: RawSchema, own: readonly string[], typeName: string): Particle[] {
  if (!t.content) return [];
  const particles = particlesOf(table, [t.content], schema, own, ONCE, new Set());
  try {
    checkDistinctNames(particles, typeName, t.location);
  } catch (e) {
    if (!(e instanceof GeneratorError)) throw e;
    repair(table, e, 'later occurrences are left out');
    return withoutRepeatedNames(particles);
  }
  return particles;
}

function particlesOf(
  table: SymbolTable,
  items: readonly RawParticle[],
  schema: RawSchema,
  parent: readonly string[],
  ctx: OccurrenceContext,
  groups: ReadonlySet<string>,
): Particle[] {
  const out: Particle[] = [];
  for (const p of items) {
    switch (p.kind) {
      case 'element':
        out.push(occur(fieldOf(table, p, schema, parent), ctx));
        break;
      case 'any':
        out.push(anyField(p, schema, ctx));
        break;
      case 'groupRef': {
        const { group, schema: groupSchema, groups: inner } = namedGroup(table, p.ref, p.location, groups);
        out.push(...particlesOf(table, [{ ...group.particle, minOccurs: p.minOccurs, maxOccurs: p.maxOccurs }], groupSchema, parent, ctx, inner));
        break;
      }
      default: {
        const inner: OccurrenceContext = {
          optional: ctx.optional || p.minOccurs === 0,
          repeated: ctx.repeated || p.maxOccurs === 'unbounded' || p.maxOccurs > 1,
        };
        if (p.kind === 'choice' && !inner.repeated) {
          const branches = p.particles.flatMap((b) => branchesOf(table, b, schema, parent, groups));
          if (branches.length > 0) out.push({ kind: 'choice', minOccurs: inner.optional ? 0 : 1, branches, location: p.location });
        } else {
          // A repeated choice is every branch's elements, each optional and repeated.
          out.push(...particlesOf(table, p.particles, schema, parent, p.kind === 'choice' ? { optional: true, repeated: true } : inner, groups));
        }
      }
    }
  }
  return out;
}

/** The branches one particle of a (non-repeated) choice contributes: nested choices are spliced in. */
function branchesOf(table: SymbolTable, p: RawParticle, schema: RawSchema, parent: readonly string[], groups: ReadonlySet<string>): Particle[][] {
  if (p.kind === 'groupRef') {
    const { group, schema: groupSchema, groups: inner } = namedGroup(table, p.ref, p.location, groups);
    return branchesOf(table, { ...group.particle, minOccurs: p.minOccurs, maxOccurs: p.maxOccurs }, groupSchema, parent, inner);
  }
  const repeated = p.maxOccurs === 'unbounded' || p.maxOccurs > 1;
  if (p.kind === 'choice' && !repeated) return p.particles.flatMap((b) => branchesOf(table, b, schema, parent, groups));
  if (p.kind === 'sequence' || p.kind === 'all' || p.kind === 'choice') {
    const ctx = p.kind === 'choice' ? { optional: true, repeated: true } : { optional: p.minOccurs === 0, repeated };
    return [particlesOf(table, p.particles, schema, parent, ctx, groups)];
  }
  return [particlesOf(table, [p], schema, parent, ONCE, groups)];
}

/** A named model group, and the set of groups being expanded (a group may not contain itself). */
function namedGroup(table: SymbolTable, ref: QName, at: SourceLocation, expanding: ReadonlySet<string>): { group: RawGroupDef; schema: RawSchema; groups: ReadonlySet<string> } {
  const key = qnameKey(ref);
  const declared = table.groupDecls.get(key) ?? byLocalName(table, table.groupDecls, ref, 'group', at);
  if (!declared) {
    repair(table, unresolved('group', ref, 'a content model', at), 'the reference is left out');
    const empty: RawGroupDef = { kind: 'group', name: ref.name, particle: { kind: 'sequence', minOccurs: 1, maxOccurs: 1, particles: [], location: at }, location: at };
    return { group: empty, schema: table.raw.schemas[0]!, groups: expanding };
  }
  if (expanding.has(key)) throw new GeneratorError('INVALID_CONTRACT', `group ${ref.name} contains itself`, at);
  return { group: declared.raw, schema: declared.schema, groups: new Set([...expanding, key]) };
}

function fieldOf(table: SymbolTable, e: RawElement, schema: RawSchema, parent: readonly string[]): ElementField {
  if (e.ref) {
    const target = table.elementDecls.get(qnameKey(e.ref)) ?? byLocalName(table, table.elementDecls, e.ref, 'element', e.location);
    if (!target) {
      repair(table, unresolved('element', e.ref, `an element reference in ${parent.join('/')}`, e.location), 'the element is typed as raw XML');
      return { kind: 'element', name: e.ref.name, namespace: e.ref.namespace, type: { kind: 'builtin', name: 'anyType' }, minOccurs: e.minOccurs, maxOccurs: e.maxOccurs, nillable: false, location: e.location };
    }
    return compact({
      kind: 'element' as const,
      name: e.ref.name,
      namespace: e.ref.namespace,
      type: elementType(table, target.raw, target.schema, [`element:${e.ref.name}`]),
      minOccurs: e.minOccurs,
      maxOccurs: e.maxOccurs,
      nillable: target.raw.nillable,
      documentation: e.documentation ?? target.raw.documentation,
      location: e.location,
    });
  }
  const name = e.name!;
  const qualified = e.form ? e.form === 'qualified' : schema.elementFormQualified;
  return compact({
    kind: 'element' as const,
    name,
    namespace: qualified ? schema.targetNamespace : '',
    type: elementType(table, e, schema, [...parent, name]),
    minOccurs: e.minOccurs,
    maxOccurs: e.maxOccurs,
    nillable: e.nillable,
    documentation: e.documentation,
    location: e.location,
  });
}

/** An element or `xs:any` with the occurrence its enclosing groups impose. */
function occur<T extends ElementField | AnyField>(p: T, ctx: OccurrenceContext): T {
  if (!ctx.optional && !ctx.repeated) return p;
  return { ...p, minOccurs: ctx.optional ? 0 : p.minOccurs, maxOccurs: ctx.repeated ? 'unbounded' : p.maxOccurs };
}

function anyField(p: RawAny, schema: RawSchema, ctx: OccurrenceContext): AnyField {
  const tns = schema.targetNamespace;
  let namespaces: NamespaceConstraint;
  if (p.namespace === '##any') namespaces = { kind: 'any' };
  else if (p.namespace === '##other') namespaces = { kind: 'not', namespace: tns };
  else {
    const list = p.namespace.split(/\s+/).filter((n) => n !== '').map((n) => (n === '##targetNamespace' ? tns : n === '##local' ? '' : n));
    namespaces = { kind: 'list', namespaces: [...new Set(list)] };
  }
  return occur(
    { kind: 'any', namespaces, processContents: p.processContents, minOccurs: p.minOccurs, maxOccurs: p.maxOccurs, location: p.location },
    ctx,
  );
}

/**
 * Every element name of a content model must be one property of the TypeScript value: an
 * element may repeat across the branches of one choice, but not elsewhere.
 */
export function checkDistinctNames(particles: readonly Particle[], typeName: string, at: SourceLocation): void {
  const names = (list: readonly Particle[]): string[] =>
    list.flatMap((p) => (p.kind === 'element' ? [p.name] : p.kind === 'choice' ? [...new Set(p.branches.flatMap((b) => names(b)))] : []));
  const seen = new Set<string>();
  for (const name of names(particles)) {
    if (seen.has(name)) {
      throw new GeneratorError('UNSUPPORTED', `element ${name} occurs more than once in the content of type ${typeName} (outside the branches of one xs:choice)`, at);
    }
    seen.add(name);
  }
  for (const p of particles) if (p.kind === 'choice') for (const b of p.branches) checkDistinctNames(b, typeName, at);
}

/** Lenient: a content model with each element name kept at its first occurrence only. */
function withoutRepeatedNames(particles: readonly Particle[]): Particle[] {
  const seen = new Set<string>();
  const keep = (list: readonly Particle[]): Particle[] =>
    list.flatMap((p): Particle[] => {
      if (p.kind === 'element') {
        if (seen.has(p.name)) return [];
        seen.add(p.name);
        return [p];
      }
      if (p.kind !== 'choice') return [p];
      // Branches may share names; after the choice, every branch's names are taken.
      const before = [...seen];
      const after = new Set(seen);
      const branches = p.branches.map((b) => {
        seen.clear();
        for (const n of before) seen.add(n);
        const kept = keep(b);
        for (const n of seen) after.add(n);
        return kept;
      });
      seen.clear();
      for (const n of after) seen.add(n);
      return [{ ...p, branches }];
    });
  return keep(particles);
}
