import ChatCore
import StreamProtocol

/// What the conversation's tool rows read besides the messages themselves: the servers' tools
/// (to name a call's server), the turn being worked through, the results shown whole, the
/// clock (read only while a call runs) and the keys the rows name. The screen builds it from
/// `AppState.tools` and the keymap; a compare column uses `.compare` (its calls never run).
public struct ToolRowsContext: Sendable, Equatable {
    /// Wire name (`SERVER__TOOL`) → the server and the server's name of the tool.
    public var knownTools: [String: ToolName]
    /// Servers configured, for a wire name whose tool the server did not (or not yet) list.
    public var knownServers: Set<String>
    public var turn: ToolTurn?
    public var expandedResults: Set<String>
    /// The clock, for a running call's elapsed time; 0 while nothing runs (so it changes nothing).
    public var nowMillis: Int64
    /// "y run · a always · n refuse · A run all · Esc stop": empty unless a call awaits.
    public var approvalHint: String
    /// "Esc stops": empty unless a call runs.
    public var stopHint: String
    /// The key that shows a folded result whole ("t").
    public var expandKey: String
    /// False in a compare column: calls are shown, never run, and the column says so.
    public var runsTools: Bool

    public struct ToolName: Sendable, Equatable {
        public var server: String
        public var tool: String
        public init(server: String, tool: String) {
            self.server = server
            self.tool = tool
        }
    }

    public init(
        knownTools: [String: ToolName] = [:], knownServers: Set<String> = [], turn: ToolTurn? = nil,
        expandedResults: Set<String> = [], nowMillis: Int64 = 0, approvalHint: String = "", stopHint: String = "",
        expandKey: String = "t", runsTools: Bool = true
    ) {
        self.knownTools = knownTools
        self.knownServers = knownServers
        self.turn = turn
        self.expandedResults = expandedResults
        self.nowMillis = nowMillis
        self.approvalHint = approvalHint
        self.stopHint = stopHint
        self.expandKey = expandKey
        self.runsTools = runsTools
    }

    /// A compare column's: calls shown with a note that they are not run.
    public static let compare = ToolRowsContext(runsTools: false)

    /// The server and tool a call's name stands for, when it is an MCP wire name of a known
    /// server; nil for any other name (shown as sent).
    func toolName(forWireName name: String) -> ToolName? {
        if let known = knownTools[name] { return known }
        // A server that has not listed its tools (starting, failed): split at the first "__".
        guard let separator = name.range(of: "__") else { return nil }
        let server = String(name[..<separator.lowerBound])
        let tool = String(name[separator.upperBound...])
        guard knownServers.contains(server), !tool.isEmpty else { return nil }
        return ToolName(server: server, tool: tool)
    }
}

/// What one message's tool rows show: the value the layout cache keys on (it changes exactly
/// when those rows would), computed only for messages with tool calls or a tool run.
enum MessageToolView: Equatable {
    /// A reply's calls, one each, in order; `notRunInCompare`: the compare column's note.
    case calls([CallView], notRunInCompare: Bool)
    /// A `tool` message chatterm ran or refused.
    case result(ToolRunRecord, expanded: Bool, expandKey: String)

    struct CallView: Equatable {
        /// nil: not an MCP tool (the name is shown as sent).
        var name: ToolRowsContext.ToolName?
        var state: CallState
    }

    enum CallState: Equatable {
        /// The reply is still arriving, or in compare: no state line.
        case none
        /// The call the prompt is about, with the keys.
        case awaiting(hint: String)
        /// Waits behind an earlier call of the same reply.
        case queued
        /// Tenths of a second since it started (what the row writes, so the row changes only
        /// when the figure does), and the stop key.
        case running(tenths: Int64, stopHint: String)
        case ended(ToolRunOutcome)
        /// A `tool` message answers it without a run record: typed by hand (`a`).
        case answeredByHand
        case notRun
    }

    /// Whether message `message` has tool rows at all (cheap: no text is read).
    static func applies(to message: Message) -> Bool {
        !message.toolCalls.isEmpty || (message.role == .tool && message.toolRun != nil)
    }

    /// The view of `messages[index]` under `context`; nil when it has no tool rows.
    static func make(_ messages: UnsafeBufferPointer<Message>, at index: Int, context: ToolRowsContext) -> MessageToolView? {
        let message = messages[index]
        if message.role == .tool {
            guard let record = message.toolRun else { return nil }
            return .result(record, expanded: context.expandedResults.contains(message.id), expandKey: context.expandKey)
        }
        guard !message.toolCalls.isEmpty else { return nil }
        guard context.runsTools else {
            return .calls(message.toolCalls.map { CallView(name: context.toolName(forWireName: $0.name), state: .none) },
                          notRunInCompare: message.status != .streaming)
        }
        let turn = context.turn.flatMap { $0.replyID == message.id ? $0 : nil }
        let current = turn?.currentIndex
        // The `tool` messages answering this reply follow it on the path.
        var answers: [String: ToolRunRecord?] = [:]
        var next = index + 1
        while next < messages.count, messages[next].role == .tool {
            if let id = messages[next].toolCallID { answers.updateValue(messages[next].toolRun, forKey: id) }
            next += 1
        }
        let calls = message.toolCalls.map { call -> CallView in
            let name = context.toolName(forWireName: call.name)
            if let turn, let runIndex = turn.calls.firstIndex(where: { $0.call.wireID == call.wireID }) {
                let run = turn.calls[runIndex]
                let state: CallState
                switch run.state {
                case .awaitingApproval:
                    state = runIndex == current ? .awaiting(hint: context.approvalHint) : .queued
                case let .running(startedAt):
                    state = .running(tenths: max(0, context.nowMillis - startedAt) / 100, stopHint: context.stopHint)
                case let .ended(outcome):
                    state = .ended(outcome)
                }
                let runName = run.server.isEmpty ? name : ToolRowsContext.ToolName(server: run.server, tool: run.tool)
                return CallView(name: runName, state: state)
            }
            if let answer = answers[call.wireID] {
                let state: CallState = answer.map { CallState.ended($0.outcome) } ?? .answeredByHand
                return CallView(name: name, state: state)
            }
            return CallView(name: name, state: message.status == .streaming ? .none : .notRun)
        }
        return .calls(calls, notRunInCompare: false)
    }
}
