// Packaging for the installers: `npm run dist` on a release machine with internet, and the
// offline layout check `npm run check:package` (which overrides electronDist and npmRebuild).

// The .deb's Maintainer and Homepage fields; set the real ones (or the env vars) before a public release.
const maintainer = process.env.CONDENSA_MAINTAINER || 'The Condensa authors <condensa@example.org>';
const homepage = process.env.CONDENSA_HOMEPAGE || 'https://example.org/condensa';

// better-sqlite3 builds from source into its folder; only the compiled addon is needed at run time.
const sqliteLeftovers = [
  '!**/node_modules/better-sqlite3/{deps,src,docs,benchmark,test}/**',
  '!**/node_modules/better-sqlite3/binding.gyp',
  '!**/node_modules/better-sqlite3/build/{deps,Release/obj,Release/obj.target,Release/.deps}/**',
  '!**/node_modules/better-sqlite3/build/{Makefile,*.mk,config.gypi,binding.Makefile}',
  '!**/node_modules/better-sqlite3/build/Release/{test_extension.node,*.a}',
];

// What the running app never reads: sources, type declarations, source maps, docs, and the
// browser-only builds of Node libraries: exceljs's dist/, docx's UMD and IIFE copies (Node takes
// its "exports" files), pdf.js's viewer, image decoders and scripting sandbox.
const notNeededAtRunTime = [
  '!**/*.{ts,mts,cts,tsx,map}',
  '!**/node_modules/**/*.{md,markdown}',
  '!**/node_modules/**/{Makefile,*.mk,*.gyp,*.gypi}',
  // docx and fast-csv list @types/node as a dependency; it holds only type declarations.
  '!**/node_modules/@types/**',
  '!**/node_modules/*/{test,tests,__tests__,spec,docs,example,examples,benchmark,benchmarks,.github}/**',
  '!**/node_modules/exceljs/dist/**',
  '!**/node_modules/docx/dist/*.{iife.js,umd.cjs}',
  '!**/node_modules/pdfjs-dist/{web,types,image_decoders,legacy/web,legacy/image_decoders}/**',
  '!**/node_modules/pdfjs-dist/{build,legacy/build}/pdf.sandbox*.mjs',
  '!**/node_modules/pdfjs-dist/webpack.mjs',
  '!**/node_modules/mammoth/mammoth.browser*.js',
  // pdfjs-dist loads @napi-rs/canvas only to render pages; Condensa reads PDF text, which works
  // without it, and the prebuilt binary is per-platform (it would break the universal macOS build).
  '!**/node_modules/@napi-rs/**',
];

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.condensa.app',
  productName: 'Condensa',
  copyright: 'Copyright © The Condensa authors',
  directories: { output: 'release', buildResources: 'build' },
  extraMetadata: { desktopName: 'condensa.desktop', homepage },
  files: ['out/**/*', 'package.json', ...sqliteLeftovers, ...notNeededAtRunTime],
  asar: true,
  // A native module cannot be loaded from inside an asar archive.
  asarUnpack: ['**/*.node'],
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The window loads from app://condensa/, never file://, so file:// pages need no extra privileges.
    grantFileProtocolExtraPrivileges: false,
  },
  fileAssociations: [
    {
      ext: 'condensa',
      name: 'Condensa Project',
      description: 'Condensa qualitative analysis project',
      icon: 'document',
      role: 'Editor',
      rank: 'Owner',
      mimeType: 'application/x-condensa',
    },
  ],
  mac: {
    target: [{ target: 'dmg', arch: ['universal'] }],
    category: 'public.app-category.productivity',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // Declares the .condensa type itself, so that Finder names and shows it even before Condensa has run.
    extendInfo: {
      UTExportedTypeDeclarations: [
        {
          UTTypeIdentifier: 'org.condensa.project',
          UTTypeDescription: 'Condensa Project',
          UTTypeConformsTo: ['public.data'],
          UTTypeIconFile: 'document.icns',
          UTTypeTagSpecification: { 'public.filename-extension': ['condensa'], 'public.mime-type': ['application/x-condensa'] },
        },
      ],
    },
  },
  dmg: { artifactName: '${productName}-${version}-mac-universal.${ext}' },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icon.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Condensa',
    deleteAppDataOnUninstall: false,
    artifactName: '${productName}-Setup-${version}-win-${arch}.${ext}',
  },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    icon: 'build/icons',
    category: 'Office',
    maintainer,
    vendor: maintainer,
    synopsis: 'Qualitative content and thematic analysis',
    syncDesktopName: true,
    desktop: {
      entry: {
        GenericName: 'Qualitative Analysis',
        Keywords: 'qualitative;coding;interview;transcript;thematic;content analysis;',
      },
    },
  },
  appImage: { artifactName: '${productName}-${version}-linux-${arch}.${ext}' },
  deb: { artifactName: '${name}_${version}_${arch}.${ext}' },
};
