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
