// serves streamable http on 127.0.0.1 (a free port, printed as "listening PORT") and hands each
// session to a stdio mcp server started for it: the command line given to this script. the
// conformance suite only speaks http, so this is how it reaches `llmsh mcp` over stdio. messages
// pass unchanged both ways; a server notification or request is sent on the stream of the client
// request it belongs to (its progress token's request, else the latest request still open).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const [command, ...args] = process.argv.slice(2);
const sessions = new Map();

async function openSession() {
  const server = new StdioClientTransport({ command, args, stderr: 'inherit' });
  const open = [];
  const progressRequest = new Map();
  const client = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => sessions.set(id, client),
  });
  client.onmessage = (message) => {
    if ('method' in message && 'id' in message) {
      open.push(message.id);
      const token = message.params?._meta?.progressToken;
      if (token !== undefined) progressRequest.set(token, message.id);
    }
    server.send(message).catch((e) => console.error('bridge: to the server:', e.message));
  };
  server.onmessage = (message) => {
    if (!('method' in message)) {
      const i = open.indexOf(message.id);
      if (i >= 0) open.splice(i, 1);
      client.send(message).catch((e) => console.error('bridge: to the client:', e.message));
      return;
    }
    let related = message.method === 'notifications/progress'
      ? progressRequest.get(message.params?.progressToken) : undefined;
    if (related === undefined || !open.includes(related)) related = open[open.length - 1];
    client.send(message, related === undefined ? undefined : { relatedRequestId: related })
      .catch((e) => console.error('bridge: to the client:', e.message));
  };
  client.onclose = () => server.close();
  server.onclose = () => client.close();
  await server.start();
  await client.start();
  return client;
}

const listener = http.createServer(async (req, res) => {
  try {
    const id = req.headers['mcp-session-id'];
    let client = id ? sessions.get(id) : undefined;
    if (!client) {
      if (id || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      client = await openSession();
    }
    await client.handleRequest(req, res);
  } catch (e) {
    console.error('bridge:', e);
    if (!res.headersSent) res.writeHead(500).end();
  }
});
listener.listen(0, '127.0.0.1', () => console.log(`listening ${listener.address().port}`));
