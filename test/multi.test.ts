/**
 * Several contracts in one package: shared types emitted once, each service a namespace with
 * its client, message functions and test double; differing declarations reported.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const WORK = path.resolve('test/.generated/multi');
const OUT = path.join(WORK, 'crm');
const TSC = path.resolve('node_modules/.bin/tsc');
const CLI = path.resolve('dist/generator/cli.js');

function generate(config: object): ReturnType<typeof spawnSync> {
  const file = path.join(WORK, 'wsdl-tsgen.config.json');
  writeFileSync(file, JSON.stringify(config));
  return spawnSync(process.execPath, [CLI, 'generate', '--config', file], { encoding: 'utf8' });
}

describe('a package of several contracts', () => {
  before(() => {
    spawnSync(TSC, ['-p', 'tsconfig.build.json']);
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
  });
  after(() => rmSync(WORK, { recursive: true, force: true }));

  it('is generated from a config that lists contracts, with the shared types once', () => {
    const fixture = path.relative(WORK, path.resolve('test/fixtures/multi'));
    const r = generate({ packages: [{ out: 'crm', packageName: 'crm', contracts: [{ wsdl: `${fixture}/contact.wsdl` }, { wsdl: `${fixture}/ticket.wsdl` }] }] });
    assert.equal(r.status, 0, String(r.stderr));
    assert.match(String(r.stdout), /generated 1 package\(s\): \d+ files, 2 operations, \d+ types/);
    const types = readFileSync(path.join(OUT, 'src/types.ts'), 'utf8');
    for (const shared of ['Carrier', 'SoCredentials']) {
      assert.equal(types.split(`export interface ${shared} `).length - 1, 1, `${shared} is declared once`);
    }
    assert.match(types, /export interface Contact extends Carrier/);
    assert.match(types, /export interface Ticket extends Carrier/);
    assert.match(types, /export type ContactRequestHeaders = /);
    assert.match(types, /export type TicketRequestHeaders = /);
    const index = readFileSync(path.join(OUT, 'src/index.ts'), 'utf8');
    assert.match(index, /export \* as contact from '\.\/contact\/index\.js';/);
    assert.match(index, /export \* as ticket from '\.\/ticket\/index\.js';/);
    assert.match(readFileSync(path.join(OUT, 'README.md'), 'utf8'), /## Ticket: `ticket`/);
  });

  it('compiles strictly', () => {
    const out = spawnSync(TSC, ['-p', path.join(OUT, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stdout + out.stderr);
  });

  it('round-trips each service, and its client talks to its test double', async () => {
    const crm = await import(path.join(OUT, 'src/index.ts'));
    const contact = { Version: 3, ContactId: 7, Name: 'Åse <ab>' };
    const xml = crm.contact.serializeGetContactResponse({ Response: contact });
    assert.deepEqual(crm.contact.parseGetContactResponse(xml).body, { Response: contact });
    const ticket = { TicketId: 1, Title: 'x', Opened: '2024-01-02T03:04:05' };
    const double = crm.ticket.createTicketService({ getTicket: (req: { TicketId?: number }) => ({ ...ticket, TicketId: req.TicketId }) });
    const agent = new crm.ticket.TicketAgent({
      endpoint: 'http://crm.invalid/Ticket.svc',
      credentials: { Ticket: 't' },
      fetch: (input: RequestInfo | URL, init?: RequestInit) => double.fetch(new Request(input, init)),
    });
    assert.deepEqual(await agent.getTicket({ TicketId: 9 }), { ...ticket, TicketId: 9 });
  });

  it('reports a type two contracts declare differently, naming both places', () => {
    const fixture = path.relative(WORK, path.resolve('test/fixtures/multi'));
    const r = generate({ packages: [{ out: 'bad', contracts: [{ wsdl: `${fixture}/contact.wsdl` }, { wsdl: `${fixture}/conflict.wsdl` }] }] });
    assert.equal(r.status, 1);
    assert.equal(
      String(r.stderr).trim(),
      'wsdl-tsgen: test/fixtures/multi/conflict.wsdl:14:7: type {urn:crm}SoCredentials is declared differently here and at ' +
        'test/fixtures/multi/contact.wsdl:14:7; contracts built into one package must declare shared names identically',
    );
  });
});
