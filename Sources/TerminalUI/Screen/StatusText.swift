import ChatCore
import StreamProtocol

/// The status line's words: where requests go, which model, what the stream is doing.
enum StatusText {
    /// What the left side is made from (built from the state in `StatusLineModel`).
    struct Facts: Equatable {
        var terminalWidth: Int
        var profileName: String
        var dialect: Dialect
        /// The model the next request names (nil: none).
        var model: String?
        /// The request in flight.
        var stream: Stream?
        var notice: String?
        var outcome: LastOutcome?
        /// The figures stored with the reply that just finished (`finishedReplyStats`).
        var finishedStats: ReplyStats?
        /// Whether Ctrl+R would retry the last turn (`canRetry`).
        var canRetry: Bool
        /// After how long without a byte the stream is said to be stalled (0: never).
        var idleNoticeSeconds: Int
        var nowMillis: Int64
        /// For the cancel key the countdown and the stall name.
        var keymap: Keymap
    }

    /// What the line shows of the request in flight (`ActiveStream`'s times and counts, not its
    /// reply or request: copying those every frame would cost more than drawing the line).
    struct Stream: Equatable {
        var phase: StreamPhase
        var pendingRetry: PendingRetry?
        var startedAtMillis: Int64
        var lastActivityAtMillis: Int64
        var firstContentAtMillis: Int64?
        /// The server's `completion_tokens`, when it sent them.
        var completionTokens: Int?
        var deltaCount: Int
        /// Stored with the reply once it has figures.
        var timeToFirstTokenMillis: Int64?

        // Built from the state in `StatusLineModel`.
    }

    /// The left side. When it does not fit the terminal's width, the profile and then the model
    /// give way: what the stream does (a countdown, a stall, an error) matters more on a narrow
    /// screen than facts the user chose.
    static func segments(_ facts: Facts) -> [StatusSegment] {
        var segments = allSegments(facts)
        func width(_ segments: [StatusSegment]) -> Int {
            // A leading space, and " │ " between segments (StatusLineView).
            1 + segments.reduce(0) { $0 + StyledLine($1.text, role: $1.role).width } + 3 * max(0, segments.count - 1)
        }
        while segments.count > 1, width(segments) > facts.terminalWidth {
            segments.removeFirst()
        }
        return segments
    }

    static func allSegments(_ facts: Facts) -> [StatusSegment] {
        var segments = [
            StatusSegment("\(facts.profileName) · \(facts.dialect.rawValue)", role: .statusAccent),
            StatusSegment(facts.model ?? "no model"),
        ]
        if let stream = facts.stream {
            // What the stream does (a countdown, a stall) matters more than a passing notice.
            segments.append(streamSegment(stream, facts))
            if let notice = facts.notice { segments.append(StatusSegment(notice, role: .warningText)) }
        } else if let notice = facts.notice {
            segments.append(StatusSegment(notice, role: .warningText))
        } else {
            segments.append(outcomeSegment(facts))
        }
        return segments
    }

    /// Live figures while a request is in flight: a retry countdown, a stall, or the rate.
    static func streamSegment(_ stream: Stream, _ facts: Facts) -> StatusSegment {
        let now = facts.nowMillis
        var retryStartedAt: Int64?
        if stream.phase == .waiting, let retry = stream.pendingRetry {
            // Retries happen only before the first reply byte, so a countdown is never stale
            // once text arrives.
            let due = retry.announcedAtMillis + retry.notice.delayMillis
            let attempt = "retry \(retry.notice.attempt)/\(retry.notice.maxAttempts)"
            let left = FigureText.secondsLeft(until: due, now: now)
            if left > 0 {
                return StatusSegment(
                    "↻ \(reason(retry.notice.reason)) · \(attempt) in \(left)s · \(cancelKey(facts.keymap)) cancel", role: .warningText)
            }
            retryStartedAt = due
        }
        let lastActivity = max(stream.lastActivityAtMillis, stream.startedAtMillis, retryStartedAt ?? 0)
        let idleMillis = now - lastActivity
        if facts.idleNoticeSeconds > 0, idleMillis >= Int64(facts.idleNoticeSeconds) * 1000 {
            return StatusSegment("no data for \(idleMillis / 1000) s · \(cancelKey(facts.keymap)) cancel", role: .warningText)
        }
        switch stream.phase {
        case .waiting:
            let attempt = stream.pendingRetry.map { " · retry \($0.notice.attempt)/\($0.notice.maxAttempts)" } ?? ""
            return StatusSegment("⋯ waiting \(FigureText.seconds(now - (retryStartedAt ?? stream.startedAtMillis)))\(attempt)",
                                 role: .statusAccent)
        case .receiving:
            return StatusSegment(liveFigures(stream, now: now), role: .statusAccent)
        }
    }

