/// What the server will answer to one valid chat request: the tokens, their pacing and how the
/// reply ends. Decided up front from the request, the test commands and the configuration.
struct ReplyPlan: Sendable {
    var tokens: [String]
    /// `/reasoning N`: sent as `reasoning_content` deltas before `tokens`.
    var reasoningTokens: [String]
    /// `/tool`, `/tool NAME JSON`, `/tool-rounds`: the calls the reply makes instead of text.
    var toolCalls: [PlannedToolCall]
    var finishReason: String
    var delay: Duration
    var ending: TestCommands.Ending
    /// Keep-alive comments before the first event (`/comments N`), spaced by `delay`.
    var commentCount: Int
    /// Data lines that are not JSON after the first content delta (`/garbage N`).
    var garbageCount: Int

    /// How many deltas `/stream-error` and `/drop` send before failing.
    static let deltasBeforeFailure = 3

    init(request: ChatCompletionRequest, commands: TestCommands, configuration: LocalServerConfiguration) {
        let seed = UInt64(bitPattern: Int64(request.seed ?? 0))
        var tokens: [String]
        if commands.echo {
            let text = String(decoding: request.rawBody, as: UTF8.self)
            tokens = ReplyWriter.tokens(of: JSONText.reindented(text))
        } else if commands.escape {
            tokens = ReplyWriter.tokens(of: ReplyWriter.escapeReply)
        } else if let count = commands.tokenCount {
            tokens = ReplyWriter.exactTokens(count, prompt: commands.prompt, seed: seed, rich: commands.markdown)
        } else {
            tokens = ReplyWriter.naturalTokens(
                approximateCount: configuration.defaultTokenCount, prompt: commands.prompt, seed: seed,
                rich: commands.markdown)
        }
        var finishReason = "stop"
        toolCalls = []
        switch ToolReply.decide(request: request, commands: commands) {
        case .none:
            break
        case let .calls(calls):
            toolCalls = calls
            tokens = []
            finishReason = "tool_calls"
        case let .text(text):
            tokens = ReplyWriter.tokens(of: text)
        }
        reasoningTokens = commands.reasoningCount.map {
            ReplyWriter.exactTokens($0, prompt: "reasoning about " + commands.prompt, seed: seed)
        } ?? []
        if let maxTokens = request.maxTokens, tokens.count > maxTokens {
            tokens = Array(tokens.prefix(maxTokens))
            finishReason = "length"
        }
        switch commands.ending {
        case .streamError, .drop: tokens = Array(tokens.prefix(Self.deltasBeforeFailure))
        case .stall: tokens = Array(tokens.prefix(1))
        case .normal: break
        }
        self.tokens = tokens
        self.finishReason = finishReason
        self.ending = commands.ending
        self.commentCount = commands.commentCount ?? 0
        self.garbageCount = commands.garbageCount ?? 0
        if let milliseconds = commands.delayMilliseconds {
            delay = .milliseconds(milliseconds)
        } else {
            delay = commands.tokenCount == nil ? configuration.tokenDelay : .zero
        }
    }

    var text: String { tokens.joined() }
}
