import { AppError } from '../../../shared/api/errors';
import { decodeText } from '../../../shared/text/decode';
import type { RefiProject } from './model';
import type { PackageFiles } from './import-study';
import { readCodebook, readProject, type ReadNotes, type RefiCodebook } from './read-qde';
import { parseXml, utf8Xml, type XmlText } from './xml';
import { DEFAULT_ZIP_LIMITS, ZipArchive, type ZipEntry, type ZipLimits } from './zip';

// Opening what the user chose: a .qdpx (zip), or a bare .qde/.qdc XML file. Nothing is written
// to disk; entries are looked up by name in memory.

export interface OpenedProject {
  readonly project: RefiProject;
  readonly readNotes: ReadNotes;
  readonly files: PackageFiles;
  readonly qdeName: string;
}

const ZIP_MAGIC = [0x50, 0x4b];

/** Bare REFI-QDA XML (.qdc, .qde) is parsed whole in memory; archives are read entry by entry under their own limits. */
export const MAX_XML_BYTES = 100 * 1024 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === ZIP_MAGIC[0] && bytes[1] === ZIP_MAGIC[1];
}

/** Refuses what cannot be a REFI-QDA file by its size alone, before it is read: nothing at all, or XML too large to be one. */
export function assertPlausibleSize(name: string, size: number, zip: boolean): void {
  const what = name ? `“${name}”` : 'This file';
  if (size === 0) throw new AppError('IMPORT_EMPTY', `${what} is empty (0 bytes). Choose the .qdpx or .qdc file your QDA program exported.`);
  if (!zip && size > MAX_XML_BYTES) {
    throw new AppError(
      'IMPORT_TOO_LARGE',
      `${what} is ${Math.round(size / (1024 * 1024))} MB; Condensa reads REFI-QDA XML files (.qdc, .qde) up to ${MAX_XML_BYTES / (1024 * 1024)} MB. Check that this is the file you meant, or export the project as a .qdpx archive.`,
    );
  }
}

/** UTF-8 as it is (see XmlText); any other encoding decoded first. */
function xmlText(bytes: Uint8Array, what: string): XmlText {
  const utf8 = utf8Xml(bytes);
  if (utf8) return utf8;
  try {
    return { text: decodeText(bytes).text, utf8InLatin1: false };
  } catch {
    throw new AppError('REFI_BAD_ARCHIVE', `${what} is neither a REFI-QDA archive (.qdpx) nor REFI-QDA XML (.qde, .qdc). Choose a file exported by a QDA program.`);
  }
}

/** The project document inside an archive: project.qde, else the only .qde there is. */
function findQde(zip: ZipArchive): ZipEntry {
  const named = zip.find('project.qde', true);
  if (named) return named;
  const qdes = zip.entries.filter((e) => /\.qde$/i.test(e.name));
  const top = qdes.filter((e) => !e.name.includes('/'));
  const pick = top.length === 1 ? top[0] : qdes.length === 1 ? qdes[0] : undefined;
  if (pick) return pick;
  if (qdes.length > 1) throw new AppError('REFI_BAD_ARCHIVE', 'This archive holds several .qde project files and none is named project.qde, so it is unclear which to import. Export it again from the program that made it.');
  throw new AppError('REFI_BAD_ARCHIVE', 'This archive holds no project.qde, so it is not a REFI-QDA project. Choose a .qdpx exported by a QDA program.');
}

function archiveFiles(zip: ZipArchive): PackageFiles {
  // Sources/ or sources/ (or any case), then the file name exactly, then ignoring case.
  const lookup = (name: string): ZipEntry | undefined => {
    const base = name.replace(/^\/+/, '');
    return zip.find(`sources/${base}`) ?? zip.find(`Sources/${base}`) ?? zip.find(`sources/${base}`, true) ?? zip.find(base, true);
  };
  return {
    find(path, guid) {
      if (path) {
        const m = /^internal:\/\/(.+)$/i.exec(path.trim());
        if (!m) {
          const guess = lookup(`${guid}.txt`);
          return guess ? zip.read(guess) : 'outside';
        }
        const entry = lookup(m[1]);
        if (entry) return zip.read(entry);
      }
      const conventional = lookup(`${guid}.txt`);
      return conventional ? zip.read(conventional) : null;
    },
  };
}

const NO_FILES: PackageFiles = { find: (path) => (path ? 'outside' : null) };

/** Opens a .qdpx (or a bare project.qde) from bytes. */
export function openProjectPackage(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): OpenedProject {
  const unpacked = unpackProject(bytes, limits);
  return readUnpacked(unpacked, parseXml(unpacked.xml, unpacked.label));
}

/** A .qdpx (or a bare .qde) unpacked: the project's XML text and the archive's other files. */
export interface UnpackedProject {
  readonly xml: XmlText;
  /** How messages name the XML ("The project.qde in this archive"). */
  readonly label: string;
  readonly files: PackageFiles;
  readonly qdeName: string;
}

/** The first stage of opening a project file: unzip it and decode its XML. */
export function unpackProject(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): UnpackedProject {
  assertPlausibleSize('', bytes.length, isZip(bytes));
  if (!isZip(bytes)) return { xml: xmlText(bytes, 'This file'), label: 'This project file', files: NO_FILES, qdeName: 'project.qde' };
  const zip = ZipArchive.open(bytes, limits);
  const qde = findQde(zip);
  const label = `The ${qde.name} in this archive`;
  return { xml: xmlText(zip.read(qde), label), label, files: archiveFiles(zip), qdeName: qde.name };
}

/** The last stage: the project read out of its parsed XML (parseXml(unpacked.xml, unpacked.label)). */
export function readUnpacked(unpacked: UnpackedProject, root: ReturnType<typeof parseXml>): OpenedProject {
  const { project, notes } = readProject(root);
  return { project, readNotes: notes, files: unpacked.files, qdeName: unpacked.qdeName };
}

/** Opens a .qdc codebook, or takes the codebook out of a .qdpx. */
export function openCodebook(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): { codebook: RefiCodebook; readNotes: ReadNotes } {
  assertPlausibleSize('', bytes.length, isZip(bytes));
  if (isZip(bytes)) {
    const zip = ZipArchive.open(bytes, limits);
    const qde = findQde(zip);
    const { codebook, notes } = readCodebook(parseXml(xmlText(zip.read(qde), `The ${qde.name} in this archive`), `The ${qde.name} in this archive`));
    return { codebook, readNotes: notes };
  }
  const { codebook, notes } = readCodebook(parseXml(xmlText(bytes, 'This file'), 'This codebook file'));
  return { codebook, readNotes: notes };
}
