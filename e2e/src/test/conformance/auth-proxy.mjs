// forwards http from 127.0.0.1 (a free port, printed as "listening PORT") to TARGET, adding
// "Authorization: Bearer" with the token read from TOKEN_FILE and changing nothing else: Host and
// Origin go through as the client sent them, so the server's dns rebinding checks see what a
// browser would send. the conformance suite has no way to send a token itself.
// usage: node auth-proxy.mjs TOKEN_FILE (http://127.0.0.1:PORT | unix:PATH)
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [tokenFile, target] = process.argv.slice(2);
const token = readFileSync(tokenFile, 'utf8').trim();
const upstream = target.startsWith('unix:')
  ? { socketPath: target.slice('unix:'.length) }
  : { host: new URL(target).hostname, port: new URL(target).port };

const listener = http.createServer((req, res) => {
  const headers = { ...req.headers, authorization: `Bearer ${token}` };
  const forward = http.request({ ...upstream, method: req.method, path: req.url, headers }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  forward.on('error', (e) => {
    if (!res.headersSent) res.writeHead(502);
    res.end(String(e));
  });
  req.pipe(forward);
});
listener.listen(0, '127.0.0.1', () => console.log(`listening ${listener.address().port}`));
