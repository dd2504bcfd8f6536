import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  auditAsar,
  auditDesktopEntry,
  auditFuses,
  auditMimeInfo,
  auditRuntimeRequires,
  fakeElectronExecutable,
  NATIVE_ADDON,
  packagedModules,
  parseDesktopEntry,
  readFuses,
  requiredPackages,
  type AsarFile,
} from '../../../scripts/lib/package-audit.mjs';

const file = (path: string, size = 10, unpacked = false): AsarFile => ({ path, size, unpacked });
const goodFiles: AsarFile[] = [
  file('package.json'),
  file('out/main/index.cjs'),
  file('out/preload/index.cjs'),
  file('out/cli/condensa.cjs'),
  file('out/renderer/index.html'),
  file('out/renderer/assets/index-abc.js'),
  file('out/renderer/assets/index-abc.css'),
  file('node_modules/better-sqlite3/lib/index.js', 10, true),
  file(NATIVE_ADDON, 2000, true),
  file('node_modules/docx/dist/index.cjs'),
];
const html = '<script type="module" crossorigin src="./assets/index-abc.js"></script><link rel="stylesheet" href="./assets/index-abc.css">';

function audit(overrides: Partial<Parameters<typeof auditAsar>[0]> = {}) {
  return auditAsar({
    files: goodFiles,
    unpacked: new Map([
      [NATIVE_ADDON, 2000],
      ['node_modules/better-sqlite3/lib/index.js', 10],
    ]),
    packageJson: { main: 'out/main/index.cjs' },
    indexHtml: html,
    devDependencies: ['vite', 'electron'],
    asarBytes: 5000,
    ...overrides,
  }).failures;
}

describe('auditAsar', () => {
  it('passes a listing with the app, the unpacked addon and nothing else', () => {
    expect(audit()).toEqual([]);
  });

  it.each([
    ['node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', 'build leftovers'],
    ['node_modules/better-sqlite3/build/Release/obj/gen/x.o', 'build leftovers'],
    ['node_modules/better-sqlite3/build/Release/test_extension.node', 'test extension'],
    ['node_modules/better-sqlite3/binding.gyp', 'native build files'],
    ['node_modules/zod/src/index.ts', 'TypeScript'],
    ['node_modules/zod/index.d.cts', 'TypeScript'],
    ['out/main/index.cjs.map', 'source maps'],
    ['node_modules/ws/test/server.js', 'test files'],
    ['node_modules/fflate/lib/deflate.test.mjs', 'test files'],
  ])('catches %s (%s)', (path, kind) => {
    const failures = audit({ files: [...goodFiles, file(path, 10, path.endsWith('.node'))] });
    expect(failures.some((f) => f.includes(kind))).toBe(true);
  });

  it('catches build leftovers that were unpacked beside the asar', () => {
    const failures = audit({ unpacked: new Map([[NATIVE_ADDON, 2000], ['node_modules/better-sqlite3/build/Release/obj.target/a.o', 5]]) });
    expect(failures.some((f) => f.includes('build leftovers'))).toBe(true);
  });

  it('requires the native addon to be unpacked, and present on disk at its size', () => {
    const packed = goodFiles.map((f) => (f.path === NATIVE_ADDON ? { ...f, unpacked: false } : f));
    expect(audit({ files: packed }).some((f) => f.includes('must be unpacked'))).toBe(true);
    expect(audit({ unpacked: new Map() }).some((f) => f.includes('not in app.asar.unpacked'))).toBe(true);
    expect(audit({ files: goodFiles.filter((f) => f.path !== NATIVE_ADDON) })).toContain(`missing ${NATIVE_ADDON}`);
  });

  it('names each missing entry point and renderer asset', () => {
    const failures = audit({ files: goodFiles.filter((f) => f.path !== 'out/preload/index.cjs' && !f.path.endsWith('.css')) });
    expect(failures).toContain('missing out/preload/index.cjs');
    expect(failures).toContain('no stylesheet in out/renderer/assets/');
    expect(failures).toContain('index.html refers to assets/index-abc.css, which is not packaged');
  });

  it('checks that package.json "main" is packaged', () => {
    expect(audit({ packageJson: { main: 'out/main/missing.cjs' } })[0]).toMatch(/"main"/);
  });

  it('rejects dev dependencies, sources at the top level and unknown out/ folders', () => {
    const failures = audit({ files: [...goodFiles, file('node_modules/vite/index.js'), file('electron/main/index.ts.txt'), file('out/bench/x.js')] });
    expect(failures).toContain('dev dependencies packaged: vite');
    expect(failures).toContain('unexpected top-level entries: electron');
    expect(failures).toContain('unexpected entries in out/: bench');
  });

  it('fails when app.asar and its unpacked files exceed the budget', () => {
    expect(audit({ asarBytes: 1000, budgetBytes: 2500 }).some((f) => f.includes('over the'))).toBe(true);
    expect(audit({ asarBytes: 400, budgetBytes: 2500 })).toEqual([]);
  });
});

