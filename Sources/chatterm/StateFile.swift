import ChatCore
import Foundation

/// The small private file that carries `RememberedChoices` from one run to the next:
/// `$XDG_STATE_HOME/chatterm/state.json` (an absolute `XDG_STATE_HOME` only, as XDG says), else
/// `~/.local/state/chatterm/state.json`. Private like the database (directory 0700, file 0600):
/// a session id is nobody else's business. Written whole to a temporary file beside it and
/// renamed over it, so a crash leaves the old file or the new one, never half of one.
enum StateFile {
    static func defaultPath(environment: [String: String]) -> String? {
        if let stateHome = environment["XDG_STATE_HOME"], stateHome.hasPrefix("/") {
            return (stateHome as NSString).appendingPathComponent("chatterm/state.json")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return (home as NSString).appendingPathComponent(".local/state/chatterm/state.json")
    }

    /// What the file remembers, and a notice when it was there but could not be used (it is then
    /// ignored, and the next save replaces it). A missing file is a first run: no notice.
    static func read(at path: String) -> (RememberedChoices, notice: String?) {
        guard let data = FileManager.default.contents(atPath: path) else { return (RememberedChoices(), nil) }
        guard data.count <= 64 * 1024, let text = String(data: data, encoding: .utf8) else {
            return (RememberedChoices(), "\(path) is damaged (not a small UTF-8 file): ignored, and rewritten on the next change.")
        }
        switch RememberedChoices.parse(text) {
        case let .success(choices):
            return (choices, nil)
        case let .failure(problem):
            return (RememberedChoices(), "\(path) is damaged (\(problem)): ignored, and rewritten on the next change.")
        }
    }

    /// Replaces the file with `choices` (creating its directory 0700 when missing).
    static func write(_ choices: RememberedChoices, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let temporary = path + ".tmp-\(getpid())"
        let bytes = Array(choices.fileText.utf8)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StateFileError(path: temporary, errno: errno) }
        fchmod(descriptor, 0o600)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced else {
            let code = errno
            unlink(temporary)
            throw StateFileError(path: temporary, errno: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw StateFileError(path: path, errno: code)
        }
    }
}

struct StateFileError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String { "Could not write \(path): \(String(cString: strerror(errno)))" }
}
