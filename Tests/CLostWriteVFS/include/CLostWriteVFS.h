#ifndef CLOSTWRITEVFS_H
#define CLOSTWRITEVFS_H

/// A test-only SQLite VFS that simulates a power loss: it wraps the default (unix) VFS and, for the files
/// under one directory, remembers every write and truncation since that file's last xSync. A power cut
/// (after a chosen number of further writes and syncs, or at once) makes every later write, sync, truncation
/// and deletion of those files fail, as if the machine had stopped. Once every connection is closed,
/// `lostwrite_power_loss` rewinds each file to what its last sync made durable and then lets a random subset
/// of the later 512-byte sectors reach the "disk" anyway, in any order: what a real disk with a volatile
/// write cache may keep. The -shm files are deleted (shared memory does not survive a power loss).
///
/// Files outside the tracked directory go straight to the unix VFS, untouched, so the rest of a test process
/// is not affected. The simulated disk needs no real flush, so xSync of a tracked file does not call fsync.

/// Registers the VFS as the process's default (once; later calls do nothing). Returns an SQLite result code.
int lostwrite_install(void);

/// Tracks the files whose path starts with `directory` (NULL: none). Forgets all earlier tracking state.
void lostwrite_track(const char *directory);

/// Cuts the power after `operations` more writes, syncs or truncations of tracked files (0: before the
/// next one; negative: never).
void lostwrite_cut_after(long operations);

/// Whether the power has been cut.
int lostwrite_is_cut(void);

/// How many syncs of tracked files completed since tracking began.
long lostwrite_syncs(void);

/// After a cut, with no connection open: rewinds every tracked file to its last sync, then keeps each later
/// sector with probability `keep_per_mille`/1000, chosen by `seed`; deletes the tracked -shm files and turns
/// the power back on (no cut scheduled). Returns the number of sectors lost, or -1 if a file could not be
/// repaired (errno tells why).
long lostwrite_power_loss(unsigned long long seed, int keep_per_mille);

#endif
