import ArgumentParser
import Foundation
import ScriptMode
import SessionStore

/// How every subcommand says it failed, in one shape: `chatterm: <sentence>` on stderr; for a
/// usage mistake (exit 64) the usage of the subcommand that was typed, not the root's; for a
/// failure of the run (`CommandFailure`) its own status and no usage. `chatterm ask --json`
/// also gets the failure as an `error` line on stdout, so a script reading only stdout sees it.
enum ErrorReport {
    struct Outcome: Equatable {
        var stdout = ""
        var stderr = ""
        var status: Int32
    }

    /// `command` is the subcommand whose run threw, nil when parsing (or `validate()`) did;
    /// `arguments` are the command line's, without the program name.
    static func outcome(for error: any Error, command: ParsableCommand?, arguments: [String]) -> Outcome {
        guard let command else { return parsingOutcome(error, arguments: arguments) }
        let type = Swift.type(of: command)
        let json = (command as? AskCommand)?.json == true
        switch error {
        case let exit as ExitCode:
            return Outcome(status: exit.rawValue)
        case let failure as CommandFailure:
            return failed(failure.description, status: failure.status, json: json)
        case let store as StoreError:
            let failure = CommandFailure.store(store)
            return failed(failure.description, status: failure.status, json: json)
        case let validation as ValidationError:
            var outcome = failed(validation.message, status: .usage, json: json)
            outcome.stderr += usageBlock(for: type)
            return outcome
        default:
            // ArgumentParser's own: `--help` is a command whose run asks for the help, a command
            // group run without a subcommand shows its help (both exit 0), anything else exits 1.
            return parsingOutcome(error, arguments: arguments)
        }
    }

    /// ArgumentParser's own message (an unknown flag, a bad value, a `validate()` refusal)
    /// with its usage of the subcommand typed, in chatterm's shape; help and version as they are.
    private static func parsingOutcome(_ error: any Error, arguments: [String]) -> Outcome {
        let status = ChattermCommand.exitCode(for: error).rawValue
        let text = ChattermCommand.fullMessage(for: error)
        guard status != 0 else { return Outcome(stdout: text.hasSuffix("\n") || text.isEmpty ? text : text + "\n", status: 0) }
        let shown = TerminalEscapeStripper.stripped(text)
        var stderr = shown.hasPrefix("Error: ") ? "chatterm: " + shown.dropFirst("Error: ".count) : "chatterm: " + shown
        if !stderr.hasSuffix("\n") { stderr += "\n" }
        var stdout = ""
        if isAskWithJSON(arguments) {
            var message = TerminalEscapeStripper.stripped(ChattermCommand.message(for: error))
            if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
            stdout = AskOutput.failureLine(message: message, status: AskExitStatus(rawValue: status) ?? .usage)
        }
        return Outcome(stdout: stdout, stderr: stderr, status: status)
    }

    private static func failed(_ message: String, status: AskExitStatus, json: Bool) -> Outcome {
        let sentence = TerminalEscapeStripper.stripped(message)
        return Outcome(
            stdout: json ? AskOutput.failureLine(message: sentence, status: status) : "",
            stderr: "chatterm: \(sentence)\n", status: status.rawValue)
    }

    /// "Usage: chatterm export <session> ...", then where the rest is, as ArgumentParser says it.
    static func usageBlock(for type: ParsableCommand.Type) -> String {
        let path = (["chatterm"] + (commandPath(to: type, from: ChattermCommand.self) ?? [])).joined(separator: " ")
        return "Usage: \(ChattermCommand.usageString(for: type))\n  See '\(path) --help' for more information.\n"
    }

    /// The subcommand names from `root` down to `type` ([] for the root itself).
    private static func commandPath(to type: ParsableCommand.Type, from root: ParsableCommand.Type) -> [String]? {
        if type == root { return [] }
        for sub in root.configuration.subcommands {
            if let rest = commandPath(to: type, from: sub) { return [sub._commandName] + rest }
        }
        return nil
    }

    /// `chatterm ask ... --json ...` (before a `--` that ends the flags).
    static func isAskWithJSON(_ arguments: [String]) -> Bool {
        guard arguments.first == "ask" else { return false }
        return arguments.prefix(while: { $0 != "--" }).contains("--json")
    }
}
