import type { Element } from '@xmldom/xmldom';
import { GeneratorError } from '../errors.ts';
import { undeclaredPrefixNamespace } from '../lenient.ts';
import type { QName } from '../model.ts';
import { locationOf, type XmlDocument } from './xml.ts';

/**
 * Turns a prefixed name written in an attribute value (`tns:ServiceAuth`, `q1:ArrayOfstring`)
 * into a QName using the namespace declarations in scope at `el`. An unprefixed name takes the
 * default namespace, as XSD and WSDL QName attributes do.
 */
export function resolveQName(doc: XmlDocument, el: Element, value: string, attribute: string): QName {
  const trimmed = value.trim();
  const colon = trimmed.indexOf(':');
  const prefix = colon < 0 ? null : trimmed.slice(0, colon);
  const name = colon < 0 ? trimmed : trimmed.slice(colon + 1);
  if (prefix === 'xml') return { namespace: 'http://www.w3.org/XML/1998/namespace', name };
  // xmldom finds the default namespace under '' (not null).
  const namespace = el.lookupNamespaceURI(prefix ?? '');
  if (prefix !== null && !namespace && doc.lenient) {
    const lenientNamespace = undeclaredPrefixNamespace(prefix);
    doc.lenient.warn(`${attribute}="${value}": the prefix "${prefix}" is not declared; read as ${lenientNamespace}`, locationOf(doc, el));
    return { namespace: lenientNamespace, name };
  }
  if (prefix !== null && !namespace) {
    throw new GeneratorError(
      'UNRESOLVED_REFERENCE',
      `${attribute}="${value}": the prefix "${prefix}" is not declared`,
      locationOf(doc, el),
    );
  }
  return { namespace: namespace ?? '', name };
}

export function qnameAttr(doc: XmlDocument, el: Element, attribute: string): QName | undefined {
  const v = el.getAttribute(attribute);
  return el.hasAttribute(attribute) && v !== null ? resolveQName(doc, el, v, attribute) : undefined;
}
