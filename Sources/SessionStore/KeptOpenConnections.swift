import Foundation
import GRDB

/// The connections of stores found damaged, kept open until the process ends. The last
/// connection to close a WAL database checkpoints: it copies the WAL's pages into the file,
/// which for a damaged file writes over it (and may spread the damage), and then deletes the
/// WAL, which holds the latest saves whole. Never closed, SQLite writes nothing at the end; the
/// WAL stays beside the file for recovery tools (and is moved aside with it, see
/// `DamagedDatabaseOffer`). The kernel drops the locks when the process ends.
enum KeptOpenConnections {
    private static let lock = NSLock()
    // safe: read and written only under `lock`.
    nonisolated(unsafe) private static var kept: [any DatabaseWriter] = []

    static func keep(_ writer: any DatabaseWriter) {
        lock.lock()
        kept.append(writer)
        lock.unlock()
    }
}
