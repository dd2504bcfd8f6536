import path from 'node:path';
import type { Envelope } from '../../shared/api/client';
import { contract, isMethodName } from '../../shared/api/contract';
import { filePathsIn } from '../../shared/api/file-paths';

/** A file name alone, with no folder: no separator, no drive, not `.` or `..`. */
function isBareName(file: string): boolean {
  const name = file.trim();
  return name !== '' && name !== '.' && name !== '..' && !/[\\/:]/.test(name);
}

/**
 * The files the windows may name in their calls: those the user picked in a native dialog, those the
 * core itself told the window about (recent projects, backups, the projects folder's list), the
 * open project's own files (the project, its -wal/-shm, its backups folder), and bare file names,
 * which the core resolves inside its own projects folder. A page that has been
 * tampered with can therefore reach nothing else on disk through the contract.
 */
export class FileGrants {
  private readonly granted = new Set<string>();
  private project: string | null = null;

  grant(file: string): void {
    if (path.isAbsolute(file)) this.granted.add(path.resolve(file));
  }

  /** The project the window now works in (from the answer that opened or closed it). */
  setProject(file: string | null): void {
    this.project = file === null ? null : path.resolve(file);
  }

  allows(file: string): boolean {
    // A bare file name is one the core puts in its own projects folder (an export named in the app).
    if (isBareName(file)) return true;
    // Any other relative path could climb out of that folder.
    if (!path.isAbsolute(file)) return false;
    const resolved = path.resolve(file);
    if (this.granted.has(resolved)) return true;
    const project = this.project;
    if (project === null) return false;
    return resolved === project || [`${project}-wal`, `${project}-shm`].includes(resolved) || resolved.startsWith(`${project}.backups${path.sep}`);
  }

  /** A refusal naming the first path of the call the window may not use, or null when all are allowed. */
  refusal(method: string, params: unknown): Envelope | null {
    if (!isMethodName(method)) return null;
    const parsed = contract[method].params.safeParse(params ?? {});
    // The core refuses malformed params with the same schema; nothing reaches a file before it.
    if (!parsed.success) return null;
    const denied = filePathsIn(contract[method].params, parsed.data).find((p) => !this.allows(p));
    if (denied === undefined) return null;
    return {
      ok: false,
      error: {
        code: 'FILE_NOT_GRANTED',
        message: `Condensa did not use “${path.basename(denied)}”: the window may only use files you chose in one of Condensa’s file dialogs or that belong to the open project. Choose the file again through the dialog.`,
      },
    };
  }

  /** Grants what an answer names: the project it opened, and the files the core listed for the window. */
  learn(method: string, envelope: Envelope): void {
    if (envelope.project !== undefined) this.setProject(envelope.project);
    if (!envelope.ok || !isMethodName(method)) return;
    for (const file of filePathsIn(contract[method].result, envelope.result)) this.grant(file);
  }
}
