import ChatCore
import StreamProtocol

/// What `chatterm ask` writes: a view of the reply the reducer keeps (`AskReplyView`, read
/// from the same stream state the conversation uses), printing what changed since the last
/// look. Pure, so every byte of both formats is tested without a process. The runner reduces
/// each stream event on its own and shows the state after it, so `--json` still writes one
/// line per event; it writes `stdout` and `stderr` of each answer as soon as it gets it.
///
/// - `.text`: the reply text on stdout, with terminal escape sequences removed unless `raw`
///   (see `TerminalEscapeStripper`), ending with a line break; retries, tool calls and errors
///   on stderr as sentences. Reasoning is not printed (it is in `--json`).
/// - `.json`: one JSON object a line on stdout (`delta`, `reasoning`, `tool_call`,
///   `tool_result`, `retry`, `done`, `error`), text exactly as received (JSON escapes every
///   control character).
///
/// With MCP tools an ask is several replies: a reply that ends with tool calls the tools run
/// for (`endToolRound`), each call's end (`toolResult`), then the next reply, up to the one
/// that answers in text, whose `finish` ends the output.
public struct AskOutput: Sendable {
    public enum Format: Sendable, Equatable {
        case text(raw: Bool)
        case json
    }

    /// Bytes for each stream, as text.
    public struct Writes: Sendable, Equatable {
        public var stdout = ""
        public var stderr = ""
        public init(stdout: String = "", stderr: String = "") {
            self.stdout = stdout
            self.stderr = stderr
        }

        /// `other` after these (a batch of events is written at once, one write per stream).
        public mutating func append(_ other: Writes) {
            stdout += other.stdout
            stderr += other.stderr
        }
    }

    /// Where a stored turn went, for the `done` event (nil when nothing is stored).
    public struct StoredTurn: Sendable, Equatable {
        public var sessionID: String
        public var messageID: String
        public init(sessionID: String, messageID: String) {
            self.sessionID = sessionID
            self.messageID = messageID
        }
    }

    public let format: Format
    public let dialect: Dialect
    private var stripper = TerminalEscapeStripper()
    private var toolCalls: [ToolCall] = []
    private var model: String?
    private var finishReason: String?
    private var usage: TokenUsage?
    private var completion: StreamCompletion?
    private var streamError: APIError?
    /// Stream events that were not JSON (skipped): said on stderr, counted in `done`.
    private var skippedEvents = 0
    /// How much of the reply's text and reasoning is out already (UTF-8 bytes: text is only
    /// ever appended, so what is new is what lies past them).
    private var shownContentBytes = 0
    private var shownReasoningBytes = 0
    /// Whether the text printed so far ends a line (true before any).
    private var atLineStart = true
    private var printedText = false

    public init(format: Format, dialect: Dialect) {
        self.format = format
        self.dialect = dialect
    }

    /// True once the stream said it finished (`done`) or failed (an `error` event).
    public var hasEnded: Bool { completion != nil || streamError != nil }

    /// How the runner reduces a network read's events, showing the state after each step.
    /// `--json` writes a line per event: each is a step. Text is the same bytes however the
    /// events are grouped, so the read is one step (one reduce per read, not per delta), cut
    /// before the event that ends the reply: what came before it is seen while the stream
    /// still holds it (the first skipped event, which the finished message does not keep).
    public func steps(_ events: [StreamEvent]) -> [[StreamEvent]] {
        if format == .json { return events.map { [$0] } }
        guard let end = events.firstIndex(where: \.endsReply), end > 0 else { return [events] }
        return [Array(events[..<end]), Array(events[end...])]
    }

