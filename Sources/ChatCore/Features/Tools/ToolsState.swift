import StreamProtocol

/// The tools feature's own state: what the servers offer, which tools each session switched
/// off or always allows, and the reply whose tool calls are being worked through.
public struct ToolsState: Sendable, Equatable {
    /// The runtime's latest report, one entry per configured server.
    public var servers: [ToolServerStatus] = []
    /// Per session id: the wire names (`SERVER__TOOL`) switched off in the tools overlay
    /// (stored with the session; every tool is on until switched off).
    public var switchedOff: [String: Set<String>] = [:]
    /// Per session id: the wire names the user answered `a` (always) for, this run.
    public var alwaysAllowed: [String: Set<String>] = [:]
    /// The reply whose tool calls are being approved or run, if any.
    public var turn: ToolTurn?
    /// `tool` messages whose result is shown whole (`t`); the others show a few lines.
    public var expandedResults: Set<String> = []

    public init() {}
}

/// The tool calls of one reply on their way: each waits for approval, runs, and ends; when
/// every call has ended the results go back to the model (the next round), up to
/// `ToolSettings.maxToolRounds` rounds after the user's last turn.
public struct ToolTurn: Sendable, Equatable {
    public var sessionID: String
    /// The assistant reply that asked for the calls.
    public var replyID: String
    /// 1 for the first reply after the user's turn that asked for tools, 2 for the next, ...
    public var round: Int
    public var calls: [ToolCallRun]
    /// `A` (run-all-tools) was pressed: the rest of the turn's calls run without asking.
    public var runsAll = false

    public init(sessionID: String, replyID: String, round: Int, calls: [ToolCallRun]) {
        self.sessionID = sessionID
        self.replyID = replyID
        self.round = round
        self.calls = calls
    }

    /// The current call waits for `y`/`a`/`n`.
    public var awaitsApproval: Bool {
        guard let index = currentIndex else { return false }
        return calls[index].state == .awaitingApproval
    }

    /// A call runs: the clock ticks fast so its elapsed time moves.
    public var isRunning: Bool {
        calls.contains { if case .running = $0.state { return true } else { return false } }
    }

    /// The first call not yet ended: the one the prompt is about, or the one running.
    public var currentIndex: Int? {
        calls.firstIndex { if case .ended = $0.state { return false } else { return true } }
    }
}

/// One call of a `ToolTurn`.
public struct ToolCallRun: Sendable, Equatable {
    public var call: ToolCall
    /// The server and the server's name of the tool the call's wire name maps to.
    public var server: String
    public var tool: String
    public var state: State

    public enum State: Sendable, Equatable {
        /// Asks `y`/`a`/`n` (or runs at once when config or `a` allows it).
        case awaitingApproval
        case running(startedAtMillis: Int64)
        case ended(ToolRunOutcome)
    }

    public init(call: ToolCall, server: String, tool: String, state: State = .awaitingApproval) {
        self.call = call
        self.server = server
        self.tool = tool
        self.state = state
    }
}
