/**
 * End to end over HTTP against a SOAP stack we did not write: a node-soap server (`soap.listen`
 * on loopback) built from wsdl/User.wsdl runs a small stateful in-memory User service, and the
 * generated UserAgent talks to it.
 *
 * - The service reads the request headers (ApplicationToken, Credentials, TimeZone) and answers
 *   with response headers (Succeeded, ExtraInfo, TimeZone; ExceptionInfo on failure), written by
 *   node-soap from objects (`addSoapHeader` with a function per header).
 * - Every request node-soap parsed is checked against what the client sent, mapped to node-soap's
 *   conventions (`asNodeSoapParsed`).
 * - Every result is checked against what the service holds, mapped to the generated types
 *   (`fromHeld`): numbers, booleans, flags, dictionaries, lists, nulls, markup and non-ASCII
 *   text, dateTimes as written.
 *
 * The service is configured as a faithful server: `handleNilAsNull` (node-soap otherwise drops
 * xsi:nil elements) and a dateTime deserializer that keeps the lexical form (node-soap otherwise
 * makes a Date, reading a dateTime without an offset in the server's local time zone, and writes a
 * Date back as an empty element). Where node-soap writes something the contract does not allow,
 * the service works around it and a test below names the rule.
 */
process.env.TZ = 'Pacific/Chatham'; // +13:45/+12:45: a dateTime shifted anywhere would show

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import soap from 'soap';
import * as user from '../output/services86-user/src/index.ts';
import {
  SoapFaultError,
  SoapHttpError,
  SoapServiceError,
  SoapTimeoutError,
  UserAgent,
  XmlParseError,
  type ServiceAuth,
  type User,
  type UserRequestHeaders,
} from '../output/services86-user/src/index.ts';
import type { FieldDesc, ServiceDesc } from '../templates/runtime/schema.ts';

const NS = 'http://www.superoffice.net/ws/crm/NetServer/Services86';
const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const WSDL = path.resolve('wsdl/User.wsdl');
const service: ServiceDesc = user.service;
const types = service.schema.types;
type Obj = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Mappings between the generated types and node-soap's objects, driven by the descriptors.

function allFields(type: string): FieldDesc[] {
  const chain: FieldDesc[][] = [];
  for (let c = types[type]; c?.kind === 'complex'; c = c.base === undefined ? undefined : types[c.base]) chain.unshift([...c.fields]);
  return chain.flat();
}

const repeated = (f: FieldDesc) => (f.max ?? 1) === -1 || (f.max ?? 1) > 1;

/**
 * What node-soap's server makes of an element we wrote with `value` (handleNilAsNull, dateTimes
 * kept as text). `typed` is false for soap:Header content, which node-soap reads without the
 * schema: every leaf is a string there. node-soap's conventions: text is trimmed; an element with
 * no content (an empty list, an object with no fields, an empty flags list; in headers also an
 * empty string) becomes null; xs:string elements read '' when empty; a list is an object holding
 * an array of its items.
 */
function asNodeSoapParsed(value: unknown, type: string, typed = true): unknown {
  if (value === null) return null;
  const t = types[type];
  if (t === undefined) {
    if (!typed) {
      const text = String(value).trim();
      return text === '' ? null : text;
    }
    return typeof value === 'string' ? value.trim() : value;
  }
  switch (t.kind) {
    case 'complex': {
      const out: Obj = {};
      for (const f of allFields(type)) {
        const v = (value as Obj)[f.name];
        if (v === undefined) continue;
        out[f.name] = repeated(f) ? (v as unknown[]).map((x) => asNodeSoapParsed(x, f.type, typed)) : asNodeSoapParsed(v, f.type, typed);
      }
      return Object.keys(out).length === 0 ? null : out;
    }
    case 'array': {
      const items = value as unknown[];
      return items.length === 0 ? null : { [t.item.name]: items.map((x) => asNodeSoapParsed(x, t.item.type, typed)) };
    }
    case 'dictionary': {
      const entries = [...(value as Map<unknown, unknown>)];
      if (entries.length === 0) return null;
      return {
        [t.entry.name]: entries.map(([k, v]) => ({
          [t.key.name]: asNodeSoapParsed(k, t.key.type, typed),
          [t.value.name]: asNodeSoapParsed(v, t.value.type, typed),
        })),
      };
    }
    case 'flags':
    case 'list': {
      const text = (value as unknown[]).join(' ');
      return text === '' ? null : text;
    }
    case 'enum':
      return value;
    case 'restriction':
      return asNodeSoapParsed(value, t.base, typed);
  }
}

