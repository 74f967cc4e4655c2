/**
 * A SuperOffice tenant's NetServer made of the generated test doubles of SoPrincipal and User,
 * served over HTTP on 127.0.0.1 under /Cust1/Remote/Services86/<Agent>.svc. SoPrincipal hands out
 * tickets for one user name and password or one access token; User answers GetUser for a valid
 * ticket and, as NetServer does, reports a ticket it no longer accepts in its response headers
 * (Succeeded = false, ExceptionInfo). Every request's SOAP headers are recorded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { soPrincipal, user, type AuthenticateResponse, type User } from '../../output/services86/src/index.ts';

export const APPLICATION_TOKEN = 'app-token-7';
export const USER_NAME = 'jane.doe';
export const PASSWORD = 'correct horse';
export const ACCESS_TOKEN = '8A:Cust1.access';
export const JANE: User = { AssociateId: 12, Name: 'Jane Doe', Deleted: false, Type: 'InternalAssociate' };

/** How a refused login is answered: in the body only, or also with NetServer's failure headers. */
export type RefusalStyle = 'body' | 'headers';

export interface FakeSite {
  /** The tenant's address, as `https://sod.superoffice.com/Cust12345` is one. */
  readonly url: string;
  /** The SOAP headers of every request, with the agent and operation that received it. */
  readonly seen: { agent: string; operation: string; headers: Record<string, unknown> }[];
  refusal: RefusalStyle;
  /** When set, every ticket handed out has already expired (as if the call came a day later). */
  expireOnIssue: boolean;
  /** Makes every ticket handed out so far expire. */
  expireTickets(): void;
  close(): Promise<void>;
}

export async function startSite(): Promise<FakeSite> {
  const tickets = new Map<string, { expired: boolean }>();
  let issued = 0;
  const seen: FakeSite['seen'] = [];

  const grant = (): AuthenticateResponse => {
    const ticket = `7T:Cust1.${++issued}`;
    tickets.set(ticket, { expired: site.expireOnIssue });
    return {
      Response: { UserType: 'InternalAssociate', Associate: 'JD', AssociateId: JANE.AssociateId!, FullName: 'Jane Doe' },
      Credentials: { Ticket: ticket },
      AuthenticationSucceeded: true,
    };
  };
  const refuse = (context: soPrincipal.SoPrincipalHandlerContext): AuthenticateResponse => {
    if (site.refusal === 'headers') {
      context.responseHeaders.Succeeded = false;
      context.responseHeaders.ExceptionInfo = { Message: 'Unknown user name or wrong password', ExceptionType: 'LoginRefused' };
    }
    return { Response: null, Credentials: null, AuthenticationSucceeded: false };
  };

  const principal = soPrincipal.createSoPrincipalService({
    authenticateUsernamePassword(request, context) {
      seen.push({ agent: 'SoPrincipal', operation: context.operation, headers: { ...context.requestHeaders } });
      return request.UserName === USER_NAME && request.Password === PASSWORD ? grant() : refuse(context);
    },
    authenticateWithAccessToken(request, context) {
      seen.push({ agent: 'SoPrincipal', operation: context.operation, headers: { ...context.requestHeaders } });
      return request.AccessToken === ACCESS_TOKEN ? grant() : refuse(context);
    },
  });
  const users = user.createUserService({
    getUser(request, context) {
      seen.push({ agent: 'User', operation: context.operation, headers: { ...context.requestHeaders } });
      const ticket = context.requestHeaders.Credentials?.Ticket;
      const state = ticket ? tickets.get(ticket) : undefined;
      if (state === undefined || state.expired || context.requestHeaders.ApplicationToken !== APPLICATION_TOKEN) {
        context.responseHeaders.Succeeded = false;
        context.responseHeaders.ExceptionInfo = {
          Message: state?.expired ? 'The ticket has expired' : 'The ticket is not valid',
          ExceptionType: 'TicketRefused',
          Parameters: new Map([['Ticket', ticket ?? '']]),
        };
        return null;
      }
      return request.UserId === JANE.AssociateId ? JANE : null;
    },
  });

  const server = http.createServer((req, res) => {
    const agent = /^\/Cust1\/Remote\/Services86\/(SoPrincipal|User)\.svc$/.exec(req.url ?? '')?.[1];
    if (agent === 'SoPrincipal') principal.listener(req, res);
    else if (agent === 'User') users.listener(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('no such agent');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const site: FakeSite = {
    url: `http://127.0.0.1:${port}/Cust1`,
    seen,
    refusal: 'body',
    expireOnIssue: false,
    expireTickets: () => {
      for (const state of tickets.values()) state.expired = true;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
  return site;
}
