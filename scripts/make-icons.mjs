// Renders build/icon.svg (and its 16-unit small-size drawing) and build/document-icon.svg into
// every PNG size the installers need, then packs the Windows .ico and macOS .icns files.
// Run after changing a drawing: `node scripts/make-icons.mjs` (needs Chromium, as the e2e tests do).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { encodeIcns, encodeIco } from './lib/icon-files.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(root, 'build');
const read = (name) => fs.readFileSync(path.join(buildDir, name), 'utf8');

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const WINDOWS_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256];
const MAC_SIZES = [16, 32, 64, 128, 256, 512, 1024];
const DOCUMENT_ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// Below this size the simplified drawing stays legible; above it the full one has room.
const SMALL_LIMIT = 32;
// Apple's icon grid: the rounded body fills 824 of 1024 px, leaving room for the system shadow.
const MAC_MARGIN = 100 / 1024;

/** The same drawing with its viewBox widened so that the body [b0, b1] sits inside Apple's margin. */
function withMacMargin(svg, bodyStart, bodyEnd) {
  const side = (bodyEnd - bodyStart) / (1 - 2 * MAC_MARGIN);
  const origin = bodyStart - MAC_MARGIN * side;
  return svg.replace(/viewBox="[^"]*"/, `viewBox="${origin.toFixed(3)} ${origin.toFixed(3)} ${side.toFixed(3)} ${side.toFixed(3)}"`);
}

async function render(page, svg, size) {
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`);
  await page.locator('img').evaluate((img) => img.decode());
  return page.screenshot({ omitBackground: true, type: 'png' });
}

// One page renders every size, so renders must not overlap.
async function renderEach(sizes, renderSize) {
  const pngs = [];
  for (const size of sizes) pngs.push(await renderSize(size));
  return pngs;
}

const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p));
if (!chromiumPath) throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH.');
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const full = read('icon.svg');
  const small = read('icon-small.svg');
  const appIcon = (size) => render(page, size <= SMALL_LIMIT ? small : full, size);
  const macIcon = (size) =>
    render(page, size <= SMALL_LIMIT ? withMacMargin(small, 0.5, 15.5) : withMacMargin(full, 48, 976), size);

  fs.mkdirSync(path.join(buildDir, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) {
    fs.writeFileSync(path.join(buildDir, 'icons', `${size}x${size}.png`), await appIcon(size));
  }
  fs.copyFileSync(path.join(buildDir, 'icons', '512x512.png'), path.join(buildDir, 'icon.png'));
  fs.writeFileSync(path.join(buildDir, 'icon.ico'), encodeIco(await renderEach(WINDOWS_SIZES, appIcon)));
  const mac = new Map();
  for (const size of MAC_SIZES) mac.set(size, await macIcon(size));
  fs.writeFileSync(path.join(buildDir, 'icon.icns'), encodeIcns(mac));

  const documentSvg = read('document-icon.svg');
  const documentIcon = (size) => render(page, documentSvg, size);
  fs.writeFileSync(path.join(buildDir, 'document.ico'), encodeIco(await renderEach(DOCUMENT_ICO_SIZES, documentIcon)));
  const documentMac = new Map();
  for (const size of MAC_SIZES) documentMac.set(size, await documentIcon(size));
  fs.writeFileSync(path.join(buildDir, 'document.icns'), encodeIcns(documentMac));
  console.log(`Wrote ${LINUX_SIZES.length} PNGs, icon.ico, icon.icns, document.ico and document.icns into build/.`);
} finally {
  await browser.close();
}
