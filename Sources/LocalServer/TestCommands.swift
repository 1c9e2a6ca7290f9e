/// Test commands: words at the very start of the last user message that make the server
/// misbehave on purpose, so tests and benchmarks can reach every path of a client.
/// Several may be combined (`/delay 100 /tokens 3 hello`); parsing stops at the first word
/// that is not a command, and the rest is the prompt the reply acknowledges.
///
/// | command          | effect |
/// |------------------|--------|
/// | `/tokens N`      | reply with exactly N content deltas, no delay (unless `/delay` is also given) |
/// | `/delay MS`      | wait MS milliseconds before each content delta |
/// | `/error STATUS`  | answer with that HTTP status (400...599) and the dialect's JSON error body |
/// | `/stream-error`  | a few deltas, then an error event (`ProviderInternalServerError`, "upstream failed") |
/// | `/drop`          | a few deltas, then close the connection without the done block |
/// | `/stall`         | one delta, then silence until the client leaves or the server stops |
/// | `/echo`          | reply with the exact JSON body received, pretty-printed |
/// | `/escape`        | reply containing terminal escape sequences (ESC[2J, OSC 52) |
public struct TestCommands: Sendable, Equatable {
    public enum Ending: Sendable, Equatable {
        /// The reply finishes normally.
        case normal
        /// An error event after a few deltas.
        case streamError
        /// The connection closes after a few deltas.
        case drop
        /// Silence after one delta.
        case stall
    }

    public var tokenCount: Int?
    public var delayMilliseconds: Int?
    public var errorStatus: Int?
    public var ending: Ending = .normal
    public var echo = false
    public var escape = false
    /// What follows the commands.
    public var prompt: String

    /// The help text the executable prints; kept next to the parser so they cannot drift.
    public static let helpText = """
    Test commands (at the start of the last user message; may be combined):
      /tokens N       reply with exactly N content deltas, no delay
      /delay MS       wait MS milliseconds before each content delta
      /error STATUS   respond with HTTP STATUS and the dialect's JSON error body
                      (429 adds Retry-After: 1)
      /stream-error   a few deltas, then an error event (upstream failed)
      /drop           a few deltas, then close the connection without `done`
      /stall          one delta, then nothing until the client disconnects
      /echo           reply with the JSON body received, pretty-printed
      /escape         reply containing terminal escape sequences (ESC[2J, OSC 52)
    """

    /// Reads the commands at the start of `message`. Numbers are clamped to sane ranges so a
    /// typo cannot make the server allocate gigabytes or sleep for days.
    public static func parse(_ message: String) -> TestCommands {
        var commands = TestCommands(prompt: message)
        var words = Substring(message).split(whereSeparator: \.isWhitespace)[...]
        var consumedEnd = message.startIndex
        func number(after word: Substring) -> Int? {
            guard let next = words.dropFirst().first, let value = Int(next) else { return nil }
            return value
        }
        loop: while let word = words.first {
            var used = 1
            switch word {
            case "/tokens":
                guard let value = number(after: word) else { break loop }
                commands.tokenCount = min(max(value, 0), 1_000_000)
                used = 2
            case "/delay":
                guard let value = number(after: word) else { break loop }
                commands.delayMilliseconds = min(max(value, 0), 60_000)
                used = 2
            case "/error":
                guard let value = number(after: word) else { break loop }
                commands.errorStatus = value
                used = 2
            case "/stream-error": commands.ending = .streamError
            case "/drop": commands.ending = .drop
            case "/stall": commands.ending = .stall
            case "/echo": commands.echo = true
            case "/escape": commands.escape = true
            default: break loop
            }
            let taken = words.prefix(used)
            if let last = taken.last { consumedEnd = last.endIndex }
            words = words.dropFirst(used)
        }
        commands.prompt = String(message[consumedEnd...].drop(while: \.isWhitespace))
        return commands
    }
}