/** A value the service holds (a node-soap object, as node-soap writes it) in the generated types. */
function fromHeld(value: unknown, type: string): unknown {
  if (value === null) return null;
  const t = types[type];
  if (t === undefined) return value;
  switch (t.kind) {
    case 'complex': {
      const out: Obj = {};
      for (const f of allFields(type)) {
        const v = (value as Obj)[f.name];
        if (v === undefined) continue;
        out[f.name] = repeated(f) ? (v as unknown[]).map((x) => fromHeld(x, f.type)) : fromHeld(v, f.type);
      }
      return out;
    }
    case 'array': {
      const items = (value as Obj)[t.item.name];
      return items === undefined ? [] : (items as unknown[]).map((x) => fromHeld(itemValue(x), t.item.type));
    }
    case 'dictionary': {
      const entries = ((value as Obj)[t.entry.name] ?? []) as Obj[];
      return new Map(entries.map((e) => [fromHeld(e[t.key.name], t.key.type), fromHeld(e[t.value.name], t.value.type)]));
    }
    case 'flags':
    case 'list':
      return (value as string).split(' ').filter((s) => s !== '');
    case 'enum':
      return value;
    case 'restriction':
      return fromHeld(value, t.base);
  }
}

/** An item the service gave an explicit namespace (see the ArrayOfstring rule): its value. */
function itemValue(x: unknown): unknown {
  return typeof x === 'object' && x !== null && '$value' in x ? (x as { $value: unknown }).$value : x;
}

// ---------------------------------------------------------------------------------------------
// The service.

interface Logged {
  readonly operation: string;
  readonly args: unknown;
  readonly headers: unknown;
}

const TICKET = '7T:abc+/=="<&>"';
const FUNCTIONAL_RIGHTS = [
  { id: 1, name: 'admin-all', tooltip: 'Everything & more' },
  { id: 2, name: 'sale-edit', tooltip: '<Sale> "editing"' },
  { id: 3, name: 'export', tooltip: 'Export – Zoë 日本 😀' },
];

class UserService {
  readonly log: Logged[] = [];
  readonly serviceAuths = new Map<number, Obj>();
  readonly users = new Map<number, Obj>();
  readonly functionalRights = new Map<number, number[]>();
  readonly roles: Obj[] = [
    {
      TableRight: { Mask: 'Select Update Delete', Reason: '' },
      FieldProperties: {
        FieldPropertyDictionaryKeyValuePair: [
          { Key: '__proto__', Value: { FieldRight: { Mask: 'Read Write', Reason: null }, FieldType: 'string', FieldLength: 255 } },
          { Key: 'constructor', Value: null },
        ],
      },
      Id: 1,
      Name: 'Administrators & <owners>',
      ToolTip: 'Rôle – 管理者 😀',
      Deleted: false,
      Rank: 1,
      Type: 'Employee',
      ColorBlock: 0,
      IconHint: null,
      Selected: true,
      LastChanged: '2024-02-29T23:59:59',
      ChildItems: { SelectableMDOListItem: [{ Id: 11, Name: 'Nested', Deleted: true, Rank: -32768, Selected: false, LastChanged: '2001-01-01T00:00:00Z' }] },
      ExtraInfo: '',
      StyleHint: '  spaced  ',
      Hidden: false,
      FullName: 'Administrators',
    },
    { Id: 2, Name: 'Sales', Deleted: false, Rank: 2, Selected: false, LastChanged: '2024-07-01T12:00:00.1234567+02:00', ChildItems: {}, Hidden: true },
    { Id: 3, Name: null, Rank: 2147483647 },
  ];
  /** Pending slow answers, released when the test ends. */
  readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private nextServiceAuthId = 1;
  private nextUserId = 100;

