export function pngSize(png: Buffer): { width: number; height: number };
export function encodeIco(pngs: readonly Buffer[]): Buffer;
export function decodeIco(ico: Buffer): { declared: number; width: number; height: number }[];
export function encodeIcns(pngBySize: ReadonlyMap<number, Buffer>): Buffer;
export function decodeIcns(icns: Buffer): { type: string; width: number; height: number }[];
export const ICNS_SIZES: readonly { type: string; size: number }[];
