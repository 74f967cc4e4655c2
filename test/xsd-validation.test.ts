/**
 * Every message the generated package writes is valid by the contract's schemas, as libxml2
 * judges it (xmllint compiled to WebAssembly, from npm; test/conformance/xmllint.test.ts checks
 * the Debian xmllint agrees): for the 79 operations, with full, minimal and nil sample values,
 * the soap:Body child and each soap:Header child of the request and of the response, against a
 * wrapper schema that imports the three XSD files of wsdl/ (see test/support/user-documents.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTROL_DOCUMENTS, CONTROLS, KINDS, USER_OPERATIONS, USER_SCHEMAS, userDocuments, type UserDocument } from './support/user-documents.ts';
import { validateWithLibxml2, type Verdict } from './support/xsd.ts';

const docs = userDocuments();
const started = performance.now();
const verdicts = await validateWithLibxml2(USER_SCHEMAS, docs);
const ms = performance.now() - started;

function verdictsOf(group: string): { doc: UserDocument; verdict: Verdict | undefined }[] {
  return docs.filter((d) => d.group === group).map((doc) => ({ doc, verdict: verdicts.get(doc.name) }));
}

describe('every message body and header is valid by the contract XSDs (libxml2)', () => {
  it('libxml2 judged every document', () => {
    assert.equal(USER_OPERATIONS.length, 79);
    assert.equal(verdicts.size, docs.length);
    // request + response bodies, plus their headers, for each operation and kind
    assert.ok(docs.length > USER_OPERATIONS.length * KINDS.length * 2, `${docs.length} documents`);
  });

  it('rejects the control documents, each with a schema error', () => {
    const got = verdictsOf(CONTROLS);
    assert.equal(got.length, Object.keys(CONTROL_DOCUMENTS).length);
    for (const { doc, verdict } of got) {
      assert.equal(verdict?.valid, false, `${doc.label} is rejected`);
      assert.match(verdict.errors.join('\n'), /Schemas validity error/, doc.label);
    }
  });

  for (const kind of KINDS) {
    for (const op of USER_OPERATIONS) {
      const group = `${op.name} (${kind})`;
      it(group, () => {
        const invalid = verdictsOf(group)
          .filter(({ verdict }) => verdict?.valid !== true)
          .map(({ doc, verdict }) => `${doc.label}: ${verdict === undefined ? 'no verdict' : verdict.errors.join('; ')}`);
        assert.deepEqual(invalid, []);
      });
    }
  }

  it('runs in a few seconds', () => {
    assert.ok(ms < 20_000, `libxml2 took ${Math.round(ms)} ms`);
  });
});
