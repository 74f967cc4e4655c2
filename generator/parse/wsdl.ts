import type { Element } from '@xmldom/xmldom';
import xpath from 'xpath';
import { GeneratorError } from '../errors.ts';
import { XSD_NS } from '../model.ts';
import { WSAM_NS, WSAW_NS, WSDL_NS, WSDL_SOAP11_NS, WSDL_SOAP12_NS } from './namespaces.ts';
import { qnameAttr } from './qname.ts';
import type {
  RawBinding,
  RawBindingMessage,
  RawBindingOperation,
  RawContract,
  RawMessage,
  RawPortType,
  RawPortTypeMessage,
  RawSchema,
  RawService,
  RawWsdl,
} from './raw.ts';
import { compact } from '../compact.ts';
import { checkNames } from './check-names.ts';
import { parseSchema } from './schema.ts';
import { attr, childElements, firstChild, locationOf, textOf, type XmlDocument } from './xml.ts';
import type { LoadedDocument } from '../load/load.ts';

/** The prefixes the paths of selectElements use. */
const PATH_NAMESPACES: Record<string, string> = { wsdl: WSDL_NS, xs: XSD_NS };

/** Reads every loaded document into raw records: WSDL definitions and all schemas, inline or not. */
export function parseContract(documents: readonly LoadedDocument[]): RawContract {
  const wsdls: RawWsdl[] = [];
  const schemas: RawSchema[] = [];
  for (const doc of documents) {
    checkNames(doc);
    if (doc.role === 'xsd') {
      schemas.push(parseSchema(doc, doc.root, doc.includedInto));
      continue;
    }
    for (const schemaEl of xpathElements('/wsdl:definitions/wsdl:types/xs:schema', doc.root)) {
      schemas.push(parseSchema(doc, schemaEl));
    }
    wsdls.push(parseWsdl(doc));
  }
  return { wsdls, schemas };
}

function parseWsdl(doc: XmlDocument): RawWsdl {
  const root = doc.root;
  const tns = attr(root, 'targetNamespace') ?? '';
  const q = (name: string) => ({ namespace: tns, name });
  const messages: RawMessage[] = selectElements('/wsdl:definitions/wsdl:message', root).map((m) => ({
    name: q(required(doc, m, 'name')),
    parts: childElements(m, WSDL_NS, 'part').map((p) =>
      compact({
        name: required(doc, p, 'name'),
        element: qnameAttr(doc, p, 'element'),
        type: qnameAttr(doc, p, 'type'),
        location: locationOf(doc, p),
      }),
    ),
    location: locationOf(doc, m),
  }));
  const portTypes: RawPortType[] = selectElements('/wsdl:definitions/wsdl:portType', root).map((pt) =>
    compact({
      name: q(required(doc, pt, 'name')),
      operations: childElements(pt, WSDL_NS, 'operation').map((op) => {
        const io = (name: string) => {
          const el = firstChild(op, WSDL_NS, name);
          return el ? portTypeMessage(doc, el) : undefined;
        };
        return compact({
          name: required(doc, op, 'name'),
          input: io('input'),
          output: io('output'),
          faults: childElements(op, WSDL_NS, 'fault').map((f) => ({ ...portTypeMessage(doc, f), name: required(doc, f, 'name') })),
          documentation: documentationOf(op),
          location: locationOf(doc, op),
        });
      }),
      documentation: documentationOf(pt),
      location: locationOf(doc, pt),
    }),
  );
  const bindings = selectElements('/wsdl:definitions/wsdl:binding', root).map((b) => parseBinding(doc, b, tns));
  const services: RawService[] = selectElements('/wsdl:definitions/wsdl:service', root).map((s) =>
    compact({
      name: q(required(doc, s, 'name')),
      ports: childElements(s, WSDL_NS, 'port').map((p) => {
        const address = [...childElements(p, WSDL_SOAP11_NS, 'address'), ...childElements(p, WSDL_SOAP12_NS, 'address')][0];
        return compact({
          name: required(doc, p, 'name'),
          binding: requiredQName(doc, p, 'binding'),
          address: address ? attr(address, 'location') : undefined,
          location: locationOf(doc, p),
        });
      }),
      documentation: documentationOf(s),
      location: locationOf(doc, s),
    }),
  );
  return compact({
    kind: 'wsdl' as const,
    name: attr(root, 'name'),
    targetNamespace: tns,
    documentation: documentationOf(root),
    messages,
    portTypes,
    bindings,
    services,
    location: locationOf(doc, root),
  });
}

function portTypeMessage(doc: XmlDocument, el: Element): RawPortTypeMessage {
  const action = el.getAttributeNS(WSAW_NS, 'Action') || el.getAttributeNS(WSAM_NS, 'Action') || undefined;
  return compact({ name: attr(el, 'name'), message: requiredQName(doc, el, 'message'), action, location: locationOf(doc, el) });
}

