/**
 * The documents the schema tests judge: for each of the User contract's 79 operations, with
 * full, minimal and nil sample values, the soap:Body child and each soap:Header child of the
 * request and of the response, each a document of its own; and control documents the schemas
 * must reject, so that a run that validates nothing cannot pass.
 */
import assert from 'node:assert/strict';
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import * as user from '../../output/services86-user/src/index.ts';
import type { MessageDesc, OperationDesc } from '../../templates/runtime/schema.ts';
import { parseElement } from './canonical.ts';
import { SampleMaker, type SampleKind } from './samples.ts';
import type { SchemaFile, XmlDocument } from './xsd.ts';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
export const NS = 'http://www.superoffice.net/ws/crm/NetServer/Services86';
export const KINDS: readonly SampleKind[] = ['full', 'minimal', 'nil'];

export const USER_SCHEMAS: readonly SchemaFile[] = [
  { namespace: NS, file: 'wsdl/Services86.xsd' },
  { namespace: 'http://schemas.microsoft.com/2003/10/Serialization/', file: 'wsdl/Serialization.xsd' },
  { namespace: 'http://schemas.microsoft.com/2003/10/Serialization/Arrays', file: 'wsdl/Serialization.Arrays.xsd' },
];

export interface UserDocument extends XmlDocument {
  /** Which test reports it: `${operation} (${kind})`, or CONTROLS. */
  readonly group: string;
  readonly label: string;
}

export const CONTROLS = 'controls';

/** Documents the schemas must reject, by what is wrong with them. */
export const CONTROL_DOCUMENTS: Readonly<Record<string, string>> = {
  'a letter in an xs:int': `<SaveServiceAuth xmlns="${NS}"><ServiceAuth><ServiceAuthId>x</ServiceAuthId></ServiceAuth></SaveServiceAuth>`,
  'sequence order broken': `<SaveServiceAuth xmlns="${NS}"><ServiceAuth><Server>s</Server><ServiceAuthId>1</ServiceAuthId></ServiceAuth></SaveServiceAuth>`,
  'an unknown flag': `<SaveServiceAuth xmlns="${NS}"><ServiceAuth><TableRight><Mask>Select Fly</Mask></TableRight></ServiceAuth></SaveServiceAuth>`,
  'xsi:nil on an element that is not nillable': `<SaveServiceAuth xmlns="${NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ServiceAuth><ServiceAuthId i:nil="true"/></ServiceAuth></SaveServiceAuth>`,
  'an element the contract does not have': `<SaveServiceAuth xmlns="${NS}"><ServiceAuth><Colour>red</Colour></ServiceAuth></SaveServiceAuth>`,
  'a body element in no namespace': `<SaveServiceAuth><ServiceAuth/></SaveServiceAuth>`,
};

type Fn = (...args: unknown[]) => unknown;
const api = user as unknown as Record<string, Fn>;
export const USER_OPERATIONS: readonly OperationDesc[] = Object.values(user.operations);

function elementChildren(parent: Element | undefined): Element[] {
  const out: Element[] = [];
  for (let n = parent?.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

/** The soap:Header children and the soap:Body child of an envelope, each a document of its own. */
function parts(envelope: string): { name: string; xml: string }[] {
  const root = parseElement(envelope);
  assert.equal(root.namespaceURI, SOAP11);
  const sections = elementChildren(root);
  const header = sections.find((s) => s.localName === 'Header' && s.namespaceURI === SOAP11);
  const body = sections.find((s) => s.localName === 'Body' && s.namespaceURI === SOAP11);
  const bodyChildren = elementChildren(body);
  assert.equal(bodyChildren.length, 1, 'the Body holds one element');
  const serializer = new XMLSerializer();
  return [...elementChildren(header).map((e) => ({ name: `header-${e.localName}`, e })), { name: 'body', e: bodyChildren[0]! }].map(({ name, e }) => ({
    name,
    xml: `<?xml version="1.0" encoding="utf-8"?>\n${serializer.serializeToString(e)}\n`,
  }));
}

/** Every message part of every operation and kind, then the controls. */
export function userDocuments(): UserDocument[] {
  const docs: UserDocument[] = [];
  const add = (group: string, label: string, xml: string) => docs.push({ name: `${String(docs.length).padStart(4, '0')}.xml`, group, label, xml });
  const maker = new SampleMaker(user.service);
  const headersOf = (message: MessageDesc, kind: SampleKind) =>
    Object.fromEntries(message.headers.map((h) => [h.part, kind === 'nil' && h.element.nillable ? null : maker.value(h.element.type, kind)]));

  for (const kind of KINDS) {
    for (const op of USER_OPERATIONS) {
      const group = `${op.name} (${kind})`;
      const request = api[`serialize${op.name}Request`]!(maker.value(op.input.body.type, kind), { headers: headersOf(op.input, kind) }) as string;
      const requestParts = parts(request);
      assert.equal(requestParts.length, 1 + op.input.headers.length);
      for (const p of requestParts) add(group, `request ${p.name}`, p.xml);
      const output = op.output!;
      const response = api[`serialize${op.name}Response`]!(maker.value(output.body.type, kind), headersOf(output, kind)) as string;
      const responseParts = parts(response);
      assert.equal(responseParts.length, 1 + output.headers.length);
      for (const p of responseParts) add(group, `response ${p.name}`, p.xml);
    }
  }
  for (const [label, xml] of Object.entries(CONTROL_DOCUMENTS)) add(CONTROLS, label, xml);
  return docs;
}
