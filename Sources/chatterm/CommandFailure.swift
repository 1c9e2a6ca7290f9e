import ScriptMode
import SessionStore

/// A failure of the run, not of how the command was typed: a damaged database, a file that
/// cannot be read or written. Said as one `chatterm: ...` sentence with its own exit status and
/// no usage text (the command was right; the world was not). Usage mistakes stay
/// `ValidationError`s, which exit 64 with the subcommand's usage.
struct CommandFailure: Error, Equatable, CustomStringConvertible {
    var status: AskExitStatus
    var description: String

    init(_ status: AskExitStatus, _ description: String) {
        self.status = status
        self.description = description
    }

    /// The session database failed: damaged or newer (65) is the file's fault, the rest (74)
    /// the system's.
    static func store(_ error: StoreError) -> CommandFailure {
        switch error.kind {
        case .corrupt, .newerSchema: return CommandFailure(.databaseUnusable, error.message)
        case .locked, .diskFull, .readOnly, .cannotOpen, .other: return CommandFailure(.databaseFailed, error.message)
        }
    }

    /// Any error from a store call: a `StoreError` by its kind, anything else as a failure of
    /// the database.
    static func store(any error: any Error) -> CommandFailure {
        if let storeError = error as? StoreError { return store(storeError) }
        return CommandFailure(.databaseFailed, "\(error)")
    }
}
