import ChatCore
import ChattermConfig
import Foundation

/// Reads the config file for `ConfigFileParser` (through `TextFile`, which checks the
/// permissions of the bytes it read).
enum ConfigLoader {
    static let maximumBytes = 1 << 20

    /// `--config PATH` (which must exist), else the default location (which may not).
    /// nil when there is no file to read.
    static func load(explicitPath: String?, environment: [String: String]) throws -> ConfigFileSettings? {
        guard let path = explicitPath ?? ConfigPaths.defaultPath(environment: environment),
              let (text, permissions) = try read(path, mustExist: explicitPath != nil)
        else { return nil }
        do {
            return try ConfigFileParser.parseReportingAll(
                text: text, path: path, permissions: permissions, homeDirectory: environment["HOME"])
        } catch {
            // Every problem, one a line, each as `chatterm: ...` (ErrorReport adds the first's).
            let count = error.errors.count
            throw LaunchError(error.errors.map(\.description).joined(separator: "\nchatterm: ")
                + (count > 1 ? "\nchatterm: \(count) problems; the file was not used (`chatterm config check` lists them too)." : ""))
        }
    }

    /// The file's text and permission bits; nil when it is not there and need not be.
    static func read(_ path: String, mustExist: Bool) throws -> (text: String, permissions: UInt32)? {
        do {
            return try TextFile.read(path, what: "config file", maximumBytes: maximumBytes)
        } catch {
            if error.missing && !mustExist { return nil }
            throw LaunchError(error.description)
        }
    }
}
