/**
 * The page of the browser test: the generated package, bundled for the browser, calling the test
 * double served from the page's own origin. Each check reports what the page saw, in plain JSON,
 * for the test to judge.
 */
import { SoapAbortError, SoapFaultError, SoapTimeoutError, UserAgent } from '../../../output/services86-user/src/index.ts';

interface Outcome {
  readonly ok: boolean;
  readonly detail: unknown;
}

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, detail: await run() };
  } catch (e) {
    const error = e as Error & { code?: string; reason?: string; timeoutMs?: number };
    return {
      ok: false,
      detail: {
        name: error.name,
        code: error.code,
        message: error.message,
        reason: error.reason,
        timeoutMs: error.timeoutMs,
        isFault: e instanceof SoapFaultError,
        isAbort: e instanceof SoapAbortError,
        isTimeout: e instanceof SoapTimeoutError,
      },
    };
  }
}

const endpoint = new URL('/User.svc', location.href).href;

async function runChecks(): Promise<Record<string, Outcome>> {
  const agent = new UserAgent({ endpoint, credentials: { Ticket: '7T:browser' }, applicationToken: 'app' });
  const results: Record<string, Outcome> = {};

  results['call'] = await outcome(async () => {
    const { result, headers } = await agent.call('SaveServiceAuth', {
      ServiceAuth: { ServiceAuthId: 0, Server: 'mail.example.com – Zoë < 😀', Port: 993, Username: null },
    });
    const extra = headers.ExtraInfo instanceof Map ? [...headers.ExtraInfo] : null;
    return { result, succeeded: headers.Succeeded, extra, userAgent: navigator.userAgent };
  });

  results['fault'] = await outcome(() => agent.deleteUser({ UserId: 13 }));

  results['abort'] = await outcome(() => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('the user left the page')), 100);
    return agent.getServiceAuth({ ServiceAuthId: 1 }, { signal: controller.signal });
  });

  results['timeout'] = await outcome(() => agent.getServiceAuth({ ServiceAuthId: 2 }, { timeoutMs: 150 }));

  return results;
}

(globalThis as unknown as { runChecks: typeof runChecks }).runChecks = runChecks;
