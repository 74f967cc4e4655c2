import type { Element } from '@xmldom/xmldom';
import { GeneratorError } from '../errors.ts';
import { XSD_NS } from '../model.ts';
import { WSDL_NS, WSDL_SOAP11_NS, WSDL_SOAP12_NS } from './namespaces.ts';
import { attr, locationOf, nameAttr, type XmlDocument } from './xml.ts';

// XML 1.0 (fifth edition) name characters, without the colon: an NCName.
const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F' +
  '\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NCNAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');

function isNCName(name: string): boolean {
  return NCNAME.test(name);
}

/** Declarations whose `name` becomes an element, attribute or type name on the wire. */
const XSD_NAMED = new Set(['element', 'attribute', 'complexType', 'simpleType', 'group', 'attributeGroup']);
/** WSDL declarations whose `name` can become an element name (rpc wrappers and accessors). */
const WSDL_NAMED = new Set(['operation', 'part']);
/**
 * Characters an HTTP header value (SOAPAction, the SOAP 1.2 action parameter) cannot hold inside
 * quotes: quote, backslash, controls, and anything above U+00FF (fetch refuses it outright).
 */
const HEADER_UNSAFE = /["\\\u0000-\u001F\u007F]|[^\u0000-\u00FF]/;

/**
 * Refuses names the runtime would write into XML unescaped (element and attribute names, type
 * names in xsi:type) that are not NCNames, and soapActions that cannot be sent in a quoted HTTP
 * header. Both would otherwise let a contract inject markup into every request, or headers
 * into every HTTP call. Walks the document without recursion (documents may be deep).
 */
export function checkNames(doc: XmlDocument): void {
  const stack: Element[] = [doc.root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    const ns = el.namespaceURI ?? '';
    const local = el.localName ?? '';
    if ((ns === XSD_NS && XSD_NAMED.has(local)) || (ns === WSDL_NS && WSDL_NAMED.has(local))) {
      const name = nameAttr(el);
      if (name !== undefined && !isNCName(name)) {
        const what = ns === XSD_NS ? `xs:${local}` : `wsdl:${local}`;
        throw new GeneratorError('INVALID_CONTRACT', `${what} name ${JSON.stringify(name)} is not an XML name (NCName)`, locationOf(doc, el));
      }
    }
    if ((ns === WSDL_SOAP11_NS || ns === WSDL_SOAP12_NS) && local === 'operation') {
      const action = attr(el, 'soapAction');
      if (action !== undefined && HEADER_UNSAFE.test(action)) {
        throw new GeneratorError(
          'INVALID_CONTRACT',
          `soapAction ${JSON.stringify(action)} holds a quote, backslash, control character or character outside Latin-1 and cannot be sent as an HTTP header`,
          locationOf(doc, el),
        );
      }
    }
    for (let c = el.lastChild; c; c = c.previousSibling) if (c.nodeType === 1) stack.push(c as Element);
  }
}
