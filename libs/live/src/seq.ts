// API.md "Live": a seq is a JSON number wherever it appears. The column is a bigint and the
// api works in bigint; a number is exact only to 2^53 - 1, so a seq beyond that is refused at
// the edge rather than sent rounded (a client would then skip or repeat events)
const MAX_SEQ = BigInt(Number.MAX_SAFE_INTEGER);

export class SeqOutOfRangeError extends Error {
  constructor(seq: bigint) {
    super(`live seq ${seq} is beyond what a JSON number carries exactly`);
  }
}

// a seq as it goes out (in a REST body, an ack or an event)
export function jsonSeq(seq: bigint | string): number {
  const value = typeof seq === 'bigint' ? seq : BigInt(seq);
  if (value < 0n || value > MAX_SEQ) throw new SeqOutOfRangeError(value);
  return Number(value);
}

// a client's sinceSeq: a whole number, or (for the clients of today) its decimal string;
// null when it is neither
export function parseSeq(value: unknown): bigint | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null;
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value)) return null;
  const seq = BigInt(value);
  return seq <= MAX_SEQ ? seq : null;
}
