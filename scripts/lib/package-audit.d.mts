export interface AsarFile {
  readonly path: string;
  readonly size: number;
  readonly unpacked: boolean;
}
export interface AsarAudit {
  readonly failures: string[];
  readonly totalBytes: number;
  readonly unpackedBytes: number;
  readonly modules: number;
}
export type Fuses = Record<string, boolean | string>;

export const REQUIRED_FILES: readonly string[];
export const NATIVE_ADDON: string;
export const SIZE_BUDGET_BYTES: number;
export const FORBIDDEN: readonly { readonly what: string; test(path: string): boolean }[];
export const FUSE_ORDER: readonly string[];

export function auditAsar(input: {
  files: readonly AsarFile[];
  unpacked: ReadonlyMap<string, number>;
  packageJson: { main?: string } | null;
  indexHtml: string;
  devDependencies: readonly string[];
  asarBytes: number;
  budgetBytes?: number;
}): AsarAudit;
export function requiredPackages(source: string, builtins: readonly string[]): Set<string>;
export function packagedModules(files: readonly AsarFile[]): Set<string>;
export function auditRuntimeRequires(bundles: Record<string, string>, packaged: ReadonlySet<string>, builtins: readonly string[]): string[];
export function readFuses(executable: Buffer): Fuses | null;
export function fakeElectronExecutable(): Buffer;
export function auditFuses(actual: Fuses | null, expected: Record<string, boolean>): string[];
export function parseDesktopEntry(text: string): Record<string, string>;
export function auditDesktopEntry(entry: Record<string, string>, options: { mimeType: string; executable: string }): string[];
export function auditMimeInfo(xml: string, options: { mimeType: string; extension: string }): string[];
export function mb(bytes: number): string;