    /// What changed in the reply since the last look, as bytes for stdout and stderr.
    public mutating func show(_ reply: AskReplyView) -> Writes {
        var writes = Writes()
        guard !hasEnded else { return writes }
        let content = reply.content.utf8
        if content.count > shownContentBytes {
            let text = String(decoding: content.dropFirst(shownContentBytes), as: UTF8.self)
            shownContentBytes = content.count
            switch format {
            case let .text(raw):
                let shown = raw ? text : stripper.filter(text)
                if !shown.isEmpty {
                    writes.stdout += shown
                    atLineStart = shown.hasSuffix("\n")
                    printedText = true
                }
            case .json:
                writes.stdout += line([("type", .string("delta")), ("text", .string(text))])
            }
        }
        let reasoning = reply.reasoning.utf8
        if reasoning.count > shownReasoningBytes {
            let text = String(decoding: reasoning.dropFirst(shownReasoningBytes), as: UTF8.self)
            shownReasoningBytes = reasoning.count
            if format == .json { writes.stdout += line([("type", .string("reasoning")), ("text", .string(text))]) }
        }
        if reply.skippedEvents > skippedEvents {
            let first = skippedEvents == 0
            skippedEvents = reply.skippedEvents
            switch format {
            case .text:
                // The first one is shown; the rest are counted at the end.
                if first, let excerpt = reply.firstSkipped {
                    writes.stderr += "chatterm: skipped a stream event that was not JSON: \(Self.safe(excerpt))\n"
                }
            case .json:
                if let excerpt = reply.lastSkipped { writes.stdout += line([("type", .string("skipped")), ("data", .string(excerpt))]) }
            }
        }
        if let name = reply.model { model = name }
        if let reason = reply.finishReason { finishReason = reason }
        // The finished message keeps no running total: the last one the stream had stands.
        if let tokens = reply.usage { usage = tokens }
        if !reply.toolCalls.isEmpty { toolCalls = reply.toolCalls }
        switch reply.ending {
        case let .done(result)?: completion = result
        case let .failed(error)?: streamError = error
        case .interrupted?, nil: break
        }
        return writes
    }

    /// The client waits before trying again (429, 5xx, a failed connection).
    public func retrying(_ notice: RetryNotice) -> Writes {
        let seconds = Double(notice.delayMillis) / 1000
        switch format {
        case .text:
            return Writes(stderr: "chatterm: \(Self.safe(notice.reason.headline)); retry \(notice.attempt) of "
                + "\(notice.maxAttempts) in \(Self.seconds(seconds))\n")
        case .json:
            return Writes(stdout: line([
                ("type", .string("retry")), ("attempt", .number(Double(notice.attempt))),
                ("max_attempts", .number(Double(notice.maxAttempts))), ("delay_ms", .number(Double(notice.delayMillis))),
                ("retry_after", .bool(notice.fromRetryAfter)),
            ] + Self.errorMembers(notice.reason)))
        }
    }

    /// The exchange is over: `failure` is the transport's (an HTTP status, a broken
    /// connection), nil for a clean close; `interrupted` when the user stopped it.
    public mutating func finish(failure: APIError?, interrupted: Bool, stored: StoredTurn?) -> (Writes, AskExitStatus) {
        var writes = Writes()
        stripper.finish()
        let outcome: (error: APIError, status: AskExitStatus, category: String)?
        if interrupted {
            outcome = (APIError(code: "interrupted", message: "Interrupted: the reply is incomplete."), .interrupted, "interrupted")
        } else if let error = streamError ?? failure {
            let category = ErrorAdvice.category(of: error)
            // A mid-stream error event without a known code is the server's failure.
            let status = streamError != nil && category == nil ? .serverError : AskExitStatus(category: category)
            outcome = (error, status, category?.rawValue ?? (status == .serverError ? "server" : "other"))
        } else if completion == nil {
            let error = APIError(
                code: "ConnectionDropped", message: "The connection closed before the reply finished; the text is incomplete.")
            outcome = (error, .connection, ErrorCategory.connection.rawValue)
        } else {
            outcome = nil
        }

        switch format {
        case .text:
            if printedText && !atLineStart { writes.stdout += "\n" }
            writes.stderr += toolCallNotes
            if skippedEvents > 0 {
                writes.stderr += "chatterm: \(skippedEvents) stream event\(skippedEvents == 1 ? " was" : "s were") not JSON and skipped; the reply may miss text.\n"
            }
            if let outcome { writes.stderr += errorText(outcome.error, interrupted: interrupted) }
        case .json:
            writes.stdout += toolCallLines
            if let outcome {
                writes.stdout += line(
                    [("type", .string("error")), ("category", .string(outcome.category))]
                        + Self.errorMembers(outcome.error, advice: interrupted ? nil : ErrorAdvice.advice(for: outcome.error, dialect: dialect))
                        + [("exit_status", .number(Double(outcome.status.rawValue)))]
                        + storedMembers(stored))
            } else {
                writes.stdout += doneLine(stored)
            }
        }
        return (writes, outcome?.status ?? .success)
    }

