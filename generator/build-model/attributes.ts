/**
 * The attributes of a complex type: its own, and those of the attribute groups it refers to
 * (expanded, each attribute once).
 */
import { GeneratorError } from '../errors.ts';
import { compact } from '../compact.ts';
import { qnameKey, type AttributeField } from '../model.ts';
import type { RawAttribute, RawAttributeGroupRef, RawSchema } from '../parse/raw.ts';
import { simpleTypeOf } from './references.ts';
import { byLocalName, repair, unresolved, type SymbolTable } from './symbols.ts';

/** The attributes of a type or attribute group, with those of the attribute groups it refers to. */
export function attributeFields(
  table: SymbolTable,
  t: { readonly attributes: readonly RawAttribute[]; readonly attributeGroups: readonly RawAttributeGroupRef[] },
  schema: RawSchema,
  own: readonly string[],
  expanding: ReadonlySet<string>,
): AttributeField[] {
  const out = t.attributes.map((a) => attributeField(table, a, schema, own));
  for (const g of t.attributeGroups) {
    const key = qnameKey(g.ref);
    const declared = table.attributeGroupDecls.get(key) ?? byLocalName(table, table.attributeGroupDecls, g.ref, 'attribute group', g.location);
    if (!declared) {
      repair(table, unresolved('attribute group', g.ref, own.join('/'), g.location), 'the reference is left out');
      continue;
    }
    if (expanding.has(key)) throw new GeneratorError('INVALID_CONTRACT', `attribute group ${g.ref.name} contains itself`, g.location);
    out.push(...attributeFields(table, declared.raw, declared.schema, own, new Set([...expanding, key])));
  }
  const seen = new Set<string>();
  return out.filter((a) => {
    const key = `{${a.namespace}}${a.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function attributeField(table: SymbolTable, a: RawAttribute, schema: RawSchema, parent: readonly string[]): AttributeField {
  if (a.ref) {
    const target = table.attributeDecls.get(qnameKey(a.ref)) ?? byLocalName(table, table.attributeDecls, a.ref, 'attribute', a.location);
    if (!target) {
      repair(table, unresolved('attribute', a.ref, `an attribute reference in ${parent.join('/')}`, a.location), 'the attribute is typed as a string');
      return compact({ kind: 'attribute' as const, name: a.ref.name, namespace: a.ref.namespace, type: { kind: 'builtin' as const, name: 'string' as const }, use: a.use, location: a.location });
    }
    return compact({
      kind: 'attribute' as const,
      name: a.ref.name,
      namespace: a.ref.namespace,
      type: simpleTypeOf(table, target.raw, target.schema, [`attribute:${a.ref.name}`]),
      use: a.use,
      default: a.default ?? target.raw.default,
      fixed: a.fixed ?? target.raw.fixed,
      documentation: a.documentation ?? target.raw.documentation,
      location: a.location,
    });
  }
  const qualified = a.form ? a.form === 'qualified' : schema.attributeFormQualified;
  return compact({
    kind: 'attribute' as const,
    name: a.name!,
    namespace: qualified ? schema.targetNamespace : '',
    type: simpleTypeOf(table, a, schema, [...parent, `@${a.name!}`]),
    use: a.use,
    default: a.default,
    fixed: a.fixed,
    documentation: a.documentation,
    location: a.location,
  });
}
