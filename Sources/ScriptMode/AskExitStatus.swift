import StreamProtocol

/// How `chatterm ask` ended, as its exit status: a script can tell "fix the key" from "try
/// later" from "check the network" without reading stderr. The statuses from 64 up are every
/// subcommand's (`sessions`, `export`, `import`, the app itself). Listed in `chatterm ask
/// --help` and docs/ask.md.
public enum AskExitStatus: Int32, Sendable, Equatable, CaseIterable {
    /// The reply arrived whole.
    case success = 0
    /// The request was refused (400, 404, 422, a server that did not stream), or something
    /// else failed that none of the statuses below names.
    case failed = 1
    /// The key was refused or may not do this (401, 403).
    case authentication = 3
    /// Still rate limited (429) after the retries, or out of quota.
    case rateLimited = 4
    /// The server or its model provider failed (5xx, or an error in the middle of the stream).
    case serverError = 5
    /// The server could not be reached, or the connection broke before the reply finished.
    case connection = 6
    /// A flag, the prompt or the config file is wrong: nothing was sent (ArgumentParser's
    /// EX_USAGE, which its own usage errors use too).
    case usage = 64
    /// The session database is damaged or was written by a newer chatterm; it was left as it
    /// is (sysexits' EX_DATAERR: the data, not the command, is wrong).
    case databaseUnusable = 65
    /// A file the command names (`@file`, `--system-file`, a file to import) is missing or
    /// cannot be read as text (EX_NOINPUT).
    case inputUnreadable = 66
    /// The output file (`export -o`) cannot be written (EX_CANTCREAT).
    case outputUnwritable = 73
    /// The session database cannot be opened or written: permissions, a full disk, a lock
    /// held too long (EX_IOERR).
    case databaseFailed = 74
    /// Ctrl+C (SIGINT) stopped the reply; what arrived was printed and kept.
    case interrupted = 130

    public init(category: ErrorCategory?) {
        switch category {
        case .authentication?: self = .authentication
        case .rateLimit?: self = .rateLimited
        case .server?: self = .serverError
        case .connection?: self = .connection
        case .request?, nil: self = .failed
        }
    }

    /// The `category` of a `--json` error line for a failure before anything was sent.
    public var category: String {
        switch self {
        case .usage: return "usage"
        case .databaseUnusable, .databaseFailed: return "database"
        case .inputUnreadable: return "input"
        case .outputUnwritable: return "output"
        case .authentication: return "authentication"
        case .rateLimited: return "rate_limit"
        case .serverError: return "server"
        case .connection: return "connection"
        case .interrupted: return "interrupted"
        case .success, .failed: return "other"
        }
    }

    /// One line each, for `--help` and the docs.
    public var meaning: String {
        switch self {
        case .success: return "the reply arrived whole"
        case .failed: return "the request was refused (400, 404, 422, ...) or another failure"
        case .authentication: return "the API key was refused or lacks permission (401, 403)"
        case .rateLimited: return "rate limited (429) after the retries, or out of quota"
        case .serverError: return "the server or model provider failed (5xx, an error mid-stream)"
        case .connection: return "the server could not be reached, or the connection broke"
        case .usage: return "a flag, the prompt or the config is wrong; nothing was sent"
        case .databaseUnusable: return "the session database is damaged or from a newer chatterm (left untouched)"
        case .inputUnreadable: return "a file named on the command line (@FILE, --system-file, import) cannot be read"
        case .outputUnwritable: return "the output file cannot be written"
        case .databaseFailed: return "the session database cannot be opened or written (permissions, disk full, locked)"
        case .interrupted: return "interrupted by Ctrl+C; the partial reply was printed (and kept with --session)"
        }
    }

    /// "  0  the reply arrived whole", one line per status.
    public static var table: String {
        allCases.map { "  \(String($0.rawValue).leftPadded(to: 3))  \($0.meaning)" }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
