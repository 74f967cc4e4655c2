/**
 * Mixed content (character data between the child elements) is kept whole as raw XML, the
 * `text` of the type being xs:anyType (`$value: XmlFragment`): typed members could not say
 * where the text goes, and dropping it would lose data. A mixed type has no element members;
 * this pass gives the same to a type that extends one without saying mixed itself, as XSD reads
 * it, and repairs a mixed type that extends element content.
 */
import { GeneratorError } from '../errors.ts';
import type { ComplexType } from '../model.ts';
import { ancestors, idOf } from './ancestors.ts';
import { MIXED_CONTENT } from './define-types.ts';
import { repair, type SymbolTable } from './symbols.ts';

export function keepMixedContentRaw(table: SymbolTable): void {
  // A complex type's complexContent base, read when the walk gets there (the repair below drops bases).
  const next = (id: string): string | undefined => {
    const t = table.types.get(id);
    return t?.kind === 'complex' ? idOf(t.base) : undefined;
  };
  // XSD: mixed content may extend only mixed or empty content. A mixed type extending element
  // content would have its inherited elements swallowed by its raw content.
  for (const [id, t] of table.types) {
    if (t.kind !== 'complex' || !t.mixed || t.base?.kind !== 'type') continue;
    const bases: ComplexType[] = [];
    for (const baseId of ancestors(id, next).ids) {
      const b = table.types.get(baseId);
      if (b?.kind !== 'complex') break;
      bases.push(b);
    }
    // Up to the first mixed ancestor: that one answers for what lies above it.
    const firstMixed = bases.findIndex((b) => b.mixed);
    const elementBase = bases.slice(0, firstMixed < 0 ? undefined : firstMixed).find((b) => b.fields.length > 0);
    if (!elementBase) continue;
    const inherited = bases.flatMap((b) => b.attributes);
    repair(
      table,
      new GeneratorError(
        'INVALID_CONTRACT',
        `complex type ${t.name.name} has mixed content but extends ${elementBase.name.name}, whose content is elements only (XSD lets mixed content extend only mixed or empty content)`,
        t.location,
      ),
      'it is read without its base: its whole content, the inherited elements included, is kept as raw XML, and the inherited attributes are its own',
    );
    const { base: _dropped, ...rest } = t;
    table.types.set(id, { ...rest, attributes: [...inherited, ...t.attributes] });
  }

  // Whether a type has mixed content, itself or through its bases. Memoised: a walk stops at the
  // first type whose answer is known, so each chain is walked once.
  const known = new Map<string, boolean>();
  const answer = (id: string): boolean | undefined => {
    const cached = known.get(id);
    if (cached !== undefined) return cached;
    const t = table.types.get(id);
    return t?.kind !== 'complex' ? false : t.mixed ? true : undefined;
  };
  const isMixed = (id: string): boolean => {
    const { ids, cycle } = ancestors(id, next, { until: (at) => answer(at) !== undefined });
    const result = cycle !== undefined ? false : (answer(ids.at(-1) ?? id) ?? false);
    known.set(id, result);
    for (const at of ids) known.set(at, result);
    return result;
  };
  for (const [id, t] of table.types) {
    if (t.kind === 'complex' && !t.mixed && !t.text && isMixed(id)) table.types.set(id, { ...t, mixed: true, fields: [], text: MIXED_CONTENT });
  }
}
