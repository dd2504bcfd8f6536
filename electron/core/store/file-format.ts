// How a Condensa project file is recognised from its first bytes, before SQLite opens it: the
// SQLite header's magic string, and the application id Condensa writes at byte 68.

export const SQLITE_MAGIC = 'SQLite format 3\0';
/** 'Cond' — PRAGMA application_id of every Condensa project (big-endian at byte 68 of the header). */
export const APPLICATION_ID = 0x436f6e64;

/** Whether a header (its first 72 bytes at least) is a SQLite database's. */
export function isSqliteHeader(head: Buffer): boolean {
  return head.length >= 16 && head.subarray(0, 16).toString('latin1') === SQLITE_MAGIC;
}

/** Whether a header (its first 72 bytes at least) is a Condensa project's. */
export function isProjectHeader(head: Buffer): boolean {
  return head.length >= 72 && isSqliteHeader(head) && head.readUInt32BE(68) === APPLICATION_ID;
}
