import { createServer } from 'node:http';
import { Server } from 'socket.io';

// the push floor: a bare socket.io server that broadcasts what it is given, nothing else
const http = createServer();
const io = new Server(http);
io.on('connection', (socket) => {
  socket.on('publish', (payload: unknown, ack: () => void) => {
    io.emit('queue.changed', payload);
    ack();
  });
});
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
