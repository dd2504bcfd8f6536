import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';

/** A small seeded generator (mulberry32): the same seed gives the same fuzz on every machine. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)],
    chance: (p: number) => next() < p,
    bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => int(256))),
  };
}
export type Random = ReturnType<typeof seededRandom>;

export interface Target {
  readonly port: number;
  readonly token: string;
  readonly origin: string;
}

/** What the server did with one case: answered it, closed on it, or (a failure) neither in time. */
export type Outcome = 'answered' | 'closed' | 'hung' | 'unreachable';

// ---- HTTP requests -------------------------------------------------------------------------

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH', 'BREW', 'get', 'G\u00e9T', ''];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1x', 'HTTP/', '', 'ICE/1.0'];

function junkPath(r: Random): string {
  const percent = () => `%${r.pick(['ff', 'fe', 'c0', 'e2%82', 'zz', '', '0', 'f0%9f', '00', 'c0%af', '2e%2e', 'ed%a0%80'])}`;
  switch (r.int(12)) {
    case 0:
      return '/%ff';
    case 1:
      return `/${Array.from({ length: 1 + r.int(6) }, percent).join('')}`;
    case 2:
      return r.pick(['//', '//evil.example/x', '*', '', '?', '#', '/?%ff', 'http://127.0.0.1/', 'http://[::1', '/\u0000', '/a b']);
    case 3:
      return `/${'a'.repeat(r.pick([1000, 9000, 70_000]))}`;
    case 4:
      return `/${r.bytes(1 + r.int(40)).toString('latin1')}`;
    case 5:
      return r.pick(['/../secret.txt', '/..%2f..%2fetc/passwd', '/%2e%2e/%2e%2e/', '/index.html%00.js', '/./././index.html', '/index.html/']);
    case 6:
      return `/api?token=${percent()}`;
    default:
      return `/${Array.from({ length: 1 + r.int(4) }, () => (r.chance(0.5) ? percent() : r.pick(['index.html', 'x', '..', '.', 'api', '%2f']))).join('/')}`;
  }
}

function junkHeaders(r: Random): string[] {
  const all = [
    () => `Host: ${r.pick(['127.0.0.1', '', 'evil.example', '\u00ff', 'a'.repeat(100)])}`,
    () => `Content-Length: ${r.pick(['-1', '99999999999999999999', 'abc', '5', '0, 1', ''])}`,
    () => `Transfer-Encoding: ${r.pick(['chunked', 'gzip, chunked', 'bogus', 'chunked, chunked'])}`,
    () => `X-Big: ${'b'.repeat(r.pick([100, 20_000, 90_000]))}`,
    () => 'No colon here',
    () => `Bad\u0000Name: x`,
    () => `X-Value: ${r.bytes(1 + r.int(30)).toString('latin1').replace(/[\r\n]/g, '')}`,
    () => 'Expect: 100-continue',
    () => `Connection: ${r.pick(['close', 'keep-alive', 'upgrade', ''])}`,
    () => `Upgrade: ${r.pick(['websocket', 'h2c', 'nonsense'])}`,
    () => `Origin: ${r.pick(['http://evil.example', 'null', ''])}`,
    () => ` folded: continuation`,
  ];
  return Array.from({ length: r.int(5) }, () => r.pick(all)());
}

/** A malformed (or barely well-formed) HTTP request, byte for byte. */
export function junkHttpRequest(r: Random): Buffer {
  if (r.chance(0.08)) return r.bytes(1 + r.int(300));
  const eol = r.chance(0.85) ? '\r\n' : r.pick(['\n', '\r', '\n\r']);
  const lines = [`${r.pick(METHODS)} ${junkPath(r)} ${r.pick(VERSIONS)}`, ...junkHeaders(r), 'Connection: close'];
  let text = lines.join(eol) + eol + eol;
  if (r.chance(0.2)) text += r.pick(['0\r\n\r\n', 'zz\r\n', '5\r\nabc', r.bytes(20).toString('latin1')]);
  if (r.chance(0.1)) text = text.slice(0, r.int(text.length));
  return Buffer.from(text, 'latin1');
}

// ---- WebSocket handshakes and frames -------------------------------------------------------

