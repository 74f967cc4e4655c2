/**
 * Several contracts in one package: their models merged into one, so that the types they
 * share (same QName) are emitted once. A type, element or attribute that two contracts declare
 * under one QName must be declared identically (documentation and source positions aside);
 * otherwise it is reported, never merged silently.
 */
import { GeneratorError } from './errors.ts';
import { qnameKey, type Model, type SourceLocation } from './model.ts';

export function mergeModels(models: readonly Model[]): Model {
  const [first, ...rest] = models;
  if (!first) throw new Error('internal: no model to merge');
  if (rest.length === 0) return first;
  const types = mergeBy(models, (m) => m.types, (t) => t.id, 'type');
  const elements = mergeBy(models, (m) => m.elements, (e) => qnameKey(e.name), 'element');
  const attributes = mergeBy(models, (m) => m.attributes, (a) => qnameKey(a.name), 'attribute');
  return {
    ...first,
    source: models.map((m) => m.source).join(' + '),
    services: models.flatMap((m) => m.services),
    bindings: models.flatMap((m) => m.bindings),
    types: types.sort((a, b) => cmp(a.id, b.id)),
    elements: elements.sort((a, b) => cmp(qnameKey(a.name), qnameKey(b.name))),
    attributes: attributes.sort((a, b) => cmp(qnameKey(a.name), qnameKey(b.name))),
  };
}

function mergeBy<T extends { readonly location: SourceLocation }>(
  models: readonly Model[],
  items: (m: Model) => readonly T[],
  key: (item: T) => string,
  what: string,
): T[] {
  const seen = new Map<string, { item: T; shape: string }>();
  for (const model of models) {
    for (const item of items(model)) {
      const k = key(item);
      const shape = JSON.stringify(item, (name, value: unknown) => (name === 'location' || name === 'documentation' ? undefined : value));
      const previous = seen.get(k);
      if (!previous) {
        seen.set(k, { item, shape });
      } else if (previous.shape !== shape) {
        const at = previous.item.location;
        throw new GeneratorError(
          'DUPLICATE_DECLARATION',
          `${what} ${k} is declared differently here and at ${at.file}:${at.line}:${at.column}; contracts built into one package must declare shared names identically`,
          item.location,
        );
      }
    }
  }
  return [...seen.values()].map((v) => v.item);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
