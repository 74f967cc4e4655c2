/**
 * The generated package as a consumer meets it: `npm pack` (in a copy of the output folder,
 * after nothing but `npm install`), install the tarball into a fresh project, compile a strict
 * TypeScript program against its published types, and run it against a loopback HTTP server
 * that answers with WCF-shaped envelopes.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const PACKAGE_DIR = path.resolve('output/services86-user');
const TSC = path.resolve('node_modules/.bin/tsc');
const NS = 'http://www.superoffice.net/ws/crm/NetServer/Services86';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** What a WCF service answers, by SOAPAction: envelopes as WCF writes them (default namespaces, i: prefix). */
function answer(action: string, requestBody: string): { status: number; type: string; body: string } {
  const envelope = (header: string, body: string) =>
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;
  const succeeded = `<Succeeded xmlns="${NS}">true</Succeeded>`;
  switch (action) {
    case `"${NS}/User/SaveServiceAuth"`: {
      // Echo the server name the client sent, so the test sees its request arrived intact.
      const server = /<Server>([^<]*)<\/Server>/.exec(requestBody)?.[1] ?? 'missing';
      return {
        status: 200,
        type: 'text/xml; charset=utf-8',
        body: envelope(
          succeeded,
          `<SaveServiceAuthResponse xmlns="${NS}"><Response xmlns:i="${XSI}"><TableRight><Mask>Select Update</Mask><Reason/></TableRight><FieldProperties i:nil="true"/><ServiceAuthId>42</ServiceAuthId><Server>${server}</Server><Port>993</Port><AuthType i:nil="true"/><Username>ana</Username><Password/></Response></SaveServiceAuthResponse>`,
        ),
      };
    }
    case `"${NS}/User/GetUserInfoList"`:
      return {
        status: 200,
        type: 'text/xml; charset=utf-8',
        body: envelope(
          `${succeeded}<ExtraInfo xmlns="${NS}"><ExtraInfoNameValuePair><Key>__proto__</Key><Value>kept</Value></ExtraInfoNameValuePair></ExtraInfo>`,
          `<GetUserInfoListResponse xmlns="${NS}"><Response xmlns:i="${XSI}"><UserInfo><Deleted>false</Deleted><UserInfoId>7</UserInfoId><UserName>Zoë</UserName><PersonId>3</PersonId><Rank>1</Rank><Tooltip i:nil="true"/><UserType>InternalAssociate</UserType><GrantedLicenses xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><a:string>crm</a:string></GrantedLicenses><CanLogon>true</CanLogon><RoleName/><RoleTooltip/><UserGroupName/><UserGroupTooltip/><UserGroupId>0</UserGroupId><RoleId>0</RoleId></UserInfo></Response></GetUserInfoListResponse>`,
        ),
      };
    default:
      return {
        status: 500,
        type: 'text/xml; charset=utf-8',
        body: envelope('', `<s:Fault><faultcode>s:Client</faultcode><faultstring xml:lang="en-US">Unknown action ${action}</faultstring></s:Fault>`),
      };
  }
}

/** The consumer's program; `ENDPOINT` is replaced by the loopback server's address. */
const PROGRAM = `
import { UserAgent, SoapFaultError, type ServiceAuth, type UserInfo } from 'services86-user';

const agent = new UserAgent({ endpoint: ENDPOINT, credentials: { Ticket: '7T:abc' } });
const saved: ServiceAuth | null | undefined = await agent.saveServiceAuth({ ServiceAuth: { ServiceAuthId: 0, Server: 'mail.example.com & co' } });
const { result, headers } = await agent.call('GetUserInfoList', { UserInfoIds: [7] });
const first: UserInfo | null | undefined = result?.[0];
let fault = '';
try {
  await agent.deleteServiceAuth({ ServiceAuthId: 1 });
} catch (e) {
  if (e instanceof SoapFaultError) fault = e.code + ' ' + e.reason;
}
console.log(JSON.stringify({
  saved: { ...saved, TableRight: saved?.TableRight },
  user: first ? { id: first.UserInfoId, name: first.UserName, licenses: first.GrantedLicenses, tooltip: first.Tooltip } : null,
  extra: [...(headers.ExtraInfo ?? new Map())],
  succeeded: headers.Succeeded,
  fault,
}));
`;

const STRICT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022', 'DOM'],
    types: [],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noUnusedLocals: true,
    verbatimModuleSyntax: true,
    skipLibCheck: false,
    outDir: 'dist',
  },
  include: ['main.ts'],
};