  /** The node-soap service object: WcfUserService / BasicHttpBinding_User / operations. */
  definition(): object {
    const op =
      (name: string, fn: (args: Obj) => unknown) =>
      (args: unknown, _callback: unknown, headers: unknown): unknown => {
        this.log.push({ operation: name, args, headers });
        const ticket = (headers as { Credentials?: { Ticket?: unknown } } | undefined)?.Credentials?.Ticket;
        if (typeof ticket !== 'string' || ticket === '') {
          throw { Fault: { faultcode: 's:Client', faultstring: 'A ticket is required (Credentials/Ticket)', statusCode: 500 } };
        }
        return fn((args ?? {}) as Obj);
      };
    const ops: Record<string, (args: unknown, callback: unknown, headers: unknown) => unknown> = {
      CreateDefaultServiceAuth: op('CreateDefaultServiceAuth', () => ({
        Response: { ServiceAuthId: 0, Server: '', Port: 0, AuthType: 'Basic', Username: '', Password: '' },
      })),
      SaveServiceAuth: op('SaveServiceAuth', (args) => {
        const auth = { ...(args['ServiceAuth'] as Obj) };
        if (!auth['ServiceAuthId']) auth['ServiceAuthId'] = this.nextServiceAuthId++;
        this.serviceAuths.set(auth['ServiceAuthId'] as number, auth);
        return { Response: auth };
      }),
      GetServiceAuth: op('GetServiceAuth', (args) => ({ Response: this.serviceAuths.get(args['ServiceAuthId'] as number) ?? null })),
      DeleteServiceAuth: op('DeleteServiceAuth', (args) => {
        const id = args['ServiceAuthId'] as number;
        if (!this.serviceAuths.delete(id)) {
          throw {
            Fault: {
              faultcode: 's:Client',
              faultstring: `ServiceAuth ${id} does not exist – « ${'<none>'} »`,
              detail: { Reason: 'NotFound' },
              statusCode: 500,
            },
          };
        }
        return {};
      }),
      SaveUser: op('SaveUser', (args) => {
        const u = { ...(args['User'] as Obj) };
        if (!u['AssociateId']) u['AssociateId'] = this.nextUserId++;
        this.users.set(u['AssociateId'] as number, u);
        return { Response: u };
      }),
      GetUser: op('GetUser', (args) => {
        const id = args['UserId'] as number;
        if (id === SLOW_USER_ID) {
          return new Promise((resolve) => {
            const timer = setTimeout(() => {
              this.timers.delete(timer);
              resolve({ Response: null });
            }, 5_000);
            this.timers.add(timer);
          });
        }
        return this.users.has(id) ? { Response: this.users.get(id) } : {};
      }),
      GetUserInfoList: op('GetUserInfoList', (args) => {
        const ids = ((args['UserInfoIds'] as Obj | null)?.['int'] ?? []) as number[];
        return { Response: ids.length === 0 ? {} : { UserInfo: ids.map((id) => this.userInfo(id)) } };
      }),
      GetAllRoles: op('GetAllRoles', () => ({ Response: { SelectableMDOListItem: this.roles } })),
      SetFunctionalRights: op('SetFunctionalRights', (args) => {
        const ids = ((args['FunctionalRightIds'] as Obj | null)?.['int'] ?? []) as number[];
        this.functionalRights.set(args['RoleId'] as number, ids);
        return {};
      }),
      GetFunctionalRights: op('GetFunctionalRights', (args) => ({ Response: this.functionalRightItems(args['RoleId'] as number) })),
      IsPasswordValidWithReason: op('IsPasswordValidWithReason', (args) => {
        const password = (args['Password'] ?? '') as string;
        const ok = password.length >= 8;
        return { Response: { Reason: ok ? null : `Too short: ${password.length} < 8 characters – "<&>" Zoë 😀`, Result: ok } };
      }),
    };
    return { WcfUserService: { BasicHttpBinding_User: ops } };
  }

  /** The service's UserInfo for an id (held as node-soap writes it, fields in schema order). */
  userInfo(id: number): Obj | null {
    const u = this.users.get(id);
    if (u === undefined) return { UserInfoId: id, UserName: null, CanLogon: false };
    return {
      Deleted: u['Deleted'] ?? false,
      UserInfoId: id,
      UserName: u['UserName'] ?? null,
      PersonId: 0,
      Rank: u['Rank'] ?? 0,
      Tooltip: u['Tooltip'] ?? '',
      UserGroupId: 7,
      EjUserId: 0,
      UserType: u['Type'] ?? 'Unknown',
      // node-soap writes ArrayOfstring items in the parent's namespace unless told (see the rule).
      GrantedLicenses: { string: ['CRM', 'Sales & <Marketing>', 'Zoë 日本'].map(($value) => ({ attributes: { xmlns: ARRAYS }, $value })) },
      CanLogon: true,
      RoleName: 'Administrators & <owners>',
      RoleTooltip: null,
      UserGroupName: 'Oslo – 日本',
      UserGroupTooltip: '',
    };
  }

  functionalRightItems(roleId: number): Obj {
    const selected = this.functionalRights.get(roleId) ?? [];
    return {
      SelectableMDOListItem: FUNCTIONAL_RIGHTS.map((r) => ({
        Id: r.id,
        Name: r.name,
        ToolTip: r.tooltip,
        Deleted: false,
        Rank: r.id,
        Selected: selected.includes(r.id),
        LastChanged: '2024-02-29T00:00:00',
      })),
    };
  }

  /**
   * Response headers, by node-soap's header functions (called before the operation): ExceptionInfo
   * when GetUser asks for a user that does not exist, Succeeded, ExtraInfo about the call, and the
   * caller's TimeZone back.
   */
  exceptionInfo(method: string, args: Obj | null): Obj | string {
    if (method !== 'GetUser') return '';
    const id = args?.['UserId'] as number;
    if (id === SLOW_USER_ID || this.users.has(id)) return '';
    return { ExceptionInfo: this.heldExceptionInfo(id) };
  }

