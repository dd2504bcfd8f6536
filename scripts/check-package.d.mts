import type { Fuses } from './lib/package-audit.mjs';

export interface PackageCheck {
  readonly failures: string[];
  readonly packagingMs: number;
  readonly electronVersion?: string;
  readonly asarBytes?: number;
  readonly unpackedBytes?: number;
  readonly totalBytes?: number;
  readonly budgetBytes?: number;
  readonly fileCount?: number;
  readonly modules?: string[];
  readonly files?: { path: string; size: number; unpacked: boolean }[];
  readonly unpackedFiles?: string[];
  readonly addonBytes?: number;
  readonly fuses?: Fuses | null;
  readonly desktopEntry?: Record<string, string> | null;
  readonly mimeInfo?: string | null;
  readonly icons?: Record<string, unknown>;
  /** What the packaged files did when run by Node: dependencies loaded, CLI created a project. */
  readonly smoke?: string[];
  readonly mac?: {
    readonly documentType: Record<string, unknown> | null;
    readonly exportedType: string | null;
    readonly asarIntegrity: boolean;
    readonly fuses: Fuses | null;
  } | null;
  readonly work: string | null;
}
export const root: string;
export const CONFIG_FILE: string;
export function checkPackage(options?: { build?: boolean; keep?: boolean; log?: (line: string) => void }): Promise<PackageCheck>;
export function makeFakeElectronDist(folder: string, version: string): string;
export function inspectIcons(buildDir: string): { failures: string[]; summary: Record<string, unknown> };
