/**
 * Passes over chains of base types once every type is defined: simple content inherited from a
 * complex base, and the check that every chain ends (no cycle, no more than
 * GENERATOR_LIMITS.maxDerivationDepth bases), after which later stages may walk chains freely.
 */
import { GeneratorError } from '../errors.ts';
import { GENERATOR_LIMITS } from '../limits.ts';
import type { AttributeField, ComplexType, TypeRef } from '../model.ts';
import { ancestors, baseOf, idOf } from './ancestors.ts';
import { repair, type SymbolTable } from './symbols.ts';

/**
 * Gives each complex type with simple content and a complex base the value type of that base
 * (following the chain), and a restriction the base's attributes it does not restate.
 */
export function inheritSimpleContent(table: SymbolTable): void {
  const next = (id: string): string | undefined => idOf(table.simpleContentBases.get(id)?.base);
  for (const [id, { derivation }] of table.simpleContentBases) {
    const type = table.types.get(id) as ComplexType;
    let text: TypeRef | undefined;
    const inherited: AttributeField[] = [];
    // Types earlier in this loop have their text already: the walk stops at the first with one.
    for (const baseId of ancestors(id, next, { limit: GENERATOR_LIMITS.maxDerivationDepth }).ids) {
      const b = table.types.get(baseId);
      if (b?.kind !== 'complex') break;
      inherited.push(...b.attributes);
      if (b.text) {
        text = b.text;
        break;
      }
    }
    if (!text) {
      repair(
        table,
        new GeneratorError('UNSUPPORTED', `xs:simpleContent of type ${type.name.name} derives from a complex type without simple content`, type.location),
        'its value is a string',
      );
      text = { kind: 'builtin', name: 'string' };
    }
    const own = new Set(type.attributes.map((a) => `{${a.namespace}}${a.name}`));
    const attributes =
      derivation === 'restriction' ? [...type.attributes, ...inherited.filter((a) => !own.has(`{${a.namespace}}${a.name}`))] : type.attributes;
    table.types.set(id, { ...type, text, attributes });
  }
}

/**
 * Follows each type's chain of bases (extension, restriction, list item) to the first built-in:
 * a cycle is CIRCULAR_DERIVATION, and a chain longer than GENERATOR_LIMITS.maxDerivationDepth
 * is LIMIT_EXCEEDED. A complex type's `base` is always complex (simple content is `text`).
 */
export function checkDerivations(table: SymbolTable): void {
  const max = GENERATOR_LIMITS.maxDerivationDepth;
  const next = (id: string): string | undefined => {
    const t = table.types.get(id);
    return t ? idOf(baseOf(t)) : undefined;
  };
  const nameOf = (id: string): string => table.types.get(id)?.name.name ?? id;
  for (const t of table.types.values()) {
    const { ids, cycle, overLimit } = ancestors(t.id, next, { limit: max });
    const chain = [t.name.name, ...ids.map(nameOf)];
    if (cycle !== undefined) {
      const kind = t.kind === 'complex' ? 'complex type' : 'simple type';
      const verb = t.kind === 'complex' ? ' extends ' : ' derives from ';
      throw new GeneratorError('CIRCULAR_DERIVATION', `${kind} ${t.name.name} derives from itself (${[...chain, nameOf(cycle)].join(verb)})`, t.location);
    }
    if (overLimit) {
      throw new GeneratorError('LIMIT_EXCEEDED', `type ${t.name.name} has a chain of more than ${max} base types (${chain.slice(0, 3).join(', ')}, ...)`, t.location);
    }
  }
}

