// The lost-write VFS: see include/CLostWriteVFS.h.
#include "CLostWriteVFS.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { SECTOR_SIZE = 512 };

/// One write or truncation not yet made durable, with the bytes it replaced.
typedef struct PendingChange {
    sqlite3_int64 offset;
    int length;              // bytes written; -1 for a truncation to `offset`
    unsigned char *before;   // the bytes that were there (for a truncation: those cut off)
    int beforeLength;
    unsigned char *after;    // the bytes written (NULL for a truncation)
    struct PendingChange *next;
} PendingChange;

/// What the simulated disk knows of one tracked path (shared by every handle open on it).
typedef struct TrackedPath {
    char *path;
    sqlite3_int64 durableSize;
    PendingChange *first;
    PendingChange *last;
    struct TrackedPath *next;
} TrackedPath;

/// A handle on a tracked file; the unix VFS's own file follows it in memory.
typedef struct LostWriteFile {
    sqlite3_file base;
    sqlite3_file *real;
    TrackedPath *tracked;
} LostWriteFile;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static sqlite3_vfs *underlying;
static sqlite3_vfs lostWriteVFS;
static char *trackedDirectory;
static TrackedPath *trackedPaths;
static long countdown = -1;
static int cut;
static long syncs;
static int debugging = -1;

/// With LOSTWRITE_DEBUG set, every operation on a tracked file is printed to standard error.
static void trace(const char *what, const char *path, sqlite3_int64 offset, sqlite3_int64 length) {
    if (debugging < 0) debugging = getenv("LOSTWRITE_DEBUG") != NULL;
    if (debugging) fprintf(stderr, "lostwrite: %s %s %lld %lld%s\n", what, path, offset, length, cut ? " (power off)" : "");
}

// MARK: Tracking state (called with the lock held)

static int isTracked(const char *name) {
    return name != NULL && trackedDirectory != NULL && strncmp(name, trackedDirectory, strlen(trackedDirectory)) == 0;
}

static void freeChanges(TrackedPath *tracked) {
    PendingChange *change = tracked->first;
    while (change != NULL) {
        PendingChange *next = change->next;
        free(change->before);
        free(change->after);
        free(change);
        change = next;
    }
    tracked->first = tracked->last = NULL;
}

static void forgetAll(void) {
    TrackedPath *tracked = trackedPaths;
    while (tracked != NULL) {
        TrackedPath *next = tracked->next;
        freeChanges(tracked);
        free(tracked->path);
        free(tracked);
        tracked = next;
    }
    trackedPaths = NULL;
}

static TrackedPath *trackedPath(const char *path, sqlite3_int64 currentSize) {
    for (TrackedPath *tracked = trackedPaths; tracked != NULL; tracked = tracked->next) {
        if (strcmp(tracked->path, path) == 0) return tracked;
    }
    TrackedPath *tracked = calloc(1, sizeof *tracked);
    if (tracked == NULL) return NULL;
    tracked->path = strdup(path);
    if (tracked->path == NULL) {
        free(tracked);
        return NULL;
    }
    // What is on disk when a file is first opened counts as durable.
    tracked->durableSize = currentSize;
    tracked->next = trackedPaths;
    trackedPaths = tracked;
    return tracked;
}

/// Counts one operation towards a scheduled cut; returns whether the power is (now) off.
static int powerIsOff(void) {
    if (cut) return 1;
    if (countdown == 0) {
        cut = 1;
        return 1;
    }
    if (countdown > 0) countdown -= 1;
    return 0;
}

static int appendChange(TrackedPath *tracked, PendingChange *change) {
    change->next = NULL;
    if (tracked->last != NULL) tracked->last->next = change;
    else tracked->first = change;
    tracked->last = change;
    return SQLITE_OK;
}

/// Reads what a range holds now, short at the end of the file.
static int readExisting(sqlite3_file *real, sqlite3_int64 offset, int length, unsigned char **bytes, int *count) {
    sqlite3_int64 size = 0;
    int rc = real->pMethods->xFileSize(real, &size);
    if (rc != SQLITE_OK) return rc;
    sqlite3_int64 available = size - offset;
    if (available < 0) available = 0;
    if (available > length) available = length;
    *count = (int)available;
    *bytes = NULL;
    if (available == 0) return SQLITE_OK;
    *bytes = malloc((size_t)available);
    if (*bytes == NULL) return SQLITE_NOMEM;
    rc = real->pMethods->xRead(real, *bytes, (int)available, offset);
    if (rc != SQLITE_OK) {
        free(*bytes);
        *bytes = NULL;
    }
    return rc;
}

