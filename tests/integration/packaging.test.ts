import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPackage, CONFIG_FILE, root, type PackageCheck } from '../../scripts/check-package.mjs';
import { NATIVE_ADDON, SIZE_BUDGET_BYTES } from '../../scripts/lib/package-audit.mjs';

interface TargetEntry {
  readonly target: string;
  readonly arch: readonly string[];
}
interface BuilderConfig {
  readonly appId: string;
  readonly productName: string;
  readonly files: readonly string[];
  readonly asar: boolean;
  readonly asarUnpack: readonly string[];
  readonly electronFuses: Record<string, boolean>;
  readonly fileAssociations: readonly Record<string, string>[];
  readonly mac: {
    readonly target: readonly TargetEntry[];
    readonly icon: string;
    readonly entitlements: string;
    readonly extendInfo: { readonly UTExportedTypeDeclarations: readonly Record<string, unknown>[] };
  };
  readonly win: { readonly target: readonly TargetEntry[]; readonly icon: string };
  readonly linux: { readonly target: readonly TargetEntry[]; readonly icon: string; readonly category: string };
}

const config = createRequire(import.meta.url)(CONFIG_FILE) as BuilderConfig;

describe('electron-builder configuration', () => {
  it('names the app and builds a universal dmg, an NSIS installer, an AppImage and a .deb', () => {
    expect(config.appId).toBe('org.condensa.app');
    expect(config.productName).toBe('Condensa');
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
  });

  it('registers .condensa as a Condensa project the app edits', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'condensa', name: 'Condensa Project', role: 'Editor', mimeType: 'application/x-condensa', icon: 'document' }),
    ]);
    expect(fs.existsSync(path.join(root, 'build/document.icns'))).toBe(true);
    expect(config.mac.extendInfo.UTExportedTypeDeclarations[0]).toMatchObject({
      UTTypeIdentifier: 'org.condensa.project',
      UTTypeTagSpecification: { 'public.filename-extension': ['condensa'], 'public.mime-type': ['application/x-condensa'] },
    });
    expect(fs.existsSync(path.join(root, 'build/document.ico'))).toBe(true);
  });

  it('flips the fuses that close Node-style entry points into the app', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships only the build output in an asar with native modules unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.files.filter((f) => !f.startsWith('!'))).toEqual(['out/**/*', 'package.json']);
  });

  it('points at icons and entitlements that exist', () => {
    for (const file of [config.mac.icon, config.win.icon, config.mac.entitlements]) expect(fs.existsSync(path.join(root, file))).toBe(true);
    expect(fs.readFileSync(path.join(root, config.mac.entitlements), 'utf8')).toContain('com.apple.security.cs.allow-jit');
    expect(fs.existsSync(path.join(root, config.linux.icon, '512x512.png'))).toBe(true);
  });
});

// Packages the built out/ for Linux and macOS with a fake Electron: 20–45 s, so once for all checks.
describe('offline packaging check', () => {
  let result: PackageCheck;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(root, 'out/main/index.cjs'))) throw new Error('out/ is not built: run `npm run build` first.');
    result = await checkPackage({ build: false });
  }, 240_000);

  it('finds no problem in the layout, native module, fuses, file association, icons or size', () => {
    expect(result.failures).toEqual([]);
  });

  it('packs main, the core, preload, renderer and CLI, and unpacks better_sqlite3.node', () => {
    const packed = new Set(result.files?.filter((f) => !f.unpacked).map((f) => f.path));
    for (const p of ['package.json', 'out/main/index.cjs', 'out/core/index.cjs', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/cli/condensa.cjs']) expect(packed.has(p)).toBe(true);
    expect(result.unpackedFiles).toContain(NATIVE_ADDON);
    expect(result.addonBytes).toBeGreaterThan(100_000);
  });

  it('leaves out build leftovers, tests, TypeScript and source maps', () => {
    const all = [...(result.files ?? []).map((f) => f.path), ...(result.unpackedFiles ?? [])];
    expect(all.filter((p) => /\/(deps|obj|obj\.target)\/|test_extension\.node$|\.(ts|map)$/.test(p))).toEqual([]);
    expect(result.modules).not.toContain('electron');
    expect(result.modules).not.toContain('vitest');
  });

  it('runs from the packaged files: every dependency loads and the CLI creates a project', () => {
    expect(result.smoke).toEqual([
      expect.stringMatching(/^\d+ dependencies load$/),
      expect.stringMatching(/^packaged CLI created the sample study/),
      // The packaged main, preload and core: app ready → window → app:// page → utility process → a call round trip.
      expect.stringMatching(/^packaged desktop app booted \(.*app ready → .*utilityProcess\.fork → BrowserWindow → loadURL → .*round trip → app\.quit\)$/),
    ]);
  });

  it('stays under the size budget', () => {
    expect(result.totalBytes).toBeLessThan(SIZE_BUDGET_BYTES);
  });

  it('flipped the configured fuses in the packaged executable', () => {
    expect(result.fuses).toMatchObject(config.electronFuses);
  });

  it('registers .condensa in the macOS Info.plist, with a matching asar integrity hash and flipped fuses', () => {
    expect(result.mac?.documentType).toMatchObject({ CFBundleTypeExtensions: ['condensa'], CFBundleTypeRole: 'Editor', CFBundleTypeIconFile: 'document.icns' });
    expect(result.mac?.exportedType).toBe('org.condensa.project');
    expect(result.mac?.asarIntegrity).toBe(true);
    expect(result.mac?.fuses).toMatchObject(config.electronFuses);
  });

  it('writes a desktop entry and MIME type that open .condensa files in Condensa', () => {
    expect(result.desktopEntry?.MimeType).toBe('application/x-condensa;');
    expect(result.desktopEntry?.Exec).toMatch(/condensa %U$/);
    expect(result.mimeInfo).toContain('<glob pattern="*.condensa"/>');
  });
});
