/**
 * Raw XML values (`XmlFragment` in the generated types): the content of an xs:anyType element,
 * or one element matched by xs:any. A fragment means what it means as a standalone document:
 * every prefix it uses is declared in it, and an unprefixed name without a default namespace
 * declaration has no namespace. Fragments read from a message are re-serialised that way
 * (declarations they inherited from the message are added to their top-level elements), and
 * fragments written into a message are checked (well-formed, prefixes declared) and given the
 * `xmlns` they need where the surrounding default namespace would otherwise capture their names.
 * A fault's detail and the header elements a contract does not declare are kept by the same
 * re-serialiser, `FragmentCapture`.
 *
 * Floor 2 of the runtime (XML reading and writing): imports floors 0 and 1, and xml-parser.ts.
 */

import { XmlLimitError, XmlParseError } from './errors.js';
import { DEFAULT_XML_LIMITS } from './limits.js';
import { InvalidValue } from './values.js';
import { escapeAttr, escapeText } from './xml-escape.js';
import { XSI_NS, type PrefixResolver, type XmlTag } from './xml-namespaces.js';
import { parseXml } from './xml-parser.js';

/**
 * What the top-level elements of a captured fragment declare besides their own declarations, so
 * that the fragment means on its own what it meant where it stood:
 * - `used`: the prefixes the fragment uses (element and attribute names, xsi:type values), as
 *   `resolve` answers where each is used, written before the element's attributes; the default
 *   namespace only where it differs from `target`, the default namespace in force where the
 *   fragment will be put ('' for a standalone value). Raw XML values are kept this way.
 * - `inherited`: every declaration of `scope` (prefix -> URI, '' for the default namespace) the
 *   element does not make itself, written after its attributes. A fault's detail is kept this way:
 *   its text may hold QNames (`s:Client`) whose prefixes no name shows.
 */
export type FragmentDeclarations =
  | { readonly kind: 'used'; readonly resolve: PrefixResolver; readonly target: string }
  | { readonly kind: 'inherited'; readonly scope: Readonly<Record<string, string>> };

/** Characters of a fragment's text kept as pieces before they are made one string (see FragmentCapture). */
export const FLAT_PIECE = 1 << 14;

/**
 * Re-serialises the events of a fragment: the runtime's one re-serialiser of captured XML.
 * `open`/`text`/`close` receive the fragment's own events (for xs:any, starting with the element
 * itself; for xs:anyType content, a fault's detail and an undeclared header, its children).
 */
export class FragmentCapture {
  /**
   * The text is written in small pieces (a tag, a name, a `>`). Kept as one string of them all,
   * it would be a chain of as many pieces as were appended, all alive until the end, which every
   * young-generation collection copies again (a 2.8 MB header took twice the time per MB of a
   * message's records). So past FLAT_PIECE characters `out` is made one flat string and moved to
   * `written`: the fragment so far is `written.join('') + out`.
   */
  private out = '';
  private readonly written: string[] = [];
  private writtenLength = 0;
  /** The start tag being written has not been closed with `>` yet. */
  private pending = false;
  private readonly names: string[] = [];
  /** Prefixes declared inside the fragment, per open element ('' for the default namespace; undefined: none). */
  private readonly declared: (string[] | undefined)[] = [];
  /** How many open elements of the fragment declare each prefix: `need` looks it up instead of walking `declared`. */
  private readonly declaredCount = new Map<string, number>();
  /** `used`: the declarations to add to the current top-level element. */
  private extra = new Map<string, string>();
  private readonly inserts: { at: number; decls: Map<string, string> }[] = [];

  constructor(private readonly declarations: FragmentDeclarations) {}

  open(tag: XmlTag): void {
    if (this.pending) this.out += '>';
    const top = this.names.length === 0;
    const d = this.declarations;
    let s = `<${tag.name}`;
    if (top && d.kind === 'used') {
      this.extra = new Map();
      this.inserts.push({ at: this.writtenLength + this.out.length + s.length, decls: this.extra });
    }
    let own: string[] | undefined;
    const count = tag.attributeCount;
    for (let i = 0; i < count; i++) {
      const a = tag.attributes[i]!;
      if (a.name === 'xmlns') {
        (own ??= []).push('');
        // Where the fragment goes, this default namespace is in force already.
        if (top && d.kind === 'used' && a.value === d.target) continue;
      } else if (a.name.startsWith('xmlns:')) {
        (own ??= []).push(a.name.slice(6));
      }
      s += ` ${a.name}="${escapeAttr(a.value)}"`;
    }
    this.declared.push(own);
    if (own !== undefined) for (const p of own) this.declaredCount.set(p, (this.declaredCount.get(p) ?? 0) + 1);
    if (d.kind === 'used') {
      // Prefixes the tag uses: its name's, its attributes', and an xsi:type value's.
      this.need(d, prefixOf(tag.name), top);
      for (let i = 0; i < count; i++) {
        const a = tag.attributes[i]!;
        if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
        const p = prefixOf(a.name);
        if (p !== '') this.need(d, p, top);
        if (a.uri === XSI_NS && a.local === 'type') this.need(d, prefixOf(a.value.trim()), top);
      }
    } else if (top) {
      for (const p in d.scope) {
        if (p in tag.ns) continue;
        const uri = d.scope[p] as string;
        if (p === '') {
          if (uri !== '') s += ` xmlns="${escapeAttr(uri)}"`;
        } else {
          s += ` xmlns:${p}="${escapeAttr(uri)}"`;
        }
      }
    }
    this.out += s;
    if (this.out.length > FLAT_PIECE) this.flatten();
    this.pending = true;
    this.names.push(tag.name);
  }

