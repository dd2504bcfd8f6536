// Power-loss recorder, loaded with LD_PRELOAD into a writer. For the files of one project
// (POWER_LOSS_TARGET, plus its -wal and -journal) it appends every write, truncate and completed
// fsync to POWER_LOSS_LOG. After a SIGKILL the test rebuilds the files as a power cut would have left
// them: what was synced, plus none, some or torn pieces of what was not (as SQLite's crash tests do).
// Record: u8 kind ('W' write, 'T' truncate, 'S' sync, 'U' unlink), u8 slot (0 file, 1 -wal,
// 2 -journal), u32 length of data, u64 offset (new size for 'T'), then the data.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FD 4096
static signed char slot_of[MAX_FD]; // 0 untracked, else slot + 1
static int log_fd = -1;
static const char *target;
static size_t target_len;

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static int (*real_open64)(const char *, int, ...);
static int (*real_openat64)(int, const char *, int, ...);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_ftruncate64)(int, off64_t);
static int (*real_close)(int);
static int (*real_unlink)(const char *);

static void init(void) {
  if (real_write) return;
  real_write = dlsym(RTLD_NEXT, "write");
  real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
  real_open64 = dlsym(RTLD_NEXT, "open64");
  real_openat64 = dlsym(RTLD_NEXT, "openat64");
  real_fsync = dlsym(RTLD_NEXT, "fsync");
  real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
  real_ftruncate64 = dlsym(RTLD_NEXT, "ftruncate64");
  real_close = dlsym(RTLD_NEXT, "close");
  real_unlink = dlsym(RTLD_NEXT, "unlink");
  target = getenv("POWER_LOSS_TARGET");
  target_len = target ? strlen(target) : 0;
  const char *log = getenv("POWER_LOSS_LOG");
  if (log) log_fd = real_open64(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

// Which of the project's files a path names: 1 the file, 2 its -wal, 3 its -journal, 0 none.
static int slot_for(const char *path) {
  if (!target || !path || strncmp(path, target, target_len) != 0) return 0;
  const char *rest = path + target_len;
  if (*rest == 0) return 1;
  if (strcmp(rest, "-wal") == 0) return 2;
  if (strcmp(rest, "-journal") == 0) return 3;
  return 0;
}

// One record in one write(2), so a kill leaves at most a short last record, which the reader drops.
static void record(char kind, int slot, uint64_t offset, const void *data, uint32_t len) {
  if (log_fd < 0) return;
  size_t size = 14 + (size_t)len;
  unsigned char *buf = malloc(size);
  if (!buf) abort();
  buf[0] = (unsigned char)kind;
  buf[1] = (unsigned char)(slot - 1);
  memcpy(buf + 2, &len, 4);
  memcpy(buf + 6, &offset, 8);
  if (len) memcpy(buf + 14, data, len);
  if (real_write(log_fd, buf, size) != (ssize_t)size) abort();
  free(buf);
}

static int tracked(int fd) { return fd >= 0 && fd < MAX_FD ? slot_of[fd] : 0; }

static int opened(int fd, const char *path) {
  if (fd >= 0 && fd < MAX_FD) slot_of[fd] = (signed char)slot_for(path);
  return fd;
}

int open64(const char *path, int flags, ...) {
  init();
  va_list ap;
  va_start(ap, flags);
  mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? va_arg(ap, mode_t) : 0;
  va_end(ap);
  return opened(real_open64(path, flags, mode), path);
}
int open(const char *path, int flags, ...) __attribute__((alias("open64")));

int openat64(int dirfd, const char *path, int flags, ...) {
  init();
  va_list ap;
  va_start(ap, flags);
  mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? va_arg(ap, mode_t) : 0;
  va_end(ap);
  return opened(real_openat64(dirfd, path, flags, mode), path);
}
int openat(int dirfd, const char *path, int flags, ...) __attribute__((alias("openat64")));

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t offset) {
  init();
  ssize_t done = real_pwrite64(fd, buf, n, offset);
  int slot = tracked(fd);
  if (slot && done > 0) record('W', slot, (uint64_t)offset, buf, (uint32_t)done);
  return done;
}
ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset) __attribute__((alias("pwrite64")));

ssize_t write(int fd, const void *buf, size_t n) {
  init();
  int slot = tracked(fd);
  off64_t at = slot ? lseek64(fd, 0, SEEK_CUR) : 0;
  ssize_t done = real_write(fd, buf, n);
  if (slot && done > 0) record('W', slot, (uint64_t)at, buf, (uint32_t)done);
  return done;
}

int ftruncate64(int fd, off64_t size) {
  init();
  int rc = real_ftruncate64(fd, size);
  int slot = tracked(fd);
  if (slot && rc == 0) record('T', slot, (uint64_t)size, NULL, 0);
  return rc;
}
int ftruncate(int fd, off_t size) __attribute__((alias("ftruncate64")));

// A sync counts only once it has returned: a kill inside it leaves the writes unsynced.
int fsync(int fd) {
  init();
  int rc = real_fsync(fd);
  int slot = tracked(fd);
  if (slot && rc == 0) record('S', slot, 0, NULL, 0);
  return rc;
}

int fdatasync(int fd) {
  init();
  int rc = real_fdatasync(fd);
  int slot = tracked(fd);
  if (slot && rc == 0) record('S', slot, 0, NULL, 0);
  return rc;
}

int close(int fd) {
  init();
  if (fd >= 0 && fd < MAX_FD) slot_of[fd] = 0;
  return real_close(fd);
}

int unlink(const char *path) {
  init();
  int rc = real_unlink(path);
  int slot = slot_for(path);
  if (slot && rc == 0) record('U', slot, 0, NULL, 0);
  return rc;
}
