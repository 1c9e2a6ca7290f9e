import Foundation

/// Holds an exclusive `flock` on a file beside the database while the schema is checked and
/// migrated, so that two chatterms opening a new (or older) file at the same moment do not both
/// migrate it: the second waits, then finds every migration applied. A separate file, because
/// closing a descriptor of the database file itself would drop SQLite's own POSIX locks.
struct MigrationLock {
    private let descriptor: Int32

    /// nil when the lock file cannot be made (a read-only directory): the open goes on without
    /// it, and SQLite's busy handling is what remains.
    init?(databasePath: String) {
        let descriptor = open(databasePath + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                return nil
            }
        }
        self.descriptor = descriptor
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
