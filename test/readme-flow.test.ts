/**
 * The sign-in flow the READMEs show (the root README and output/services86/README.md, whose
 * section comes from docs/services86.md): the code block is taken from each README, type-checked
 * strictly against the generated package as `services86`, and run against the test doubles of
 * SoPrincipal and User over HTTP.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { SoapServiceError } from '../output/services86/src/index.ts';
import { ACCESS_TOKEN, APPLICATION_TOKEN, PASSWORD, USER_NAME, startSite, type FakeSite } from './support/superoffice-site.ts';

const WORK = path.resolve('test/.generated/readme-flow');
const PACKAGE_SRC = path.resolve('output/services86/src');
const TSC = path.resolve('node_modules/.bin/tsc');
const READMES = { root: 'README.md', package: 'output/services86/README.md' } as const;

/** The one ```ts block of a README that imports 'services86' and defines signIn. */
function flowBlock(file: string): string {
  const blocks = [...readFileSync(file, 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  const flow = blocks.filter((b) => b.includes("from 'services86'") && b.includes('export async function signIn('));
  assert.equal(flow.length, 1, `${file} has one sign-in flow block`);
  return flow[0]!;
}

interface FlowModule {
  signIn(site: { url: string; applicationToken: string }, login: object): Promise<{ getUser(r: { UserId: number }): Promise<unknown> }>;
  userName(site: { url: string; applicationToken: string }, login: object, userId: number): Promise<string>;
}

describe('the README flow', () => {
  let site: FakeSite;
  before(async () => {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    site = await startSite();
  });
  after(async () => {
    await site.close();
    rmSync(WORK, { recursive: true, force: true });
  });

  it('is the same code in the root README and the package README', () => {
    assert.equal(flowBlock(READMES.root), flowBlock(READMES.package));
  });

  it('type-checks strictly against the generated package', () => {
    for (const [name, file] of Object.entries(READMES)) writeFileSync(path.join(WORK, `${name}.ts`), flowBlock(file));
    const config = {
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
        noEmit: true,
        paths: { services86: [path.join(PACKAGE_SRC, 'index.ts')], saxes: [path.join(PACKAGE_SRC, 'runtime/saxes-api.d.ts')] },
      },
      files: Object.keys(READMES).map((name) => `${name}.ts`),
    };
    writeFileSync(path.join(WORK, 'tsconfig.json'), JSON.stringify(config));
    const r = spawnSync(TSC, ['-p', path.join(WORK, 'tsconfig.json')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  for (const [name, file] of Object.entries(READMES)) {
    it(`runs (${file}): password and access token sign-ins reach User; a refused login and an expired ticket are reported`, async () => {
      const module = path.join(WORK, `${name}.run.ts`);
      writeFileSync(module, flowBlock(file).replace("from 'services86'", `from ${JSON.stringify(pathToFileURL(path.join(PACKAGE_SRC, 'index.ts')).href)}`));
      const flow = (await import(pathToFileURL(module).href)) as FlowModule;
      const tenant = { url: site.url, applicationToken: APPLICATION_TOKEN };
      site.refusal = 'body';
      site.expireOnIssue = false;
      assert.equal(await flow.userName(tenant, { userName: USER_NAME, password: PASSWORD }, 12), 'Jane Doe');
      assert.equal(await flow.userName(tenant, { accessToken: ACCESS_TOKEN }, 12), 'Jane Doe');
      assert.equal(await flow.userName(tenant, { accessToken: ACCESS_TOKEN }, 99), 'no such user');
      await assert.rejects(flow.signIn(tenant, { userName: USER_NAME, password: 'wrong' }), { message: 'SuperOffice did not accept the login' });
      site.refusal = 'headers';
      await assert.rejects(flow.signIn(tenant, { userName: USER_NAME, password: 'wrong' }), SoapServiceError);
      site.expireOnIssue = true;
      assert.equal(await flow.userName(tenant, { userName: USER_NAME, password: PASSWORD }, 12), 'NetServer: The ticket has expired');
      site.expireOnIssue = false;
    });
  }
});