  text(text: string): void {
    if (this.pending) {
      this.out += '>';
      this.pending = false;
    }
    this.out += escapeText(text);
  }

  close(): void {
    const name = this.names.pop() as string;
    const own = this.declared.pop();
    if (own !== undefined) for (const p of own) this.declaredCount.set(p, (this.declaredCount.get(p) as number) - 1);
    if (this.pending) {
      this.out += '/>';
      this.pending = false;
    } else {
      this.out += `</${name}>`;
    }
  }

  /** The fragment's text, with the declarations its top-level elements need. */
  result(): string {
    if (this.written.length > 0) {
      this.flatten();
      this.out = this.written.join('');
      this.written.length = 0;
      this.writtenLength = 0;
    }
    let s = '';
    let from = 0;
    for (const { at, decls } of this.inserts) {
      s += this.out.slice(from, at);
      for (const [p, uri] of decls) s += p === '' ? ` xmlns="${escapeAttr(uri)}"` : ` xmlns:${p}="${escapeAttr(uri)}"`;
      from = at;
    }
    return s + this.out.slice(from);
  }

  private flatten(): void {
    const piece = this.out;
    piece.charCodeAt(0); // reading a character makes V8 copy a chain of pieces into one string
    this.written.push(piece);
    this.writtenLength += piece.length;
    this.out = '';
  }

  /** Makes sure prefix `p` (used here) means in the fragment what it means at this point. */
  private need(used: Extract<FragmentDeclarations, { kind: 'used' }>, p: string, top: boolean): void {
    if (p === 'xml' || p === 'xmlns') return;
    if ((this.declaredCount.get(p) ?? 0) > 0) return;
    if (this.extra.has(p)) return;
    const uri = used.resolve(p) ?? '';
    if (p === '') {
      // The default namespace matters where it differs from the target's, at the top level only
      // (nested unprefixed names inherit what the top-level element declares).
      if (top && uri !== used.target) this.extra.set('', uri);
      return;
    }
    this.extra.set(p, uri);
  }
}

function prefixOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? '' : qname.slice(0, colon);
}

/**
 * Checks a fragment to be written and returns it as it must be put where the default namespace
 * is `target`: parsed as a standalone fragment (so undeclared prefixes and bad markup are
 * refused), then re-serialised. `element`: it must be exactly one element (xs:any); otherwise any
 * mix of text and elements (xs:anyType content). Throws InvalidValue.
 */
export function prepareFragment(
  value: unknown,
  target: string,
  element: boolean,
  maxDepth: number = DEFAULT_XML_LIMITS.maxDepth,
): string {
  if (typeof value !== 'string') throw new InvalidValue(`expected an XML fragment (a string), got ${typeof value}`);
  let elements = 0;
  let strayText = false;
  let capture: FragmentCapture | undefined;
  try {
    // `maxDepth`: how deep the fragment may nest where it goes (the wrapper <r> is one more).
    parseXml(`<r>${value}</r>`, { ...DEFAULT_XML_LIMITS, maxDepth: maxDepth + 1 }, (resolve) => {
      capture = new FragmentCapture({ kind: 'used', resolve, target });
      const c = capture;
      let depth = 0;
      return {
        open(tag: XmlTag): void {
          if (depth++ === 0) return;
          if (depth === 2) elements++;
          c.open(tag);
        },
        text(text: string): void {
          if (depth === 1 && text.trim() !== '') strayText = true;
          if (depth > 1 || !element) c.text(text);
        },
        close(): void {
          if (--depth > 0) c.close();
        },
      };
    });
  } catch (e) {
    if (e instanceof XmlParseError) throw new InvalidValue(`not a well-formed XML fragment: ${e.message}`);
    if (e instanceof XmlLimitError) {
      throw new InvalidValue(
        e.limit === 'maxDepth'
          ? `the XML fragment nests elements more than ${maxDepth} levels deep here (a message nests at most ${DEFAULT_XML_LIMITS.maxDepth})`
          : `the XML fragment exceeds the reader's ${e.limit} (${e.value})`,
      );
    }
    throw e;
  }
  if (element && (elements !== 1 || strayText)) {
    throw new InvalidValue(
      `expected exactly one XML element, got ${elements} element(s)${strayText ? ' and text' : ''}`,
    );
  }
  return (capture as FragmentCapture | undefined)?.result() ?? '';
}
