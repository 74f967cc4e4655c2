import { createHash } from 'node:crypto';
import path from 'node:path';
import { GeneratorError } from '../errors.ts';
import { WSDL_NS } from '../parse/namespaces.ts';
import { XSD_NS, type SourceLocation } from '../model.ts';
import { compact } from '../compact.ts';
import { attr, childElements, locationOf, parseXml, type XmlDocument } from '../parse/xml.ts';
import { declareUndeclaredPrefixes, modernSchemaNamespace, type Leniency } from '../lenient.ts';
import { DEFAULT_FETCH_TIMEOUT_MS, DEFAULT_MAX_CONTRACT_BYTES, isUrl, readSource } from './read-source.ts';

export interface LoadOptions {
  /** Per-URL timeout in milliseconds: answering and sending the whole document. */
  readonly timeoutMs?: number;
  /** The largest document read, in bytes (default DEFAULT_MAX_CONTRACT_BYTES). */
  readonly maxBytes?: number;
  /** The folder relative paths in errors are computed from (default: the working folder). */
  readonly cwd?: string;
  /** Read leniently, repairing common mistakes with a warning each (see lenient.ts). */
  readonly lenient?: boolean;
}

/** One loaded document and how it was reached. */
export interface LoadedDocument extends XmlDocument {
  /** 'wsdl' for a wsdl:definitions root, 'xsd' for an xs:schema root. */
  readonly role: 'wsdl' | 'xsd';
  /**
   * For an xs:include'd schema: the target namespace of the including schema (a schema without
   * its own targetNamespace takes it: a "chameleon" include).
   */
  readonly includedInto?: string;
  /** sha256 of the text as read: the output cache knows an unchanged document by it (cache.ts). */
  readonly digest: string;
}

export interface LoadedContract {
  /** The root document first, then every imported or included document once, in discovery order. */
  readonly documents: readonly LoadedDocument[];
}

/**
 * Loads the root contract and everything it imports: wsdl:import, xs:import with a
 * schemaLocation (relative to the importing document) and xs:include, from files or URLs.
 * Each document is loaded once, so import cycles end. An xs:import without schemaLocation is
 * left to the model builder, which resolves it against the schemas loaded here.
 */
export async function loadContract(root: string, options: LoadOptions = {}, lenient?: Leniency): Promise<LoadedContract> {
  const cwd = options.cwd ?? process.cwd();
  const limits = { timeoutMs: options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS, maxBytes: options.maxBytes ?? DEFAULT_MAX_CONTRACT_BYTES };
  const rootUri = isUrl(root) ? root : path.resolve(cwd, root);
  const seen = new Set<string>([rootUri]);
  const documents: LoadedDocument[] = [];

  interface Pending {
    readonly uri: string;
    readonly importedAt?: SourceLocation;
    readonly expect?: 'wsdl' | 'xsd';
    readonly includedInto?: string;
  }
  const queue: Pending[] = [{ uri: rootUri }];

  while (queue.length > 0) {
    const next = queue.shift()!;
    const file = displayName(next.uri, cwd);
    let text: string;
    try {
      text = await readSource(next.uri, file, next.importedAt, limits);
    } catch (e) {
      // Lenient: an import that cannot be read is skipped (what needs it is repaired later).
      if (!lenient || next.importedAt === undefined || !(e instanceof GeneratorError)) throw e;
      lenient.warn(`${e.message}; the import is skipped`, next.importedAt);
      continue;
    }
    const doc = lenient ? parseLeniently(text, next.uri, file, next.importedAt, lenient) : parseXml(text, next.uri, file, next.importedAt);
    const role = roleOf(doc, next.importedAt);
    if (next.expect === 'xsd' && role !== 'xsd') {
      throw new GeneratorError('NOT_A_CONTRACT', `${file} is not an XML schema (root element ${doc.root.tagName})`, next.importedAt);
    }
    const digest = createHash('sha256').update(text).digest('hex');
    const loaded: LoadedDocument =
      next.includedInto !== undefined ? { ...doc, role, includedInto: next.includedInto, digest } : { ...doc, role, digest };
    documents.push(loaded);

    for (const ref of referencesOf(loaded)) {
      const uri = resolveLocation(ref.location, next.uri);
      if (seen.has(uri)) continue;
      seen.add(uri);
      queue.push(compact({ uri, importedAt: ref.at, expect: ref.expect, includedInto: ref.includedInto }));
    }
  }
  return { documents };
}

