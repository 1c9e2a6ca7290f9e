import MCP

/// What one call of a local tool does, decided from its name and arguments before anything
/// runs, so the decision is tested without a process: answer, answer after a pause, or crash.
public enum LocalToolOutcome: Equatable, Sendable {
    /// A result: its text, and whether it reports a failure (`isError`).
    case answer(String, isError: Bool)
    /// Wait this long, then answer with the text.
    case answerAfter(seconds: Double, String)
    /// Write "crash requested" to stderr and exit with status 3.
    case crash

    /// The exit status `crash` ends the server with.
    public static let crashStatus: Int32 = 3
    public static let crashMessage = "crash requested"

    /// Bad arguments (a missing or mistyped field) are an `isError` answer naming the field,
    /// as the MCP spec asks for errors the model can correct, never a protocol error.
    public static func plan(tool: LocalToolName, arguments: [String: Value]?) -> LocalToolOutcome {
        let arguments = arguments ?? [:]
        switch tool {
        case .echo:
            guard let text = arguments["text"]?.stringValue else { return badArgument("echo", "text", "a string") }
            return .answer(text, isError: false)
        case .add:
            guard let a = number(arguments["a"]) else { return badArgument("add", "a", "a number") }
            guard let b = number(arguments["b"]) else { return badArgument("add", "b", "a number") }
            return .answer(formatted(a + b), isError: false)
        case .slow:
            var seconds = LocalToolCatalog.defaultSlowSeconds
            if let given = arguments["seconds"] {
                guard let value = number(given), value >= 0, value <= LocalToolCatalog.maximumSlowSeconds else {
                    return badArgument("slow", "seconds", "a number from 0 to 600")
                }
                seconds = value
            }
            return .answerAfter(seconds: seconds, "slept \(formatted(seconds)) s")
        case .crash:
            return .crash
        case .fail:
            let message = arguments["message"]?.stringValue ?? "the tool failed"
            return .answer(message, isError: true)
        case .big:
            guard let value = number(arguments["kilobytes"]), value >= 0, value == value.rounded(),
                  value <= Double(LocalToolCatalog.maximumKilobytes)
            else { return badArgument("big", "kilobytes", "a whole number from 0 to 10240") }
            return .answer(bigText(kilobytes: Int(value)), isError: false)
        }
    }

    /// Numbered lines of exactly `kilobytes` × 1024 bytes (ASCII), so a test can check both the
    /// length and that nothing in the middle was lost.
    public static func bigText(kilobytes: Int) -> String {
        let total = kilobytes * 1024
        var text = ""
        text.reserveCapacity(total)
        var line = 1
        while text.utf8.count < total {
            text += "line \(line): the quick brown fox jumps over the lazy dog\n"
            line += 1
        }
        return String(text.utf8.prefix(total)) ?? ""
    }

    private static func number(_ value: Value?) -> Double? {
        switch value {
        case let .int(number)?: return Double(number)
        case let .double(number)?: return number
        default: return nil
        }
    }

    /// Whole numbers without a fraction ("5", not "5.0"); others as Swift prints them.
    static func formatted(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    private static func badArgument(_ tool: String, _ field: String, _ expected: String) -> LocalToolOutcome {
        .answer("\(tool): the argument \"\(field)\" must be \(expected)", isError: true)
    }
}