  heldExceptionInfo(id: number): Obj {
    return {
      Message: `No user with id ${id}`,
      StackTrace: null,
      FriendlyText: 'The user <was> not found – Zoë',
      ExceptionType: 'SoNotFoundException',
      Source: 'UserAgent',
      InnerException: { Message: 'inner', ExceptionType: 'KeyNotFoundException' },
      Parameters: { SoExceptionInfoParametersKeyValuePair: [{ Key: 'UserId', Value: String(id) }, { Key: 'nothing', Value: null }] },
    };
  }

  succeeded(method: string, args: Obj | null): Obj {
    return { Succeeded: this.exceptionInfo(method, args) === '' };
  }

  extraInfo(method: string, headers: Obj | undefined): Obj {
    return { ExtraInfo: this.heldExtraInfo(method, (headers?.['ApplicationToken'] ?? null) as string | null) };
  }

  heldExtraInfo(method: string, application: string | null): Obj {
    return {
      ExtraInfoNameValuePair: [
        { Key: 'operation', Value: method },
        { Key: 'application', Value: application },
        { Key: 'nothing', Value: null },
        { Key: 'Zoë & <co>', Value: '日本 😀 "quoted"' },
      ],
    };
  }

  timeZone(headers: Obj | undefined): Obj | string {
    const tz = headers?.['TimeZone'] as Obj | undefined;
    if (tz === undefined) return '';
    return { TimeZone: this.heldTimeZone(tz) };
  }

  heldTimeZone(tz: Obj): Obj {
    return { SoTimeZoneId: Number(tz['SoTimeZoneId']), SoTimeZoneLocationCode: tz['SoTimeZoneLocationCode'] ?? null };
  }
}

const SLOW_USER_ID = 4242;

// ---------------------------------------------------------------------------------------------
// Server and clients.

const svc = new UserService();
let httpServer: Server;
let soapServer: { wsdl: { xmlnsInEnvelope: string; objectToXML: (...args: unknown[]) => string } } & Obj;
let originalXmlns = '';
let base = '';
let agent: UserAgent;
const requestHeaders: UserRequestHeaders = {
  ApplicationToken: 'app-token & <x> – Zoë',
  Credentials: { Ticket: TICKET },
  TimeZone: { SoTimeZoneId: 42, SoTimeZoneLocationCode: 'NO' },
};

