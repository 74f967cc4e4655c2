/**
 * Lenient reading (`--lenient`, `lenient: true` in the config): contracts with mistakes that
 * other SOAP stacks shrug off are read anyway, and every such repair is reported as a warning
 * (`file:line:col: message`), never silently. Strict reading, the default, refuses them.
 *
 * What lenient reading repairs, and how:
 * - a namespace prefix used but not declared: declared on the document's root, with the
 *   namespace conventional for well-known prefixes (`xsd`, `soap`, `wsdl`, ...) and
 *   `urn:undeclared-prefix:<prefix>` for others;
 * - the XML Schema drafts' namespaces (1999, 2000/10): read as XML Schema;
 * - an xs:import or wsdl:import whose document cannot be read: skipped;
 * - a name that resolves to nothing: looked up by its local name (in the referrer's target
 *   namespace, among the XSD built-ins, then anywhere when only one declaration has it), and an
 *   element's or part's type name that names a global element with an anonymous type means
 *   that type; what
 *   still resolves to nothing is typed as raw XML (an element or type) or a string (a simple
 *   value), or left out (a group, a base, a fault, a header, an operation or port whose message,
 *   portType or binding is missing);
 * - binding operations the portType does not declare, and operations without an input
 *   (notifications): left out;
 * - an element name repeated in one content model: the later ones left out;
 * - a mixed type extending a type with element content (XSD forbids it): read without its base,
 *   its whole content kept as raw XML and the inherited attributes made its own.
 */
import { XSD_NS, type SourceLocation } from './model.ts';
import { blankDeclarations, blankNonMarkup } from './parse/blank.ts';
import { SOAP_ENCODING_NS, WSAM_NS, WSAW_NS, WSDL_NS, WSDL_SOAP11_NS, WSDL_SOAP12_NS } from './parse/namespaces.ts';

/** Receives the warnings of lenient reading. */
export interface Leniency {
  warn(message: string, at?: SourceLocation): void;
}

/** Collects warnings as `file:line:col: message` lines, each once, in the order reported. */
export class WarningList implements Leniency {
  readonly lines: string[] = [];
  private readonly seen = new Set<string>();

  warn(message: string, at?: SourceLocation): void {
    const line = at ? `${at.file}:${at.line}:${at.column}: ${message}` : message;
    if (this.seen.has(line)) return;
    this.seen.add(line);
    this.lines.push(line);
  }
}

/** The namespace a lenient reading gives an undeclared prefix that is not well known. */
const UNDECLARED_PREFIX_NS = 'urn:undeclared-prefix:';

const WELL_KNOWN_PREFIXES: Readonly<Record<string, string>> = {
  xs: XSD_NS,
  xsd: XSD_NS,
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  wsdl: WSDL_NS,
  soap: WSDL_SOAP11_NS,
  soap12: WSDL_SOAP12_NS,
  soapenc: SOAP_ENCODING_NS,
  'SOAP-ENC': SOAP_ENCODING_NS,
  http: 'http://schemas.xmlsoap.org/wsdl/http/',
  mime: 'http://schemas.xmlsoap.org/wsdl/mime/',
  xmime: 'http://www.w3.org/2005/05/xmlmime',
  wsp: 'http://schemas.xmlsoap.org/ws/2004/09/policy',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  wsam: WSAM_NS,
  wsaw: WSAW_NS,
};

/** The namespace an undeclared prefix is read as. */
export function undeclaredPrefixNamespace(prefix: string): string {
  return Object.hasOwn(WELL_KNOWN_PREFIXES, prefix) ? WELL_KNOWN_PREFIXES[prefix]! : `${UNDECLARED_PREFIX_NS}${prefix}`;
}

/** The namespaces of the XML Schema drafts before the 2001 Recommendation. */
const DRAFT_XSD_NAMESPACES = ['http://www.w3.org/1999/XMLSchema', 'http://www.w3.org/2000/10/XMLSchema'];

/** `text` with the XML Schema drafts' namespace names replaced by XML Schema's (reported once). */
export function modernSchemaNamespace(text: string, file: string, lenient: Leniency): string {
  let out = text;
  for (const draft of DRAFT_XSD_NAMESPACES) {
    for (const quote of ['"', "'"]) {
      if (!out.includes(`${quote}${draft}${quote}`)) continue;
      out = out.split(`${quote}${draft}${quote}`).join(`${quote}${XSD_NS}${quote}`);
      lenient.warn(`${file} uses the XML Schema draft namespace ${draft}; read as ${XSD_NS}`);
    }
  }
  return out;
}

const NAME = '[A-Za-z_][\\w.-]*';

/**
 * `text` with every prefix that its element and attribute names use, and that it declares
 * nowhere, declared on the root element (see undeclaredPrefixNamespace); undefined when there
 * is none to declare.
 */
export function declareUndeclaredPrefixes(text: string, file: string, lenient: Leniency): string | undefined {
  // Comments, CDATA sections and processing instructions are not markup to look at.
  const markup = blankNonMarkup(text, true);
  // A prefix declared somewhere but used out of that scope counts as undeclared there: every
  // prefix the root does not declare is declared on it (an inner declaration still wins inside).
  const declaredAnywhere = new Map<string, string>();
  for (const m of markup.matchAll(new RegExp(`xmlns:(${NAME})\\s*=\\s*(["'])([^"']*)\\2`, 'g'))) {
    if (!declaredAnywhere.has(m[1]!)) declaredAnywhere.set(m[1]!, m[3]!);
  }
  const prolog = blankDeclarations(markup);
  const rootTag = /<[A-Za-z_][^<>]*>/.exec(prolog)?.[0] ?? '';
  const declared = new Set(['xml', 'xmlns', ...[...rootTag.matchAll(new RegExp(`xmlns:(${NAME})\\s*=`, 'g'))].map((m) => m[1]!)]);
  const used = new Set<string>();
  for (const m of markup.matchAll(new RegExp(`</?(${NAME}):${NAME}`, 'g'))) used.add(m[1]!);
  for (const tag of markup.matchAll(/<[A-Za-z_][^<>]*>/g)) {
    for (const m of tag[0].matchAll(new RegExp(`\\s(${NAME}):${NAME}\\s*=`, 'g'))) used.add(m[1]!);
  }
  const missing = [...used].filter((p) => !declared.has(p)).sort();
  if (missing.length === 0) return undefined;
  // Where the root's name ends: the prolog (declarations, comments, a DOCTYPE) is blank in `prolog`.
  const root = new RegExp(`^(\\s*<${NAME}(?::${NAME})?)`).exec(prolog);
  if (!root) return undefined;
  const declarations = missing.map((p) => {
    const uri = declaredAnywhere.get(p) ?? undeclaredPrefixNamespace(p);
    lenient.warn(`${file}: the prefix "${p}" is used but not declared; read as ${uri}`);
    return ` xmlns:${p}="${uri}"`;
  });
  return text.slice(0, root[1]!.length) + declarations.join('') + text.slice(root[1]!.length);
}
