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
/// | `/flaky STATUS K`| the first K requests with this same message get `/error STATUS`; later ones stream |
/// | `/retry-after S` | the `Retry-After` header (seconds) of `/error` and `/flaky` answers |
/// | `/comments N`    | N keep-alive comment lines (`: ping`), spaced by the delay, before the reply |
/// | `/garbage N`     | N data lines that are not JSON, after the first delta (a broken proxy or server) |
/// | `/stream-error`  | a few deltas, then an error event (`ProviderInternalServerError`, "upstream failed") |
/// | `/drop`          | a few deltas, then close the connection without the done block |
/// | `/stall`         | one delta, then silence until the client leaves or the server stops |
/// | `/echo`          | reply with the exact JSON body received, pretty-printed |
/// | `/escape`        | reply containing terminal escape sequences (ESC[2J, OSC 52) |
/// | `/reasoning N`   | N reasoning deltas (`reasoning_content`) before the reply |
/// | `/tool`          | answer with a tool call (the request's first tool, else `lookup`), no text |
/// | `/markdown`      | a reply rich in Markdown: headings, tables, code in several languages, nested lists, quotes |
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
    /// `/flaky STATUS K`: the status, and how many identical requests get it.
    public var flakyStatus: Int?
    public var flakyCount: Int?
    /// `/retry-after S`: overrides the default `Retry-After` (1 s on 429 and 503).
    public var retryAfterSeconds: Int?
    /// `/comments N`: keep-alive comments before the reply.
    public var commentCount: Int?
    /// `/garbage N`: data lines that are not JSON, after the first content delta.
    public var garbageCount: Int?
    public var ending: Ending = .normal
    public var echo = false
    public var escape = false
    /// `/reasoning N`: reasoning deltas before the content.
    public var reasoningCount: Int?
    /// `/tool`: a tool call instead of text.
    public var toolCall = false
    /// `/markdown`: tables, code and the other constructs, block after block.
    public var markdown = false
    /// What follows the commands.
    public var prompt: String

    /// The help text the executable prints; kept next to the parser so they cannot drift.
    public static let helpText = """
    Test commands (at the start of the last user message; may be combined):
      /tokens N       reply with exactly N content deltas, no delay
      /delay MS       wait MS milliseconds before each content delta
      /error STATUS   respond with HTTP STATUS and the dialect's JSON error body
                      (429 and 503 add Retry-After: 1)
      /flaky STATUS K the first K requests with this exact message get /error STATUS,
                      later ones stream normally (for retries)
      /retry-after S  send Retry-After: S with /error and /flaky answers
      /comments N     N keep-alive comment lines (": ping"), spaced by /delay, before
                      the reply (with /stall: keep-alives, then silence)
      /garbage N      N data lines that are not JSON after the first delta (the
                      reply still ends normally)
      /stream-error   a few deltas, then an error event (upstream failed)
      /drop           a few deltas, then close the connection without `done`
      /stall          one delta, then nothing until the client disconnects
      /echo           reply with the JSON body received, pretty-printed
      /escape         reply containing terminal escape sequences (ESC[2J, OSC 52)
      /reasoning N    N reasoning deltas (reasoning_content) before the reply
      /tool           answer with a tool call to the request's first tool (else
                      "lookup"), its arguments streamed in pieces, and no text
      /markdown       a reply rich in Markdown: headings, tables, code in several
                      languages, nested and task lists, quotes, links
    """

    /// Reads the commands at the start of `message`. Numbers are clamped to sane ranges so a
    /// typo cannot make the server allocate gigabytes or sleep for days.
    public static func parse(_ message: String) -> TestCommands {
        var commands = TestCommands(prompt: message)
        var words = Substring(message).split(whereSeparator: \.isWhitespace)[...]
        var consumedEnd = message.startIndex
        func number(after word: Substring, at offset: Int = 1) -> Int? {
            guard let next = words.dropFirst(offset).first, let value = Int(next) else { return nil }
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
            case "/flaky":
                guard let status = number(after: word), let count = number(after: word, at: 2) else { break loop }
                commands.flakyStatus = status
                commands.flakyCount = min(max(count, 0), 1_000)
                used = 3
            case "/retry-after":
                guard let value = number(after: word) else { break loop }
                commands.retryAfterSeconds = min(max(value, 0), 3_600)
                used = 2
            case "/comments":
                guard let value = number(after: word) else { break loop }
                commands.commentCount = min(max(value, 0), 10_000)
                used = 2
            case "/garbage":
                guard let value = number(after: word) else { break loop }
                commands.garbageCount = min(max(value, 0), 10_000)
                used = 2
            case "/stream-error": commands.ending = .streamError
            case "/drop": commands.ending = .drop
            case "/stall": commands.ending = .stall
            case "/echo": commands.echo = true
            case "/escape": commands.escape = true
            case "/reasoning":
                guard let value = number(after: word) else { break loop }
                commands.reasoningCount = min(max(value, 0), 100_000)
                used = 2
            case "/tool": commands.toolCall = true
            case "/markdown": commands.markdown = true
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