    /// "▶ 120 tok · 45.2 tok/s · TTFT 0.31s · 2.9s" while text arrives. Tokens are the
    /// server's `completion_tokens` when it sent them, else content deltas; the rate runs from
    /// the first token and waits for half a second of data (a rate over a few ms is noise).
    static func liveFigures(_ stream: Stream, now: Int64) -> String {
        let tokens = stream.completionTokens ?? stream.deltaCount
        var parts = ["▶ \(tokens) tok"]
        let firstContent = stream.firstContentAtMillis ?? stream.startedAtMillis
        let span = now - firstContent
        if span >= 500 { parts.append("\(FigureText.rate(Double(tokens) * 1000 / Double(span))) tok/s") }
        let ttft = stream.timeToFirstTokenMillis ?? stream.firstContentAtMillis.map { $0 - stream.startedAtMillis }
        if let ttft { parts.append("TTFT \(FigureText.preciseSeconds(ttft))") }
        parts.append(FigureText.seconds(now - stream.startedAtMillis))
        return parts.joined(separator: " · ")
    }

    /// "429 rate limited", "503 unavailable", "connection failed": why a retry is coming.
    static func reason(_ error: APIError) -> String {
        guard let status = error.status else { return "connection failed" }
        switch status {
        case 429: return "429 rate limited"
        case 500: return "500 server error"
        case 502: return "502 bad gateway"
        case 503: return "503 unavailable"
        case 504: return "504 gateway timeout"
        default: return "HTTP \(status)"
        }
    }

    /// How the last request ended, with the finished reply's figures or the retry key.
    static func outcomeSegment(_ facts: Facts) -> StatusSegment {
        let retry = facts.canRetry ? " · Ctrl+R retries" : ""
        switch facts.outcome {
        case let .completed(deltas, millis)?:
            // The figures stored with the reply when there are some, else what the outcome says.
            if let stats = facts.finishedStats {
                // Events skipped: the reply may miss text, so the figures are not plain news.
                let role: StyleRole = (stats.skippedEvents ?? 0) > 0 ? .warningText : .statusBar
                return StatusSegment("✓ " + FigureText.replyStats(stats, retries: false), role: role)
            }
            return StatusSegment("✓ done · \(deltas) deltas in \(FigureText.seconds(millis))")
        case .interrupted?:
            return StatusSegment("■ interrupted\(retry)", role: .warningText)
        case let .failed(message)?:
            // The retry key goes before the message, which may be long and is cut first.
            return StatusSegment(retry.isEmpty ? "✗ \(message)" : "✗ failed (Ctrl+R retries): \(message)", role: .errorText)
        case nil:
            return StatusSegment("ready")
        }
    }

    /// The figures stored with the reply that just finished (`outcome` says it completed with
    /// `deltas`): the open session's `last` message, when it is that reply (same delta count;
    /// another session may be open by now).
    static func finishedReplyStats(outcome: LastOutcome?, last: Message?) -> ReplyStats? {
        guard case let .completed(deltas, _)? = outcome, let last, last.role == .assistant, let stats = last.stats,
              stats.deltaCount == deltas else { return nil }
        return stats
    }

    /// Whether Ctrl+R would retry the last turn (docs/keys.md): nothing streams, and the open
    /// session ends (`last`) with a failed or interrupted reply, or with a message that has no reply.
    static func canRetry(streaming: Bool, last: Message?) -> Bool {
        guard !streaming, let last else { return false }
        switch last.role {
        case .assistant: return last.status == .failed || last.status == .interrupted
        case .user, .tool: return true
        case .system: return false
        }
    }

    /// The key that stops a stream, as the status line names it (from the keymap, so a rebound
    /// key shows as bound).
    static func cancelKey(_ keymap: Keymap) -> String {
        keymap.displayKey(for: .cancel, in: [.global])
    }
}

/// "now", "5m", "3h", "2d", "7w": short ages for the sessions list, from times in the state.
enum RelativeTime {
    /// What an age shows, as a plain value: the renderer compares these per frame (no text).
    enum Age: Equatable {
        case now
        case minutes(Int64), hours(Int64), days(Int64), weeks(Int64)
    }

    static func age(from millis: Int64, to now: Int64) -> Age {
        let seconds = max(0, now - millis) / 1000
        switch seconds {
        case ..<60: return .now
        case ..<3600: return .minutes(seconds / 60)
        case ..<86_400: return .hours(seconds / 3600)
        case ..<(86_400 * 14): return .days(seconds / 86_400)
        default: return .weeks(seconds / (86_400 * 7))
        }
    }

    static func text(from millis: Int64, to now: Int64) -> String {
        switch age(from: millis, to: now) {
        case .now: return "now"
        case let .minutes(n): return "\(n)m"
        case let .hours(n): return "\(n)h"
        case let .days(n): return "\(n)d"
        case let .weeks(n): return "\(n)w"
        }
    }
}
