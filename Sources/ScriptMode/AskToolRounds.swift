/// What `chatterm ask` keeps of its tool rounds between actions: whether the current reply has
/// been ended as a round (its calls said), and what to do when a reply's stream closes. Pure,
/// so the runner's decisions are tested without servers.
public struct AskToolRounds: Sendable, Equatable {
    /// The current request's reply has not been ended as a tool round yet.
    public private(set) var roundOpen = true
    /// The notice when the current request started: one set since is said at the end.
    public private(set) var noticeAtRoundStart: String?

    public init(notice: String? = nil) {
        noticeAtRoundStart = notice
    }

    /// The reducer started a request (the first, or the next round's).
    public mutating func requestStarted(notice: String?) {
        roundOpen = true
        noticeAtRoundStart = notice
    }

    /// True once per request: the moment its calls are said (`AskOutput.endToolRound`), before
    /// any of their results, whether the reply's close or a result comes first.
    public mutating func endRound() -> Bool {
        guard roundOpen else { return false }
        roundOpen = false
        return true
    }

    /// A reply's stream closed: the ask goes on when it closed cleanly and the reducer is
    /// working through its tool calls (a turn) or has already sent the next request.
    public static func continuesAfterClose(failed: Bool, turnInProgress: Bool, nextRequestStarted: Bool) -> Bool {
        !failed && (turnInProgress || nextRequestStarted)
    }

    /// The notice to say on stderr at the end of an ask with tool servers: one set during the
    /// last request ("Stopped after N tool rounds (max_tool_rounds)"), not the one said at the
    /// start.
    public func noticeToSay(current: String?, serversConfigured: Bool) -> String? {
        guard serversConfigured, let current, current != noticeAtRoundStart else { return nil }
        return current
    }
}
