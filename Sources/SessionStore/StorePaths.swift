import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the database lives, and making sure its directory and file are private to the user:
/// chat history can hold anything the user pasted, so it is never group- or world-readable.
enum StorePaths {
    static let directoryMode: mode_t = 0o700
    static let fileMode: mode_t = 0o600

    static func defaultPath(environment: [String: String]) -> String {
        // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return join(dataHome, "chatterm/chatterm.sqlite")
        }
        return join(homeDirectory(environment: environment), ".local/share/chatterm/chatterm.sqlite")
    }

    /// Creates every missing directory above `path` with mode 0700 (existing ones are the user's
    /// and left alone), then the file itself with mode 0600 if it does not exist yet. SQLite gives
    /// its -wal and -shm files the mode of the database file, so they are private too.
    static func preparePrivateFile(at path: String) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try createDirectories(directory, forDatabase: path)
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        if descriptor >= 0 {
            // The umask may have removed bits we asked for; never added any. Set it exactly.
            fchmod(descriptor, fileMode)
            close(descriptor)
        } else if errno != EEXIST {
            throw StoreError.cannotCreate(path: path, what: "the file", errno: errno)
        }
    }

    /// Before the first connection to a file already in WAL mode (and when no other process
    /// has it open, so there is no WAL yet): makes its `-wal` and `-shm`, one byte each, 0600
    /// like the database. SQLite would give them the database file's mode (an empty file
    /// too: it sets the mode of any empty file it opens, hence the byte), and GRDB,
    /// finding no WAL or an empty one, creates and drops a table to make one, which raises
    /// `schema_version` and, at close, changes the file: every open, even `sessions list` on
    /// a healthy or a damaged file, would write. SQLite reads a WAL shorter than its 32-byte
    /// header as holding no frames and writes a fresh header at the first commit; the first
    /// connection rebuilds the shared memory whatever it holds; the last close deletes both as
    /// usual. `O_EXCL`: a WAL that exists is never touched.
    static func prepareWriteAheadLog(forDatabaseAt path: String) {
        guard isInWALMode(path) else { return }
        for suffix in ["-wal", "-shm"] {
            let descriptor = open(path + suffix, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
            guard descriptor >= 0 else { continue }
            fchmod(descriptor, fileMode)
            var byte: UInt8 = 0
            _ = write(descriptor, &byte, 1)
            close(descriptor)
        }
    }

    /// Whether the file's header says WAL mode (bytes 18 and 19 both 2): read raw, without
    /// SQLite, so that nothing is opened before the WAL is there.
    private static func isInWALMode(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 20)
        let count = header.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 20) }
        return count == 20 && header.starts(with: Array("SQLite format 3\0".utf8)) && header[18] == 2 && header[19] == 2
    }

    private static func createDirectories(_ directory: String, forDatabase path: String) throws(StoreError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw StoreError.cannotCreate(path: path, what: "its directory \(directory)", errno: ENOTDIR)
        }
        let parent = (directory as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != directory {
            try createDirectories(parent, forDatabase: path)
        }
        if mkdir(directory, directoryMode) != 0 {
            // Another process may have created it between our check and mkdir: that is fine.
            if errno == EEXIST { return }
            throw StoreError.cannotCreate(path: path, what: "its directory \(directory)", errno: errno)
        }
        chmod(directory, directoryMode)
    }

    private static func homeDirectory(environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir {
            return String(cString: directory)
        }
        return "/tmp"
    }

    private static func join(_ base: String, _ relative: String) -> String {
        base.hasSuffix("/") ? base + relative : base + "/" + relative
    }
}