    // MARK: - Tool rounds

    /// A reply ended with tool calls that chatterm runs, and another reply follows: its calls
    /// are said (as `finish` would), and the next reply is shown from its start.
    public mutating func endToolRound() -> Writes {
        var writes = Writes()
        switch format {
        case .text:
            if printedText && !atLineStart {
                writes.stdout += "\n"
                atLineStart = true
            }
            writes.stderr += toolCallNotes
        case .json:
            writes.stdout += toolCallLines
        }
        toolCalls = []
        finishReason = nil
        completion = nil
        streamError = nil
        shownContentBytes = 0
        shownReasoningBytes = 0
        skippedEvents = 0
        return writes
    }

    /// One tool call ended (ran, failed, timed out, was refused or stopped).
    public func toolResult(_ result: ToolResultEvent) -> Writes {
        switch format {
        case .text:
            var sentence = "chatterm: \(Self.safe(result.server)) · \(Self.safe(result.tool)) \(result.outcome.sentence)"
            if let elapsed = result.elapsedMillis, result.outcome != .refused { sentence += " in \(elapsed) ms" }
            return Writes(stderr: sentence + "\n")
        case .json:
            var members: [(key: String, value: JSONValue)] = [
                ("type", .string("tool_result")), ("id", .string(result.callID)), ("name", .string(result.name)),
                ("server", .string(result.server)), ("tool", .string(result.tool)),
                ("outcome", .string(result.outcome.rawValue)),
            ]
            if let elapsed = result.elapsedMillis { members.append(("elapsed_ms", .number(Double(elapsed)))) }
            if let text = result.text { members.append(("content", .string(text))) }
            return Writes(stdout: line(members))
        }
    }

    // MARK: - Pieces

    /// The assembled calls, one `tool_call` line each, before `done` or `error`.
    private var toolCallLines: String {
        toolCalls.map { call in
            var members: [(key: String, value: JSONValue)] = [("type", .string("tool_call")), ("index", .number(Double(call.index)))]
            if let id = call.id { members.append(("id", .string(id))) }
            members += [("name", .string(call.name)), ("arguments", .string(call.arguments))]
            return line(members)
        }.joined()
    }

    /// In text mode tool calls are not the reply's text: one line each on stderr, cleaned, so
    /// stdout stays the text alone.
    private var toolCallNotes: String {
        toolCalls.map { "chatterm: tool call \(Self.safe($0.name)) \(Self.safe($0.arguments))\n" }.joined()
    }

    private func doneLine(_ stored: StoredTurn?) -> String {
        var members: [(key: String, value: JSONValue)] = [("type", .string("done"))]
        if let model { members.append(("model", .string(model))) }
        if let finishReason { members.append(("finish_reason", .string(finishReason))) }
        if let usage {
            var tokens: [(key: String, value: JSONValue)] = []
            if let n = usage.promptTokens { tokens.append(("prompt_tokens", .number(Double(n)))) }
            if let n = usage.completionTokens { tokens.append(("completion_tokens", .number(Double(n)))) }
            if let n = usage.totalTokens { tokens.append(("total_tokens", .number(Double(n)))) }
            members.append(("usage", .object(tokens)))
        }
        if let traceID = completion?.traceID { members.append(("trace_id", .string(traceID))) }
        if skippedEvents > 0 { members.append(("skipped_events", .number(Double(skippedEvents)))) }
        if let text = completion?.documentChunksJSON {
            // As the server sent it; text that is not JSON is passed on as a string.
            members.append(("document_chunks", JSONValue.parse(text) ?? .string(text)))
        }
        return line(members + storedMembers(stored))
    }

    private func storedMembers(_ stored: StoredTurn?) -> [(key: String, value: JSONValue)] {
        guard let stored else { return [] }
        return [("session", .string(stored.sessionID)), ("message_id", .string(stored.messageID))]
    }

    private func errorText(_ error: APIError, interrupted: Bool) -> String {
        if interrupted { return "chatterm: interrupted; the reply above is incomplete.\n" }
        var text = "chatterm: \(Self.safe(error.headline))\n"
        if let details = error.details, !details.isEmpty { text += "chatterm: \(Self.safe(details))\n" }
        if let advice = ErrorAdvice.advice(for: error, dialect: dialect) { text += "→ \(advice)\n" }
        return text
    }

