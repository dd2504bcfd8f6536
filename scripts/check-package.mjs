// `npm run check:package`: the offline packaging check. Builds the app, packages it for Linux and
// macOS as unpacked directories against a fake Electron (no download, no native rebuild), then
// checks app.asar's layout, the unpacked native module, the fuses flipped in the executables,
// the .condensa registration (desktop entry, MIME type, Info.plist), the icons, and the size budget.
// Options: --no-build (use out/ as it is), --keep (leave the work folder for inspection).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractAsar, listAsar, readAsarFile } from './lib/asar.mjs';
import { decodeIcns, decodeIco, pngSize } from './lib/icon-files.mjs';
import { parsePlist } from './lib/plist.mjs';
import {
  auditAsar,
  auditDesktopEntry,
  auditFuses,
  auditMimeInfo,
  auditRuntimeRequires,
  fakeElectronExecutable,
  mb,
  NATIVE_ADDON,
  packagedModules,
  parseDesktopEntry,
  readFuses,
  SIZE_BUDGET_BYTES,
} from './lib/package-audit.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
export const CONFIG_FILE = path.join(root, 'electron-builder.config.cjs');
const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** Packages the app offline and returns every problem found plus what was measured. */
export async function checkPackage({ build = false, keep = false, log = () => {} } = {}) {
  const config = require(CONFIG_FILE);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  if (build) {
    const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('The build failed; see above.');
  }
  if (!fs.existsSync(path.join(root, 'out/main/index.cjs'))) throw new Error('out/ is not built: run `npm run build` first.');

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-check-package-'));
  try {
    const output = path.join(work, 'release');
    log(`Packaging for Linux and macOS into ${output} with a fake Electron ${electronVersion}…`);
    const started = Date.now();
    const pack = (platform, flags, extra = []) =>
      runElectronBuilder([...flags, '--publish', 'never', '--config', CONFIG_FILE, '-c.npmRebuild=false',
        `-c.electronDist=${makeFakeElectronDist(path.join(work, `electron-${platform}`), electronVersion, platform)}`,
        `-c.directories.output=${path.join(output, platform)}`, ...extra]);
    const runs = await Promise.all([
      pack('linux', ['--linux', 'dir'], ['-c.afterPack=./scripts/lib/capture-linux-metadata.cjs']),
      // No signing even on a Mac with certificates: the binaries are fakes.
      pack('darwin', ['--mac', 'dir', '--x64'], ['-c.mac.identity=null']),
    ]);
    const packagingMs = Date.now() - started;
    const broken = runs.filter((r) => r.code !== 0);
    if (broken.length) {
      return { failures: broken.map((r) => `electron-builder exited with ${r.code}:\n${r.output.split('\n').slice(-25).join('\n')}`), packagingMs, work: keep ? work : null };
    }
    const linux = inspect({ output: path.join(output, 'linux'), config, pkg, extractTo: path.join(work, 'extracted') });
    const mac = inspectMac({ output: path.join(output, 'darwin'), config, linuxFiles: linux.files });
    return { ...linux, failures: [...linux.failures, ...mac.failures], mac: mac.summary, packagingMs, electronVersion, work: keep ? work : null };
  } finally {
    if (!keep) fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * An Electron "distribution" electron-builder accepts, with a fuse wire where the real one has it:
 * Linux, the `electron` executable; macOS, an Electron.app skeleton with its framework and helper.
 */
export function makeFakeElectronDist(folder, version, platform = 'linux') {
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'version'), version);
  if (platform === 'linux') {
    fs.writeFileSync(path.join(folder, 'electron'), fakeElectronExecutable(), { mode: 0o755 });
    return folder;
  }
  const contents = path.join(folder, 'Electron.app', 'Contents');
  const write = (relative, data, mode) => {
    fs.mkdirSync(path.dirname(path.join(contents, relative)), { recursive: true });
    fs.writeFileSync(path.join(contents, relative), data, { mode });
  };
  write('MacOS/Electron', 'not a real Electron binary', 0o755);
  write('Frameworks/Electron Framework.framework/Electron Framework', fakeElectronExecutable());
  write('Frameworks/Electron Helper.app/Contents/MacOS/Electron Helper', 'not a real helper', 0o755);
  fs.mkdirSync(path.join(contents, 'Resources'), { recursive: true });
  write(
    'Info.plist',
    `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
<key>CFBundleExecutable</key><string>Electron</string>
<key>CFBundleIdentifier</key><string>com.github.Electron</string>
<key>CFBundleName</key><string>Electron</string>
<key>CFBundleIconFile</key><string>electron.icns</string>
<key>LSMinimumSystemVersion</key><string>12.0</string>
</dict></plist>`,
  );
  return folder;
}

