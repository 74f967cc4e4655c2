// Cold start, node-soap: a fresh process creates a client from the WSDL (createClientAsync) and
// serializes the same SaveServiceAuth request. argv[2]: the WSDL file.
'use strict';
const start = performance.now();
const soap = require('soap');
soap.createClientAsync(process.argv[2]).then((client) => {
  const input = client.wsdl.definitions.bindings.BasicHttpBinding_User.methods.SaveServiceAuth.input;
  const xml = client.wsdl.objectToDocumentXML(
    input.$name,
    { ServiceAuth: { ServiceAuthId: 1, Server: 'mail.example.com', Port: 993, AuthType: 'Basic', Username: 'alice', Password: 'secret' } },
    input.targetNSAlias,
    input.targetNamespace,
    input.$type || input.$lookupType,
  );
  const end = performance.now();
  if (!xml.includes('mail.example.com')) throw new Error('cold start: no request');
  process.stdout.write(JSON.stringify({ start, end, bytes: xml.length }));
});