    private static func errorMembers(_ error: APIError, advice: String? = nil) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        if let status = error.status { members.append(("status", .number(Double(status)))) }
        if let code = error.code { members.append(("code", .string(code))) }
        members.append(("message", .string(error.message)))
        if let details = error.details { members.append(("details", .string(details))) }
        if let advice { members.append(("advice", .string(advice))) }
        return members
    }

    /// `--json`'s line for a failure before any request (a flag, a file, the database): the
    /// same `error` event a failed reply ends with, so a script reads one shape. `message` is
    /// the sentence stderr says too.
    public static func failureLine(message: String, status: AskExitStatus) -> String {
        JSONValue.object([
            ("type", .string("error")), ("category", .string(status.category)), ("message", .string(message)),
            ("exit_status", .number(Double(status.rawValue))),
        ]).compactText + "\n"
    }

    private func line(_ members: [(key: String, value: JSONValue)]) -> String {
        JSONValue.object(members).compactText + "\n"
    }

    /// Server text on stderr goes through the stripper too, and stays on one line.
    static func safe(_ text: String) -> String {
        TerminalEscapeStripper.stripped(text).replacingNewlines()
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\((value * 10).rounded() / 10) s"
    }
}

/// A tool call's end, as `ask` reports it (`AskOutput.toolResult`).
public struct ToolResultEvent: Sendable, Equatable {
    /// The model's id for the call.
    public var callID: String
    /// The name the model called (`SERVER__TOOL`).
    public var name: String
    public var server: String
    public var tool: String
    public var outcome: ToolRunOutcome
    public var elapsedMillis: Int64?
    /// What the tool returned (untrusted; JSON escapes it), nil when it did not run.
    public var text: String?

    public init(
        callID: String, name: String, server: String, tool: String, outcome: ToolRunOutcome,
        elapsedMillis: Int64? = nil, text: String? = nil
    ) {
        self.callID = callID
        self.name = name
        self.server = server
        self.tool = tool
        self.outcome = outcome
        self.elapsedMillis = elapsedMillis
        self.text = text
    }

    /// The calls of `before` that one reduce step ended, with the time they ran when they had
    /// started. A call still in the turn afterwards tells its own outcome; when the step ended
    /// the whole turn (its last call ended, so the turn is gone and the next request is on its
    /// way), the call the step was about (`current`: the `.toolFinished` or the refusal the
    /// runner dispatched) ends with the outcome the runner knows.
    public static func ended(
        before: ToolTurn?, after: ToolTurn?, nowMillis: Int64,
        current: (callID: String, outcome: ToolRunOutcome, text: String?)? = nil
    ) -> [ToolResultEvent] {
        guard let before else { return [] }
        let sameTurn = after?.replyID == before.replyID
        let afterCalls = sameTurn ? after?.calls ?? [] : []
        return before.calls.enumerated().compactMap { index, run -> ToolResultEvent? in
            if case .ended = run.state { return nil }
            let id = run.call.wireID
            var outcome: ToolRunOutcome?
            if index < afterCalls.count, case let .ended(ended) = afterCalls[index].state {
                outcome = ended
            } else if !sameTurn, let current, current.callID == id {
                outcome = current.outcome
            }
            guard let outcome else { return nil }
            var elapsed: Int64?
            if case let .running(started) = run.state { elapsed = max(0, nowMillis - started) }
            return ToolResultEvent(
                callID: id, name: run.call.name, server: run.server, tool: run.tool, outcome: outcome,
                elapsedMillis: elapsed, text: current?.callID == id ? current?.text : nil)
        }
    }
}

extension ToolRunOutcome {
    /// How `ask`'s text mode says it on stderr.
    var sentence: String {
        switch self {
        case .succeeded: "ran"
        case .failed: "failed"
        case .refused: "was refused"
        case .timedOut: "timed out"
        case .stopped: "was stopped"
        }
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}

extension StreamEvent {
    /// `done` or an `error` event: the reducer moves the reply out of the stream.
    fileprivate var endsReply: Bool {
        switch self {
        case .done, .error: true
        default: false
        }
    }
}
