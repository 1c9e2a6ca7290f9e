import ChatCore
import ChattermConfig
import Foundation

/// Reads the config file for `ConfigFileParser`: the one place that touches it on disk.
/// Opened once and checked through the open descriptor (fstat), so the permissions judged
/// are those of the bytes read, even if the file is replaced meanwhile.
enum ConfigLoader {
    static let maximumBytes = 1 << 20

    /// `--config PATH` (which must exist), else the default location (which may not).
    /// nil when there is no file to read.
    static func load(explicitPath: String?, environment: [String: String]) throws -> ConfigFileSettings? {
        guard let path = explicitPath ?? ConfigPaths.defaultPath(environment: environment),
              let (text, permissions) = try read(path, mustExist: explicitPath != nil)
        else { return nil }
        do {
            return try ConfigFileParser.parse(text: text, path: path, permissions: permissions, homeDirectory: environment["HOME"])
        } catch {
            throw LaunchError(error.description)
        }
    }

    /// The file's text and permission bits; nil when it is not there and need not be.
    static func read(_ path: String, mustExist: Bool) throws -> (text: String, permissions: UInt32)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT && !mustExist { return nil }
            throw LaunchError("config file \(path): cannot be opened (\(String(cString: strerror(code)))).")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw LaunchError("config file \(path): cannot be read (\(String(cString: strerror(errno)))).")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw LaunchError("config file \(path): is not a regular file.") }
        guard info.st_size <= maximumBytes else {
            throw LaunchError("config file \(path): is larger than \(maximumBytes / 1024) KiB; is it the right file?")
        }
        let data = try readAll(descriptor, path: path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw LaunchError("config file \(path): is not UTF-8 text.")
        }
        return (text, UInt32(info.st_mode & 0o777))
    }

    private static func readAll(_ descriptor: Int32, path: String) throws -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count <= maximumBytes {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                throw LaunchError("config file \(path): cannot be read (\(String(cString: strerror(errno)))).")
            }
            data.append(contentsOf: buffer[0..<count])
        }
        throw LaunchError("config file \(path): is larger than \(maximumBytes / 1024) KiB; is it the right file?")
    }
}