describe('runtime requires', () => {
  it('finds the packages a bundle loads, skipping Node built-ins, Electron and relative paths', () => {
    const source = 'require("better-sqlite3"); require("node:fs"); require("path"); require("electron"); require("./x"); require("@scope/pkg/sub"); import("pdfjs-dist/legacy/build/pdf.mjs")';
    expect([...requiredPackages(source, builtinModules)].sort()).toEqual(['@scope/pkg', 'better-sqlite3', 'pdfjs-dist']);
  });

  it('reports a bundle that loads a package the app does not ship', () => {
    const packaged = packagedModules(goodFiles);
    expect(auditRuntimeRequires({ 'out/main/index.cjs': 'require("docx"); require("zustand")' }, packaged, builtinModules)).toEqual([
      'out/main/index.cjs loads zustand, not packaged (a dev dependency?)',
    ]);
  });
});

describe('fuses', () => {
  it('reads Electron’s default fuse wire from the fake executable', () => {
    expect(readFuses(fakeElectronExecutable())).toEqual({
      runAsNode: true,
      enableCookieEncryption: false,
      enableNodeOptionsEnvironmentVariable: true,
      enableNodeCliInspectArguments: true,
      enableEmbeddedAsarIntegrityValidation: false,
      onlyLoadAppFromAsar: false,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: true,
    });
  });

  it('reports each fuse that differs from the configuration, and a missing wire', () => {
    const actual = readFuses(fakeElectronExecutable());
    expect(auditFuses(actual, { runAsNode: false, grantFileProtocolExtraPrivileges: true })).toEqual(['fuse runAsNode is true, expected false']);
    expect(auditFuses(readFuses(Buffer.from('no wire here')), { runAsNode: false })).toEqual(['no fuse wire found in the packaged executable']);
  });
});

describe('Linux file association', () => {
  const desktop = '[Desktop Entry]\nName=Condensa\nExec=/opt/Condensa/condensa %U\nType=Application\nIcon=condensa\nMimeType=application/x-condensa;\nCategories=Office;\n\n[Desktop Action New]\nName=Other\n';

  it('accepts an entry that opens .condensa files', () => {
    const entry = parseDesktopEntry(desktop);
    expect(entry.Name).toBe('Condensa');
    expect(auditDesktopEntry(entry, { mimeType: 'application/x-condensa', executable: 'condensa' })).toEqual([]);
  });

  it('rejects an entry without the MIME type or a file field code', () => {
    const entry = parseDesktopEntry(desktop.replace('MimeType=application/x-condensa;\n', '').replace(' %U', ''));
    const failures = auditDesktopEntry(entry, { mimeType: 'application/x-condensa', executable: 'condensa' });
    expect(failures).toHaveLength(2);
  });

  it('checks the shared-mime-info glob', () => {
    const xml = '<mime-type type="application/x-condensa">\n  <glob pattern="*.condensa"/>';
    expect(auditMimeInfo(xml, { mimeType: 'application/x-condensa', extension: 'condensa' })).toEqual([]);
    expect(auditMimeInfo(xml.replace('*.condensa', '*.cnd'), { mimeType: 'application/x-condensa', extension: 'condensa' })).toHaveLength(1);
  });
});
