/**
 * Reading a SOAP Fault element into the code, subcode, reason, actor and detail that
 * `SoapFaultError` reports; the detail is kept as raw XML by `FragmentCapture`, with every
 * namespace declaration it was written under.
 *
 * Floor 3 of the runtime (SOAP messages): imports floors 0 to 2.
 */

import { FragmentCapture } from './xml-fragment.js';
import type { XmlTag } from './xml-namespaces.js';

/** What a Fault element says (SoapFaultInit without the headers and the HTTP status). */
export interface FaultInfo {
  code: string;
  subcode: string | undefined;
  reason: string;
  actor: string | undefined;
  detailXml: string | undefined;
}

/**
 * Reads a Fault element: SOAP 1.1 (faultcode, faultstring, faultactor, detail) or SOAP 1.2
 * (Code/Value, Code/Subcode/Value, Reason/Text, Role, Detail). Child names are matched by local
 * name only, since 1.1 writes them unqualified and 1.2 in the envelope namespace.
 */
export class FaultReader {
  private depth = 0;
  private readonly names: string[] = [];
  private buf = '';
  private code: string | undefined;
  private subcode: string | undefined;
  private reason: string | undefined;
  private actor: string | undefined;
  private detailXml: string | undefined;
  /** The detail's content being kept, once the detail element has opened. */
  private detail: FragmentCapture | undefined;

  /** `scopes`: the namespace declarations of Envelope and Body (the Fault's and detail's are added). */
  constructor(private readonly scopes: Readonly<Record<string, string>>[]) {}

  open(tag: XmlTag): void {
    this.depth++;
    if (this.detail !== undefined) return this.detail.open(tag);
    if (this.depth === 1) {
      this.scopes.push(tag.ns);
      return;
    }
    if (this.depth === 2 && (tag.local === 'detail' || tag.local === 'Detail')) {
      this.scopes.push(tag.ns);
      // Top-level children of the detail get the declarations of Envelope, Body, Fault and
      // detail, so the text parses on its own.
      const scope = Object.create(null) as Record<string, string>;
      for (const s of this.scopes) for (const p in s) scope[p] = s[p] as string;
      this.detail = new FragmentCapture({ kind: 'inherited', scope });
      return;
    }
    this.names.push(tag.local);
    this.buf = '';
  }

  text(text: string): void {
    if (this.detail !== undefined) this.detail.text(text);
    else this.buf += text;
  }

  /** Returns true when the Fault element itself has closed. */
  close(): boolean {
    this.depth--;
    if (this.depth === 0) return true;
    const d = this.detail;
    if (d !== undefined) {
      if (this.depth === 1) {
        this.detailXml = d.result();
        this.detail = undefined;
      } else {
        d.close();
      }
      return false;
    }
    const path = this.names.join('/');
    this.names.pop();
    const t = this.buf;
    switch (path) {
      case 'faultcode':
      case 'Code/Value':
        this.code = t.trim();
        break;
      case 'Code/Subcode/Value':
        this.subcode = t.trim();
        break;
      case 'faultstring':
        this.reason = t;
        break;
      case 'Reason/Text':
        this.reason ??= t; // the first translation
        break;
      case 'faultactor':
      case 'Role':
        this.actor = t.trim();
        break;
      default:
        break;
    }
    this.buf = '';
    return false;
  }

  result(): FaultInfo {
    return {
      code: this.code ?? '',
      subcode: this.subcode,
      reason: this.reason ?? '',
      actor: this.actor,
      detailXml: this.detailXml,
    };
  }
}
