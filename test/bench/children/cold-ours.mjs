// Cold start, ours: a fresh process imports the compiled package, constructs UserAgent and
// serializes one SaveServiceAuth request. argv[2]: the package's compiled index.js.
import { pathToFileURL } from 'node:url';
const start = performance.now();
const { UserAgent, serializeSaveServiceAuthRequest } = await import(pathToFileURL(process.argv[2]).href);
const agent = new UserAgent({ endpoint: 'https://example.com/Remote/Services86/User.svc', credentials: { Ticket: '7T:abc==' } });
const xml = serializeSaveServiceAuthRequest({
  ServiceAuth: { ServiceAuthId: 1, Server: 'mail.example.com', Port: 993, AuthType: 'Basic', Username: 'alice', Password: 'secret' },
});
const end = performance.now();
if (!agent || !xml.includes('mail.example.com')) throw new Error('cold start: no request');
process.stdout.write(JSON.stringify({ start, end, bytes: xml.length }));