before(async () => {
  // Plain routes for what node-soap does not do: an HTML error page.
  httpServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    if (req.url === '/broken') {
      res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1><p>Runtime Error</p></body></html>');
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const xml = readFileSync(WSDL, 'utf8');
  soapServer = await new Promise((resolve, reject) => {
    soap.listen(httpServer, {
      path: '/User.svc',
      services: svc.definition(),
      xml,
      uri: WSDL, // the XSD imports are resolved beside it
      handleNilAsNull: true,
      customDeserializer: { dateTime: (text: string) => text },
      callback: (err: unknown, s: unknown) => (err ? reject(err) : resolve(s as typeof soapServer)),
    } as unknown as soap.IServerOptions);
  });
  // node-soap writes xsi:nil without declaring the xsi prefix (see the rule); declare it.
  originalXmlns = soapServer.wsdl.xmlnsInEnvelope;
  soapServer.wsdl.xmlnsInEnvelope = `${originalXmlns} xmlns:xsi="${XSI}"`;
  const s = soapServer as unknown as { addSoapHeader: (fn: unknown, name: string, prefix: string, ns: string) => number };
  type HeaderFn = (method: string, args: Obj | null, headers: Obj | undefined) => Obj | string;
  const header = (name: string, fn: HeaderFn) => s.addSoapHeader(fn, name, 'tns', NS);
  header('ExceptionInfo', (m, a) => svc.exceptionInfo(m, a));
  header('ExtraInfo', (m, _a, h) => svc.extraInfo(m, h));
  header('Succeeded', (m, a) => svc.succeeded(m, a));
  header('TimeZone', (_m, _a, h) => svc.timeZone(h));
  agent = new UserAgent({
    endpoint: `${base}/User.svc`,
    applicationToken: requestHeaders.ApplicationToken!,
    credentials: requestHeaders.Credentials!,
    timeZone: requestHeaders.TimeZone!,
    timeoutMs: 5_000,
  });
});

after(async () => {
  for (const t of svc.timers) clearTimeout(t);
  httpServer.closeAllConnections();
  await new Promise<void>((resolve) => httpServer.close(() => resolve()));
});

const checked = new WeakSet<Logged>();

/** The last request node-soap parsed (not checked before) equals what was sent: operation, body and headers. */
function assertParsed(operation: string, body: unknown, headers: UserRequestHeaders = requestHeaders): void {
  const logged = svc.log.at(-1);
  assert.ok(logged !== undefined && !checked.has(logged), `the service was called for ${operation}`);
  checked.add(logged);
  const op = user.operations[operation as keyof typeof user.operations];
  assert.equal(logged.operation, operation);
  assert.deepEqual(logged.args, asNodeSoapParsed(body, op.input.body.type), `${operation}: body as node-soap parsed it`);
  const expectedHeaders: Obj = {};
  for (const h of op.input.headers) {
    const v = (headers as Obj)[h.part];
    if (v !== undefined) expectedHeaders[h.element.name] = asNodeSoapParsed(v, h.element.type, false);
  }
  assert.deepEqual(logged.headers, expectedHeaders, `${operation}: headers as node-soap parsed them`);
}

/** The response headers the service wrote for a successful call of `method`. */
function expectedResponseHeaders(method: string): Obj {
  return {
    ExtraInfo: fromHeld(svc.heldExtraInfo(method, requestHeaders.ApplicationToken!), 'SoExtraInfo'),
    Succeeded: true,
    TimeZone: fromHeld(svc.heldTimeZone(asNodeSoapParsed(requestHeaders.TimeZone, 'SoTimeZone', false) as Obj), 'SoTimeZone'),
  };
}

// ---------------------------------------------------------------------------------------------

describe('the generated client against a node-soap server', () => {
  let savedAuth: ServiceAuth;
  const userIds: number[] = [];

  it('CreateDefaultServiceAuth: the default entity, with the response headers', async () => {
    const { result, headers } = await agent.call('CreateDefaultServiceAuth', {});
    assertParsed('CreateDefaultServiceAuth', {});
    assert.deepEqual(result, { ServiceAuthId: 0, Server: '', Port: 0, AuthType: 'Basic', Username: '', Password: '' });
    assert.deepEqual(headers, expectedResponseHeaders('CreateDefaultServiceAuth'));
    // Spelled out once: typed headers, a dictionary with a null, the time zone echoed as numbers.
    assert.equal(headers.Succeeded, true);
    assert.equal(headers.ExtraInfo?.get('nothing'), null);
    assert.equal(headers.ExtraInfo?.get('Zoë & <co>'), '日本 😀 "quoted"');
    assert.deepEqual(headers.TimeZone, { SoTimeZoneId: 42, SoTimeZoneLocationCode: 'NO' });
  });

  it('SaveServiceAuth: flags, a dictionary with __proto__ and nil values, markup, non-ASCII, nil fields', async () => {
    const request = {
      ServiceAuth: {
        TableRight: { Mask: ['Select', 'Update', 'RestrictedUpdate'], Reason: null },
        FieldProperties: new Map([
          ['__proto__', { FieldRight: { Mask: ['Read', 'UIHintMandatory'], Reason: 'why & <not>' }, FieldType: 'string', FieldLength: 255 }],
          ['empty', null],
          ['Zoë – 日本 😀', { FieldLength: -1 }],
        ]),
        ServiceAuthId: 0,
        Server: 'mail.example.com',
        Port: 993,
        AuthType: `a < b & c > "d" 'e' ]]>`,
        Username: 'Zoë – 日本 – 😀',
        Password: null,
      },
    } satisfies user.SaveServiceAuth;
    const { result, headers } = await agent.call('SaveServiceAuth', request);
    assertParsed('SaveServiceAuth', request);
    const held = svc.serviceAuths.get(1)!;
    assert.ok(held, 'the service holds it under id 1');
    assert.deepEqual(result, fromHeld(held, 'ServiceAuth'));
    assert.deepEqual(result, { ...request.ServiceAuth, ServiceAuthId: 1 });
    assert.equal(Object.getPrototypeOf(result!.FieldProperties!.get('__proto__')), Object.prototype);
    assert.deepEqual(headers, expectedResponseHeaders('SaveServiceAuth'));
    savedAuth = result!;
  });

  it('GetServiceAuth: what the service holds; nil when it holds nothing', async () => {
    const got = await agent.getServiceAuth({ ServiceAuthId: 1 });
    assertParsed('GetServiceAuth', { ServiceAuthId: 1 });
    assert.deepEqual(got, fromHeld(svc.serviceAuths.get(1), 'ServiceAuth'));
    assert.deepEqual(got, savedAuth);
    assert.equal(await agent.getServiceAuth({ ServiceAuthId: 77 }), null);
  });

  it('DeleteServiceAuth: deleted; deleting again is a SOAP 1.1 fault', async () => {
    assert.equal(await agent.deleteServiceAuth({ ServiceAuthId: 1 }), undefined);
    assertParsed('DeleteServiceAuth', { ServiceAuthId: 1 });
    assert.equal(svc.serviceAuths.has(1), false);
    assert.equal(await agent.getServiceAuth({ ServiceAuthId: 1 }), null);
    const err = await agent.deleteServiceAuth({ ServiceAuthId: 1 }).then(
      () => assert.fail('a fault'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof SoapFaultError, String(err));
    assert.equal(err.code, 's:Client');
    assert.equal(err.reason, 'ServiceAuth 1 does not exist – « <none> »');
    assert.equal(err.httpStatus, 500);
    assert.match(err.detailXml ?? '', /<Reason[^>]*>NotFound<\/Reason>/);
  });

  it('SaveUser / GetUser: nested entities, lists empty, one and many, nulls, dateTimes as written', async () => {
    const users: User[] = [
      {
        AssociateId: 0,
        Name: 'ana',
        Rank: 3,
        Tooltip: '<b>Ana</b> & "co"',
        LicenseOwners: [
          {
            Name: 'SuperOffice',
            Description: null,
            RestrictedModuleLicenses: [],
            UnrestrictedModuleLicenses: [
              { Unrestricted: true, Total: 10, Tooltip: 'CRM', CanAssign: true, Free: 9, InUse: 1, Assigned: true, ModuleLicenseId: 1, Name: 'crm', SortOrder: 0 },
              { Unrestricted: false, Total: -1, CanAssign: false, Free: 0, InUse: 0, Assigned: false, ModuleLicenseId: 2, Name: 'Zoë 日本', Description: null },
            ],
          },
        ],
        Role: { Id: 1, Value: 'Administrators & <owners>', Tooltip: null },
        UserGroup: { Value: 'Oslo', Tooltip: '', Id: 7, Rank: 1, Deleted: 0 },
        OtherGroups: [],
        Person: null,
        Deleted: false,
        Lastlogin: '2024-02-29T23:59:59',
        Lastlogout: '2024-03-01T00:00:00.5+05:30',
        EjUserId: 0,
        Type: 'InternalAssociate',
        IsPersonRetired: true,
        IsOnTravel: false,
        Credentials: [{ Type: { Type: 'password', CanCreatePerson: false, IsUserNameSupported: true }, Value: 'secret', DisplayValue: '••••' }],
        UserName: 'ANA',
        PostSaveCommands: null,
      },
      { AssociateId: 0, Name: 'bo', Lastlogin: '0001-01-01T00:00:00', Type: 'ExternalAssociate', OtherGroups: [{ Id: 1 }], UserName: 'BO' },
      { AssociateId: 0, Name: '日本', Deleted: true, Type: 'SystemAssociate', OtherGroups: [{ Id: 1 }, { Id: 2, Value: 'two' }, { Id: 3 }], UserName: null },
    ];
    for (const u of users) {
      const { result, headers } = await agent.call('SaveUser', { User: u });
      assertParsed('SaveUser', { User: u });
      const id = result!.AssociateId!;
      userIds.push(id);
      assert.deepEqual(result, fromHeld(svc.users.get(id), 'User'));
      assert.deepEqual(headers, expectedResponseHeaders('SaveUser'));
    }
    assert.deepEqual(userIds, [100, 101, 102]);
    for (const [i, id] of userIds.entries()) {
      const got = await agent.getUser({ UserId: id });
      assertParsed('GetUser', { UserId: id });
      assert.deepEqual(got, fromHeld(svc.users.get(id), 'User'));
      const sent = users[i]!;
      assert.equal(got!.Lastlogin, sent.Lastlogin, 'a dateTime comes back as it was written');
      assert.equal(got!.Name, sent.Name);
    }
    const ana = (await agent.getUser({ UserId: 100 }))!;
    assert.equal(ana.Lastlogout, '2024-03-01T00:00:00.5+05:30');
    assert.equal(ana.Person, null);
    assert.equal(ana.LicenseOwners![0]!.UnrestrictedModuleLicenses![1]!.Total, -1);
    // node-soap reads an empty list as null (an element with no content), and writes it back so.
    assert.equal(ana.OtherGroups, null);
    assert.deepEqual((await agent.getUser({ UserId: 102 }))!.OtherGroups, [{ Id: 1 }, { Id: 2, Value: 'two' }, { Id: 3 }]);
  });

  it('GetUserInfoList: an empty list, one item and many', async () => {
    for (const ids of [[], [userIds[0]!], [...userIds, 999]]) {
      const { result, headers } = await agent.call('GetUserInfoList', { UserInfoIds: ids });
      assertParsed('GetUserInfoList', { UserInfoIds: ids });
      const held = ids.length === 0 ? {} : { UserInfo: ids.map((id) => svc.userInfo(id)) };
      assert.deepEqual(result, fromHeld(held, 'ArrayOfUserInfo'));
      assert.equal(result!.length, ids.length);
      assert.deepEqual(headers, expectedResponseHeaders('GetUserInfoList'));
    }
    const [ana] = (await agent.getUserInfoList({ UserInfoIds: [100] }))!;
    assert.deepEqual(ana!.GrantedLicenses, ['CRM', 'Sales & <Marketing>', 'Zoë 日本']);
    assert.equal(ana!.RoleTooltip, null);
    assert.equal(ana!.UserType, 'InternalAssociate');
  });

  it('GetAllRoles: entities with flags, dictionaries, nested lists and dateTimes with and without offsets', async () => {
    const { result } = await agent.call('GetAllRoles', { RoleType: 'Employee' });
    assertParsed('GetAllRoles', { RoleType: 'Employee' });
    assert.deepEqual(result, fromHeld({ SelectableMDOListItem: svc.roles }, 'ArrayOfSelectableMDOListItem'));
    const [admin, sales, nameless] = result!;
    assert.deepEqual(admin!.TableRight, { Mask: ['Select', 'Update', 'Delete'], Reason: '' });
    assert.deepEqual([...admin!.FieldProperties!.keys()], ['__proto__', 'constructor']);
    assert.equal(admin!.LastChanged, '2024-02-29T23:59:59');
    assert.equal(admin!.StyleHint, '  spaced  ');
    assert.equal(sales!.LastChanged, '2024-07-01T12:00:00.1234567+02:00');
    assert.deepEqual(sales!.ChildItems, []);
    assert.deepEqual(nameless, { Id: 3, Name: null, Rank: 2147483647 });
  });

  it('SetFunctionalRights / GetFunctionalRights: the state the service keeps', async () => {
    await agent.setFunctionalRights({ RoleId: 1, FunctionalRightIds: [3, 1] });
    assertParsed('SetFunctionalRights', { RoleId: 1, FunctionalRightIds: [3, 1] });
    assert.deepEqual(svc.functionalRights.get(1), [3, 1]);
    const rights = await agent.getFunctionalRights({ RoleId: 1 });
    assertParsed('GetFunctionalRights', { RoleId: 1 });
    assert.deepEqual(rights, fromHeld(svc.functionalRightItems(1), 'ArrayOfSelectableMDOListItem'));
    assert.deepEqual(
      rights!.map((r) => [r!.Id, r!.Selected]),
      [
        [1, true],
        [2, false],
        [3, true],
      ],
    );
    await agent.setFunctionalRights({ RoleId: 1, FunctionalRightIds: [] });
    assertParsed('SetFunctionalRights', { RoleId: 1, FunctionalRightIds: [] });
    assert.deepEqual(
      (await agent.getFunctionalRights({ RoleId: 1 }))!.map((r) => r!.Selected),
      [false, false, false],
    );
  });

  it('IsPasswordValidWithReason: booleans and a nil or text reason', async () => {
    const short = { AssociateId: 100, Type: 'InternalAssociate', PersonId: -1, Password: ' pw<&> ' } as const;
    assert.deepEqual(await agent.isPasswordValidWithReason(short), { Reason: 'Too short: 5 < 8 characters – "<&>" Zoë 😀', Result: false });
    // node-soap trims text: the service saw the password without its spaces.
    assertParsed('IsPasswordValidWithReason', short);
    const long = { AssociateId: 100, Type: 'InternalAssociate', PersonId: 0, Password: 'Zoë – 日本 – 😀 long enough' } as const;
    assert.deepEqual(await agent.isPasswordValidWithReason(long), { Reason: null, Result: true });
    assertParsed('IsPasswordValidWithReason', long);
  });

  it('an ExceptionInfo header (with Succeeded = false) rejects with SoapServiceError', async () => {
    const err = await agent.getUser({ UserId: 5 }).then(
      () => assert.fail('a service error'),
      (e: unknown) => e,
    );
    assertParsed('GetUser', { UserId: 5 });
    assert.ok(err instanceof SoapServiceError, String(err));
    assert.equal(err.message, 'No user with id 5');
    assert.deepEqual(err.info, fromHeld(svc.heldExceptionInfo(5), 'SoExceptionInfo'));
    assert.equal(err.headers['Succeeded'], false);
    assert.deepEqual(err.body, {});
  });

  it('a missing ticket is answered with a fault', async () => {
    for (const credentials of [undefined, { Ticket: null }, { Ticket: '' }, {}]) {
      const anonymous = new UserAgent({ endpoint: `${base}/User.svc`, applicationToken: 'app', ...(credentials && { credentials }) });
      const err = await anonymous.getAllRoles({ RoleType: 'Employee' }).then(
        () => assert.fail('a fault'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof SoapFaultError, String(err));
      assert.equal(err.code, 's:Client');
      assert.equal(err.reason, 'A ticket is required (Credentials/Ticket)');
      assertParsed('GetAllRoles', { RoleType: 'Employee' }, { ApplicationToken: 'app', ...(credentials && { Credentials: credentials }) });
    }
  });

  it('an HTTP 500 with an HTML page rejects with SoapHttpError', async () => {
    const broken = new UserAgent({ endpoint: `${base}/broken`, credentials: { Ticket: TICKET } });
    const err = await broken.getAllRoles({}).then(
      () => assert.fail('an HTTP error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof SoapHttpError, String(err));
    assert.equal(err.status, 500);
    assert.equal(err.contentType, 'text/html; charset=utf-8');
    assert.match(err.bodyExcerpt, /<h1>500 Internal Server Error<\/h1>/);
  });

  it('a slow answer past the client timeout rejects with SoapTimeoutError', async () => {
    const impatient = new UserAgent({ endpoint: `${base}/User.svc`, credentials: { Ticket: TICKET }, timeoutMs: 200 });
    const started = performance.now();
    const err = await impatient.getUser({ UserId: SLOW_USER_ID }).then(
      () => assert.fail('a timeout'),
      (e: unknown) => e,
    );
    const elapsed = performance.now() - started;
    assert.ok(err instanceof SoapTimeoutError, String(err));
    assert.equal(err.timeoutMs, 200);
    assert.ok(elapsed >= 190 && elapsed < 2_000, `rejected after ${Math.round(elapsed)} ms`);
    assert.equal(svc.timers.size, 1, 'the service was still working on it');
  });
});

describe('node-soap rules the service works around', () => {
  it('node-soap writes xsi:nil without declaring the xsi prefix in its server envelopes', () => {
    // Server._envelope declares only the WSDL's own namespaces (WSDL.xmlnsInEnvelope), while
    // objectToXML writes `xsi:nil="true"` for null. The WSDL declares no xsi prefix, so such an
    // answer is not namespace-well-formed; the client rightly refuses it. The service adds the
    // declaration to xmlnsInEnvelope.
    assert.doesNotMatch(originalXmlns, /XMLSchema-instance/);
    const s = soapServer as unknown as { _envelope: (body: string, headers: string, ts: boolean) => string };
    const body = `<GetServiceAuthResponse xmlns="${NS}"><Response xsi:nil="true"></Response></GetServiceAuthResponse>`;
    const declared = soapServer.wsdl.xmlnsInEnvelope;
    soapServer.wsdl.xmlnsInEnvelope = originalXmlns;
    let undeclared: string;
    try {
      undeclared = s._envelope(body, '', false);
    } finally {
      soapServer.wsdl.xmlnsInEnvelope = declared;
    }
    assert.throws(() => user.parseGetServiceAuthResponse(undeclared), XmlParseError);
    assert.deepEqual(user.parseGetServiceAuthResponse(s._envelope(body, '', false)).body, { Response: null });
  });

  it('node-soap writes the items of an ArrayOfstring in the parent element’s namespace, not the Arrays namespace', () => {
    // The contract puts ArrayOfstring's <string> items in .../Serialization/Arrays; node-soap
    // writes them unqualified-by-default into the Services86 namespace. The client skips elements
    // the contract does not have, so the service gives each item its namespace (an xmlns attribute).
    const written = soapServer.wsdl.objectToXML({ UserInfo: [{ GrantedLicenses: { string: ['CRM'] } }] }, 'Response', 'tns', NS, true);
    assert.match(written, /<GrantedLicenses><string>CRM<\/string><\/GrantedLicenses>/);
    const envelope = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetUserInfoListResponse xmlns="${NS}"><Response>${written.replace(/^<Response[^>]*>|<\/Response>$/g, '')}</Response></GetUserInfoListResponse></s:Body></s:Envelope>`;
    assert.deepEqual(user.parseGetUserInfoListResponse(envelope).body, { Response: [{ GrantedLicenses: [] }] });
  });

  it('node-soap writes a null list item as an empty element, without xsi:nil', () => {
    // objectToXML adds xsi:nil only for a null property, not for a null array item, so a nil item
    // arrives as an empty entity; the service holds no null items.
    const written = soapServer.wsdl.objectToXML({ UserInfo: [{ UserInfoId: 1 }, null] }, 'Response', 'tns', NS, true);
    assert.match(written, /<UserInfo><\/UserInfo>/);
    assert.doesNotMatch(written, /nil/);
  });
});
