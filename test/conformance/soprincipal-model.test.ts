/**
 * wsdl/SoPrincipal.wsdl (the project's form: a WSDL importing its XSDs, no documentation)
 * against the contract SuperOffice publishes: the models are equal, documentation and source
 * positions aside. Reads the published contract in place from ../shared.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadModel } from '../../generator/load-model.ts';
import type { Model } from '../../generator/model.ts';
import { sharedPath } from '../support/shared.ts';
import { requirePrerequisites } from './prerequisites.ts';

requirePrerequisites('reference');

const CONTRACT = 'wsdl/SoPrincipal.wsdl';
const REFERENCE = sharedPath('reference/superoffice/Services86/SoPrincipal.wsdl');

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

describe('wsdl/SoPrincipal.wsdl against the published SoPrincipal contract', () => {
  let model: Model;
  let reference: Model;
  before(async () => {
    model = await loadModel(CONTRACT);
    reference = await loadModel(REFERENCE);
  });

  test('the models are equal, documentation aside', () => {
    assert.deepStrictEqual(withoutDocumentation(model), withoutDocumentation(reference));
  });

  test('the same five operations, four of them answering with AuthenticateResponse', () => {
    const ops = (m: Model) => m.bindings[0]!.operations.map((o) => [o.name, o.output?.body[0]?.element?.name]);
    assert.deepEqual(ops(model), ops(reference));
    assert.deepEqual(ops(model), [
      ['GetSystemInfo', 'GetSystemInfoResponse'],
      ['AuthenticateImplicit', 'AuthenticateResponse'],
      ['AuthenticateUsernamePassword', 'AuthenticateResponse'],
      ['AuthenticateGeneric', 'AuthenticateResponse'],
      ['AuthenticateWithAccessToken', 'AuthenticateResponse'],
    ]);
  });

  test('the reference documents its port type and every operation; wsdl/ does not', () => {
    const b = reference.bindings[0]!;
    assert.equal(typeof b.portTypeDocumentation, 'string', 'the port type is documented');
    assert.equal(b.operations.filter((o) => o.documentation !== undefined).length, 5);
    assert.equal(model.bindings[0]!.portTypeDocumentation, undefined);
    assert.equal(JSON.stringify(model).includes('"documentation"'), false);
  });
});
