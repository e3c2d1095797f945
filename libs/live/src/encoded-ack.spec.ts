import { EventEmitter } from 'node:events';
import type { Socket } from 'socket.io';
import { ackEncoded, EncodedBody, textFrame } from './encoded-ack';

// the payload of an unmasked, single-fragment text frame, checked against RFC 6455
function payloadOf(frame: Buffer[]): string {
  const bytes = Buffer.concat(frame);
  expect(bytes[0]).toBe(0x81);
  const marker = bytes[1];
  expect(marker & 0x80).toBe(0);
  const [length, offset] =
    marker === 127
      ? [Number(bytes.readBigUInt64BE(2)), 10]
      : marker === 126
        ? [bytes.readUInt16BE(2), 4]
        : [marker, 2];
  expect(bytes.length).toBe(offset + length);
  return bytes.subarray(offset).toString('utf8');
}

describe('textFrame', () => {
  it.each([10, 125, 126, 65535, 65536, 700_000])(
    'should frame a %d-byte payload whose tail is shared',
    (size) => {
      const head = Buffer.from('43/live,7[');
      const tail = Buffer.from(`${'x'.repeat(Math.max(0, size - head.length - 1))}]`);
      const frame = textFrame(head, tail);
      expect(frame[1]).toBe(tail);
      expect(payloadOf(frame)).toBe(`${head.toString()}${tail.toString()}`);
    },
  );
});

describe('ackEncoded', () => {
  interface Packet {
    type: string;
    data: string;
    options: Record<string, unknown>;
  }

  // what socket.io and engine.io do with an ack, as far as ackEncoded relies on it
  const socketWith = (ackId: number) => {
    const conn = new EventEmitter();
    const written: Packet[] = [];
    const ack = (arg: unknown) => {
      const packet: Packet = {
        type: 'message',
        data: `3/live,${ackId}[${JSON.stringify(arg)}]`,
        options: { compress: true },
      };
      conn.emit('packetCreate', packet);
      written.push(packet);
    };
    return { socket: { conn } as unknown as Socket, ack, written, conn };
  };

  it('should write the shared body as the ack socket.io would have written, text and frame alike', () => {
    const body = new EncodedBody({ seq: 12, items: [{ id: 'a', childName: 'Zoë Ł' }] });
    for (const id of [0, 7, 123456]) {
      const { socket, ack, written, conn } = socketWith(id);
      ackEncoded(socket, ack, body);
      expect(written).toHaveLength(1);
      expect(written[0].data).toBe(`3/live,${id}[${body.text}]`);
      expect(JSON.parse(written[0].data.slice(written[0].data.indexOf('[')))).toEqual([
        { seq: 12, items: [{ id: 'a', childName: 'Zoë Ł' }] },
      ]);
      const frame = written[0].options.wsPreEncodedFrame as Buffer[];
      expect(frame[1]).toBe(body.tail);
      expect(payloadOf(frame)).toBe(`4${written[0].data}`);
      expect(conn.listenerCount('packetCreate')).toBe(0);
    }
  });

  it('should leave other packets alone, and let go of the socket when the ack writes nothing', () => {
    const body = new EncodedBody({ seq: 1, items: [] });
    const conn = new EventEmitter();
    const other: Packet = { type: 'message', data: '2/live,["queue.changed",{}]', options: {} };
    ackEncoded({ conn } as unknown as Socket, () => conn.emit('packetCreate', other), body);
    expect(other.data).toBe('2/live,["queue.changed",{}]');
    expect(other.options.wsPreEncodedFrame).toBeUndefined();
    ackEncoded({ conn } as unknown as Socket, () => undefined, body);
    expect(conn.listenerCount('packetCreate')).toBe(0);
  });
});