function parseBinding(doc: XmlDocument, b: Element, tns: string): RawBinding {
  const soap11 = firstChild(b, WSDL_SOAP11_NS, 'binding');
  const soap12 = firstChild(b, WSDL_SOAP12_NS, 'binding');
  const soapEl = soap11 ?? soap12;
  const other = childElements(b).find((c) => (c.namespaceURI ?? '') !== WSDL_NS);
  const style = soapEl ? styleOf(doc, soapEl) : undefined;
  return compact({
    name: { namespace: tns, name: required(doc, b, 'name') },
    type: requiredQName(doc, b, 'type'),
    soap: soapEl
      ? compact({ version: soap11 ? ('1.1' as const) : ('1.2' as const), style, transport: attr(soapEl, 'transport') ?? '' })
      : undefined,
    otherExtension: !soapEl && other ? `{${other.namespaceURI ?? ''}}${other.localName}` : undefined,
    operations: childElements(b, WSDL_NS, 'operation').map((op): RawBindingOperation => {
      const soapOp = firstChild(op, WSDL_SOAP11_NS, 'operation') ?? firstChild(op, WSDL_SOAP12_NS, 'operation');
      const io = (name: string) => {
        const el = firstChild(op, WSDL_NS, name);
        return el ? bindingMessage(doc, el) : undefined;
      };
      return compact({
        name: required(doc, op, 'name'),
        soapAction: soapOp ? attr(soapOp, 'soapAction') : undefined,
        style: soapOp ? styleOf(doc, soapOp) : undefined,
        input: io('input'),
        output: io('output'),
        location: locationOf(doc, op),
      });
    }),
    documentation: documentationOf(b),
    location: locationOf(doc, b),
  });
}

function bindingMessage(doc: XmlDocument, el: Element): RawBindingMessage {
  const soapChildren = childElements(el).filter((c) => c.namespaceURI === WSDL_SOAP11_NS || c.namespaceURI === WSDL_SOAP12_NS);
  const bodyEl = soapChildren.find((c) => c.localName === 'body');
  const headers = soapChildren
    .filter((c) => c.localName === 'header')
    .map((h) => ({
      message: requiredQName(doc, h, 'message'),
      part: required(doc, h, 'part'),
      use: useOf(doc, h),
      location: locationOf(doc, h),
    }));
  const partsAttr = bodyEl ? attr(bodyEl, 'parts') : undefined;
  return compact({
    name: attr(el, 'name'),
    body: bodyEl
      ? compact({
          parts: partsAttr !== undefined ? partsAttr.split(/\s+/).filter((p) => p !== '') : undefined,
          use: useOf(doc, bodyEl),
          namespace: attr(bodyEl, 'namespace'),
          encodingStyle: attr(bodyEl, 'encodingStyle'),
        })
      : undefined,
    headers,
    location: locationOf(doc, el),
  });
}

function styleOf(doc: XmlDocument, el: Element): 'document' | 'rpc' | undefined {
  const style = attr(el, 'style');
  if (style === undefined || style === 'document' || style === 'rpc') return style;
  throw new GeneratorError('INVALID_CONTRACT', `style="${style}" is neither "document" nor "rpc"`, locationOf(doc, el));
}

function useOf(doc: XmlDocument, el: Element): 'literal' | 'encoded' {
  const use = attr(el, 'use') ?? 'literal';
  if (use === 'literal' || use === 'encoded') return use;
  throw new GeneratorError('INVALID_CONTRACT', `use="${use}" is neither "literal" nor "encoded"`, locationOf(doc, el));
}

function required(doc: XmlDocument, el: Element, name: string): string {
  // Every required attribute here is a name (an NCName): surrounding whitespace is not part of it.
  const v = attr(el, name)?.trim();
  if (v === undefined || v === '') {
    throw new GeneratorError('INVALID_CONTRACT', `wsdl:${el.localName} has no ${name} attribute`, locationOf(doc, el));
  }
  return v;
}

function requiredQName(doc: XmlDocument, el: Element, name: string) {
  const q = qnameAttr(doc, el, name);
  if (!q) throw new GeneratorError('INVALID_CONTRACT', `wsdl:${el.localName} has no ${name} attribute`, locationOf(doc, el));
  return q;
}

/** wsdl:documentation text (all descendant text, whitespace-normalised). */
function documentationOf(el: Element): string | undefined {
  const texts = childElements(el, WSDL_NS, 'documentation')
    .map(textOf)
    .filter((t): t is string => t !== undefined);
  return texts.length > 0 ? texts.join('\n') : undefined;
}

/**
 * The elements at an absolute path of child steps (`/wsdl:definitions/wsdl:message`) from the
 * document element, in document order. A direct walk: an XPath engine sorts its results by
 * document position, which costs more than the whole rest of parsing on a large contract.
 */
const select = xpath.useNamespaces({ wsdl: WSDL_NS, xs: XSD_NS });

/** Elements an XPath expression selects (used where results are few: xpath sorts them by position). */
function xpathElements(expression: string, context: Element): Element[] {
  // xpath is typed against the DOM lib's Node; xmldom's nodes are structurally the same for its purposes.
  const result = select(expression, context as unknown as Node);
  return Array.isArray(result) ? (result as unknown[]).filter((n): n is Element => (n as { nodeType?: number }).nodeType === 1) : [];
}

/**
 * Elements on a path of child steps (`/wsdl:definitions/wsdl:message`), in document order. Used
 * for the WSDL's long top-level lists, where xpath's sorting of large results by document
 * position dominated generation time on big contracts.
 */
function selectElements(expression: string, context: Element): Element[] {
  const steps = expression.split('/').slice(1).map((step) => {
    const [prefix, local] = step.split(':') as [string, string];
    const ns = PATH_NAMESPACES[prefix];
    if (ns === undefined || local === undefined) throw new Error(`internal: unsupported path step ${step}`);
    return { ns, local };
  });
  const first = steps[0]!;
  const root = context.ownerDocument?.documentElement ?? context;
  let current: Element[] = (root.namespaceURI ?? '') === first.ns && root.localName === first.local ? [root] : [];
  for (const step of steps.slice(1)) current = current.flatMap((el) => childElements(el, step.ns, step.local));
  return current;
}
