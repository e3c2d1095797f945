import { createServer } from 'node:http';

// the HTTP ceiling: a bare node:http server that reads a request's body and answers 200 with a
// small JSON body; no framework, no session, no database
const http = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
});
http.keepAliveTimeout = 60_000;
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('SIGTERM', () => {
  http.close();
  process.exit(0);
});
