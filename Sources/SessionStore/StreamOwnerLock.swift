import Foundation

/// Tells a reply still streaming in a running chatterm from one whose chatterm was killed:
/// each store holds a write lock on one byte of `<db>.streams` (at a random offset, its
/// "owner" number) for as long as it is open, and records that number beside each reply it
/// saves as streaming. The kernel drops the lock when the process ends however it ends
/// (kill -9 included), so a reply whose owner's byte is free was cut off.
///
/// Open-file-description locks on Linux (`F_OFD_*`): they belong to this descriptor, so two
/// stores in one process see each other's locks and closing another descriptor of the file
/// drops nothing. Elsewhere, classic POSIX locks (per process).
final class StreamOwnerLock: Sendable {
    /// The offset of the byte this store holds; never 0 (0 is stored for "owner unknown").
    let owner: Int64
    private let descriptor: Int32

    #if os(Linux)
    private static let getLock: Int32 = 36  // F_OFD_GETLK
    private static let setLock: Int32 = 37  // F_OFD_SETLK
    #else
    private static let getLock = F_GETLK
    private static let setLock = F_SETLK
    #endif

    /// nil when the lock file cannot be made (a read-only directory): replies are then saved
    /// with owner 0, which no open treats as cut off.
    init?(databasePath: String) {
        let descriptor = open(databasePath + ".streams", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        // A few tries: two stores drawing the same of 2^40 offsets is unlikely enough.
        for _ in 0..<8 {
            let offset = Int64.random(in: 1..<(1 << 40))
            var lock = Self.byteLock(at: offset, type: Int16(F_WRLCK))
            if fcntl(descriptor, Self.setLock, &lock) == 0 {
                self.owner = offset
                self.descriptor = descriptor
                return
            }
        }
        close(descriptor)
        return nil
    }

    deinit { close(descriptor) }

    /// Whether some open store (in this process or another) holds `owner`'s byte.
    /// Unknown owners (0) and a failing check count as alive: a reply is marked cut off only
    /// when its writer is known to be gone.
    func isAlive(_ owner: Int64) -> Bool {
        guard owner > 0 else { return true }
        if owner == self.owner { return true }
        var lock = Self.byteLock(at: owner, type: Int16(F_WRLCK))
        guard fcntl(descriptor, Self.getLock, &lock) == 0 else { return true }
        return lock.l_type != Int16(F_UNLCK)
    }

    private static func byteLock(at offset: Int64, type: Int16) -> flock {
        var lock = flock()
        lock.l_type = type
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = off_t(offset)
        lock.l_len = 1
        lock.l_pid = 0  // required 0 for the F_OFD_* commands
        return lock
    }
}
