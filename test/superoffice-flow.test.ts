/**
 * The first real call, end to end over HTTP with the generated package output/services86: a
 * ticket from SoPrincipal (user name and password, or an access token), then the User agent
 * called with that ticket and the application token. A refused login and an expired ticket
 * reach the caller as the errors the README tells them to handle.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SoapServiceError, soPrincipal, user } from '../output/services86/src/index.ts';
import { ACCESS_TOKEN, APPLICATION_TOKEN, JANE, PASSWORD, USER_NAME, startSite, type FakeSite } from './support/superoffice-site.ts';

let site: FakeSite;
before(async () => {
  site = await startSite();
});
after(() => site.close());

const principal = () =>
  new soPrincipal.SoPrincipalAgent({ endpoint: `${site.url}/Remote/Services86/SoPrincipal.svc`, applicationToken: APPLICATION_TOKEN });
const userAgent = (ticket: string) =>
  new user.UserAgent({ endpoint: `${site.url}/Remote/Services86/User.svc`, applicationToken: APPLICATION_TOKEN, credentials: { Ticket: ticket } });

/** The rejection of `promise`, which must reject. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected the call to reject');
}

describe('SoPrincipal then User, over HTTP', () => {
  const logins = [
    { name: 'a user name and password', authenticate: () => principal().authenticateUsernamePassword({ UserName: USER_NAME, Password: PASSWORD }), operation: 'AuthenticateUsernamePassword' },
    { name: 'an access token', authenticate: () => principal().authenticateWithAccessToken({ AccessToken: ACCESS_TOKEN }), operation: 'AuthenticateWithAccessToken' },
  ];
  for (const { name, authenticate, operation } of logins) {
    it(`signs in with ${name}, then calls User with the ticket and the application token`, async () => {
      site.seen.length = 0;
      site.refusal = 'body';
      const auth = await authenticate();
      assert.equal(auth.AuthenticationSucceeded, true);
      assert.equal(auth.Response?.AssociateId, JANE.AssociateId);
      const ticket = auth.Credentials?.Ticket;
      assert.ok(ticket, 'the response carries Credentials.Ticket');

      const found = await userAgent(ticket).getUser({ UserId: auth.Response?.AssociateId ?? 0 });
      assert.deepEqual(found, JANE);
      assert.deepEqual(site.seen, [
        { agent: 'SoPrincipal', operation, headers: { ApplicationToken: APPLICATION_TOKEN } },
        { agent: 'User', operation: 'GetUser', headers: { ApplicationToken: APPLICATION_TOKEN, Credentials: { Ticket: ticket } } },
      ]);
    });
  }

  it('a refused login answered in the body resolves with AuthenticationSucceeded false and no ticket', async () => {
    site.refusal = 'body';
    const auth = await principal().authenticateUsernamePassword({ UserName: USER_NAME, Password: 'wrong' });
    assert.deepEqual(auth, { Response: null, Credentials: null, AuthenticationSucceeded: false });
  });

  it('a refused login with Succeeded = false and ExceptionInfo rejects with SoapServiceError, the body kept', async () => {
    site.refusal = 'headers';
    const e = await rejection(principal().authenticateWithAccessToken({ AccessToken: 'stolen' }));
    assert.ok(e instanceof SoapServiceError, String(e));
    assert.equal(e.code, 'SERVICE');
    assert.equal(e.message, 'Unknown user name or wrong password');
    assert.deepEqual(e.info, { Message: 'Unknown user name or wrong password', ExceptionType: 'LoginRefused' });
    assert.equal(e.headers['Succeeded'], false);
    assert.deepEqual(e.body, { Response: null, Credentials: null, AuthenticationSucceeded: false });
  });

  it('an expired ticket: the User call rejects with SoapServiceError carrying ExceptionInfo; a new ticket works', async () => {
    site.refusal = 'body';
    const first = await principal().authenticateUsernamePassword({ UserName: USER_NAME, Password: PASSWORD });
    const users = userAgent(first.Credentials!.Ticket!);
    assert.deepEqual(await users.getUser({ UserId: 12 }), JANE);
    site.expireTickets();

    const e = await rejection(users.getUser({ UserId: 12 }));
    assert.ok(e instanceof SoapServiceError, String(e));
    assert.equal(e.message, 'The ticket has expired');
    assert.equal(e.info?.['ExceptionType'], 'TicketRefused');
    assert.deepEqual(e.info?.['Parameters'], new Map([['Ticket', first.Credentials!.Ticket!]]));
    assert.equal(e.headers['Succeeded'], false);

    const again = await principal().authenticateUsernamePassword({ UserName: USER_NAME, Password: PASSWORD });
    assert.notEqual(again.Credentials?.Ticket, first.Credentials?.Ticket);
    assert.deepEqual(await userAgent(again.Credentials!.Ticket!).getUser({ UserId: 12 }), JANE);
  });

  it('call() gives the shared response element of each Authenticate operation with its headers', async () => {
    site.refusal = 'body';
    const agent = principal();
    const { result, response, headers } = await agent.call('AuthenticateUsernamePassword', { UserName: USER_NAME, Password: PASSWORD });
    assert.equal(result, response, 'the whole AuthenticateResponse is the result');
    assert.equal(result.AuthenticationSucceeded, true);
    assert.deepEqual(headers, {});
  });
});
