import Foundation
import GRDB

/// A failure of the session database, phrased for the user: `message` says what happened,
/// names the file, and says what to do about it.
public struct StoreError: Error, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// Another connection (usually another chatterm) holds the write lock past the busy timeout.
        case locked
        case diskFull
        case readOnly
        /// The file is not an SQLite database, or is damaged.
        case corrupt
        /// Written by a later chatterm (its schema has migrations this one does not know).
        case newerSchema
        case cannotOpen
        case other
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension StoreError {
    /// Maps any error thrown while using the database at `path` to a `StoreError`.
    /// `busyTimeoutSeconds` is quoted in the "locked" message so the user knows we did wait.
    static func from(_ error: Error, path: String, busyTimeoutSeconds: Double) -> StoreError {
        if let storeError = error as? StoreError { return storeError }
        let place = describe(path: path)
        guard let databaseError = error as? DatabaseError else {
            return StoreError(
                kind: .other,
                message: "\(place) could not be used: \(error.localizedDescription)."
            )
        }
        let detail = databaseError.message ?? "SQLite error \(databaseError.extendedResultCode.rawValue)"
        switch databaseError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(
                kind: .locked,
                message: "\(place) is locked by another process (waited \(formatSeconds(busyTimeoutSeconds)) s). "
                    + "Close the other program using it (perhaps another chatterm) and try again."
            )
        case .SQLITE_FULL:
            return StoreError(
                kind: .diskFull,
                message: "\(place) cannot grow: the disk is full, so the last change was not saved. "
                    + "Free some disk space and try again."
            )
        case .SQLITE_READONLY:
            return StoreError(
                kind: .readOnly,
                message: "\(place) is read-only, so changes cannot be saved. "
                    + "Check the permissions of the file and of its directory."
            )
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreError(
                kind: .corrupt,
                message: "\(place) is damaged or is not an SQLite database (\(detail)). "
                    + "Move it aside (for example to \(path).broken) and chatterm will start a new one."
            )
        case .SQLITE_CANTOPEN, .SQLITE_PERM:
            return StoreError(
                kind: .cannotOpen,
                message: "\(place) cannot be opened (\(detail)). "
                    + "Check that its directory exists and that you may read and write there."
            )
        default:
            return StoreError(kind: .other, message: "\(place) reported an error: \(detail).")
        }
    }

    /// Failure to create the directory or the file before SQLite ever sees them.
    static func cannotCreate(path: String, what: String, errno code: Int32) -> StoreError {
        StoreError(
            kind: .cannotOpen,
            message: "\(describe(path: path)) cannot be opened: creating \(what) failed (\(String(cString: strerror(code)))). "
                + "Check that you may write there, or choose another location."
        )
    }

    static func newerSchema(path: String, unknown: [String]) -> StoreError {
        StoreError(
            kind: .newerSchema,
            message: "\(describe(path: path)) was written by a newer chatterm (schema \(unknown.sorted().joined(separator: ", "))), "
                + "which this one cannot use without risking it; it was left untouched. Use the newer chatterm, or start "
                + "this one with another file (--db PATH)."
        )
    }

    /// SQLite found damage inside the file (its header was fine): nothing more is written to it.
    static func damaged(path: String, detail: String) -> StoreError {
        StoreError(
            kind: .corrupt,
            message: "\(describe(path: path)) is damaged (\(detail)), so chatterm writes nothing more to it. "
                + "Move it aside (for example to \(path).broken) and chatterm will start a new one; the damaged "
                + "file can then be read with recovery tools (sqlite3 \(path).broken .recover)."
        )
    }

    static func missingSession(_ id: String, path: String) -> StoreError {
        StoreError(
            kind: .other,
            message: "\(describe(path: path)) has no session with id \(id); it may have been deleted."
        )
    }

    static func describe(path: String) -> String {
        path == SessionStore.inMemoryPath ? "The in-memory session database" : "The session database \(path)"
    }

    /// "3", "0.2", "1.5": whole seconds without a fraction, others with one decimal.
    static func formatSeconds(_ seconds: Double) -> String {
        if seconds == seconds.rounded() { return String(Int(seconds)) }
        return String(format: "%.1f", seconds)
    }
}
