import { describe, expect, it } from 'vitest';
import { decodeIcns, decodeIco, encodeIcns, encodeIco, ICNS_SIZES, pngSize } from '../../../scripts/lib/icon-files.mjs';

// Enough of a PNG for the containers: the signature and an IHDR chunk with the size.
function fakePng(size: number): Buffer {
  const png = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);
  png.writeUInt32BE(13, 8);
  png.write('IHDR', 12, 'latin1');
  png.writeUInt32BE(size, 16);
  png.writeUInt32BE(size, 20);
  return png;
}

describe('icon containers', () => {
  it('reads a PNG size and refuses other bytes', () => {
    expect(pngSize(fakePng(48))).toEqual({ width: 48, height: 48 });
    expect(() => pngSize(Buffer.from('GIF89a............................'))).toThrow('Not a PNG');
  });

  it('writes an .ico smallest first, with 256 px declared as 0 as the format requires', () => {
    const ico = encodeIco([fakePng(256), fakePng(16), fakePng(32)]);
    expect(ico.readUInt16LE(4)).toBe(3);
    expect(ico.readUInt8(6 + 32)).toBe(0);
    expect(decodeIco(ico)).toEqual([
      { declared: 16, width: 16, height: 16 },
      { declared: 32, width: 32, height: 32 },
      { declared: 256, width: 256, height: 256 },
    ]);
  });

  it('refuses an image larger than .ico allows', () => {
    expect(() => encodeIco([fakePng(512)])).toThrow('at most 256');
  });

  it('writes an .icns with every type from 16 to 1024 px and reads it back', () => {
    const sizes = new Map([16, 32, 64, 128, 256, 512, 1024].map((s) => [s, fakePng(s)]));
    const icns = encodeIcns(sizes);
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(decodeIcns(icns)).toEqual(ICNS_SIZES.map(({ type, size }) => ({ type, width: size, height: size })));
  });

  it('refuses an .icns missing a size', () => {
    expect(() => encodeIcns(new Map([[16, fakePng(16)]]))).toThrow('needs a 32 px image');
  });
});
