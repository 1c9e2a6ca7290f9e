import Foundation
import SessionStore

/// When the session database cannot be used as it is (damaged, or written by a newer
/// chatterm), chatterm never overwrites it: on a terminal it says so and offers a way to
/// start; elsewhere it only says so.
enum DamagedDatabaseOffer {
    /// The store to run with after the user accepted the offer; nil when declined (or when
    /// there is nobody to ask), after which the original error stands.
    static func offer(for error: StoreError, path: String, now: Date = Date()) -> SessionStore? {
        guard error.kind == .corrupt || error.kind == .newerSchema, isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 else {
            return nil
        }
        let stamp = Self.stamp(now)
        let question: String
        let newPath: String
        if error.kind == .corrupt {
            // Moved aside whole (with its WAL and shared-memory files): kept for recovery tools,
            // and the next start finds a fresh file where chatterm looks for it.
            newPath = path
            question = "Move it aside to \(path).broken-\(stamp) and start a new database? [y/N] "
        } else {
            newPath = (path as NSString).deletingPathExtension + "-\(stamp).sqlite"
            question = "Start with a new database beside it, \(newPath)? [y/N] "
        }
        FileHandle.standardError.write(Data("chatterm: \(error)\n\(question)".utf8))
        guard let answer = readLine(), answer.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("y") else { return nil }
        if error.kind == .corrupt {
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                do {
                    try FileManager.default.moveItem(atPath: path + suffix, toPath: path + ".broken-\(stamp)" + suffix)
                } catch {
                    FileHandle.standardError.write(Data("chatterm: could not move \(path + suffix) aside: \(error.localizedDescription)\n".utf8))
                    return nil
                }
            }
        }
        do {
            let store = try SessionStore(path: newPath)
            if error.kind == .newerSchema {
                FileHandle.standardError.write(Data("chatterm: next time, start with --db \(newPath) to find these sessions.\n".utf8))
            }
            return store
        } catch {
            FileHandle.standardError.write(Data("chatterm: \(error)\n".utf8))
            return nil
        }
    }

    /// After a run in which the file was found damaged: says so, and moves it aside (with its
    /// WAL and shared-memory files) when the user agrees, so that the next start makes a new
    /// one. Nothing to ask off a terminal. Whether the file was moved.
    @discardableResult
    static func offerMoveAside(for error: StoreError, path: String) -> Bool {
        FileHandle.standardError.write(Data("chatterm: \(error)\n".utf8))
        guard error.kind == .corrupt, isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 else { return false }
        let broken = path + ".broken-" + stamp(Date())
        FileHandle.standardError.write(Data("Move it aside to \(broken) now? [y/N] ".utf8))
        guard let answer = readLine(), answer.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("y") else { return false }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            do {
                try FileManager.default.moveItem(atPath: path + suffix, toPath: broken + suffix)
            } catch {
                FileHandle.standardError.write(Data("chatterm: could not move \(path + suffix) aside: \(error.localizedDescription)\n".utf8))
                return false
            }
        }
        FileHandle.standardError.write(Data("chatterm: moved; the next start makes a new database.\n".utf8))
        return true
    }

    /// "20261203-093015" in UTC: sorts by time, safe in a file name.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}
