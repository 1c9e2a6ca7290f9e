import ChatCore
import Foundation
import ProcessSpawn

/// Copies through a clipboard program (wl-copy, xclip, xsel, pbcopy): the text goes to it on
/// stdin from a private temporary file; the program is reaped off the UI thread (xclip stays
/// up until another program takes the clipboard, so nothing waits for it).
enum ClipboardTool {
    /// The tool `method` names, or for `auto` the first one installed for this display; nil
    /// when there is none (or the method is OSC 52 alone).
    static func command(for method: ClipboardMethod, environment: [String: String]) -> [String]? {
        let candidates = method == .auto ? ClipboardMethod.autoCandidates(environment: environment) : [method]
        for candidate in candidates {
            if let command = candidate.toolCommand, let path = executable(command[0], environment: environment) {
                return [path] + command.dropFirst()
            }
        }
        return nil
    }

    static func copy(_ text: String, with command: [String]) throws {
        let path = Spawn.temporaryPath("clipboard")
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Spawn.Failure(description: "could not write a temporary file for \(command[0])")
        }
        let pid: pid_t
        do {
            pid = try Spawn.start(command, streams: Spawn.Streams(input: path, output: "/dev/null", error: "/dev/null"))
        } catch {
            unlink(path)
            throw error
        }
        // The child has the file open (or will within the spawn); the name can go once it ends.
        DispatchQueue.global(qos: .utility).async {
            _ = Spawn.wait(pid)
            unlink(path)
        }
    }

    private static func executable(_ name: String, environment: [String: String]) -> String? {
        for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = directory + "/" + name
            if access(path, X_OK) == 0 { return path }
        }
        return nil
    }
}
