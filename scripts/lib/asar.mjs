// Reads the file list of an asar archive. Layout: a 4-byte size field (always 4), the size of the
// header pickle, then the pickle itself (payload size, JSON length, JSON); file data follows.
import crypto from 'node:crypto';
import fs from 'node:fs';

/** Every file in the archive (path with '/' separators, size, whether it lives in app.asar.unpacked) and the header's SHA-256. */
export function listAsar(asarPath) {
  const fd = fs.openSync(asarPath, 'r');
  try {
    const sizes = Buffer.alloc(16);
    fs.readSync(fd, sizes, 0, 16, 0);
    if (sizes.readUInt32LE(0) !== 4) throw new Error(`${asarPath} is not an asar archive.`);
    const jsonLength = sizes.readUInt32LE(12);
    const json = Buffer.alloc(jsonLength);
    fs.readSync(fd, json, 0, jsonLength, 16);
    const header = JSON.parse(json.toString('utf8'));
    const dataOffset = 8 + sizes.readUInt32LE(4);
    const files = [];
    walk(header, '', files);
    // What Electron's asar integrity check compares with ElectronAsarIntegrity in Info.plist.
    const headerHash = crypto.createHash('sha256').update(json).digest('hex');
    return { files, dataOffset, headerHash };
  } finally {
    fs.closeSync(fd);
  }
}

function walk(node, prefix, files) {
  for (const [name, entry] of Object.entries(node.files ?? {})) {
    const filePath = prefix ? `${prefix}/${name}` : name;
    if (entry.files) walk(entry, filePath, files);
    else if (entry.link === undefined) {
      files.push({ path: filePath, size: Number(entry.size), unpacked: entry.unpacked === true, offset: entry.offset === undefined ? null : Number(entry.offset) });
    }
  }
}

/** The bytes of one packed (not unpacked) file. */
export function readAsarFile(asarPath, listing, filePath) {
  const file = listing.files.find((f) => f.path === filePath);
  if (!file || file.unpacked || file.offset === null) throw new Error(`${filePath} is not packed inside ${asarPath}.`);
  const fd = fs.openSync(asarPath, 'r');
  try {
    const data = Buffer.alloc(file.size);
    fs.readSync(fd, data, 0, file.size, listing.dataOffset + file.offset);
    return data;
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes every file of the archive into `dest`, taking unpacked ones from app.asar.unpacked. */
export function extractAsar(asarPath, listing, dest) {
  const fd = fs.openSync(asarPath, 'r');
  try {
    for (const file of listing.files) {
      const target = `${dest}/${file.path}`;
      fs.mkdirSync(target.slice(0, target.lastIndexOf('/')), { recursive: true });
      if (file.unpacked) {
        fs.copyFileSync(`${asarPath}.unpacked/${file.path}`, target);
        continue;
      }
      const data = Buffer.alloc(file.size);
      if (file.size > 0) fs.readSync(fd, data, 0, file.size, listing.dataOffset + file.offset);
      fs.writeFileSync(target, data);
    }
  } finally {
    fs.closeSync(fd);
  }
}