function runElectronBuilder(args) {
  const cli = path.join(path.dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, FORCE_COLOR: '0', CSC_IDENTITY_AUTO_DISCOVERY: 'false' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

function inspect({ output, config, pkg, extractTo }) {
  const appDir = path.join(output, 'linux-unpacked');
  if (!fs.existsSync(appDir)) return { failures: ['no linux-unpacked folder was produced'], files: [] };
  const resources = path.join(appDir, 'resources');
  const asarPath = path.join(resources, 'app.asar');
  const listing = listAsar(asarPath);
  const files = listing.files;
  const text = (p) => readAsarFile(asarPath, listing, p).toString('utf8');
  const has = (p) => files.some((f) => f.path === p && !f.unpacked);
  const unpacked = listUnpacked(path.join(resources, 'app.asar.unpacked'));
  const packaged = packagedModules(files);

  const asar = auditAsar({
    files,
    unpacked,
    packageJson: has('package.json') ? JSON.parse(text('package.json')) : null,
    indexHtml: has('out/renderer/index.html') ? text('out/renderer/index.html') : '',
    devDependencies: Object.keys(pkg.devDependencies ?? {}).filter((d) => !(d in (pkg.dependencies ?? {}))),
    asarBytes: fs.statSync(asarPath).size,
  });
  const bundles = Object.fromEntries(['out/main/index.cjs', 'out/core/index.cjs', 'out/cli/condensa.cjs', 'out/preload/index.cjs'].filter(has).map((p) => [p, text(p)]));
  const requires = auditRuntimeRequires(bundles, packaged, builtinModules);

  const executable = path.join(appDir, 'condensa');
  const fuses = fs.existsSync(executable) ? readFuses(fs.readFileSync(executable)) : null;
  const fuseFailures = auditFuses(fuses, config.electronFuses);

  const association = config.fileAssociations[0];
  const metadata = path.join(output, 'linux-metadata');
  const desktopFile = path.join(metadata, 'condensa.desktop');
  const mimeFile = path.join(metadata, 'mime.xml');
  const desktopEntry = fs.existsSync(desktopFile) ? parseDesktopEntry(fs.readFileSync(desktopFile, 'utf8')) : null;
  const mimeInfo = fs.existsSync(mimeFile) ? fs.readFileSync(mimeFile, 'utf8') : null;
  const linuxFailures = [
    ...(desktopEntry ? auditDesktopEntry(desktopEntry, { mimeType: association.mimeType, executable: 'condensa' }) : ['no condensa.desktop was produced']),
    ...(mimeInfo ? auditMimeInfo(mimeInfo, { mimeType: association.mimeType, extension: association.ext }) : ['no shared-mime-info file was produced']),
  ];
  const icons = inspectIcons(path.join(root, 'build'));
  extractAsar(asarPath, listing, extractTo);
  const smoke = smokeTest(extractTo, Object.keys(pkg.dependencies ?? {}));

  return {
    failures: [...asar.failures, ...requires, ...fuseFailures, ...linuxFailures, ...icons.failures, ...smoke.failures],
    smoke: smoke.passed,
    asarBytes: fs.statSync(asarPath).size,
    unpackedBytes: asar.unpackedBytes,
    totalBytes: asar.totalBytes,
    budgetBytes: SIZE_BUDGET_BYTES,
    fileCount: files.length,
    modules: [...packaged].sort(),
    files: files.map((f) => ({ path: f.path, size: f.size, unpacked: f.unpacked })),
    unpackedFiles: [...unpacked.keys()].sort(),
    addonBytes: unpacked.get(NATIVE_ADDON) ?? 0,
    fuses,
    desktopEntry,
    mimeInfo,
    icons: icons.summary,
  };
}

// The packaged files, run by this Node: every production dependency must still load after the
// trimming in electron-builder.config.cjs, and the packaged CLI must create and read a project
// (better_sqlite3.node here is Node's build, as no native rebuild ran).
function smokeTest(appDir, dependencies) {
  const failures = [];
  const passed = [];
  const probe = path.join(appDir, 'load-dependencies.mjs');
  fs.writeFileSync(
    probe,
    // require() first, as the CommonJS main bundle does; import() for ESM-only packages.
    `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const failed = [];
for (const name of ${JSON.stringify(dependencies)}) {
  try {
    try { require(name); } catch (e) { if (!String(e.code).startsWith('ERR_REQUIRE')) throw e; await import(name); }
  } catch (e) { failed.push(name + ': ' + String(e.message).split('\\n')[0]); }
}
console.log(JSON.stringify(failed));`,
  );
  const loaded = spawnSync(process.execPath, [probe], { cwd: appDir, encoding: 'utf8' });
  fs.rmSync(probe);
  const loadFailures = loaded.status === 0 ? JSON.parse(loaded.stdout.trim().split('\n').at(-1)) : [`could not run: ${loaded.stderr}`];
  if (loadFailures.length) failures.push(...loadFailures.map((f) => `packaged dependency does not load: ${f}`));
  else passed.push(`${dependencies.length} dependencies load`);

  const cli = path.join(appDir, 'out/cli/condensa.cjs');
  const project = path.join(appDir, 'smoke.condensa');
  const created = spawnSync(process.execPath, [cli, 'new', project, '--sample'], { cwd: appDir, encoding: 'utf8' });
  const info = created.status === 0 ? spawnSync(process.execPath, [cli, 'info', project, '--json'], { cwd: appDir, encoding: 'utf8' }) : created;
  try {
    const parsed = JSON.parse(info.stdout);
    if (!(parsed.schemaVersion > 0 && parsed.counts?.documents > 0)) throw new Error('unexpected output');
    passed.push(`packaged CLI created the sample study (schema v${parsed.schemaVersion}, ${parsed.counts.documents} documents)`);
  } catch {
    failures.push(`the packaged CLI could not create and read a project: ${(info.stderr || info.stdout).trim().split('\n').slice(-3).join(' ')}`);
  }

  // The packaged desktop app boots against a stand-in Electron, its core in a worker for the
  // utility process, and a page's call goes through the packaged preload and port to the core.
  const booted = spawnSync(process.execPath, [path.join(root, 'scripts/lib/desktop-boot.mjs'), appDir], { cwd: appDir, encoding: 'utf8', timeout: 120_000 });
  try {
    const report = JSON.parse(booted.stdout.trim().split('\n').at(-1));
    if (report.failures.length) failures.push(...report.failures.map((f) => `packaged desktop boot: ${f}`));
    else passed.push(`packaged desktop app booted (${report.steps.map((s) => s.what).join(' → ')})`);
  } catch {
    failures.push(`the packaged desktop app could not be booted: ${(booted.stderr || booted.stdout || '').trim().split('\n').slice(-3).join(' ')}`);
  }
  return { failures, passed };
}

/** The macOS app: Info.plist registers .condensa, icons and asar integrity; fuses; same asar as Linux. */
function inspectMac({ output, config, linuxFiles }) {
  const failures = [];
  const contents = path.join(output, 'mac', `${config.productName}.app`, 'Contents');
  const resources = path.join(contents, 'Resources');
  if (!fs.existsSync(path.join(contents, 'Info.plist'))) return { failures: [`no ${config.productName}.app was produced`], summary: null };
  const plist = parsePlist(fs.readFileSync(path.join(contents, 'Info.plist'), 'utf8'));
  const association = config.fileAssociations[0];
  const inResources = (name) => typeof name === 'string' && fs.existsSync(path.join(resources, name));

  if (plist.CFBundleIdentifier !== config.appId) failures.push(`Info.plist CFBundleIdentifier is ${plist.CFBundleIdentifier}`);
  if (!inResources(plist.CFBundleIconFile)) failures.push(`Info.plist CFBundleIconFile ${plist.CFBundleIconFile} is not in Resources`);
  const documentType = (plist.CFBundleDocumentTypes ?? []).find((t) => t.CFBundleTypeExtensions?.includes(association.ext));
  if (!documentType) failures.push(`Info.plist does not register .${association.ext}`);
  else {
    if (documentType.CFBundleTypeRole !== 'Editor') failures.push(`.${association.ext} role is ${documentType.CFBundleTypeRole}, expected Editor`);
    if (!inResources(documentType.CFBundleTypeIconFile)) failures.push(`the .${association.ext} icon ${documentType.CFBundleTypeIconFile} is not in Resources`);
  }
  const exported = (plist.UTExportedTypeDeclarations ?? []).find((t) => t.UTTypeTagSpecification?.['public.filename-extension']?.includes(association.ext));
  if (!exported) failures.push(`Info.plist does not export a type for .${association.ext}`);

  const asarPath = path.join(resources, 'app.asar');
  const listing = listAsar(asarPath);
  const integrity = plist.ElectronAsarIntegrity?.['Resources/app.asar'];
  if (integrity?.hash !== listing.headerHash) failures.push('Info.plist ElectronAsarIntegrity does not match app.asar (the integrity fuse would refuse to start)');
  const macPaths = listing.files.map((f) => f.path).sort().join('\n');
  if (macPaths !== linuxFiles.map((f) => f.path).sort().join('\n')) failures.push('the macOS app.asar holds different files from the Linux one');
  if (!fs.existsSync(path.join(`${asarPath}.unpacked`, NATIVE_ADDON))) failures.push(`${NATIVE_ADDON} is not unpacked in the macOS app`);

  const framework = path.join(contents, 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
  const fuses = fs.existsSync(framework) ? readFuses(fs.readFileSync(framework)) : null;
  failures.push(...auditFuses(fuses, config.electronFuses).map((f) => `macOS ${f}`));
  return {
    failures,
    summary: { documentType: documentType ?? null, exportedType: exported?.UTTypeIdentifier ?? null, asarIntegrity: integrity?.hash === listing.headerHash, fuses },
  };
}

function listUnpacked(folder) {
  const sizes = new Map();
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else sizes.set(path.relative(folder, full).split(path.sep).join('/'), fs.statSync(full).size);
    }
  };
  if (fs.existsSync(folder)) visit(folder);
  return sizes;
}

/** The icons electron-builder takes from build/, read back and measured. */
export function inspectIcons(buildDir) {
  const failures = [];
  const summary = {};
  const attempt = (name, fn) => {
    try {
      return fn(fs.readFileSync(path.join(buildDir, name)));
    } catch (e) {
      failures.push(`build/${name}: ${e.message}`);
      return null;
    }
  };
  summary.linux = LINUX_ICON_SIZES.filter((size) =>
    attempt(`icons/${size}x${size}.png`, (png) => {
      const { width, height } = pngSize(png);
      if (width !== size || height !== size) throw new Error(`is ${width}×${height}`);
      return true;
    }),
  );
  for (const name of ['icon.ico', 'document.ico']) {
    const sizes = attempt(name, (ico) =>
      decodeIco(ico).map((i) => {
        if (i.declared !== i.width || i.width !== i.height) throw new Error(`an entry declared ${i.declared} px holds a ${i.width}×${i.height} image`);
        return i.width;
      }),
    );
    summary[name] = sizes;
    if (sizes && !sizes.includes(256)) failures.push(`build/${name} has no 256 px image (Windows installers need one)`);
    if (sizes && !sizes.includes(16)) failures.push(`build/${name} has no 16 px image`);
  }
  for (const name of ['icon.icns', 'document.icns']) {
    const entries = attempt(name, (icns) => decodeIcns(icns));
    summary[name] = entries?.map((e) => `${e.type}:${e.width}`);
    if (entries && !entries.some((e) => e.type === 'ic10' && e.width === 1024)) failures.push(`build/${name} has no 1024 px (512@2x) image`);
    if (entries && !entries.some((e) => e.type === 'icp4' && e.width === 16)) failures.push(`build/${name} has no 16 px image`);
  }
  return { failures, summary };
}

function summarize(r) {
  const fuseText = r.fuses ? Object.entries(r.fuses).map(([k, v]) => `${k}=${v ? 'on' : 'off'}`).join(', ') : 'none found';
  const lines = [
    '',
    `Condensa packaging check — Linux and macOS --dir builds, fake Electron ${r.electronVersion}, no native rebuild (${(r.packagingMs / 1000).toFixed(1)} s)`,
    `  app.asar            ${mb(r.asarBytes)}, ${r.fileCount} files, ${r.modules.length} packages`,
    `  app.asar.unpacked   ${mb(r.unpackedBytes)} (better_sqlite3.node ${mb(r.addonBytes)})`,
    `  total               ${mb(r.totalBytes)} of a ${mb(r.budgetBytes)} budget`,
    `  fuses               ${fuseText}`,
    `  desktop entry       ${r.desktopEntry ? `Exec=${r.desktopEntry.Exec}  MimeType=${r.desktopEntry.MimeType}` : 'missing'}`,
    `  smoke test          ${r.smoke.join('; ')}`,
    `  macOS app           ${r.mac ? `.condensa → ${r.mac.documentType?.CFBundleTypeName} (${r.mac.documentType?.CFBundleTypeRole}, ${r.mac.exportedType}); asar integrity ${r.mac.asarIntegrity ? 'matches' : 'WRONG'}` : 'missing'}`,
    `  icons               Linux ${r.icons.linux.join('/')} px; icon.ico ${r.icons['icon.ico']?.join('/')} px; icon.icns ${r.icons['icon.icns']?.length} entries`,
  ];
  if (r.work) lines.push(`  kept                ${r.work}`);
  lines.push(r.failures.length ? `FAILED: ${r.failures.length} problem(s)` : 'PASSED: layout, native module, fuses, file association, icons and size are as intended.');
  for (const f of r.failures) lines.push(`  ✗ ${f}`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  try {
    const result = await checkPackage({ build: !args.includes('--no-build'), keep: args.includes('--keep'), log: console.log });
    if (result.fileCount === undefined) {
      console.error(`FAILED:\n${result.failures.join('\n')}`);
      process.exit(1);
    }
    console.log(summarize(result));
    process.exit(result.failures.length ? 1 : 0);
  } catch (e) {
    console.error(`FAILED: ${e.message}`);
    process.exit(1);
  }
}
