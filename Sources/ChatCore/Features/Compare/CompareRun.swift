import StreamProtocol

/// Compare (Ctrl+G): one prompt asked with several parameter sets at once, the replies side by
/// side. First a setup (the sweep line that makes the columns), then the run: every column
/// streams its own request, and picking one makes its reply the conversation's path; the
/// others stay in the tree as its siblings.
public struct CompareRun: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        /// The sweep line is being typed.
        case setup
        /// The history of a session not held whole is being read for the requests.
        case awaitingHistory
        /// The requests went out: the columns stream or have finished.
        case running
    }

    /// What is asked: the text typed in the message box (sent as a new message), or a user
    /// message already in the conversation (the replies go beside its reply, if it has one).
    public enum Prompt: Sendable, Equatable {
        case typed(String)
        case message(id: String, content: String)

        public var text: String {
            switch self {
            case let .typed(text): return text
            case let .message(_, content): return content
            }
        }
    }

    public var phase: Phase = .setup
    public var prompt: Prompt
    /// The sweep line (`CompareSweep`), in the shared text input.
    public var sweep: TextInput
    /// The parameters when the setup opened: the columns start from them.
    public var baseParameters: SessionParameters
    /// The session the replies belong to (set when the requests go out).
    public var sessionID: String?
    /// Where the first reply goes in the tree; the others go beside it.
    public var firstPlacement: MessagePlacement = .atPathEnd
    /// The message before which the history the requests carry ends (a message compared again).
    public var historyEndsBefore: String?
    public var columns: [CompareColumn] = []
    /// The column the keys act on.
    public var selected = 0
    /// Scroll keys move every column (true) or only the selected one.
    public var scrollsTogether = true
    /// The stamp of the Enter that sent it: the replies' ids and times come from it.
    public var stamp: Stamp?

    public init(prompt: Prompt, sweep: TextInput = TextInput(), baseParameters: SessionParameters) {
        self.prompt = prompt
        self.sweep = sweep
        self.baseParameters = baseParameters
    }

    /// The columns the sweep line makes, or why it makes none (the setup shows it under the
    /// line; Enter sends them). Parsed when asked: the line is short.
    public func planned(presets: [Preset]) -> Result<[SessionParameters], ParameterProblem> {
        CompareSweep.columns(sweep.text, current: baseParameters, presets: presets)
    }

    /// A column still streams (or waits to retry).
    public var isStreaming: Bool { phase == .awaitingHistory || columns.contains { $0.isStreaming } }

    /// The column whose request is `id`.
    public func columnIndex(of id: RequestID) -> Int? {
        columns.firstIndex { $0.stream.requestID == id }
    }
}

/// One parameter set and its reply.
public struct CompareColumn: Sendable, Equatable {
    public var parameters: SessionParameters
    /// What sets it apart (`CompareSweep.labels`): "temperature 1.4".
    public var label: String
    /// The request and its reply: live while it streams, final (stats stored) once it ended.
    public var stream: ActiveStream
    /// Where the column stands: `.end` follows the end of the reply as it grows; a row is kept
    /// until scrolled back to the last page. Its metrics are the rows the last frame measured
    /// (`Action.frameReported`).
    public var scroll = ScrollState(position: .end)

    public init(parameters: SessionParameters, label: String, stream: ActiveStream) {
        self.parameters = parameters
        self.label = label
        self.stream = stream
    }

    public var reply: Message { stream.reply }
    public var isStreaming: Bool { stream.reply.status == .streaming }
}
