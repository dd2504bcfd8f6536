// afterPack hook used only by the offline packaging check: writes the desktop entry and the
// shared-mime-info file electron-builder would put in the .deb and AppImage, so that the check
// can read them without the packaging tools (fpm, appimagetool) that need a download.
const fs = require('node:fs');
const path = require('node:path');

module.exports = async function captureLinuxMetadata(context) {
  if (context.electronPlatformName !== 'linux') return;
  const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper');
  const packager = context.packager;
  const helper = new LinuxTargetHelper(packager);
  const debOptions = { ...packager.platformSpecificBuildOptions, ...(packager.config.deb ?? {}) };
  const target = path.join(context.outDir, 'linux-metadata');
  fs.mkdirSync(target, { recursive: true });
  const desktopName = helper.getDesktopFileName();
  fs.writeFileSync(path.join(target, `${desktopName}.desktop`), await helper.computeDesktopEntry(debOptions));
  const mimeFile = await helper.mimeTypeFiles;
  if (mimeFile) fs.copyFileSync(mimeFile, path.join(target, 'mime.xml'));
};
