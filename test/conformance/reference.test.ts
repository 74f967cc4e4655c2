/**
 * The project's copies against what SuperOffice publishes (read in place from ../shared/reference):
 * wsdl/ is the published User.wsdl without its documentation, split into its schema files; the
 * example envelopes in test/fixtures/seed, which test/serializers.test.ts checks the generated
 * package against, say what the published SaveServiceAuth examples say.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { loadModel } from '../../generator/load-model.ts';
import type { Model } from '../../generator/model.ts';
import { canonical, parseElement } from '../support/canonical.ts';
import { sharedPath } from '../support/shared.ts';
import { requirePrerequisites } from './prerequisites.ts';

requirePrerequisites('reference');

const REFERENCE = sharedPath('reference/superoffice/Services86/User.wsdl');
const SEED = sharedPath('reference/seed/SaveServiceAuth.md');

/** A copy of a JSON value without the keys that depend on where or how richly a contract is written. */
function withoutDocumentation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDocumentation);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !/^(documentation|portTypeDocumentation|location|source)$/.test(k))
        .map(([k, v]) => [k, withoutDocumentation(v)]),
    );
  }
  return value;
}

describe('wsdl/ against the published reference', () => {
  let model: Model;
  let reference: Model;
  before(async () => {
    model = await loadModel('wsdl/User.wsdl');
    reference = await loadModel(REFERENCE);
  });

  test('the models are equal, documentation aside', () => {
    assert.deepStrictEqual(withoutDocumentation(model), withoutDocumentation(reference));
  });

  test('the reference documents its operations; wsdl/ does not', () => {
    const documented = (m: Model) => m.bindings[0]!.operations.filter((o) => o.documentation !== undefined).length;
    assert.ok(documented(reference) > 0, 'the reference has operation documentation');
    assert.equal(documented(model), 0);
  });
});

describe('test/fixtures/seed against the published SaveServiceAuth examples', () => {
  /** The xml blocks of the published page, in order (request, response). */
  const published = [...readFileSync(SEED, 'utf8').matchAll(/```xml\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());

  test('the page has a request and a response example', () => assert.equal(published.length, 2));

  for (const [index, name] of [[0, 'request'], [1, 'response']] as const) {
    test(`the ${name} is the published one (prefixes, namespace declarations and indentation aside)`, () => {
      const ours = readFileSync(`test/fixtures/seed/save-service-auth-${name}.xml`, 'utf8');
      assert.deepStrictEqual(canonical(parseElement(ours)), canonical(parseElement(published[index]!)));
    });
  }
});