export function upgradeRequest(t: Target, key: string, overrides: { path?: string; origin?: string | null; version?: string; extra?: string[] } = {}): Buffer {
  const lines = [
    `GET ${overrides.path ?? `/api?token=${t.token}`} HTTP/1.1`,
    `Host: 127.0.0.1:${t.port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${key}`,
    `Sec-WebSocket-Version: ${overrides.version ?? '13'}`,
    ...(overrides.origin === null ? [] : [`Origin: ${overrides.origin ?? t.origin}`]),
    ...(overrides.extra ?? []),
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** An upgrade request with something wrong (or, now and then, nothing wrong) about it. */
export function junkUpgrade(r: Random, t: Target): Buffer {
  const key = r.chance(0.8) ? randomBytes(16).toString('base64') : r.pick(['', 'short', '!!!!', 'a'.repeat(200)]);
  return upgradeRequest(t, key, {
    path: r.chance(0.3) ? `/api?token=${t.token}` : r.pick([`/api?token=${t.token.slice(1)}`, '/api', `/API?token=${t.token}`, `//api?token=${t.token}`, `/api/%ff?token=${t.token}`, `/%ff`, '//', `/api?token=%ff`, `/api?token=${t.token}&token=x`]),
    origin: r.pick([t.origin, t.origin, 'http://evil.example', null, 'null', `http://localhost:${t.port}`, '\u00ff']),
    version: r.pick(['13', '13', '8', 'abc', '', '99999999999']),
    extra: r.chance(0.3) ? [r.pick(['Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=99', 'Sec-WebSocket-Extensions: ;;;', 'Sec-WebSocket-Protocol: ,,', 'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits; client_max_window_bits'])] : [],
  });
}

interface FrameSpec {
  readonly fin?: boolean;
  readonly rsv?: number;
  readonly opcode: number;
  readonly masked?: boolean;
  readonly payload?: Buffer;
  /** Announce this length instead of the payload's own (a lie, or a size over the limit). */
  readonly announce?: bigint;
}

/** One WebSocket frame as a client sends it (masked unless told otherwise). */
export function frame(spec: FrameSpec): Buffer {
  const payload = spec.payload ?? Buffer.alloc(0);
  const length = spec.announce ?? BigInt(payload.length);
  const head = [((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | spec.opcode];
  const maskBit = (spec.masked ?? true) ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (length < 126n) head.push(maskBit | Number(length));
  else if (length < 65536n) {
    head.push(maskBit | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(length));
  } else {
    head.push(maskBit | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(length);
  }
  if (!(spec.masked ?? true)) return Buffer.concat([Buffer.from(head), ext, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
  return Buffer.concat([Buffer.from(head), ext, mask, body]);
}

const INVALID_UTF8 = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]];

/** A frame (or a few) that breaks the WebSocket protocol: the server must close, not fall over. */
export function junkFrames(r: Random, maxPayload: number): Buffer {
  const text = (s: string) => Buffer.from(s, 'utf8');
  const badUtf8 = () => Buffer.concat([text('{"id":1,"method":"app.info","params":{"x":"'), Buffer.from(r.pick(INVALID_UTF8)), text('"}}')]);
  switch (r.int(14)) {
    case 0:
      return frame({ opcode: 1, payload: badUtf8() });
    case 1:
      return Buffer.concat([frame({ opcode: 1, fin: false, payload: text('{"id":') }), frame({ opcode: 0, payload: Buffer.from(r.pick(INVALID_UTF8)) })]);
    case 2:
      return frame({ opcode: r.pick([1, 2]), rsv: 1 + r.int(7), payload: text('{}') });
    case 3:
      return frame({ opcode: r.pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]), payload: r.bytes(r.int(20)) });
    case 4:
      return frame({ opcode: 1, masked: false, payload: text('{"id":1,"method":"app.info"}') });
    case 5:
      return frame({ opcode: r.pick([8, 9, 10]), payload: r.bytes(126 + r.int(200)) });
    case 6:
      return frame({ opcode: 9, fin: false, payload: text('ping') });
    case 7:
      return frame({ opcode: 0, payload: text('continued from nothing') });
    case 8:
      return Buffer.concat([frame({ opcode: 1, fin: false, payload: text('[') }), frame({ opcode: 1, payload: text(']') })]);
    case 9: {
      const code = Buffer.alloc(2);
      code.writeUInt16BE(r.pick([0, 999, 1004, 1005, 1006, 1016, 2999, 5000, 65535]));
      return frame({ opcode: 8, payload: r.chance(0.3) ? Buffer.from([3]) : Buffer.concat([code, r.chance(0.5) ? Buffer.from(r.pick(INVALID_UTF8)) : Buffer.alloc(0)]) });
    }
    case 10:
      // Over the size limit, announced in the header: the server must refuse without waiting for the bytes.
      return frame({ opcode: r.pick([1, 2]), announce: BigInt(maxPayload) + 1n + BigInt(r.int(1000)), payload: r.bytes(r.int(64)) });
    case 11:
      return frame({ opcode: 2, announce: r.pick([2n ** 63n, 2n ** 53n, 2n ** 64n - 1n]), payload: Buffer.alloc(0) });
    case 12:
      return frame({ opcode: 1, announce: BigInt(100 + r.int(1000)), payload: r.bytes(r.int(50)) });
    default:
      return r.bytes(1 + r.int(200));
  }
}

const METHOD_NAMES = ['app.info', 'project.get', 'project.update', 'codes.apply', 'documents.get', 'import.preview', 'history.undo', 'nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'app.info\u0000'];

function junkValue(r: Random, depth = 0): unknown {
  switch (r.int(depth > 2 ? 5 : 7)) {
    case 0:
      return r.int(2 ** 31) * (r.chance(0.5) ? -1 : 1);
    case 1:
      return r.pick([true, false, 1e308, -0, 0.5]);
    case 2:
      return r.bytes(r.int(20)).toString('latin1');
    case 3:
      return r.pick(['', '\u0000', '\ud800', '\u202e', 'x'.repeat(5000)]);
    case 4:
      return r.pick([[], [null], '[object Object]']);
    case 5:
      return Array.from({ length: r.int(4) }, () => junkValue(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick(['__proto__', 'id', 'path', 'x', 'constructor']), junkValue(r, depth + 1)]));
  }
}

/** A message in well-formed frames that is not a well-formed call: answered with a refusal. */
export function junkMessage(r: Random): { readonly data: Buffer; readonly binary: boolean } {
  const json = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');
  switch (r.int(9)) {
    case 0:
      return { data: Buffer.from(r.pick(['{not json', '', ' ', 'null', '1', '"x"', '[]', '{"id":', '\u0000', '{"id":1,"method":"app.info",}']), 'utf8'), binary: false };
    case 1:
      return { data: r.bytes(r.int(100)), binary: true };
    case 2:
      return { data: json({ id: junkValue(r), method: 'app.info', params: {} }), binary: false };
    case 3:
      return { data: json({ id: r.int(1e6), method: junkValue(r), params: {} }), binary: false };
    case 4:
      return { data: json({ id: r.int(1e6), method: r.pick(METHOD_NAMES), params: junkValue(r) ?? 1 }), binary: false };
    case 5:
      return { data: json({ id: r.int(1e6), method: r.pick(METHOD_NAMES), params: 'x', project: junkValue(r) }), binary: false };
    case 6:
      return { data: Buffer.from(`${'['.repeat(r.pick([10, 1000, 100_000]))}`, 'utf8'), binary: false };
    case 7:
      return { data: Buffer.from(`{"id":1,"method":"app.info","params":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`, 'utf8'), binary: false };
    default:
      return { data: json(junkValue(r)), binary: r.chance(0.2) };
  }
}

// ---- Sending -------------------------------------------------------------------------------

export const CASE_TIMEOUT_MS = 10_000;

/**
 * Sends raw bytes on a fresh connection and reports what the server did: answered (any bytes back),
 * or closed without a word. `then` runs after the first answer (a handshake) to send more.
 */
export function knock(t: Target, bytes: Buffer, opts: { until?: (got: Buffer) => boolean; then?: Buffer; halfClose?: boolean } = {}): Promise<{ outcome: Outcome; got: Buffer }> {
  return new Promise((resolve) => {
    let got = Buffer.alloc(0);
    let settled = false;
    let sentMore = false;
    const socket = net.connect(t.port, '127.0.0.1');
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ outcome, got });
    };
    const timer = setTimeout(() => finish('hung'), CASE_TIMEOUT_MS);
    socket.on('connect', () => {
      socket.write(bytes);
      if (!opts.then && opts.halfClose !== false) socket.end();
    });
    socket.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (opts.then && !sentMore && got.includes('\r\n\r\n')) {
        sentMore = true;
        if (!got.toString('latin1').startsWith('HTTP/1.1 101')) return finish('answered');
        socket.write(opts.then);
        socket.end();
        return;
      }
      if (opts.until?.(got)) finish('answered');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => finish(err.code === 'ECONNREFUSED' ? 'unreachable' : got.length ? 'answered' : 'closed'));
    socket.on('close', () => finish(got.length ? 'answered' : 'closed'));
  });
}

export function websocketKey(): string {
  return randomBytes(16).toString('base64');
}

export function acceptFor(key: string): string {
  return createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
}

/** Reads the server's (unmasked) frames out of a byte stream: opcode and payload of each whole one. */
export function readFrames(buf: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let at = 0;
  for (;;) {
    if (buf.length - at < 2) break;
    let len = buf[at + 1] & 0x7f;
    let head = 2;
    if (len === 126) {
      if (buf.length - at < 4) break;
      len = buf.readUInt16BE(at + 2);
      head = 4;
    } else if (len === 127) {
      if (buf.length - at < 10) break;
      len = Number(buf.readBigUInt64BE(at + 2));
      head = 10;
    }
    if (buf.length - at < head + len) break;
    frames.push({ opcode: buf[at] & 0x0f, payload: buf.subarray(at + head, at + head + len) });
    at += head + len;
  }
  return { frames, rest: buf.subarray(at) };
}
