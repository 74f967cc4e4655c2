/**
 * Synthetic contracts N times the size of the User contract, for the generation scaling row:
 * copy k (2..N) of every operation, message and schema component is the original renamed with
 * a suffix, `C<k>` by default (SaveServiceAuthC2, ServiceAuthC2, ...). The SOAP header elements stay
 * shared, as in a real WCF contract where every operation carries the same headers.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const HEADER_ELEMENTS = new Set(['ApplicationToken', 'Credentials', 'TimeZone', 'ExceptionInfo', 'ExtraInfo', 'Succeeded']);

/** Writes the contract into `dir` (created) and returns the path of its WSDL. */
export function writeSyntheticContract(sourceDir: string, dir: string, copies: number, suffix: (copy: number) => string = (k) => `C${k}`): string {
  mkdirSync(dir, { recursive: true });
  for (const f of ['Serialization.xsd', 'Serialization.Arrays.xsd']) copyFileSync(path.join(sourceDir, f), path.join(dir, f));
  const xsd = readFileSync(path.join(sourceDir, 'Services86.xsd'), 'utf8');
  const wsdl = readFileSync(path.join(sourceDir, 'User.wsdl'), 'utf8');
  writeFileSync(path.join(dir, 'Services86.xsd'), multiplySchema(xsd, copies, suffix));
  writeFileSync(path.join(dir, 'User.wsdl'), multiplyWsdl(wsdl, copies, suffix));
  return path.join(dir, 'User.wsdl');
}

/** Top-level schema components: the lines from one `  <xs:` at two spaces' indent to the next. */
function components(body: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const chunk of body.split(/\n(?=  <xs:)/)) {
    const m = /^ {2}<xs:(?:element|complexType|simpleType) name="([^"]+)"/.exec(chunk);
    if (!m) throw new Error(`synthetic contract: unexpected top-level schema content: ${chunk.slice(0, 80)}`);
    out.push({ name: m[1]!, text: chunk });
  }
  return out;
}

function multiplySchema(xsd: string, copies: number, suffix: (copy: number) => string): string {
  const start = xsd.indexOf('\n', xsd.indexOf('<xs:import')) + 1;
  const end = xsd.lastIndexOf('\n</xs:schema>');
  const parts = components(xsd.slice(start, end));
  const renamed = new Set(parts.map((p) => p.name).filter((n) => !HEADER_ELEMENTS.has(n)));
  let out = xsd.slice(0, end);
  for (let k = 2; k <= copies; k++) {
    for (const p of parts) {
      if (HEADER_ELEMENTS.has(p.name)) continue;
      const text = p.text
        .replace(/^( {2}<xs:\w+ name=")([^"]+)"/, `$1$2${suffix(k)}"`)
        .replace(/"tns:([A-Za-z0-9_]+)"/g, (all, n: string) => (renamed.has(n) ? `"tns:${n}${suffix(k)}"` : all));
      out += `\n${text}`;
    }
  }
  return `${out}${xsd.slice(end)}`;
}

function between(text: string, open: RegExp, close: string): [number, number] {
  const m = open.exec(text);
  if (!m) throw new Error(`synthetic contract: ${open} not found`);
  const from = m.index + m[0].length;
  return [from, text.indexOf(close, from)];
}

function multiplyWsdl(wsdl: string, copies: number, suffix: (copy: number) => string): string {
  const messages = [wsdl.indexOf('  <wsdl:message'), wsdl.indexOf('  <wsdl:portType')] as const;
  const portType = between(wsdl, /<wsdl:portType [^>]*>\n/, '  </wsdl:portType>');
  const binding = between(wsdl, /<soap:binding [^>]*\/>\n/, '  </wsdl:binding>');
  const copy = (region: readonly [number, number], k: number) => renameWsdl(wsdl.slice(region[0], region[1]), suffix(k));
  const extra = (region: readonly [number, number]) => {
    let s = '';
    for (let k = 2; k <= copies; k++) s += copy(region, k);
    return s;
  };
  return (
    wsdl.slice(0, messages[1]) +
    extra(messages) +
    wsdl.slice(messages[1], portType[1]) +
    extra(portType) +
    wsdl.slice(portType[1], binding[1]) +
    extra(binding) +
    wsdl.slice(binding[1])
  );
}

/** Copy k of WSDL markup: names, message references, element references and actions renamed. */
function renameWsdl(markup: string, suffix: string): string {
  return markup.replace(/<((?:wsdl|soap):\w+)\s([^>]*)>/g, (_all, tag: string, attrs: string) => {
    const renamedAttrs = attrs.replace(/([\w:]+)="([^"]*)"/g, (a, attr: string, value: string) => {
      if (tag === 'wsdl:part') {
        if (attr !== 'element') return a;
        const local = value.replace(/^tns:/, '');
        return HEADER_ELEMENTS.has(local) ? a : `${attr}="${value}${suffix}"`;
      }
      if (attr === 'name' || attr === 'message' || attr === 'wsaw:Action' || attr === 'soapAction') return `${attr}="${value}${suffix}"`;
      return a;
    });
    return `<${tag} ${renamedAttrs}>`;
  });
}
