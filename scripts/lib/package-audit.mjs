// What a packaged Condensa must and must not contain. Pure functions over a file listing, so
// that tests can show each rule catches what it is meant to catch.

export const REQUIRED_FILES = [
  'package.json',
  'out/main/index.cjs',
  'out/preload/index.cjs',
  'out/renderer/index.html',
  'out/cli/condensa.cjs',
];
export const NATIVE_ADDON = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
// app.asar plus app.asar.unpacked. Today about 30 MB, most of it pdf.js and docx; the budget
// leaves room to grow but fails when a dev dependency or a build folder slips in.
export const SIZE_BUDGET_BYTES = 48 * 1024 * 1024;

const TOP_LEVEL = new Set(['package.json', 'out', 'node_modules']);
const OUT_FOLDERS = new Set(['main', 'core', 'preload', 'renderer', 'cli']);

// Each rule names a kind of file that must not ship, and how to recognise it.
export const FORBIDDEN = [
  { what: 'better-sqlite3 build leftovers (deps/, src/, obj/)', test: (p) => /^node_modules\/better-sqlite3\/(deps|src|build\/deps)\//.test(p) || /(^|\/)obj(\.target)?\//.test(p) },
  { what: 'the SQLite test extension', test: (p) => p.endsWith('/test_extension.node') },
  { what: 'native build files (gyp, make, objects, C sources)', test: (p) => /\.(gyp|gypi|mk|o|a|c|cc|cpp|h|hpp|lzz)$/.test(p) || /(^|\/)Makefile$/.test(p) },
  { what: 'TypeScript sources or declarations', test: (p) => /\.(ts|mts|cts|tsx)$/.test(p) },
  { what: 'source maps', test: (p) => p.endsWith('.map') },
  { what: 'test files', test: (p) => /(^|\/)(__tests__|tests?|spec|__mocks__)\//.test(p) || /\.(test|spec|e2e)\.[cm]?[jt]sx?$/.test(p) },
];

/**
 * Everything wrong with an app.asar listing. `files` come from listAsar; `unpacked` maps paths in
 * app.asar.unpacked to sizes; `devDependencies` are names that must not be packaged.
 */
export function auditAsar({ files, unpacked, packageJson, indexHtml, devDependencies, budgetBytes = SIZE_BUDGET_BYTES, asarBytes }) {
  const failures = [];
  const byPath = new Map(files.map((f) => [f.path, f]));

  for (const required of REQUIRED_FILES) {
    const file = byPath.get(required);
    if (!file) failures.push(`missing ${required}`);
    else if (file.unpacked) failures.push(`${required} should be inside app.asar, not unpacked`);
  }
  const assets = files.filter((f) => f.path.startsWith('out/renderer/assets/'));
  if (!assets.some((f) => f.path.endsWith('.js'))) failures.push('no JavaScript in out/renderer/assets/');
  if (!assets.some((f) => f.path.endsWith('.css'))) failures.push('no stylesheet in out/renderer/assets/');
  for (const ref of referencedAssets(indexHtml ?? '')) {
    if (!byPath.has(`out/renderer/${ref}`)) failures.push(`index.html refers to ${ref}, which is not packaged`);
  }
  if (packageJson) {
    if (!packageJson.main || !byPath.has(packageJson.main.replace(/^\.\//, ''))) failures.push(`package.json "main" (${packageJson.main}) is not packaged`);
  }

  const addon = byPath.get(NATIVE_ADDON);
  if (!addon) failures.push(`missing ${NATIVE_ADDON}`);
  else if (!addon.unpacked) failures.push(`${NATIVE_ADDON} must be unpacked (a native module cannot load from inside app.asar)`);
  else if (unpacked.get(NATIVE_ADDON) !== addon.size) failures.push(`${NATIVE_ADDON} is not in app.asar.unpacked at its listed size`);
  for (const f of files) {
    if (f.path.endsWith('.node') && !f.unpacked && !f.path.endsWith('/test_extension.node')) failures.push(`native module ${f.path} is packed inside app.asar`);
  }

  const everything = [...files.map((f) => f.path), ...[...unpacked.keys()].map((p) => `(unpacked) ${p}`)];
  for (const rule of FORBIDDEN) {
    const hits = everything.filter((p) => rule.test(p.replace(/^\(unpacked\) /, '')));
    if (hits.length) failures.push(`${rule.what}: ${hits.length} file(s), e.g. ${hits.slice(0, 3).join(', ')}`);
  }

  const strays = [...new Set(files.map((f) => f.path.split('/')[0]).filter((top) => !TOP_LEVEL.has(top)))];
  if (strays.length) failures.push(`unexpected top-level entries: ${strays.join(', ')}`);
  const outStrays = [...new Set(files.filter((f) => f.path.startsWith('out/')).map((f) => f.path.split('/')[1]).filter((d) => !OUT_FOLDERS.has(d)))];
  if (outStrays.length) failures.push(`unexpected entries in out/: ${outStrays.join(', ')}`);
  const packaged = packagedModules(files);
  const devShipped = (devDependencies ?? []).filter((name) => packaged.has(name));
  if (devShipped.length) failures.push(`dev dependencies packaged: ${devShipped.join(', ')}`);

  const unpackedBytes = [...unpacked.values()].reduce((a, b) => a + b, 0);
  const totalBytes = asarBytes + unpackedBytes;
  if (totalBytes > budgetBytes) failures.push(`app is ${mb(totalBytes)}, over the ${mb(budgetBytes)} budget`);
  return { failures, totalBytes, unpackedBytes, modules: packaged.size };
}

/** Packages a bundle loads at run time: require("x") and import("x"), minus Node's own and Electron. */
export function requiredPackages(source, builtins) {
  const names = new Set();
  for (const m of source.matchAll(/(?:\brequire|\bimport)\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
    const spec = m[1];
    if (spec.startsWith('node:') || spec === 'electron') continue;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (!builtins.includes(name)) names.add(name);
  }
  return names;
}

/** Top-level packages in node_modules ("@scope/name" for scoped ones). */
export function packagedModules(files) {
  const names = new Set();
  for (const f of files) {
    const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f.path);
    if (m) names.add(m[1]);
  }
  return names;
}

function referencedAssets(html) {
  return [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
}

// Electron's fuse wire: a sentinel, a version byte, a length byte, then one byte per fuse.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];

/** Fuse name to true/false as stored in an Electron executable; null when there is no wire. */
export function readFuses(executable) {
  const at = executable.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at < 0) return null;
  const wire = at + FUSE_SENTINEL.length;
  const length = executable[wire + 1];
  const fuses = {};
  FUSE_ORDER.slice(0, length).forEach((name, i) => {
    const state = String.fromCharCode(executable[wire + 2 + i]);
    fuses[name] = state === '1' ? true : state === '0' ? false : state;
  });
  return fuses;
}

/** An executable-shaped file carrying a fuse wire in Electron's default state. */
export function fakeElectronExecutable() {
  const defaults = '10110001'; // Electron's defaults, in FUSE_ORDER
  return Buffer.concat([Buffer.from('not a real Electron binary\0'), Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([1, defaults.length]), Buffer.from(defaults, 'latin1')]);
}

export function auditFuses(actual, expected) {
  if (!actual) return ['no fuse wire found in the packaged executable'];
  return Object.entries(expected)
    .filter(([name, value]) => actual[name] !== value)
    .map(([name, value]) => `fuse ${name} is ${actual[name]}, expected ${value}`);
}

/** Parses a freedesktop .desktop file's [Desktop Entry] group. */
export function parseDesktopEntry(text) {
  const entry = {};
  let inMain = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('[')) inMain = line.trim() === '[Desktop Entry]';
    else if (inMain && line.includes('=')) entry[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return entry;
}

export function auditDesktopEntry(entry, { mimeType, executable }) {
  const failures = [];
  const expect = (key, ok, want) => {
    if (!ok) failures.push(`desktop entry ${key} is ${JSON.stringify(entry[key])}, expected ${want}`);
  };
  expect('Type', entry.Type === 'Application', 'Application');
  expect('Name', entry.Name === 'Condensa', 'Condensa');
  expect('Exec', typeof entry.Exec === 'string' && entry.Exec.includes(executable) && /%[fFuU]/.test(entry.Exec), `${executable} with a file field code`);
  expect('MimeType', (entry.MimeType ?? '').split(';').includes(mimeType), `to list ${mimeType}`);
  expect('Icon', entry.Icon === executable, executable);
  expect('Categories', /(^|;)Office;/.test(entry.Categories ?? ''), 'Office;');
  return failures;
}

export function auditMimeInfo(xml, { mimeType, extension }) {
  const failures = [];
  if (!xml.includes(`<mime-type type="${mimeType}">`)) failures.push(`shared-mime-info does not declare ${mimeType}`);
  if (!xml.includes(`<glob pattern="*.${extension}"/>`)) failures.push(`shared-mime-info does not map *.${extension}`);
  return failures;
}

export function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Packages the bundles load that are missing from the packaged node_modules. */
export function auditRuntimeRequires(bundles, packaged, builtins) {
  const failures = [];
  for (const [file, source] of Object.entries(bundles)) {
    const missing = [...requiredPackages(source, builtins)].filter((name) => !packaged.has(name));
    if (missing.length) failures.push(`${file} loads ${missing.join(', ')}, not packaged (a dev dependency?)`);
  }
  return failures;
}
