import ChatCore

/// What the status line draws: its words and figures on the left (`StatusText`), the keys of
/// what has the keys on the right (`StatusHints`). The renderer keeps the line's cells while
/// this value is unchanged (a streaming reply's live figures change it every tick).
struct StatusLineModel: Equatable {
    var left: [StatusSegment]
    var right: [String]

    init(_ state: borrowing AppState) {
        left = StatusText.segments(StatusText.Facts(state))
        right = StatusHints.make(StatusHints.Facts(state))
    }

    init(left: [StatusSegment], right: [String]) {
        self.left = left
        self.right = right
    }
}

extension StatusText.Facts {
    init(_ state: borrowing AppState) {
        // The last request's outcome is shown only when nothing streams and no notice is up:
        // only then is the open session's last message read (not on every streaming frame).
        // `case .none` checks only the tag (`== nil` is Equatable's `==`: a copy of the stream).
        var streaming = true
        if case .none = state.streaming.active { streaming = false }
        let showsOutcome = !streaming && state.status.notice == nil
        let last = showsOutcome ? state.conversation.messages.last : nil
        self.init(
            terminalWidth: state.screen.terminalWidth, profileName: state.launch.profile.name,
            dialect: state.launch.profile.dialect, model: state.effectiveModel, stream: StatusText.Stream(state),
            notice: state.status.notice, outcome: state.streaming.lastOutcome,
            finishedStats: StatusText.finishedReplyStats(outcome: state.streaming.lastOutcome, last: last),
            canRetry: StatusText.canRetry(streaming: streaming, last: last),
            idleNoticeSeconds: state.launch.profile.idleNoticeSeconds, nowMillis: state.status.nowMillis,
            keymap: state.keymap)
    }
}

extension StatusText.Stream {
    /// The request in flight (nil: none). Bound once: each `state.streaming.active?.x` read
    /// on its own copied the whole stream, reply and request included (measured per frame).
    init?(_ state: borrowing AppState) {
        guard let stream = state.streaming.active else { return nil }
        self.init(
            phase: stream.phase, pendingRetry: stream.pendingRetry, startedAtMillis: stream.startedAtMillis,
            lastActivityAtMillis: stream.lastActivityAtMillis, firstContentAtMillis: stream.firstContentAtMillis,
            completionTokens: stream.usage?.completionTokens, deltaCount: stream.deltaCount,
            timeToFirstTokenMillis: stream.reply.stats?.timeToFirstTokenMillis)
    }
}

extension StatusHints.Facts {
    init(_ state: borrowing AppState) {
        let streaming = state.isStreaming
        self.init(
            keymap: state.keymap, isStreaming: streaming,
            stack: streaming ? [] : KeyContext.stackBelowPalette(state),
            exporting: state.destination?.beneath?.sessionPrompt?.exportFormat != nil,
            zoomed: state.screen.zoomed, terminalWidth: state.screen.terminalWidth,
            tool: StatusHints.ToolActivity(state.tools.turn, nowMillis: state.status.nowMillis))
    }
}

extension StatusHints.ToolActivity {
    /// The running call's time is read only while one runs.
    init(_ turn: ToolTurn?, nowMillis: Int64) {
        guard let turn, let index = turn.currentIndex else {
            self = .none
            return
        }
        switch turn.calls[index].state {
        case .awaitingApproval: self = .awaitingApproval
        case let .running(startedAt): self = .running(tenths: max(0, nowMillis - startedAt) / 100)
        case .ended: self = .none
        }
    }
}
