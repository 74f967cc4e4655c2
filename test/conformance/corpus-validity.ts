/**
 * Whether a node-soap corpus sample's message is valid against its own contract, judged by
 * libxml2 (`xmllint --schema`), so that the corpus figure counts only samples a correct SOAP
 * stack must handle, and every failure can say whose fault it is.
 *
 * What is judged, for one direction (request or response) of one operation of the binding the
 * sample is generated for:
 *
 * - the envelope's frame, against a SOAP 1.1 envelope schema written below (Envelope, Header,
 *   Body, Fault; header and body entries are elements). A SOAP 1.2 envelope is not framed;
 * - each header element the contract declares for that direction (other headers, such as
 *   WS-Security's, are the contract's business no more than the Body's neighbours are);
 * - the Body's content: document style, the part elements, in order, each validated as a
 *   document of its own against the contract's schemas; rpc/literal, the wrapper element
 *   (`{namespace}Operation`, or `OperationResponse` as WS-I Basic Profile R2729 names the
 *   response) with one unqualified accessor per part, declared here in the wrapper's namespace
 *   beside the contract's schemas and typed with the part's type; a Fault, by the frame.
 *
 * The contract's schemas are its inline `xs:schema`s (those of WSDLs it imports too), each
 * written out with the namespace declarations it inherits from `wsdl:definitions`, relative
 * imports and includes pointed at the files beside the contract (read in place), and imports of
 * another inline schema's namespace pointed at that schema. Every namespace gets one schema
 * file including its pieces; a root schema imports them all.
 *
 * Not judged by libxml2 (the verdict says why): SOAP-encoded messages (rpc/encoded,
 * document/encoded: values typed by `xsi:type` and `soapenc` arrays, not instances of the
 * contract's element declarations), and rpc parts declared by element (WS-I R2203 forbids them).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import type { Binding, MessageUse, Model, QName, TypeRef } from '../../generator/model.ts';
import { parseElement } from '../support/canonical.ts';

const XS = 'http://www.w3.org/2001/XMLSchema';
const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const XMLNS = 'http://www.w3.org/2000/xmlns/';
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';

/** What libxml2 makes of a sample's message. */
export type Verdict =
  /** The message is valid against the contract. */
  | { readonly kind: 'valid' }
  /** The sample is at fault: the message breaks its contract (xmllint's message, or the rule broken). */
  | { readonly kind: 'invalid'; readonly message: string }
  /** The contract is at fault: its schemas do not compile (xmllint's message). */
  | { readonly kind: 'contract'; readonly message: string }
  /** No XML Schema judgement applies to this message (why). */
  | { readonly kind: 'not-judged'; readonly reason: string };

/**
 * The frame of a SOAP 1.1 envelope, after the SOAP 1.1 note (section 4): written for this check,
 * only as strict as the note is about the frame: entries of Header and Body are elements, and
 * a Fault has its faultcode and faultstring (validated as a document of its own).
 */
