import type { Socket } from 'socket.io';

// an ack body JSON-encoded once, for any number of sockets
export class EncodedBody {
  readonly text: string;
  // the body and the ack's closing bracket as bytes: the end of every socket's websocket frame
  readonly tail: Buffer;

  constructor(body: object) {
    this.text = JSON.stringify(body);
    this.tail = Buffer.from(`${this.text}]`);
  }
}

// engine.io's packet as it is created, before it is queued for the transport
interface EnginePacket {
  type: string;
  data?: unknown;
  options?: Record<string, unknown>;
}

// what socket.io's encoder makes of an ack whose only argument is 0: "3/live,<id>[0]"
const STAND_IN = 0;
const STAND_IN_PACKET = /^3(?:\/[^,]*,)?\d+\[0\]$/;

// a websocket text frame (server to client: unmasked, one fragment) whose payload is `head`
// then `tail`: the header and head are this socket's, the tail is shared
export function textFrame(head: Buffer, tail: Buffer): Buffer[] {
  const length = head.length + tail.length;
  const size = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(size + head.length);
  frame[0] = 0x81;
  if (size === 2) frame[1] = length;
  else if (size === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  head.copy(frame, size);
  return [frame, tail];
}

// answers `ack` with the encoded body, as socket.io would have written it ("3/live,<id>[body]")
// but without encoding it again for this socket. The ack is made with a stand-in; as engine.io
// creates its packet (packetCreate, within this call) the stand-in is swapped for the body: a
// pre-encoded websocket frame ending in the shared bytes, as socket.io's own broadcasts are
// sent, and the text, for a polling transport (or compression) that cannot use the frame.
export function ackEncoded(socket: Socket, ack: (body: unknown) => void, body: EncodedBody): void {
  const swap = (packet: EnginePacket) => {
    if (packet.type !== 'message' || typeof packet.data !== 'string' || !STAND_IN_PACKET.test(packet.data))
      return;
    const head = packet.data.slice(0, -2);
    packet.data = `${head}${body.text}]`;
    // "4": engine.io's message packet type
    packet.options = { ...packet.options, wsPreEncodedFrame: textFrame(Buffer.from(`4${head}`), body.tail) };
  };
  socket.conn.on('packetCreate', swap);
  try {
    ack(STAND_IN);
  } finally {
    socket.conn.off('packetCreate', swap);
  }
}
