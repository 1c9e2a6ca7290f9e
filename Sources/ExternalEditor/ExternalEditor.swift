import Foundation
import ProcessSpawn

/// What came back from the editor: the new text, or nil with a sentence saying why nothing
/// changed. The old value is never lost: a failure leaves the field as it was.
public struct EditOutcome: Sendable, Equatable {
    public var text: String?
    public var problem: String?
    public init(text: String?, problem: String?) {
        self.text = text
        self.problem = problem
    }
}

/// Edits text in the user's editor: writes it to a private temporary file (mode 0600: it may
/// be a system prompt the user would not share), runs the editor on the terminal, reads the
/// file back and always deletes it.
public enum ExternalEditor {
    /// - Parameters:
    ///   - fileSuffix: e.g. ".json", so the editor highlights what it shows.
    ///   - onTerminal: runs its argument with the terminal handed over (the app suspends its
    ///     screen around it) and returns what it returns.
    public static func edit(
        _ text: String, fileSuffix: String, environment: [String: String],
        onTerminal: (() throws -> Int32) throws -> Int32
    ) -> EditOutcome {
        let directory = temporaryDirectory(environment: environment)
        let path: String
        do {
            path = try createPrivateFile(in: directory, suffix: fileSuffix, contents: EditorCommand.fileContents(for: text))
        } catch {
            return failure("Could not create a temporary file for the editor in \(directory) (\(error))")
        }
        defer { unlink(path) }

        let command = EditorCommand.resolve(environment: environment)
        let status: Int32
        do {
            status = try onTerminal { try Spawn.runOnTerminal(EditorCommand.argv(command: command, path: path)) }
        } catch {
            return failure("Could not start the editor \(quoted(command)): \(error)")
        }
        if let problem = problem(exitStatus: status, command: command) { return failure(problem) }

        guard let data = FileManager.default.contents(atPath: path) else {
            return failure("Could not read the edited text back from \(path)")
        }
        guard let contents = String(data: data, encoding: .utf8) else {
            return failure("The edited text is not valid UTF-8")
        }
        return EditOutcome(text: EditorCommand.textFromFile(contents), problem: nil)
    }

    /// Why an exit status means the edit did not happen, or nil for success. 126 and 127 are
    /// the shell's "cannot run" and "not found".
    static func problem(exitStatus: Int32, command: String) -> String? {
        switch exitStatus {
        case 0: return nil
        case 127: return "The editor \(quoted(command)) was not found (set VISUAL or EDITOR)"
        case 126: return "The editor \(quoted(command)) could not be run (is it executable?)"
        case 129...: return "The editor \(quoted(command)) was stopped by signal \(exitStatus - 128)"
        default: return "The editor \(quoted(command)) exited with status \(exitStatus)"
        }
    }

    private static func failure(_ problem: String) -> EditOutcome {
        EditOutcome(text: nil, problem: problem + "; nothing changed.")
    }

    /// `$TMPDIR` when it is an absolute path, else /tmp.
    static func temporaryDirectory(environment: [String: String]) -> String {
        if let directory = environment["TMPDIR"], directory.hasPrefix("/") {
            return directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        }
        return "/tmp"
    }

    /// mkstemps: a fresh name no one else can have created, opened O_EXCL with mode 0600.
    static func createPrivateFile(in directory: String, suffix: String, contents: String) throws -> String {
        var template = Array("\(directory)/chatterm-edit-XXXXXX\(suffix)".utf8CString)
        let descriptor = mkstemps(&template, Int32(suffix.utf8.count))
        guard descriptor >= 0 else { throw POSIXFailure(errno) }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { close(descriptor) }
        // mkstemp already uses 0600 on glibc; say so explicitly rather than rely on it.
        fchmod(descriptor, 0o600)
        let bytes = Array(contents.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                unlink(path)
                throw POSIXFailure(code)
            }
            offset += written
        }
        return path
    }

    private static func quoted(_ command: String) -> String {
        // The command comes from the environment: control characters must not reach the notice.
        let short = command.count > 60 ? String(command.prefix(57)) + "…" : command
        let visible = String(String.UnicodeScalarView(short.unicodeScalars.map {
            $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : $0
        }))
        return "\"" + visible + "\""
    }
}

struct POSIXFailure: Error, CustomStringConvertible {
    let code: Int32
    init(_ code: Int32) { self.code = code }
    var description: String { String(cString: strerror(code)) }
}