describe('the packed package, as a consumer uses it', () => {
  let work: string;
  let server: Server;
  let endpoint: string;
  const actions: string[] = [];

  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-consumer-'));
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        const action = String(req.headers['soapaction'] ?? '');
        actions.push(action);
        const a = answer(action, body);
        res.writeHead(a.status, { 'content-type': a.type });
        res.end(a.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/User.svc`;
  });

  after(() => {
    server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('packs, installs, compiles strictly and runs', async () => {
    const packDir = path.join(work, 'pack');
    mkdirSync(packDir);
    // As its owner publishes it: a copy of the output folder with nothing beside it (no TypeScript
    // or esbuild in a folder above), `npm install`, then `npm pack`, whose prepack builds dist/.
    const copy = path.join(work, 'services86-user');
    cpSync(PACKAGE_DIR, copy, { recursive: true, filter: (from) => !['dist', 'node_modules'].includes(path.basename(from)) });
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent'], { cwd: copy, stdio: 'pipe' });
    // What an earlier build left in dist/ (one .js per source file, as tsc writes) is not shipped.
    mkdirSync(path.join(copy, 'dist', 'runtime'), { recursive: true });
    writeFileSync(path.join(copy, 'dist', 'runtime', 'client.js'), 'export const stale = true;\n');
    execFileSync('npm', ['pack', '--pack-destination', packDir, '--silent'], { cwd: copy, stdio: 'pipe' });
    const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    assert.equal(tarball, 'services86-user-0.1.0.tgz', 'npm pack made a tarball named and versioned as the config says');
    const packed = execFileSync('tar', ['-tzf', path.join(packDir, tarball)], { encoding: 'utf8' }).split('\n');
    for (const file of ['package/package.json', 'package/README.md', 'package/dist/index.js', 'package/dist/index.d.ts', 'package/dist/runtime/client.d.ts']) {
      assert.ok(packed.includes(file), `the tarball lacks ${file}`);
    }
    // One ES module, saxes bundled in: what Node loads at start-up.
    assert.deepEqual(packed.filter((f) => f.startsWith('package/dist/') && f.endsWith('.js')), ['package/dist/index.js']);

    const app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { 'services86-user': `file:${path.join(packDir, tarball)}` } }),
    );
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent'], { cwd: app, stdio: 'pipe' });
    const installed = readdirSync(path.join(app, 'node_modules', 'services86-user', 'dist'));
    assert.ok(installed.includes('index.js') && installed.includes('index.d.ts'), 'the tarball carries dist/ with JavaScript and declarations');
    const bundle = readFileSync(path.join(app, 'node_modules', 'services86-user', 'dist', 'index.js'), 'utf8');
    assert.doesNotMatch(bundle, /\bfrom\s*["'](saxes|node:)|\bimport\(/, 'the bundle imports nothing: saxes is in it, Node built-ins are not used');
    assert.match(bundle.split('\n')[0]!, /^\/\*! Includes saxes \(ISC License\) and xmlchars \(MIT License\)/, 'the bundle names the code it includes and their licenses');

    writeFileSync(path.join(app, 'main.ts'), PROGRAM.replace('ENDPOINT', JSON.stringify(endpoint)));
    writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(STRICT_TSCONFIG));
    try {
      execFileSync(TSC, ['-p', 'tsconfig.json'], { cwd: app, stdio: 'pipe', encoding: 'utf8' });
    } catch (e) {
      assert.fail(`the consumer program does not compile:\n${(e as { stdout?: string }).stdout ?? ''}`);
    }

    // Asynchronously: the loopback server answers from this process's event loop.
    const { stdout: out } = await promisify(execFile)(process.execPath, [path.join(app, 'dist', 'main.js')], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), {
      saved: {
        TableRight: { Mask: ['Select', 'Update'], Reason: '' },
        FieldProperties: null,
        ServiceAuthId: 42,
        Server: 'mail.example.com & co',
        Port: 993,
        AuthType: null,
        Username: 'ana',
        Password: '',
      },
      user: { id: 7, name: 'Zoë', licenses: ['crm'], tooltip: null },
      extra: [['__proto__', 'kept']],
      succeeded: true,
      fault: 's:Client Unknown action "http://www.superoffice.net/ws/crm/NetServer/Services86/User/DeleteServiceAuth"',
    });
    assert.deepEqual(actions, [
      `"${NS}/User/SaveServiceAuth"`,
      `"${NS}/User/GetUserInfoList"`,
      `"${NS}/User/DeleteServiceAuth"`,
    ]);
  });
});
