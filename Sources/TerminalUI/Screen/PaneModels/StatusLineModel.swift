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
        let showsOutcome = state.streaming.active == nil && state.status.notice == nil
        let last = showsOutcome ? state.conversation.messages.last : nil
        self.init(
            terminalWidth: state.screen.terminalWidth, profileName: state.launch.profile.name,
            dialect: state.launch.profile.dialect, model: state.effectiveModel, stream: StatusText.Stream(state),
            notice: state.status.notice, outcome: state.streaming.lastOutcome,
            finishedStats: StatusText.finishedReplyStats(outcome: state.streaming.lastOutcome, last: last),
            canRetry: StatusText.canRetry(streaming: state.streaming.active != nil, last: last),
            idleNoticeSeconds: state.launch.profile.idleNoticeSeconds, nowMillis: state.status.nowMillis,
            keymap: state.keymap)
    }
}

extension StatusText.Stream {
    /// The request in flight (nil: none), each field read in place: the stream, with its reply
    /// and request, is not copied on every frame.
    init?(_ state: borrowing AppState) {
        guard let phase = state.streaming.active?.phase, let startedAtMillis = state.streaming.active?.startedAtMillis,
              let lastActivityAtMillis = state.streaming.active?.lastActivityAtMillis,
              let deltaCount = state.streaming.active?.deltaCount else { return nil }
        self.init(
            phase: phase, pendingRetry: state.streaming.active?.pendingRetry, startedAtMillis: startedAtMillis,
            lastActivityAtMillis: lastActivityAtMillis, firstContentAtMillis: state.streaming.active?.firstContentAtMillis,
            completionTokens: state.streaming.active?.usage?.completionTokens, deltaCount: deltaCount,
            timeToFirstTokenMillis: state.streaming.active?.reply.stats?.timeToFirstTokenMillis)
    }
}

extension StatusHints.Facts {
    init(_ state: borrowing AppState) {
        let streaming = state.isStreaming
        self.init(
            keymap: state.keymap, isStreaming: streaming,
            stack: streaming ? [] : KeyContext.stackBelowPalette(state),
            exporting: state.destination?.beneath?.sessionPrompt?.exportFormat != nil,
            zoomed: state.screen.zoomed, terminalWidth: state.screen.terminalWidth)
    }
}
