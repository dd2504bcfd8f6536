import { inflateSync } from 'node:zlib';

// Reads the 8-bit PNGs pdftoppm writes (greyscale, RGB or RGBA, non-interlaced) as grey levels,
// enough to compare rendered pages with reference images without an image library.

export interface GreyImage {
  readonly width: number;
  readonly height: number;
  /** One byte per pixel, row by row. */
  readonly pixels: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

const BYTES_PER_PIXEL: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function readGreyPng(bytes: Buffer): GreyImage {
  if (bytes.readUInt32BE(0) !== 0x89504e47) throw new Error('Not a PNG file.');
  let at = 8;
  let width = 0;
  let height = 0;
  let bpp = 0;
  let colour = 0;
  const data: Buffer[] = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      colour = body[9];
      bpp = BYTES_PER_PIXEL[colour] ?? 0;
      if (body[8] !== 8 || bpp === 0 || body[12] !== 0) throw new Error('Only 8-bit greyscale or RGB(A), non-interlaced PNGs are read here (as pdftoppm writes them).');
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x += 1) {
      const left = x >= bpp ? out[y * stride + x - bpp] : 0;
      const up = y > 0 ? out[(y - 1) * stride + x] : 0;
      const upLeft = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      const predictor = filter === 0 ? 0 : filter === 1 ? left : filter === 2 ? up : filter === 3 ? (left + up) >> 1 : paeth(left, up, upLeft);
      out[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height);
  const channels = colour === 0 || colour === 4 ? 1 : 3;
  for (let i = 0; i < pixels.length; i += 1) {
    let sum = 0;
    for (let c = 0; c < channels; c += 1) sum += out[i * bpp + c];
    pixels[i] = Math.round(sum / channels);
  }
  return { width, height, pixels };
}

/** The share of pixels that differ by more than `threshold` grey levels (1 when the sizes differ). */
export function differingShare(a: GreyImage, b: GreyImage, threshold = 64): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differ = 0;
  for (let i = 0; i < a.pixels.length; i += 1) if (Math.abs(a.pixels[i] - b.pixels[i]) > threshold) differ += 1;
  return differ / a.pixels.length;
}
