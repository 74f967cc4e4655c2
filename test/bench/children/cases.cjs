// The inputs of the parse and serialize rows, shared by run.ts (correctness) and micro.mjs (timing).
'use strict';
const SERVICE_AUTH = { ServiceAuthId: 1, Server: 'mail.example.com', Port: 993, AuthType: 'Basic', Username: 'alice', Password: 's3cret & <more>' };
const IDS = Array.from({ length: 1000 }, (_, i) => i + 1);
module.exports = {
  SERVICE_AUTH,
  IDS,
  /** [operation, our request body, node-soap's arguments] */
  requests: {
    'ser-save': ['SaveServiceAuth', { ServiceAuth: SERVICE_AUTH }, { ServiceAuth: SERVICE_AUTH }],
    'ser-ids': ['GetUserInfoList', { UserInfoIds: IDS }, { UserInfoIds: { int: IDS } }],
  },
};
