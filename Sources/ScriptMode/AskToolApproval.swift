import ChatCore
import StreamProtocol

/// `chatterm ask`'s answer to a tool call waiting for approval: `--approve-tools` runs every call;
/// otherwise on a terminal the user is asked on stderr (the answer read from /dev/tty, so a
/// prompt piped into stdin does not answer it), and without one every call is refused (the
/// model is told). The answer is the app's command, dispatched as the app's keys would (`y`,
/// `a`, `n`, `A`).
public enum AskToolApproval {
    /// How this run approves.
    public enum Mode: Sendable, Equatable {
        /// Ask on stderr, read the answer from the terminal.
        case ask
        /// `--approve-tools`: run every call without asking.
        case runAll
        /// No terminal and no `--approve-tools`: refuse every call (the model is told).
        case refuseAll
    }

    /// `--approve-tools` is asked for by name, so it wins even on a terminal (a user who typed
    /// it does not want the question); else a terminal (stderr one, /dev/tty open) asks.
    public static func mode(hasTerminal: Bool, approveTools: Bool) -> Mode {
        if approveTools { return .runAll }
        return hasTerminal ? .ask : .refuseAll
    }

    /// The question for the call waiting: `run SERVER · TOOL ARGS? [y]es/[a]lways/[n]o/[A]ll `
    /// (arguments from the model cleaned of escapes, on one line, cut to `argumentLimit`).
    public static func prompt(for run: ToolCallRun) -> String {
        var arguments = AskOutput.safe(run.call.arguments.isEmpty ? "{}" : run.call.arguments)
        if arguments.count > argumentLimit { arguments = String(arguments.prefix(argumentLimit - 1)) + "…" }
        return "run \(AskOutput.safe(run.server)) · \(AskOutput.safe(run.tool)) \(arguments)? [y]es/[a]lways/[n]o/[A]ll "
    }

    public static let argumentLimit = 200

    /// The command a typed answer means; nil asks again. Case matters for `A` (all) against
    /// `a` (always); an empty line or end of input is no.
    public static func command(forAnswer line: String?) -> Command? {
        guard let line else { return .refuseTool }
        switch line.split(whereSeparator: \.isWhitespace).joined(separator: " ") {
        case "y", "Y", "yes", "Yes", "YES": return .runTool
        case "a", "always": return .alwaysRunTool
        case "A", "all", "All", "ALL": return .runAllTools
        case "n", "N", "no", "No", "NO", "": return .refuseTool
        default: return nil
        }
    }

    /// What is said when an answer was not understood.
    public static let unclearAnswer = "answer y (run once), a (always this tool), n (refuse) or A (run all of this reply's calls)\n"

    /// The command for a call in a pipe (nil: ask).
    public static func command(for mode: Mode) -> Command? {
        switch mode {
        case .ask: return nil
        case .runAll: return .runTool
        case .refuseAll: return .refuseTool
        }
    }
}
