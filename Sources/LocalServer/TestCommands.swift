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
/// | `/tool NAME JSON`| a call to the offered function NAME (or `…__NAME`) with JSON arguments; repeatable |
/// | `/tool-rounds N NAME [JSON]` | call NAME again until N tool results follow the user's turn, then answer |
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
    /// `/tool NAME JSON` (repeatable): calls to named tools, in order, all in one reply.
    public var namedToolCalls: [NamedToolCall] = []
    /// `/tool-rounds N NAME [JSON]`: the call, and how many results end the rounds.
    public var toolRounds: ToolRounds?
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
      /tool NAME JSON answer with a call to the offered function NAME (or one whose
                      name ends with __NAME), JSON its arguments (default {});
                      repeatable: several calls in one reply. NAME alone works
                      when such a function is offered. Once the last message is a
                      tool result, the reply is "NAME returned: CONTENT", one line
                      per result since the last assistant turn
      /tool-rounds N NAME [JSON]
                      call NAME again after each result until N results follow
                      the user's message, then answer as above
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
            case "/tool":
                // `/tool NAME {…}` names the call; a bare `/tool` keeps the words after it as
                // the prompt (the reply plan may still read the first one as an offered name).
                if let name = words.dropFirst().first, let call = namedCall(name: name, in: message) {
                    commands.namedToolCalls.append(call.call)
                    consumedEnd = call.end
                    words = Self.words(of: message, from: call.end)
                    continue loop
                }
                commands.toolCall = true
            case "/tool-rounds":
                guard let count = number(after: word), let name = words.dropFirst(2).first else { break loop }
                if let call = namedCall(name: name, in: message) {
                    commands.toolRounds = ToolRounds(count: min(max(count, 1), 100), call: call.call)
                    consumedEnd = call.end
                    words = Self.words(of: message, from: call.end)
                    continue loop
                }
                guard Self.isToolName(name) else { break loop }
                commands.toolRounds = ToolRounds(count: min(max(count, 1), 100), call: NamedToolCall(name: String(name), arguments: "{}"))
                used = 3
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

    /// `NAME {JSON}` starting at the word `name`: the call and where its JSON ends. Nil when
    /// `name` is not a tool name or no `{` follows it (the call is then not named).
    private static func namedCall(name: Substring, in message: String) -> (call: NamedToolCall, end: String.Index)? {
        guard isToolName(name) else { return nil }
        let rest = message[name.endIndex...].drop(while: \.isWhitespace)
        guard rest.first == "{" else { return nil }
        // An object that never closes takes the rest of the message: the reply says it is not JSON.
        let end = endOfJSONObject(rest) ?? rest.endIndex
        return (NamedToolCall(name: String(name), arguments: String(rest[..<end])), end)
    }

    /// Letters, digits, `_`, `-` and `.`: what function names may hold (OpenAI's rule, plus dots).
    static func isToolName(_ word: Substring) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)) }
    }

    /// Where the balanced `{…}` at the start of `text` ends (strings and escapes respected), or
    /// nil when it never closes. Whether it is valid JSON is the reply plan's question.
    static func endOfJSONObject(_ text: Substring) -> String.Index? {
        var depth = 0
        var inString = false
        var escaped = false
        for index in text.indices {
            let character = text[index]
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true
            case "{", "[": depth += 1
            case "}", "]":
                depth -= 1
                if depth == 0 { return text.index(after: index) }
            default: break
            }
        }
        return nil
    }

    private static func words(of message: String, from index: String.Index) -> ArraySlice<Substring> {
        message[index...].split(whereSeparator: \.isWhitespace)[...]
    }
}

/// One `/tool NAME JSON` call: the name as typed (matched against the request's functions by
/// the reply plan) and the arguments' text as typed.
public struct NamedToolCall: Sendable, Equatable {
    public var name: String
    /// The JSON object's text, `{}` when none was given.
    public var arguments: String
    public init(name: String, arguments: String) {
        self.name = name
        self.arguments = arguments
    }
}

/// `/tool-rounds N NAME [JSON]`: the call, and how many tool results after the user's
/// message end the rounds.
public struct ToolRounds: Sendable, Equatable {
    public var count: Int
    public var call: NamedToolCall
}
