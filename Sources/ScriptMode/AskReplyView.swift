import ChatCore
import StreamProtocol

/// What `chatterm ask` shows of its reply, read from the reducer's state: the stream the
/// conversation uses while it runs (`ActiveStream`), then the message it became. `AskOutput`
/// prints what changed between two of these; nothing here keeps a copy of the reply's text
/// (a second reference would make every append copy it, see `streamReceived`).
public struct AskReplyView: Sendable {
    public var content: String
    public var reasoning: String
    /// The model the server announced (not the one asked for); nil once the reply has left
    /// the stream, like `usage`.
    public var model: String?
    public var finishReason: String?
    /// Nil once the reply has left the stream (the message keeps no running total).
    public var usage: TokenUsage?
    public var toolCalls: [ToolCall]
    public var skippedEvents: Int
    /// The first and the newest skipped event (text says the first; `--json` writes each).
    public var firstSkipped: String?
    public var lastSkipped: String?
    /// Nil while the reply streams.
    public var ending: Ending?

    public enum Ending: Sendable, Equatable {
        /// `done`: the trace id and document chunks it brought.
        case done(StreamCompletion)
        /// An `error` event, or the close the reducer recorded.
        case failed(APIError)
        /// Stopped (Esc, Ctrl+C, a closed stdout).
        case interrupted
    }

    public init(
        content: String = "", reasoning: String = "", model: String? = nil, finishReason: String? = nil, usage: TokenUsage? = nil,
        toolCalls: [ToolCall] = [], skippedEvents: Int = 0, firstSkipped: String? = nil, lastSkipped: String? = nil,
        ending: Ending? = nil
    ) {
        self.content = content
        self.reasoning = reasoning
        self.model = model
        self.finishReason = finishReason
        self.usage = usage
        self.toolCalls = toolCalls
        self.skippedEvents = skippedEvents
        self.firstSkipped = firstSkipped
        self.lastSkipped = lastSkipped
        self.ending = ending
    }

    /// Reply `replyID` in `state`: the active stream's while it runs, else the conversation's
    /// message; nil when neither holds it. `inout` only so that a state kept in a class (the
    /// runner's) is read where it is: passed by value it was copied whole for every event,
    /// a third of `ask`'s CPU on a burst. Nothing is changed.
    public static func of(replyID: String, in state: inout AppState) -> AskReplyView? {
        // `active!` reads the stream where it is (it is not nil here); `active?.…` made a copy
        // of the whole stream (every field retained, then released) for each network read.
        // `case .some` checks only the tag: `active != nil` is Equatable's `!=`, which copies
        // the stream and compares it field by field with a nil one.
        if case .some = state.streaming.active, state.streaming.active!.reply.id == replyID {
            return streaming(&state.streaming.active!)
        }
        return finished(replyID: replyID, in: state.conversation.messages)
    }

    /// The reply while it streams (read in place, as above).
    private static func streaming(_ stream: inout ActiveStream) -> AskReplyView {
        AskReplyView(
            content: stream.reply.content, reasoning: stream.reply.reasoning, model: stream.announcedModel,
            finishReason: stream.reply.finishReason, usage: stream.usage, toolCalls: stream.reply.toolCalls,
            skippedEvents: stream.skippedEvents, firstSkipped: stream.firstSkipped, lastSkipped: stream.lastSkipped,
            ending: nil)
    }

    private static func finished(replyID: String, in messages: [Message]) -> AskReplyView? {
        guard let reply = messages.last(where: { $0.id == replyID }) else { return nil }
        let ending: Ending?
        switch reply.status {
        case .complete:
            ending = .done(StreamCompletion(traceID: reply.traceID, documentChunksJSON: reply.documentChunksJSON))
        case .failed:
            ending = .failed(reply.error ?? APIError(message: "The reply failed."))
        case .interrupted:
            ending = .interrupted
        default:
            ending = nil
        }
        return AskReplyView(
            content: reply.content, reasoning: reply.reasoning, model: nil, finishReason: reply.finishReason,
            usage: nil, toolCalls: reply.toolCalls, skippedEvents: reply.stats?.skippedEvents ?? 0, ending: ending)
    }
}