interface Reference {
  readonly location: string;
  readonly at: SourceLocation;
  readonly expect?: 'xsd';
  readonly includedInto?: string;
}

/** The documents one document names: wsdl:import, and xs:import / xs:include in every schema it holds. */
function referencesOf(doc: LoadedDocument): Reference[] {
  const refs: Reference[] = [];
  const schemas: { el: import('@xmldom/xmldom').Element; tns: string }[] = [];
  if (doc.role === 'wsdl') {
    for (const imp of childElements(doc.root, WSDL_NS, 'import')) {
      const location = attr(imp, 'location');
      if (location) refs.push({ location, at: locationOf(doc, imp) });
    }
    for (const types of childElements(doc.root, WSDL_NS, 'types')) {
      for (const schema of childElements(types, XSD_NS, 'schema')) {
        schemas.push({ el: schema, tns: attr(schema, 'targetNamespace') ?? '' });
      }
    }
  } else {
    schemas.push({ el: doc.root, tns: attr(doc.root, 'targetNamespace') ?? doc.includedInto ?? '' });
  }
  for (const { el, tns } of schemas) {
    for (const child of childElements(el, XSD_NS)) {
      const location = attr(child, 'schemaLocation');
      if (!location) continue;
      if (child.localName === 'import') refs.push({ location, at: locationOf(doc, child), expect: 'xsd' });
      else if (child.localName === 'include' || child.localName === 'redefine') {
        refs.push({ location, at: locationOf(doc, child), expect: 'xsd', includedInto: tns });
      }
    }
  }
  return refs;
}

/** parseXml, repairing the XML Schema drafts' namespaces and undeclared prefixes (reported). */
function parseLeniently(text: string, uri: string, file: string, importedAt: SourceLocation | undefined, lenient: Leniency): XmlDocument {
  const modern = modernSchemaNamespace(text, file, lenient);
  try {
    return { ...parseXml(modern, uri, file, importedAt), lenient };
  } catch (e) {
    if (!(e instanceof GeneratorError) || e.code !== 'XML_MALFORMED' || !/prefix|namespace/i.test(e.message)) throw e;
    const repaired = declareUndeclaredPrefixes(modern, file, lenient);
    if (repaired === undefined) throw e;
    return { ...parseXml(repaired, uri, file, importedAt), lenient };
  }
}

function roleOf(doc: XmlDocument, importedAt: SourceLocation | undefined): 'wsdl' | 'xsd' {
  const ns = doc.root.namespaceURI ?? '';
  if (ns === WSDL_NS && doc.root.localName === 'definitions') return 'wsdl';
  if (ns === XSD_NS && doc.root.localName === 'schema') return 'xsd';
  throw new GeneratorError(
    'NOT_A_CONTRACT',
    `${doc.file} is neither a WSDL 1.1 document nor an XML schema (root element {${ns}}${doc.root.localName})`,
    importedAt ?? locationOf(doc, doc.root),
  );
}

function resolveLocation(location: string, base: string): string {
  if (isUrl(location)) return location;
  if (isUrl(base)) return new URL(location, base).toString();
  if (location.startsWith('file:')) return new URL(location).pathname;
  return path.resolve(path.dirname(base), decodeURIComponent(location));
}

function displayName(uri: string, cwd: string): string {
  if (isUrl(uri)) return uri;
  const rel = path.relative(cwd, uri);
  return rel.startsWith('..') || path.isAbsolute(rel) ? uri : rel.split(path.sep).join('/');
}
