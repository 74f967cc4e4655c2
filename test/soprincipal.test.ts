/**
 * The SoPrincipal contract (wsdl/SoPrincipal.wsdl) and what output/services86 makes of it: four
 * operations answering with one shared response element, each with its own typed method and
 * message functions; DSAParameters, a value type of another namespace whose members are
 * required and whose base64Binary members are bytes.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadModel } from '../generator/load-model.ts';
import type { ComplexType, ElementField, Model } from '../generator/model.ts';
import {
  SoapValidationError,
  soPrincipal,
  type AuthenticateResponse,
  type DSAParameters,
  type SoSystemInfoCarrier,
} from '../output/services86/src/index.ts';

const S86 = 'http://www.superoffice.net/ws/crm/NetServer/Services86';
const CRYPTO = 'http://schemas.datacontract.org/2004/07/System.Security.Cryptography';
const AUTHENTICATE = ['AuthenticateImplicit', 'AuthenticateUsernamePassword', 'AuthenticateGeneric', 'AuthenticateWithAccessToken'] as const;

describe('SoPrincipal contract: model', () => {
  let model: Model;
  before(async () => {
    model = await loadModel('wsdl/SoPrincipal.wsdl');
  });
  const complex = (id: string): Omit<ComplexType, 'fields'> & { readonly fields: readonly ElementField[] } => {
    const t = model.types.find((x) => x.id === id);
    assert.ok(t?.kind === 'complex' && t.fields.every((f) => f.kind === 'element'), `${id} is a complex type of elements`);
    return t as Omit<ComplexType, 'fields'> & { readonly fields: readonly ElementField[] };
  };

  it('five operations; the four Authenticate ones answer with one AuthenticateResponse element and message', () => {
    const ops = model.bindings[0]!.operations;
    assert.deepEqual(
      ops.map((o) => o.name),
      ['GetSystemInfo', ...AUTHENTICATE],
    );
    for (const name of AUTHENTICATE) {
      const op = ops.find((o) => o.name === name)!;
      assert.deepEqual(op.input.body[0]!.element, { namespace: S86, name }, name);
      assert.deepEqual(op.output?.body[0]!.element, { namespace: S86, name: 'AuthenticateResponse' }, name);
      assert.deepEqual(op.output?.headers.map((h) => [h.part, h.message.name]), [
        ['ExceptionInfo', 'AuthenticateResponse_Headers'],
        ['ExtraInfo', 'AuthenticateResponse_Headers'],
        ['Succeeded', 'AuthenticateResponse_Headers'],
        ['TimeZone', 'AuthenticateResponse_Headers'],
      ]);
      assert.equal(op.soapAction, `${S86}/SoPrincipal/${name}`);
      assert.equal(op.output?.action, `${S86}/SoPrincipal/${name}Response`, 'each keeps its own WS-Addressing reply action');
      assert.deepEqual(op.input.headers.map((h) => h.part), ['ApplicationToken']);
    }
  });

  it('AuthenticateResponse holds the principal, the credentials and AuthenticationSucceeded, all optional', () => {
    const t = complex(`{${S86}}element:AuthenticateResponse`);
    assert.deepEqual(
      t.fields.map((f) => [f.name, f.type, f.minOccurs, f.nillable]),
      [
        ['Response', { kind: 'type', id: `{${S86}}SoPrincipalCarrier` }, 0, true],
        ['Credentials', { kind: 'type', id: `{${S86}}SoCredentials` }, 0, true],
        ['AuthenticationSucceeded', { kind: 'builtin', name: 'boolean' }, 0, false],
      ],
    );
  });

  it('DSAParameters: Counter an int, six base64Binary members, every one required, all but Counter nillable', () => {
    const t = complex(`{${CRYPTO}}DSAParameters`);
    assert.deepEqual(
      t.fields.map((f) => [f.name, f.namespace, f.type, f.minOccurs, f.maxOccurs, f.nillable]),
      [
        ['Counter', CRYPTO, { kind: 'builtin', name: 'int' }, 1, 1, false],
        ...['G', 'J', 'P', 'Q', 'Seed', 'Y'].map((n) => [n, CRYPTO, { kind: 'builtin', name: 'base64Binary' }, 1, 1, true]),
      ],
    );
    const key = complex(`{${S86}}SignedPublicKey`).fields.find((f) => f.name === 'Key');
    assert.deepEqual([key?.type, key?.minOccurs, key?.nillable], [{ kind: 'type', id: `{${CRYPTO}}DSAParameters` }, 0, false]);
  });
});

// Compile-time checks (npm test typechecks this file): the generated types say what the contract says.
const everyMember: DSAParameters = { Counter: 1, G: new Uint8Array([1]), J: null, P: new Uint8Array(0), Q: null, Seed: null, Y: null };
// @ts-expect-error -- Seed is required (minOccurs 1): nil is written as null, never left out
const withoutSeed: DSAParameters = { Counter: 1, G: null, J: null, P: null, Q: null, Y: null };
// @ts-expect-error -- base64Binary is bytes, not a base64 string
const base64String: DSAParameters = { ...everyMember, G: 'AQ==' };
// @ts-expect-error -- Counter is not nillable
const nilCounter: DSAParameters = { ...everyMember, Counter: null };
const resultOf: Record<(typeof AUTHENTICATE)[number], soPrincipal.SoPrincipalOperations[(typeof AUTHENTICATE)[number]]['result']> = {
  AuthenticateImplicit: {} satisfies AuthenticateResponse,
  AuthenticateUsernamePassword: {},
  AuthenticateGeneric: {},
  AuthenticateWithAccessToken: {},
};
void [withoutSeed, base64String, nilCounter, resultOf];

describe('SoPrincipal in output/services86: the shared response element', () => {
  const response: AuthenticateResponse = {
    Response: { UserType: 'InternalAssociate', AssociateId: 12, FunctionRights: ['a', 'b'], SecondaryGroups: [3, 4] },
    Credentials: { Ticket: '7T:abc' },
    AuthenticationSucceeded: true,
  };
  const messages = {
    AuthenticateImplicit: [soPrincipal.serializeAuthenticateImplicitResponse, soPrincipal.parseAuthenticateImplicitResponse],
    AuthenticateUsernamePassword: [soPrincipal.serializeAuthenticateUsernamePasswordResponse, soPrincipal.parseAuthenticateUsernamePasswordResponse],
    AuthenticateGeneric: [soPrincipal.serializeAuthenticateGenericResponse, soPrincipal.parseAuthenticateGenericResponse],
    AuthenticateWithAccessToken: [soPrincipal.serializeAuthenticateWithAccessTokenResponse, soPrincipal.parseAuthenticateWithAccessTokenResponse],
  } as const;

  for (const [operation, [serialize, parse]] of Object.entries(messages)) {
    it(`${operation}: its response functions write and read AuthenticateResponse`, () => {
      const xml = serialize(response, { Succeeded: true });
      assert.match(xml, /<s:Body><AuthenticateResponse xmlns="http:\/\/www\.superoffice\.net\/ws\/crm\/NetServer\/Services86">/);
      assert.deepEqual(parse(xml), { body: response, headers: { Succeeded: true }, extraHeaders: [], warnings: [] });
    });
  }

  it('each Authenticate method resolves to the whole AuthenticateResponse', async () => {
    const double = soPrincipal.createSoPrincipalService({
      authenticateImplicit: () => response,
      authenticateUsernamePassword: (r) => ({ ...response, Credentials: { Ticket: `${r.UserName}` } }),
      authenticateGeneric: (r) => ({ ...response, Credentials: { Ticket: [...(r.AuthenticationData ?? new Map()).keys()].join(',') } }),
      authenticateWithAccessToken: (r) => ({ ...response, Credentials: { Ticket: `${r.AccessToken}` } }),
    });
    const agent = new soPrincipal.SoPrincipalAgent({ endpoint: 'http://netserver.invalid/SoPrincipal.svc', fetch: (input, init) => double.fetch(new Request(input, init)) });
    assert.deepEqual(await agent.authenticateImplicit(), response);
    assert.deepEqual((await agent.authenticateUsernamePassword({ UserName: 'jane', Password: 'x' })).Credentials, { Ticket: 'jane' });
    assert.deepEqual((await agent.authenticateGeneric({ AuthenticationData: new Map([['k', 'v']]) })).Credentials, { Ticket: 'k' });
    assert.deepEqual((await agent.authenticateWithAccessToken({ AccessToken: 'at' })).Credentials, { Ticket: 'at' });
  });
});

describe('SoPrincipal in output/services86: DSAParameters', () => {
  const systemInfo = (key: DSAParameters): SoSystemInfoCarrier => ({
    License: { PublicKey: { OwnerName: 'SuperOffice', Key: key, Signature: null } },
  });

  it('the key round-trips as bytes, nil members written xsi:nil', () => {
    const key: DSAParameters = { Counter: 105, G: new Uint8Array([0, 1, 254, 255]), J: null, P: new Uint8Array([7]), Q: new Uint8Array(0), Seed: null, Y: new Uint8Array([9, 9]) };
    const xml = soPrincipal.serializeGetSystemInfoResponse({ SystemInfo: systemInfo(key) });
    assert.match(xml, /<([\w]+:)?G[^>]*>AAH\+\/w==<\//);
    assert.match(xml, /<([\w]+:)?J [^>]*nil="true"/);
    assert.deepEqual(soPrincipal.parseGetSystemInfoResponse(xml).body, { SystemInfo: systemInfo(key) });
  });

  it('a key without a required member is refused when written and when read', () => {
    const partial = { Counter: 1, G: null, J: null, P: null, Q: null, Y: null } as unknown as DSAParameters;
    assert.throws(() => soPrincipal.serializeGetSystemInfoResponse({ SystemInfo: systemInfo(partial) }), (e) => e instanceof SoapValidationError && /Seed/.test(e.message));
    const full = soPrincipal.serializeGetSystemInfoResponse({ SystemInfo: systemInfo({ ...partial, Seed: null }) });
    const withoutSeed = full.replace(/<([\w]+:)?Seed [^>]*\/>/, '');
    assert.notEqual(withoutSeed, full);
    assert.throws(() => soPrincipal.parseGetSystemInfoResponse(withoutSeed), (e) => e instanceof SoapValidationError && /Seed/.test(e.message));
  });
});