// MARK: I/O methods of a tracked file

static int lwClose(sqlite3_file *file) {
    LostWriteFile *self = (LostWriteFile *)file;
    return self->real->pMethods->xClose(self->real);
}

static int lwRead(sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset) {
    LostWriteFile *self = (LostWriteFile *)file;
    return self->real->pMethods->xRead(self->real, buffer, amount, offset);
}

static int lwWrite(sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset) {
    LostWriteFile *self = (LostWriteFile *)file;
    pthread_mutex_lock(&lock);
    trace("write", self->tracked->path, offset, amount);
    if (powerIsOff()) {
        pthread_mutex_unlock(&lock);
        return SQLITE_IOERR_WRITE;
    }
    PendingChange *change = calloc(1, sizeof *change);
    int rc = change == NULL ? SQLITE_NOMEM : readExisting(self->real, offset, amount, &change->before, &change->beforeLength);
    if (rc == SQLITE_OK) {
        change->offset = offset;
        change->length = amount;
        change->after = malloc((size_t)amount);
        if (change->after == NULL) rc = SQLITE_NOMEM;
        else memcpy(change->after, buffer, (size_t)amount);
    }
    if (rc == SQLITE_OK) rc = self->real->pMethods->xWrite(self->real, buffer, amount, offset);
    if (rc == SQLITE_OK) {
        appendChange(self->tracked, change);
    } else if (change != NULL) {
        free(change->before);
        free(change->after);
        free(change);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

static int lwTruncate(sqlite3_file *file, sqlite3_int64 size) {
    LostWriteFile *self = (LostWriteFile *)file;
    pthread_mutex_lock(&lock);
    trace("truncate", self->tracked->path, size, 0);
    if (powerIsOff()) {
        pthread_mutex_unlock(&lock);
        return SQLITE_IOERR_TRUNCATE;
    }
    PendingChange *change = calloc(1, sizeof *change);
    sqlite3_int64 current = 0;
    int rc = change == NULL ? SQLITE_NOMEM : self->real->pMethods->xFileSize(self->real, &current);
    if (rc == SQLITE_OK && current > size) {
        rc = readExisting(self->real, size, (int)(current - size), &change->before, &change->beforeLength);
    }
    if (rc == SQLITE_OK) rc = self->real->pMethods->xTruncate(self->real, size);
    if (rc == SQLITE_OK) {
        change->offset = size;
        change->length = -1;
        appendChange(self->tracked, change);
    } else if (change != NULL) {
        free(change->before);
        free(change);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

static int lwSync(sqlite3_file *file, int flags) {
    (void)flags;
    LostWriteFile *self = (LostWriteFile *)file;
    pthread_mutex_lock(&lock);
    trace("sync", self->tracked->path, flags, 0);
    if (powerIsOff()) {
        pthread_mutex_unlock(&lock);
        return SQLITE_IOERR_FSYNC;
    }
    // A sync on any handle makes every write to the file durable (fsync is per file, not per descriptor).
    sqlite3_int64 size = 0;
    int rc = self->real->pMethods->xFileSize(self->real, &size);
    if (rc == SQLITE_OK) {
        freeChanges(self->tracked);
        self->tracked->durableSize = size;
        syncs += 1;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

static int lwFileSize(sqlite3_file *file, sqlite3_int64 *size) {
    LostWriteFile *self = (LostWriteFile *)file;
    return self->real->pMethods->xFileSize(self->real, size);
}

static int lwLock(sqlite3_file *file, int level) {
    LostWriteFile *self = (LostWriteFile *)file;
    return self->real->pMethods->xLock(self->real, level);
}

static int lwUnlock(sqlite3_file *file, int level) {
    LostWriteFile *self = (LostWriteFile *)file;
    return self->real->pMethods->xUnlock(self->real, level);
}

static int lwCheckReservedLock(sqlite3_file *file, int *result) {
    LostWriteFile *self = (LostWriteFile *)file;
    return self->real->pMethods->xCheckReservedLock(self->real, result);
}

static int lwFileControl(sqlite3_file *file, int op, void *argument) {
    LostWriteFile *self = (LostWriteFile *)file;
    return self->real->pMethods->xFileControl(self->real, op, argument);
}

static int lwSectorSize(sqlite3_file *file) {
    LostWriteFile *self = (LostWriteFile *)file;
    return self->real->pMethods->xSectorSize(self->real);
}

static int lwDeviceCharacteristics(sqlite3_file *file) {
    LostWriteFile *self = (LostWriteFile *)file;
    return self->real->pMethods->xDeviceCharacteristics(self->real);
}

static int lwShmMap(sqlite3_file *file, int page, int pageSize, int extend, void volatile **address) {
    LostWriteFile *self = (LostWriteFile *)file;
    return self->real->pMethods->xShmMap(self->real, page, pageSize, extend, address);
}

static int lwShmLock(sqlite3_file *file, int offset, int count, int flags) {
    LostWriteFile *self = (LostWriteFile *)file;
    return self->real->pMethods->xShmLock(self->real, offset, count, flags);
}

static void lwShmBarrier(sqlite3_file *file) {
    LostWriteFile *self = (LostWriteFile *)file;
    self->real->pMethods->xShmBarrier(self->real);
}

static int lwShmUnmap(sqlite3_file *file, int deleteFlag) {
    LostWriteFile *self = (LostWriteFile *)file;
    return self->real->pMethods->xShmUnmap(self->real, deleteFlag);
}

// Memory-mapped reads are turned off for tracked files (xFetch hands out no page), so every read and write
// goes through the methods above.
static int lwFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **page) {
    (void)file;
    (void)offset;
    (void)amount;
    *page = NULL;
    return SQLITE_OK;
}

static int lwUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *page) {
    (void)file;
    (void)offset;
    (void)page;
    return SQLITE_OK;
}

static const sqlite3_io_methods lostWriteMethods = {
    3,
    lwClose,
    lwRead,
    lwWrite,
    lwTruncate,
    lwSync,
    lwFileSize,
    lwLock,
    lwUnlock,
    lwCheckReservedLock,
    lwFileControl,
    lwSectorSize,
    lwDeviceCharacteristics,
    lwShmMap,
    lwShmLock,
    lwShmBarrier,
    lwShmUnmap,
    lwFetch,
    lwUnfetch,
};

// MARK: VFS methods

static int lwOpen(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *outFlags) {
    (void)vfs;
    pthread_mutex_lock(&lock);
    int tracked = isTracked(name);
    pthread_mutex_unlock(&lock);
    if (!tracked) return underlying->xOpen(underlying, name, file, flags, outFlags);

    LostWriteFile *self = (LostWriteFile *)file;
    memset(self, 0, sizeof *self);
    self->real = (sqlite3_file *)&self[1];
    int rc = underlying->xOpen(underlying, name, self->real, flags, outFlags);
    if (rc != SQLITE_OK || self->real->pMethods == NULL) {
        if (self->real->pMethods != NULL) self->real->pMethods->xClose(self->real);
        file->pMethods = NULL;
        return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
    }
    sqlite3_int64 size = 0;
    self->real->pMethods->xFileSize(self->real, &size);
    pthread_mutex_lock(&lock);
    trace("open", name, size, flags);
    self->tracked = trackedPath(name, size);
    pthread_mutex_unlock(&lock);
    if (self->tracked == NULL) {
        self->real->pMethods->xClose(self->real);
        file->pMethods = NULL;
        return SQLITE_NOMEM;
    }
    file->pMethods = &lostWriteMethods;
    return SQLITE_OK;
}

static int lwDelete(sqlite3_vfs *vfs, const char *name, int syncDirectory) {
    (void)vfs;
    pthread_mutex_lock(&lock);
    if (isTracked(name)) {
        trace("delete", name, 0, 0);
        if (powerIsOff()) {
            pthread_mutex_unlock(&lock);
            return SQLITE_IOERR_DELETE;
        }
        // A deleted file's pending writes go with it; a file of that name starts anew.
        for (TrackedPath **link = &trackedPaths; *link != NULL; link = &(*link)->next) {
            if (strcmp((*link)->path, name) == 0) {
                TrackedPath *gone = *link;
                *link = gone->next;
                freeChanges(gone);
                free(gone->path);
                free(gone);
                break;
            }
        }
    }
    pthread_mutex_unlock(&lock);
    return underlying->xDelete(underlying, name, syncDirectory);
}

static int lwAccess(sqlite3_vfs *vfs, const char *name, int flags, int *result) {
    (void)vfs;
    return underlying->xAccess(underlying, name, flags, result);
}

static int lwFullPathname(sqlite3_vfs *vfs, const char *name, int size, char *output) {
    (void)vfs;
    return underlying->xFullPathname(underlying, name, size, output);
}

static void *lwDlOpen(sqlite3_vfs *vfs, const char *name) {
    (void)vfs;
    return underlying->xDlOpen(underlying, name);
}

static void lwDlError(sqlite3_vfs *vfs, int size, char *message) {
    (void)vfs;
    underlying->xDlError(underlying, size, message);
}

static void (*lwDlSym(sqlite3_vfs *vfs, void *handle, const char *symbol))(void) {
    (void)vfs;
    return underlying->xDlSym(underlying, handle, symbol);
}

static void lwDlClose(sqlite3_vfs *vfs, void *handle) {
    (void)vfs;
    underlying->xDlClose(underlying, handle);
}

static int lwRandomness(sqlite3_vfs *vfs, int size, char *output) {
    (void)vfs;
    return underlying->xRandomness(underlying, size, output);
}

static int lwSleep(sqlite3_vfs *vfs, int microseconds) {
    (void)vfs;
    return underlying->xSleep(underlying, microseconds);
}

static int lwCurrentTime(sqlite3_vfs *vfs, double *now) {
    (void)vfs;
    return underlying->xCurrentTime(underlying, now);
}

static int lwGetLastError(sqlite3_vfs *vfs, int size, char *message) {
    (void)vfs;
    return underlying->xGetLastError(underlying, size, message);
}

static int lwCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *now) {
    (void)vfs;
    return underlying->xCurrentTimeInt64(underlying, now);
}

// MARK: Public functions

int lostwrite_install(void) {
    pthread_mutex_lock(&lock);
    int rc = SQLITE_OK;
    if (underlying == NULL) {
        sqlite3_vfs *defaultVFS = sqlite3_vfs_find(NULL);
        if (defaultVFS == NULL) {
            rc = SQLITE_ERROR;
        } else {
            lostWriteVFS = (sqlite3_vfs){
                .iVersion = 2,
                .szOsFile = (int)sizeof(LostWriteFile) + defaultVFS->szOsFile,
                .mxPathname = defaultVFS->mxPathname,
                .zName = "lostwrite",
                .xOpen = lwOpen,
                .xDelete = lwDelete,
                .xAccess = lwAccess,
                .xFullPathname = lwFullPathname,
                .xDlOpen = lwDlOpen,
                .xDlError = lwDlError,
                .xDlSym = lwDlSym,
                .xDlClose = lwDlClose,
                .xRandomness = lwRandomness,
                .xSleep = lwSleep,
                .xCurrentTime = lwCurrentTime,
                .xGetLastError = lwGetLastError,
                .xCurrentTimeInt64 = lwCurrentTimeInt64,
            };
            underlying = defaultVFS;
            rc = sqlite3_vfs_register(&lostWriteVFS, 1);
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

void lostwrite_track(const char *directory) {
    pthread_mutex_lock(&lock);
    forgetAll();
    free(trackedDirectory);
    trackedDirectory = directory != NULL ? strdup(directory) : NULL;
    countdown = -1;
    cut = 0;
    syncs = 0;
    pthread_mutex_unlock(&lock);
}

void lostwrite_cut_after(long operations) {
    pthread_mutex_lock(&lock);
    if (operations == 0) cut = 1;
    countdown = operations;
    pthread_mutex_unlock(&lock);
}

int lostwrite_is_cut(void) {
    pthread_mutex_lock(&lock);
    int result = cut;
    pthread_mutex_unlock(&lock);
    return result;
}

long lostwrite_syncs(void) {
    pthread_mutex_lock(&lock);
    long result = syncs;
    pthread_mutex_unlock(&lock);
    return result;
}

/// The next number of a SplitMix64 sequence.
static unsigned long long nextRandom(unsigned long long *state) {
    *state += 0x9E3779B97F4A7C15ULL;
    unsigned long long mixed = *state;
    mixed = (mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9ULL;
    mixed = (mixed ^ (mixed >> 27)) * 0x94D049BB133111EBULL;
    return mixed ^ (mixed >> 31);
}

static int writeAll(int descriptor, const unsigned char *bytes, size_t count, off_t offset) {
    while (count > 0) {
        ssize_t written = pwrite(descriptor, bytes, count, offset);
        if (written < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        bytes += written;
        count -= (size_t)written;
        offset += written;
    }
    return 0;
}

/// Rewinds one file to its durable state, then replays a random subset of the lost sectors.
static long repair(TrackedPath *tracked, unsigned long long *random, int keepPerMille) {
    trace("rewind", tracked->path, tracked->durableSize, 0);
    int descriptor = open(tracked->path, O_RDWR);
    if (descriptor < 0) return errno == ENOENT ? 0 : -1;
    // Undo, newest first: every change puts back the bytes it replaced.
    size_t count = 0;
    for (PendingChange *change = tracked->first; change != NULL; change = change->next) count += 1;
    PendingChange **changes = count > 0 ? malloc(count * sizeof *changes) : NULL;
    if (count > 0 && changes == NULL) {
        close(descriptor);
        return -1;
    }
    size_t index = 0;
    for (PendingChange *change = tracked->first; change != NULL; change = change->next) changes[index++] = change;
    for (size_t undo = count; undo > 0; undo -= 1) {
        PendingChange *change = changes[undo - 1];
        if (change->beforeLength > 0
            && writeAll(descriptor, change->before, (size_t)change->beforeLength, (off_t)change->offset) != 0) {
            free(changes);
            close(descriptor);
            return -1;
        }
    }
    if (ftruncate(descriptor, (off_t)tracked->durableSize) != 0) {
        free(changes);
        close(descriptor);
        return -1;
    }
    // Some of what was written since may have reached the platter anyway: sector by sector, in any order.
    long lost = 0;
    for (size_t replay = 0; replay < count; replay += 1) {
        PendingChange *change = changes[replay];
        if (change->length < 0) continue;  // a truncation that did not happen leaves the longer file
        sqlite3_int64 end = change->offset + change->length;
        for (sqlite3_int64 start = change->offset; start < end;) {
            sqlite3_int64 sectorEnd = (start / SECTOR_SIZE + 1) * SECTOR_SIZE;
            if (sectorEnd > end) sectorEnd = end;
            if ((int)(nextRandom(random) % 1000) < keepPerMille) {
                const unsigned char *bytes = change->after + (start - change->offset);
                if (writeAll(descriptor, bytes, (size_t)(sectorEnd - start), (off_t)start) != 0) {
                    free(changes);
                    close(descriptor);
                    return -1;
                }
            } else {
                lost += 1;
            }
            start = sectorEnd;
        }
    }
    free(changes);
    close(descriptor);
    return lost;
}

long lostwrite_power_loss(unsigned long long seed, int keepPerMille) {
    pthread_mutex_lock(&lock);
    unsigned long long random = seed;
    long lost = 0;
    for (TrackedPath *tracked = trackedPaths; tracked != NULL; tracked = tracked->next) {
        long repaired = repair(tracked, &random, keepPerMille);
        if (repaired < 0) {
            pthread_mutex_unlock(&lock);
            return -1;
        }
        lost += repaired;
    }
    // The -shm index lives in shared memory: after a power loss it is gone and is rebuilt from the -wal.
    for (TrackedPath *tracked = trackedPaths; tracked != NULL; tracked = tracked->next) {
        char shm[4096];
        size_t length = strlen(tracked->path);
        if (length > 4 && strcmp(tracked->path + length - 4, "-wal") == 0) length -= 4;
        if (length + 5 > sizeof shm) continue;
        memcpy(shm, tracked->path, length);
        memcpy(shm + length, "-shm", 5);
        unlink(shm);
    }
    forgetAll();
    countdown = -1;
    cut = 0;
    pthread_mutex_unlock(&lock);
    return lost;
}
