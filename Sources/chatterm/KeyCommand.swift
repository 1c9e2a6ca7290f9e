import ChatCore
import Foundation
import ProcessSpawn

/// Runs `api_key_command` (`/bin/sh -c COMMAND`) once, before the screen is taken over, and
/// keeps the first line it prints as the key. Run on the calling thread (`Spawn.capture`): a
/// hung command is killed with its whole process group, and no helper thread is left blocked. The key travels through a pipe only: it is never
/// written to a file, logged or shown; a failure is reported with the command's exit status and
/// the first line of its error output (never its standard output, which may be the key).
enum KeyCommand {
    static let defaultTimeoutSeconds = 30.0

    static func run(_ command: String, timeoutSeconds: Double = defaultTimeoutSeconds) throws -> String {
        let captured: Spawn.Captured
        do {
            captured = try Spawn.capture(["/bin/sh", "-c", command], timeoutSeconds: timeoutSeconds)
        } catch {
            throw LaunchError("api_key_command \(quoted(command)) could not be started: \(error).")
        }
        guard let status = captured.status else {
            throw LaunchError(
                "api_key_command \(quoted(command)) did not finish within \(secondsText(timeoutSeconds)) s and was stopped; "
                    + "run it in a shell to see what it waits for.")
        }
        guard status == 0 else {
            let detail = firstLine(of: captured.error).map { ": \($0)" } ?? ""
            throw LaunchError("api_key_command \(quoted(command)) failed (exit status \(status))\(detail).")
        }
        guard let key = firstLine(of: captured.output) else {
            throw LaunchError("api_key_command \(quoted(command)) printed nothing; its first line must be the key.")
        }
        return key
    }

    private static func secondsText(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }

    /// The first non-empty line, without its line break and surrounding spaces.
    private static func firstLine(of data: Data) -> String? {
        String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .lazy.map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
    }

    /// The command as the user wrote it, quoted so that odd characters show plainly.
    private static func quoted(_ command: String) -> String {
        let short = command.count > 60 ? String(command.prefix(57)) + "…" : command
        return short.debugDescription
    }
}
