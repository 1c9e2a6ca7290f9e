import Foundation

/// The sibling executables (chatterm, chatterm-server) are looked for next to the running
/// benchmark, so `.build/release/chatterm-bench` and any `--scratch-path` build both find theirs.
enum BinaryLocator {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static var ownDirectory: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? "."
        return URL(fileURLWithPath: exe).deletingLastPathComponent().path
    }

    static func sibling(_ name: String) throws -> String {
        let path = ownDirectory + "/" + name
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Missing(description: "\(name) not found at \(path); build it first: swift build -c release --product \(name) (or run make bench)")
        }
        return path
    }

    /// A program from PATH (curl, tmux).
    static func onPath(_ name: String) throws -> String {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw Missing(description: "\(name) not found on PATH; install it (apt-get install \(name)) or use --skip-e2e")
    }
}
