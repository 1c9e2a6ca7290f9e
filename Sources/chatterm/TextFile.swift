import Foundation

/// Reads a small text file the user named (the config file, a theme, `--system-file`, an
/// `@file` argument): the one reader, so every one of them fails with the same plain words
/// ("cannot read theme file X: permission denied") instead of a Foundation error domain.
/// Opened once and checked through the open descriptor (fstat), so the permissions judged are
/// those of the bytes read, even if the file is replaced meanwhile.
enum TextFile {
    /// Why a file could not be read, phrased for the user; `missing` tells "not there" apart
    /// (a default location may be absent).
    struct Problem: Error, Equatable, CustomStringConvertible {
        var description: String
        var missing = false
    }

    /// The file's text and permission bits. `what` names the file in messages ("theme file").
    static func read(_ path: String, what: String, maximumBytes: Int) throws(Problem) -> (text: String, permissions: UInt32) {
        let (data, permissions) = try readBytes(path, what: what, maximumBytes: maximumBytes)
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(description: "\(what) \(path) is not UTF-8 text.")
        }
        return (text, permissions)
    }

    /// The file's bytes, for formats that decode their own text (an import).
    static func readData(_ path: String, what: String, maximumBytes: Int) throws(Problem) -> Data {
        try readBytes(path, what: what, maximumBytes: maximumBytes).data
    }

    private static func readBytes(_ path: String, what: String, maximumBytes: Int) throws(Problem) -> (data: Data, permissions: UInt32) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            let code = errno
            throw Problem(description: cannotRead(what, path, reason: reason(code)), missing: code == ENOENT)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Problem(description: cannotRead(what, path, reason: reason(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw Problem(description: cannotRead(what, path, reason: "it is a directory"))
        default: throw Problem(description: cannotRead(what, path, reason: "it is not a regular file"))
        }
        let tooLarge = Problem(description: "\(what) \(path) is larger than \(sizeText(maximumBytes)); is it the right file?")
        guard info.st_size <= maximumBytes else { throw tooLarge }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw Problem(description: cannotRead(what, path, reason: reason(errno)))
            }
            data.append(contentsOf: buffer[0..<count])
            // The file may have grown since fstat.
            guard data.count <= maximumBytes else { throw tooLarge }
        }
        return (data, UInt32(info.st_mode & 0o777))
    }

    static func cannotRead(_ what: String, _ path: String, reason: String) -> String {
        "cannot read \(what) \(path): \(reason)."
    }

    /// strerror's words, lower-cased to sit inside a sentence: "permission denied".
    static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    private static func sizeText(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
    }
}
