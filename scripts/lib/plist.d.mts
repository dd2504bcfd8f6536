export function parsePlist(xml: string): unknown;