const SOAP11_FRAME = `<xs:schema xmlns:xs="${XS}" xmlns:s="${SOAP11}" targetNamespace="${SOAP11}">
  <xs:element name="Envelope">
    <xs:complexType>
      <xs:sequence>
        <xs:element ref="s:Header" minOccurs="0"/>
        <xs:element ref="s:Body"/>
        <xs:any namespace="##other" minOccurs="0" maxOccurs="unbounded" processContents="skip"/>
      </xs:sequence>
      <xs:anyAttribute namespace="##other" processContents="skip"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Header">
    <xs:complexType>
      <xs:sequence><xs:any namespace="##any" minOccurs="0" maxOccurs="unbounded" processContents="skip"/></xs:sequence>
      <xs:anyAttribute namespace="##other" processContents="skip"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Body">
    <xs:complexType>
      <xs:sequence><xs:any namespace="##any" minOccurs="0" maxOccurs="unbounded" processContents="skip"/></xs:sequence>
      <xs:anyAttribute namespace="##other" processContents="skip"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Fault">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="faultcode" type="xs:QName"/>
        <xs:element name="faultstring" type="xs:string"/>
        <xs:element name="faultactor" type="xs:anyURI" minOccurs="0"/>
        <xs:element name="detail" minOccurs="0">
          <xs:complexType>
            <xs:sequence><xs:any namespace="##any" minOccurs="0" maxOccurs="unbounded" processContents="skip"/></xs:sequence>
            <xs:anyAttribute namespace="##any" processContents="skip"/>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
      <xs:anyAttribute namespace="##other" processContents="skip"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;

/** An inline schema of the contract, and the folder its relative locations start from. */
interface InlineSchema {
  readonly element: Element;
  readonly folder: string;
  readonly targetNamespace: string;
}

function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n !== null; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

/** The inline schemas of `wsdl` and of the WSDLs it imports (each document once). */
function inlineSchemas(wsdl: string, seen = new Set<string>()): InlineSchema[] {
  if (seen.has(wsdl) || !existsSync(wsdl)) return [];
  seen.add(wsdl);
  const root = parseElement(readFileSync(wsdl, 'utf8'));
  const folder = path.dirname(wsdl);
  const out: InlineSchema[] = [];
  for (const c of childElements(root)) {
    if (c.namespaceURI === WSDL && c.localName === 'import') {
      const location = c.getAttribute('location');
      if (location && !/^[a-z]+:/i.test(location)) out.push(...inlineSchemas(path.resolve(folder, location), seen));
    }
    if (c.namespaceURI === WSDL && c.localName === 'types') {
      for (const s of childElements(c)) {
        if (s.namespaceURI === XS && s.localName === 'schema') out.push({ element: s, folder, targetNamespace: s.getAttribute('targetNamespace') ?? '' });
      }
    }
  }
  return out;
}

/** Copies onto `el` the namespace declarations of its ancestors that it does not make itself. */
function inheritDeclarations(el: Element, ancestors: Element | null): void {
  for (let a = ancestors; a !== null && a.nodeType === 1; a = a.parentNode as Element | null) {
    for (let i = 0; i < a.attributes.length; i++) {
      const attr = a.attributes.item(i)!;
      if (attr.name !== 'xmlns' && attr.prefix !== 'xmlns') continue;
      if (!el.hasAttribute(attr.name)) el.setAttributeNS(XMLNS, attr.name, attr.value);
    }
  }
}

/** The first error xmllint reports (schema paths shortened to their names), or undefined when all validated. */
function xmllint(schema: string | undefined, documents: readonly string[], folder: string): { error?: string; compiles: boolean } {
  const out = spawnSync('xmllint', ['--noout', ...(schema === undefined ? [] : ['--schema', schema]), ...documents], { cwd: folder, encoding: 'utf8' });
  const lines = `${out.stderr}`.split('\n').filter((l) => l.trim() !== '');
  const compiles = !lines.some((l) => / failed to compile$/.test(l));
  const error = lines.find((l) => /: (Schemas (parser|validity) error|parser error|namespace error) : /.test(l)) ?? lines.find((l) => / failed to compile$/.test(l));
  if (out.status === 0) return { compiles };
  const message = (error ?? lines[0] ?? `xmllint exited with ${out.status}`).split(`${folder}/`).join('').replace(/\s+/g, ' ').trim();
  return { error: message, compiles };
}

/** `{namespace}name`. */
function clark(ns: string | null, name: string): string {
  return `{${ns ?? ''}}${name}`;
}

/** A standalone document of `el`: the element with every namespace declaration in scope where it stood. */
function standalone(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  inheritDeclarations(copy, el.parentNode as Element | null);
  return new XMLSerializer().serializeToString(copy);
}

/**
 * The contract's schemas written out in `folder`, with the rpc wrappers `wrappers` declared in
 * their namespaces; returns the root schema's file name.
 */
function writeSchemas(wsdl: string, folder: string, wrappers: readonly RpcWrapper[]): string {
  mkdirSync(folder, { recursive: true });
  const schemas = inlineSchemas(wsdl);
  const namespaces = [...new Set([...schemas.map((s) => s.targetNamespace), ...wrappers.map((w) => w.element.namespace)])];
  const fileOf = (ns: string) => `ns${namespaces.indexOf(ns)}.xsd`;
  const serializer = new XMLSerializer();
  schemas.forEach((s, i) => {
    const copy = s.element.cloneNode(true) as Element;
    inheritDeclarations(copy, s.element.parentNode as Element | null);
    for (const c of childElements(copy)) {
      if (c.namespaceURI !== XS || (c.localName !== 'import' && c.localName !== 'include')) continue;
      const location = c.getAttribute('schemaLocation');
      if (location && !/^[a-z]+:/i.test(location)) c.setAttribute('schemaLocation', path.resolve(s.folder, location));
      else if (!location && c.localName === 'import') {
        const ns = c.getAttribute('namespace') ?? '';
        if (ns !== s.targetNamespace && namespaces.includes(ns)) c.setAttribute('schemaLocation', fileOf(ns));
      }
    }
    writeFileSync(path.join(folder, `piece${i}.xsd`), serializer.serializeToString(copy));
  });
  const prefixes = new Map<string, string>();
  const prefix = (ns: string) => {
    if (!prefixes.has(ns)) prefixes.set(ns, `p${prefixes.size}`);
    return prefixes.get(ns)!;
  };
  for (const ns of namespaces) {
    const own = wrappers.filter((w) => w.element.namespace === ns);
    const declarations = own.map((w) => {
      const accessors = w.parts.map((p) => `<xs:element name="${p.name}" type="${p.type.namespace === XS ? 'xs' : prefix(p.type.namespace)}:${p.type.name}"/>`);
      return `<xs:element name="${w.element.name}"><xs:complexType><xs:sequence>${accessors.join('')}</xs:sequence></xs:complexType></xs:element>`;
    });
    const used = [...new Set(own.flatMap((w) => w.parts.map((p) => p.type.namespace)))].filter((n) => n !== XS);
    const imports = used.filter((n) => n !== ns).map((n) => `<xs:import ${n === '' ? '' : `namespace="${n}" `}${namespaces.includes(n) ? `schemaLocation="${fileOf(n)}"` : ''}/>`);
    const includes = schemas.flatMap((s, i) => (s.targetNamespace === ns ? [`<xs:include schemaLocation="piece${i}.xsd"/>`] : []));
    const declared = used.map((n) => ` xmlns:${prefix(n)}="${n}"`).join('');
    writeFileSync(
      path.join(folder, fileOf(ns)),
      `<xs:schema xmlns:xs="${XS}"${ns === '' ? '' : ` targetNamespace="${ns}"`}${declared}>${includes.join('')}${imports.join('')}${declarations.join('')}</xs:schema>`,
    );
  }
  const root = namespaces.map((ns) => (ns === '' ? `<xs:include schemaLocation="${fileOf(ns)}"/>` : `<xs:import namespace="${ns}" schemaLocation="${fileOf(ns)}"/>`));
  writeFileSync(path.join(folder, 'contract.xsd'), `<xs:schema xmlns:xs="${XS}">${root.join('')}</xs:schema>`);
  return 'contract.xsd';
}

/** An rpc wrapper element and its accessors' types. */
interface RpcWrapper {
  readonly element: QName;
  readonly parts: readonly { readonly name: string; readonly type: QName }[];
}

/** The XSD name of a type reference (undefined for a type the model built, which has none). */
function typeName(model: Model, ref: TypeRef): QName | undefined {
  if (ref.kind === 'builtin') return { namespace: XS, name: ref.name };
  const t = model.types.find((x) => x.id === ref.id);
  return t !== undefined && t.origin.kind === 'named' ? t.name : undefined;
}

/** The rpc wrapper of a message, or the WS-I Basic Profile rule the contract breaks, which leaves nothing to declare it with. */
function rpcWrapper(model: Model, operation: string, use: MessageUse, direction: 'request' | 'response'): RpcWrapper | string {
  if (use.namespace === undefined || use.namespace === '') return 'its rpc soap:body has no namespace, which WS-I Basic Profile R2717 requires';
  const parts: { name: string; type: QName }[] = [];
  for (const p of use.body) {
    const type = p.type === undefined ? undefined : typeName(model, p.type);
    if (type === undefined) return `its rpc part ${p.name} is declared by element, where WS-I Basic Profile R2203 requires a type`;
    parts.push({ name: p.name, type });
  }
  return { element: { namespace: use.namespace, name: direction === 'request' ? operation : `${operation}Response` }, parts };
}

/**
 * The SOAP envelope of a message sent as a MIME multipart body (SOAP with attachments, MTOM):
 * the first part that holds XML, as the runtime reads it. Other text is returned as it is.
 */
function rootPart(text: string): string {
  const start = /^\s*--([^\r\n]+)\r?\n/.exec(text);
  if (start === null) return text.trim();
  for (const part of text.split(`--${start[1]!.trim()}`)) {
    const blank = /\r?\n\r?\n/.exec(part);
    const body = blank === null ? '' : part.slice(blank.index + blank[0].length).trim();
    if (body.startsWith('<')) return body;
  }
  return text.trim();
}

/**
 * Judges one direction of a sample: `message` (request.xml or response.xml) against operation
 * `operation` of binding `binding` of the contract `wsdl` (read into `model`). `folder` is a
 * scratch folder of its own.
 */
export function judgeMessage(...args: Parameters<typeof judge>): Verdict {
  const verdict = judge(...args);
  if (verdict.kind !== 'invalid' && verdict.kind !== 'contract') return verdict;
  // Paths as the contract's folder names them; the inline schemas written out by their number.
  const message = verdict.message
    .split(`${path.dirname(args[0])}/`)
    .join('')
    .replace(/schemas\/piece(\d+)\.xsd/g, (_, n: string) => `inline schema ${Number(n) + 1} of ${path.basename(args[0])}`);
  return { ...verdict, message };
}

function judge(
  wsdl: string,
  model: Model,
  binding: Binding,
  operation: string,
  direction: 'request' | 'response',
  message: string,
  folder: string,
): Verdict {
  const op = binding.operations.find((o) => o.name === operation);
  if (op === undefined) return { kind: 'not-judged', reason: `binding ${binding.name.name} has no operation ${operation}` };
  const use = direction === 'request' ? op.input : op.output;
  if (use === undefined) return { kind: 'not-judged', reason: 'the operation is one-way' };
  if (use.use === 'encoded') return { kind: 'not-judged', reason: "a SOAP-encoded message: its values are typed by xsi:type, not by the contract's element declarations" };
  mkdirSync(folder, { recursive: true });
  const envelope = rootPart(message);
  writeFileSync(path.join(folder, 'envelope.xml'), envelope);
  let env: Element;
  try {
    env = parseElement(envelope);
  } catch (e) {
    return { kind: 'invalid', message: xmllint(undefined, ['envelope.xml'], folder).error ?? `not well-formed: ${(e as Error).message}` };
  }
  const envNs = env.namespaceURI;
  if (env.localName !== 'Envelope' || (envNs !== SOAP11 && envNs !== SOAP12)) return { kind: 'invalid', message: `the document element is ${clark(envNs, env.localName ?? '')}, not a SOAP Envelope` };
  const header = childElements(env).find((c) => c.namespaceURI === envNs && c.localName === 'Header');
  const body = childElements(env).find((c) => c.namespaceURI === envNs && c.localName === 'Body');
  if (body === undefined) return { kind: 'invalid', message: 'the envelope has no Body' };
  const documents: string[] = [];
  const add = (el: Element, where: 'header' | 'body') => {
    const name = `${where}-entry-${documents.filter((d) => d.startsWith(where)).length + 1}.xml`;
    writeFileSync(path.join(folder, name), standalone(el));
    documents.push(name);
  };

  // The frame (SOAP 1.1 only), and a Fault in it.
  const entries = childElements(body);
  if (envNs === SOAP11) {
    writeFileSync(path.join(folder, 'soap11.xsd'), SOAP11_FRAME);
    const frame = xmllint('soap11.xsd', ['envelope.xml'], folder);
    if (frame.error !== undefined) return { kind: 'invalid', message: frame.error };
    if (entries.length === 1 && entries[0]!.localName === 'Fault' && entries[0]!.namespaceURI === SOAP11) {
      add(entries[0]!, 'body');
      const fault = xmllint('soap11.xsd', documents, folder);
      return fault.error === undefined ? { kind: 'valid' } : { kind: 'invalid', message: fault.error };
    }
  }
  if (entries.length === 1 && entries[0]!.localName === 'Fault' && entries[0]!.namespaceURI === envNs) return { kind: 'not-judged', reason: 'a SOAP 1.2 Fault' };

  // The contract's part of the message: declared headers, then the Body's content.
  const declared = new Set(use.headers.map((h) => clark(h.element.namespace, h.element.name)));
  for (const h of header === undefined ? [] : childElements(header)) if (declared.has(clark(h.namespaceURI, h.localName ?? ''))) add(h, 'header');
  const wrappers: RpcWrapper[] = [];
  let expected: string[];
  if (op.style === 'rpc') {
    const wrapper = rpcWrapper(model, operation, use, direction);
    if (typeof wrapper === 'string') return { kind: 'contract', message: wrapper };
    wrappers.push(wrapper);
    expected = [clark(wrapper.element.namespace, wrapper.element.name)];
  } else {
    if (use.body.some((p) => p.element === undefined)) return { kind: 'not-judged', reason: 'a document-style part declared by type has no element to validate' };
    expected = use.body.map((p) => clark(p.element!.namespace, p.element!.name));
  }
  for (const e of entries) add(e, 'body');
  const schema = writeSchemas(wsdl, path.join(folder, 'schemas'), wrappers);
  const result = documents.length === 0 ? { compiles: true } : xmllint(`schemas/${schema}`, documents, folder);
  if (!result.compiles) return { kind: 'contract', message: result.error ?? 'its schemas do not compile' };
  if (result.error !== undefined) return { kind: 'invalid', message: result.error };
  // Valid elements, but are they the ones the message should hold?
  const found = entries.map((e) => clark(e.namespaceURI, e.localName ?? ''));
  if (found.join(' ') !== expected.join(' ')) return { kind: 'invalid', message: `soap:Body holds ${found.join(', ') || 'nothing'} where the contract's message has ${expected.join(', ') || 'nothing'}` };
  return { kind: 'valid' };
}
