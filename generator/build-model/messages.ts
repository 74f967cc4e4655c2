/**
 * Messages as an operation uses them: the parts in soap:Body (and the complex type built for an
 * rpc wrapper or bare parts), and the soap:header parts.
 */
import { GeneratorError } from '../errors.ts';
import { compact } from '../compact.ts';
import {
  qnameKey,
  type BodyContent,
  type ElementField,
  type HeaderPart,
  type MessagePart,
  type MessageUse,
  type QName,
  type SourceLocation,
  type TypeRef,
} from '../model.ts';
import { SOAP_ENCODING_NS } from '../parse/namespaces.ts';
import type { RawBinding, RawBindingMessage, RawMessage, RawPortTypeMessage } from '../parse/raw.ts';
import { checkDistinctNames } from './content.ts';
import { elementType, resolveType } from './references.ts';
import { byLocalName, repair, unresolved, type SymbolTable } from './symbols.ts';

/** Where a message is used: for naming and locating the types built for its body. */
export interface MessageSite {
  readonly binding: RawBinding;
  readonly operation: string;
  readonly direction: 'input' | 'output';
  readonly style: 'document' | 'rpc';
  readonly location: SourceLocation;
}

export function messageUse(table: SymbolTable, abstract: RawPortTypeMessage, bound: RawBindingMessage | undefined, at: MessageSite): MessageUse {
  const what = `${at.operation} ${at.direction}`;
  const message = rawMessage(table, abstract.message, what, abstract.location);
  const wanted = bound?.body?.parts;
  const body = message.parts
    .filter((p) => wanted === undefined || wanted.includes(p.name))
    .map((p) => partOf(table, p, message));
  const headers = (bound?.headers ?? []).flatMap((h): HeaderPart[] => {
    try {
      const headerMessage = rawMessage(table, h.message, `a soap:header of ${what}`, h.location);
      const part = headerMessage.parts.find((p) => p.name === h.part);
      if (!part) {
        throw new GeneratorError('UNRESOLVED_REFERENCE', `soap:header part "${h.part}" is not in message ${h.message.name}`, h.location);
      }
      if (!part.element) {
        throw new GeneratorError('UNSUPPORTED', `soap:header part "${h.part}" has no element (type-based headers are not supported)`, part.location);
      }
      const element = requireElement(table, part.element, `part ${h.part} of message ${h.message.name}`, part.location);
      return [{ kind: 'header', message: headerMessage.name, part: h.part, element, use: h.use, location: h.location }];
    } catch (e) {
      if (!(e instanceof GeneratorError)) throw e;
      repair(table, e, 'the header is left out');
      return [];
    }
  });
  const use = bound?.body?.use ?? 'literal';
  if (use === 'encoded') checkEncodingStyle(bound?.body?.encodingStyle, what, bound?.location ?? at.location);
  return compact({
    kind: 'messageUse' as const,
    message: message.name,
    body,
    content: bodyContent(table, body, bound?.body?.namespace, at),
    use,
    namespace: bound?.body?.namespace,
    headers,
    action: abstract.action,
  });
}

/**
 * Encoded use is SOAP 1.1 section 5 encoding: an encodingStyle that names only other encodings
 * (SOAP 1.2's, say) is refused. Without encodingStyle, section 5 is what WSDL 1.1's examples mean.
 */
function checkEncodingStyle(style: string | undefined, what: string, at: SourceLocation): void {
  if (style === undefined || style.trim() === '') return;
  if (style.split(/\s+/).includes(SOAP_ENCODING_NS)) return;
  throw new GeneratorError('UNSUPPORTED', `${what} is encoded with encodingStyle="${style.trim()}"; only SOAP 1.1 encoding (${SOAP_ENCODING_NS}) is supported`, at);
}

/**
 * How the parts lie in soap:Body. rpc: a wrapper element named after the operation in the
 * soap:body namespace (the binding's target namespace when none is given), holding an
 * unqualified accessor per type part (or the element of an element part). document: the one
 * element part itself, or else every part a Body child of its own.
 */
