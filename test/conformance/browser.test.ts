/**
 * A real browser on this end: the generated package promises to run in browsers (global fetch,
 * no Node-only code). The test bundles a page importing it (esbuild), serves the page and the
 * generated test double from one local origin, drives headless Chromium (Debian's `chromium`,
 * through playwright-core), and checks from inside the page that a call, a fault, an abort and a
 * timeout behave as they do in Node.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { createUserService, SoapFaultError, type ServiceAuth } from '../../output/services86-user/src/index.ts';
import { requirePrerequisites } from './prerequisites.ts';

requirePrerequisites('chromium');

const CHROMIUM = '/usr/bin/chromium';

interface Outcome {
  readonly ok: boolean;
  readonly detail: Record<string, unknown>;
}

describe('the generated package in headless Chromium', { timeout: 180_000 }, () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let origin = '';
  const pending = new Set<NodeJS.Timeout>();
  const seen: { operation: string; headers: unknown }[] = [];

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `missing: ${CHROMIUM} — apt-get install chromium`);
    const bundle = await build({
      entryPoints: [path.resolve('test/conformance/browser/page.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0]!.text;
    // The browser build must not reach for Node: esbuild fails on a node: import for the browser platform.
    assert.doesNotMatch(script, /\brequire\(|from "node:/);

    const double = createUserService({
      saveServiceAuth(request, context) {
        seen.push({ operation: context.operation, headers: context.requestHeaders });
        context.responseHeaders.Succeeded = true;
        context.responseHeaders.ExtraInfo = new Map([['served-by', 'test double']]);
        const sent = request.ServiceAuth ?? {};
        return { ...sent, ServiceAuthId: 42 } satisfies ServiceAuth;
      },
      deleteUser(request) {
        throw new SoapFaultError({ code: 's:Client', reason: `user ${request.UserId} is locked`, headers: {} });
      },
      getServiceAuth() {
        // Slower than the page's abort and timeout.
        return new Promise((resolve) => {
          const timer = setTimeout(() => {
            pending.delete(timer);
            resolve(null);
          }, 3_000);
          pending.add(timer);
        });
      },
    });
    const html = '<!doctype html><meta charset="utf-8"><title>wsdl-tsgen</title><script type="module" src="/page.js"></script>';
    server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      if (req.method === 'GET' && req.url === '/page.js') return void res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
      if (req.url === '/User.svc') return double.listener(req, res);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    for (const timer of pending) clearTimeout(timer);
    server?.closeAllConnections();
    server?.close();
  });

  it('a call, a fault, an abort and a timeout behave in the page as in Node', async () => {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'runChecks' in globalThis);
    const results = (await page.evaluate(() => (globalThis as unknown as { runChecks(): Promise<unknown> }).runChecks())) as Record<string, Outcome>;
    assert.deepEqual(errors, []);

    const call = results['call']!;
    assert.equal(call.ok, true, JSON.stringify(call.detail));
    assert.match(String(call.detail['userAgent']), /HeadlessChrome|Chrome/);
    assert.deepEqual(call.detail['result'], {
      ServiceAuthId: 42,
      Server: 'mail.example.com – Zoë < 😀',
      Port: 993,
      Username: null,
    });
    assert.equal(call.detail['succeeded'], true);
    assert.deepEqual(call.detail['extra'], [['served-by', 'test double']]);
    assert.deepEqual(seen, [{ operation: 'SaveServiceAuth', headers: { ApplicationToken: 'app', Credentials: { Ticket: '7T:browser' } } }]);

    const fault = results['fault']!;
    assert.equal(fault.ok, false);
    assert.equal(fault.detail['isFault'], true, JSON.stringify(fault.detail));
    assert.equal(fault.detail['reason'], 'user 13 is locked');
    assert.equal(fault.detail['code'], 's:Client');

    const abort = results['abort']!;
    assert.equal(abort.ok, false);
    assert.equal(abort.detail['isAbort'], true, JSON.stringify(abort.detail));
    assert.equal(abort.detail['code'], 'ABORTED');

    const timeout = results['timeout']!;
    assert.equal(timeout.ok, false);
    assert.equal(timeout.detail['isTimeout'], true, JSON.stringify(timeout.detail));
    assert.equal(timeout.detail['code'], 'TIMEOUT');
    assert.equal(timeout.detail['timeoutMs'], 150);
    await page.close();
  });
});
