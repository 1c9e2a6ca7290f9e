import ChatCore

/// What a compare column says under its label: live figures while it streams (or its retry
/// countdown), its final figures once it ended, and a mark for its tab.
enum CompareFigures {
    /// A column's figures in every form it may take, longest first, in one role.
    struct Forms: Equatable {
        var texts: [String]
        var role: StyleRole

        /// The longest form that fits `width` (the shortest when none does).
        func fitting(_ width: Int) -> String {
            texts.first { StyledLine($0, role: role).width <= width } ?? texts.last ?? ""
        }
    }

    /// The column's figures, each form its header may show: a narrow column drops the total
    /// time, then shortens the rate, but always keeps tokens, rate and time to first token.
    static func forms(_ column: CompareColumn, nowMillis now: Int64) -> Forms {
        let full = line(column, nowMillis: now)
        guard column.reply.status == .complete || (column.reply.status == .streaming && column.stream.phase == .receiving)
                || column.reply.status == .interrupted else { return Forms(texts: [full.text], role: full.role) }
        let stats = column.reply.stats ?? column.stream.stats(atMillis: now)
        let mark = column.reply.status == .interrupted ? "■" : CompareFigures.mark(column.reply)
        let tokens = "\(stats.completionTokens ?? stats.deltaCount) tok"
        let rate = stats.tokensPerSecond.map(FigureText.rate)
        let ttft = stats.timeToFirstTokenMillis.map(FigureText.preciseSeconds)
        let medium = [tokens, rate.map { "\($0) tok/s" }, ttft.map { "TTFT \($0)" }].compactMap { $0 }.joined(separator: " · ")
        let short = [tokens, rate.map { "\($0)/s" }, ttft].compactMap { $0 }.joined(separator: " ")
        return Forms(texts: [full.text, mark + " " + medium, mark + " " + short], role: full.role)
    }

    static func line(_ column: CompareColumn, nowMillis now: Int64) -> (text: String, role: StyleRole) {
        let reply = column.reply
        let stream = column.stream
        switch reply.status {
        case .streaming:
            if stream.phase == .waiting, let retry = stream.pendingRetry {
                let left = FigureText.secondsLeft(until: retry.announcedAtMillis + retry.notice.delayMillis, now: now)
                // The countdown first: a narrow column cuts the reason, not the wait.
                return ("↻ retry \(retry.notice.attempt)/\(retry.notice.maxAttempts) in \(left)s · \(retry.notice.reason.headline)", .warningText)
            }
            if stream.phase == .waiting {
                return ("⋯ waiting \(FigureText.seconds(now - (stream.attemptStartedAtMillis ?? stream.startedAtMillis)))", .dim)
            }
            return ("● " + FigureText.replyStats(stream.stats(atMillis: now)), .statusAccent)
        case .complete:
            return ("✓ " + FigureText.replyStats(reply.stats ?? stream.stats(atMillis: now)), .dim)
        case .interrupted:
            return ("■ stopped · " + FigureText.replyStats(reply.stats ?? stream.stats(atMillis: now)), .warningText)
        case .failed:
            return ("✗ " + (reply.error?.headline ?? "failed"), .errorText)
        }
    }

    /// One glyph for a tab: streaming, done, stopped, failed.
    static func mark(_ reply: Message) -> String {
        switch reply.status {
        case .streaming: return "●"
        case .complete: return "✓"
        case .interrupted: return "■"
        case .failed: return "✗"
        }
    }

    /// The status line while compare is open: how many columns stream, and the keys.
    static func statusSegments(_ compare: CompareRun) -> [StatusSegment] {
        switch compare.phase {
        case .setup: return [StatusSegment("Compare setup", role: .statusAccent)]
        case .awaitingHistory: return [StatusSegment("Compare", role: .statusAccent), StatusSegment("reading history")]
        case .running:
            let streaming = compare.columns.filter(\.isStreaming).count
            let scroll = compare.scrollsTogether ? "scrolling together" : "scrolling column \(compare.selected + 1)"
            return [
                StatusSegment("Compare", role: .statusAccent),
                StatusSegment(streaming > 0 ? "\(streaming) of \(compare.columns.count) streaming" : "\(compare.columns.count) replies"),
                StatusSegment(scroll),
            ]
        }
    }

    static func hints(_ compare: CompareRun, keymap: Keymap) -> [String] {
        switch compare.phase {
        case .setup:
            return [keymap.hint(.accept, in: [.compareSetup], label: "send"), keymap.hint(.close, in: [.compareSetup])].compactMap { $0 }
        case .awaitingHistory, .running:
            let streaming = compare.isStreaming
            return [
                keymap.hint(.previousColumn, .nextColumn, in: [.compare]),
                streaming ? keymap.hint(.stopColumn, in: [.compare]) : keymap.hint(.choose, in: [.compare], label: "pick"),
                keymap.hint(.close, in: [.compare], label: streaming ? "stop all" : "close"),
                keymap.hint(.scrollTogether, in: [.compare]),
                keymap.hint(.inspect, in: [.compare]),
                keymap.hint(.exportCompare, in: [.compare]),
            ].compactMap { $0 }
        }
    }
}