function bodyContent(table: SymbolTable, body: readonly MessagePart[], namespace: string | undefined, at: MessageSite): BodyContent {
  const suffix = at.direction === 'input' ? 'Request' : 'Response';
  if (at.style === 'rpc') {
    const element = { namespace: namespace ?? at.binding.name.namespace, name: at.direction === 'input' ? at.operation : `${at.operation}Response` };
    return { kind: 'wrapper', element, type: messageType(table, body, at, `${at.operation}${suffix}`, element.namespace) };
  }
  const [only, ...more] = body;
  if (only?.element && more.length === 0) return { kind: 'element', element: only.element };
  return { kind: 'parts', type: messageType(table, body, at, `${at.operation}${suffix}`, at.binding.type.namespace) };
}

/**
 * The complex type of an rpc wrapper or a bare body: one field per part. Bindings of one
 * portType that lay a message out alike (SOAP 1.1 and 1.2 bindings, typically) share it.
 */
function messageType(table: SymbolTable, body: readonly MessagePart[], at: MessageSite, name: string, namespace: string): TypeRef {
  const shared = `{${namespace}}message:${at.binding.type.name}/${at.operation}/${at.direction}`;
  const fields = body.map((p): ElementField => {
    if (p.element) {
      const decl = table.elementDecls.get(qnameKey(p.element));
      return {
        kind: 'element',
        name: p.element.name,
        namespace: p.element.namespace,
        type: decl ? elementType(table, decl.raw, decl.schema, [`element:${p.element.name}`]) : { kind: 'builtin', name: 'anyType' },
        minOccurs: 1,
        maxOccurs: 1,
        nillable: decl?.raw.nillable ?? false,
        location: p.location,
      };
    }
    return { kind: 'element', name: p.name, namespace: '', type: p.type!, minOccurs: 1, maxOccurs: 1, nillable: false, location: p.location };
  });
  checkDistinctNames(fields, name, at.location);
  const previous = table.types.get(shared);
  const same = previous?.kind === 'complex' && withoutLocations(previous.fields) === withoutLocations(fields);
  const id = previous === undefined || same ? shared : `${shared}@${at.binding.name.name}`;
  if (same) return { kind: 'type', id };
  table.types.set(id, {
    kind: 'complex',
    id,
    name: { namespace, name },
    origin: { kind: 'message', operation: at.operation, direction: at.direction, name },
    abstract: false,
    mixed: false,
    fields,
    attributes: [],
    location: at.location,
  });
  return { kind: 'type', id };
}

export function rawMessage(table: SymbolTable, q: QName, referrer: string, at: SourceLocation): RawMessage {
  const m = table.messages.get(qnameKey(q)) ?? byLocalName(table, table.messages, q, 'message', at);
  if (!m) throw unresolved('message', q, referrer, at);
  return m;
}

export function partOf(table: SymbolTable, p: RawMessage['parts'][number], message: RawMessage): MessagePart {
  const element = p.element ? requireElement(table, p.element, `part ${p.name} of message ${message.name.name}`, p.location) : undefined;
  const type = p.type ? resolveType(table, p.type, `part ${p.name} of message ${message.name.name}`, p.location) : undefined;
  if (!element && !type) {
    throw new GeneratorError('INVALID_CONTRACT', `part ${p.name} of message ${message.name.name} has neither element nor type`, p.location);
  }
  return compact({ kind: 'part' as const, name: p.name, element, type, location: p.location });
}

/**
 * The QName of a declared global element. Lenient: one found by its local name, or else an
 * element of that name typed as raw XML (made up for the model, reported).
 */
function requireElement(table: SymbolTable, q: QName, referrer: string, at: SourceLocation): QName {
  const key = qnameKey(q);
  if (table.elementDecls.has(key) || table.madeUpElements.has(key)) return q;
  const found = byLocalName(table, table.elementDecls, q, 'element', at);
  if (found) return { namespace: found.schema.targetNamespace, name: found.raw.name! };
  repair(table, unresolved('element', q, referrer, at), 'it is typed as raw XML');
  table.madeUpElements.set(key, { kind: 'elementDecl', name: q, type: { kind: 'builtin', name: 'anyType' }, nillable: false, location: at });
  return q;
}

/** A value as JSON without its source locations, for comparing declarations. */
function withoutLocations(value: unknown): string {
  return JSON.stringify(value, (k, v: unknown) => (k === 'location' ? undefined : v));
}
