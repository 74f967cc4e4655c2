/** The elements that go in a SOAP message: bodies and headers, as fields. */
import { GeneratorError } from '../errors.ts';
import { qnameKey, type Binding, type ElementField, type Model } from '../model.ts';

/** The model's global elements by `{namespace}name` (the model is immutable: built once per model). */
const elementIndexes = new WeakMap<Model, Map<string, Model['elements'][number]>>();

function elementIndex(model: Model): Map<string, Model['elements'][number]> {
  let index = elementIndexes.get(model);
  if (!index) {
    index = new Map();
    for (const e of model.elements) {
      const key = qnameKey(e.name);
      if (!index.has(key)) index.set(key, e);
    }
    elementIndexes.set(model, index);
  }
  return index;
}

/** A global element declaration as an (optional) field: what goes in a body or header. */
export function elementField(model: Model, q: { namespace: string; name: string }, at: ElementField['location']): ElementField {
  const decl = elementIndex(model).get(qnameKey(q));
  if (!decl) throw new GeneratorError('UNRESOLVED_REFERENCE', `element {${q.namespace}}${q.name} is not declared`, at);
  return {
    kind: 'element',
    name: decl.name.name,
    namespace: decl.name.namespace,
    type: decl.type,
    minOccurs: 0,
    maxOccurs: 1,
    nillable: decl.nillable,
    location: at,
  };
}

export interface HeaderField {
  /** The part name: the property in the headers object. */
  readonly part: string;
  /** The header element as a field (name, namespace, type, nillable). */
  readonly field: ElementField;
}

/**
 * The response headers that report a failure by the WCF convention the runtime follows: an
 * `ExceptionInfo` header of a complex type (set: the call failed) and a boolean `Succeeded`.
 */
export function failureHeaders(model: Model, binding: Binding): { exception?: HeaderField; succeeded?: HeaderField } {
  const output = headerFields(model, binding, 'output');
  const exception = output.find((h) => h.part === 'ExceptionInfo' && h.field.type.kind === 'type');
  const succeeded = output.find((h) => h.part === 'Succeeded' && h.field.type.kind === 'builtin' && h.field.type.name === 'boolean');
  return { ...(exception ? { exception } : {}), ...(succeeded ? { succeeded } : {}) };
}

/** The distinct header parts of one direction over all operations, in first-use order. */
export function headerFields(model: Model, binding: Binding, direction: 'input' | 'output'): HeaderField[] {
  const out = new Map<string, HeaderField>();
  for (const op of binding.operations) {
    const use = op[direction];
    for (const h of use?.headers ?? []) {
      const field = elementField(model, h.element, h.location);
      const previous = out.get(h.part);
      if (previous && (previous.field.name !== field.name || previous.field.namespace !== field.namespace)) {
        // Two operations use one part name for different elements: one property cannot type both.
        throw new GeneratorError(
          'UNSUPPORTED',
          `header part ${h.part} is {${field.namespace}}${field.name} here but {${previous.field.namespace}}${previous.field.name} in another operation`,
          h.location,
        );
      }
      if (!previous) out.set(h.part, { part: h.part, field });
    }
  }
  return [...out.values()];
}

