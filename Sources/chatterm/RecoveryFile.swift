import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the writes the database would not take are put when chatterm quits with them still
/// waiting: a private (0600) file of JSON lines beside the database, named for the time, and
/// the sentence that says on stderr what was not saved and where it is.
enum RecoveryFile {
    /// "chatterm-unsaved-2026-12-08T00-52-10Z.jsonl": sorts by time, says what it is.
    static func name(at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH-mm-ss'Z'"
        return "chatterm-unsaved-\(formatter.string(from: date)).jsonl"
    }

    /// Writes `lines` to a new file in the first of `directories` that takes it (the data dir,
    /// then the temporary one); returns its path. Never replaces a file that is there.
    static func write(_ lines: [String], in directories: [String], at date: Date) throws -> String {
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        var lastError = RecoveryFileError(path: directories.first ?? "", errno: ENOENT)
        for directory in directories {
            let base = (directory as NSString).appendingPathComponent(name(at: date))
            for attempt in 0..<100 {
                let path = attempt == 0 ? base : base.replacingOccurrences(of: ".jsonl", with: "-\(attempt).jsonl")
                let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                if descriptor < 0, errno == EEXIST { continue }
                guard descriptor >= 0 else {
                    lastError = RecoveryFileError(path: path, errno: errno)
                    break
                }
                // The umask may have taken bits away; it never adds any. Set it exactly.
                fchmod(descriptor, 0o600)
                let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                let synced = fsync(descriptor) == 0
                let code = errno
                close(descriptor)
                if written == bytes.count, synced { return path }
                unlink(path)
                lastError = RecoveryFileError(path: path, errno: code)
                break
            }
        }
        throw lastError
    }

    /// What stderr says once the terminal is restored: how many changes of which kind were not
    /// saved, where they are and what the file holds (there is no import for it).
    static func report(changes: [String], reason: String, path: String) -> String {
        "chatterm: \(describe(changes)) could not be saved to the session database (\(reason)), even at quit; "
            + "they are in \(path) (one JSON object per line, oldest first: the change, its session "
            + "id and its text). `chatterm import` does not read this file: copy what you need from it.\n"
    }

    /// When even the recovery file cannot be written, the lines themselves go to stderr.
    static func reportUnwritten(changes: [String], reason: String, lines: [String], problem: String) -> String {
        "chatterm: \(describe(changes)) could not be saved to the session database (\(reason)), and no recovery "
            + "file could be written (\(problem)); here they are, one JSON object per line:\n"
            + lines.map { escapingTerminalControls($0) + "\n" }.joined()
    }

    /// JSON escapes C0 controls but not DEL or the C1 range (U+0080 to U+009F, where a lone
    /// CSI lives): written to the terminal, those are escaped the JSON way too.
    static func escapingTerminalControls(_ line: String) -> String {
        var escaped = ""
        for scalar in line.unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) {
                escaped += String(format: "\\u%04X", scalar.value)
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// "3 changes (1 new session, 2 messages)".
    static func describe(_ changes: [String]) -> String {
        var counts: [(String, Int)] = []
        for change in changes {
            if let index = counts.firstIndex(where: { $0.0 == change }) { counts[index].1 += 1 } else { counts.append((change, 1)) }
        }
        let parts = counts.map { change, count in
            let (one, many) = names[change] ?? (change, change)
            return "\(count) \(count == 1 ? one : many)"
        }
        return "\(changes.count) change\(changes.count == 1 ? "" : "s") (\(parts.joined(separator: ", ")))"
    }

    private static let names: [String: (String, String)] = [
        "createSession": ("new session", "new sessions"),
        "saveMessage": ("message", "messages"),
        "saveParameters": ("parameter change", "parameter changes"),
        "saveSessionProfile": ("profile choice", "profile choices"),
        "saveDraft": ("draft", "drafts"),
        "renameSession": ("rename", "renames"),
        "deleteSession": ("session deletion", "session deletions"),
        "deleteMessages": ("message deletion", "message deletions"),
        "restoreDeletion": ("undone deletion", "undone deletions"),
        "forkSession": ("fork", "forks"),
    ]
}

struct RecoveryFileError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String { "\(path): \(String(cString: strerror(errno)))" }
}
