/**
 * The schema validation `npm test` uses (libxml2's xmllint compiled to WebAssembly, from npm)
 * judges as the Debian xmllint does: the same documents, judged by both against the same
 * schema files, get the same verdict and the same messages. The documents are those of
 * test/xsd-validation.test.ts (every message part of every User operation, and its controls)
 * and, so that many documents are invalid in many ways, two variants of every request and
 * response body with full values: with an element the contract does not have appended, and
 * with its children in reverse order.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { parseElement } from '../support/canonical.ts';
import { USER_SCHEMAS, userDocuments } from '../support/user-documents.ts';
import { parseXmllintReport, validateWithLibxml2, wrapperSchema, WRAPPER_NAME, type Verdict, type XmlDocument } from '../support/xsd.ts';
import { requirePrerequisites } from './prerequisites.ts';

requirePrerequisites('xmllint');

/** Files per xmllint run: the schema is compiled once per run. */
const BATCH = 400;

function variants(docs: readonly XmlDocument[]): XmlDocument[] {
  const out: XmlDocument[] = [];
  const serializer = new XMLSerializer();
  for (const d of docs) {
    const root = parseElement(d.xml);
    const extra = root.cloneNode(true) as Element;
    extra.appendChild(extra.ownerDocument!.createElementNS(root.namespaceURI, 'NotInTheContract'));
    out.push({ name: `extra-${d.name}`, xml: serializer.serializeToString(extra) });
    const reversed = root.cloneNode(false) as Element;
    const children: Element[] = [];
    for (let c = root.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) children.push(c.cloneNode(true) as Element);
    for (const c of children.reverse()) reversed.appendChild(c);
    out.push({ name: `reversed-${d.name}`, xml: serializer.serializeToString(reversed) });
  }
  return out;
}

const base = userDocuments();
const docs: XmlDocument[] = [...base, ...variants(base.filter((d) => d.group.endsWith('(full)') && / body$/.test(d.label)))];

/** The Debian xmllint's verdicts, from files in a temporary folder laid out as the wasm one is. */
function debianVerdicts(): Map<string, Verdict> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-xmllint-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, WRAPPER_NAME), wrapperSchema(USER_SCHEMAS));
  for (const s of USER_SCHEMAS) copyFileSync(s.file, path.join(dir, path.basename(s.file)));
  for (const d of docs) writeFileSync(path.join(dir, d.name), d.xml);
  const verdicts = new Map<string, Verdict>();
  for (let i = 0; i < docs.length; i += BATCH) {
    const names = docs.slice(i, i + BATCH).map((d) => d.name);
    const p = spawnSync('xmllint', ['--noout', '--nonet', '--schema', WRAPPER_NAME, ...names], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    // 0: all valid; 3: some document invalid. Anything else (5: the schema did not compile) fails the test.
    assert.ok(p.status === 0 || p.status === 3, `xmllint exited with ${p.status}:\n${p.stderr.slice(0, 4000)}`);
    for (const [name, verdict] of parseXmllintReport(p.stderr, names)) verdicts.set(name, verdict);
  }
  return verdicts;
}

/**
 * A verdict with its messages as libxml2 2.13 (the npm one) words them: versions before 2.13,
 * such as Debian 12's 2.9, put `element NAME: ` before a validity message, whose text repeats
 * the name anyway.
 */
function comparable(verdict: Verdict | undefined): Verdict | undefined {
  return verdict && { valid: verdict.valid, errors: verdict.errors.map((e) => e.replace(/^(\d+: )element [^ :]+: /, '$1')) };
}

describe('libxml2 from npm judges as the Debian xmllint', async () => {
  const wasm = await validateWithLibxml2(USER_SCHEMAS, docs);
  const debian = debianVerdicts();

  it('both judged every document, and both reject every body with an element appended', () => {
    assert.equal(wasm.size, docs.length);
    assert.equal(debian.size, docs.length);
    const appended = docs.filter((d) => d.name.startsWith('extra-'));
    assert.ok(appended.length >= 2 * 79);
    for (const d of appended) assert.equal(wasm.get(d.name)?.valid === false && debian.get(d.name)?.valid === false, true, d.name);
  });

  it('the same verdict and the same messages for every document', () => {
    const differ = docs
      .filter((d) => JSON.stringify(wasm.get(d.name)) !== JSON.stringify(comparable(debian.get(d.name))))
      .map((d) => `${d.name}: npm ${JSON.stringify(wasm.get(d.name))}; Debian ${JSON.stringify(debian.get(d.name))}`);
    assert.deepEqual(differ, []);
  });
});
