/**
 * The WCF DataContract conventions: ArrayOf* types (arrays) and types marked IsDictionary
 * (dictionaries of Key/Value entries), recognised once every type is defined.
 */
import type { AttributeField, ComplexType, Particle, QName, WcfConvention } from '../model.ts';
import type { RawComplexType } from '../parse/raw.ts';
import type { SymbolTable } from './symbols.ts';

/** Adds the WCF convention to each complex type that follows one (all types are defined by now). */
export function addConventions(table: SymbolTable): void {
  for (const [id, raw] of table.rawComplex) {
    const type = table.types.get(id) as ComplexType;
    const convention = conventionOf(table, raw, type.name, type.fields, type.attributes);
    if (convention) table.types.set(id, { ...type, convention });
  }
}

function conventionOf(
  table: SymbolTable,
  t: RawComplexType,
  name: QName,
  fields: readonly Particle[],
  attributes: readonly AttributeField[],
): WcfConvention | undefined {
  const only = fields.length === 1 && !t.base && attributes.length === 0 ? fields[0] : undefined;
  if (only?.kind !== 'element' || only.maxOccurs === 1) return undefined;
  if (t.isDictionary && only.type.kind === 'type') {
    const entry = table.types.get(only.type.id);
    if (entry?.kind === 'complex' && entry.fields.length === 2 && !entry.base) {
      const [key, value] = entry.fields as [Particle, Particle];
      if (key.kind === 'element' && value.kind === 'element' && key.name === 'Key' && value.name === 'Value') {
        return { kind: 'dictionary', entry: { name: only.name, namespace: only.namespace }, key, value };
      }
    }
  }
  if (name.name.startsWith('ArrayOf')) return { kind: 'array', item: only };
  return undefined;
}
