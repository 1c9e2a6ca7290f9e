import ChatCore

/// Times and rates as the status line and reply footers write them, without Foundation's
/// formatters: "2.9s", "0.31s", "45.2".
enum FigureText {
    /// Tenths of a second: "2.9s".
    static func seconds(_ millis: Int64) -> String {
        let tenths = max(0, millis) / 100
        return "\(tenths / 10).\(tenths % 10)s"
    }

    /// Hundredths of a second, for short spans such as the time to first token: "0.31s".
    static func preciseSeconds(_ millis: Int64) -> String {
        let hundredths = max(0, millis) / 10
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)s"
    }

    /// One decimal: "45.2".
    static func rate(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "0.0" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Whole seconds left until `deadline`, rounded up and never negative: a countdown that
    /// shows "1s" until the moment it is due.
    static func secondsLeft(until deadline: Int64, now: Int64) -> Int64 {
        let left = deadline - now
        return left <= 0 ? 0 : (left + 999) / 1000
    }

    /// A finished reply's figures: "120 tok · 45.2 tok/s · TTFT 0.31s · 2.9s · retried 1×".
    /// Tokens are the server's `completion_tokens` when it reported them, else content deltas.
    /// The status line leaves out the retries (the reply's footer says them) to stay short.
    static func replyStats(_ stats: ReplyStats, retries: Bool = true) -> String {
        var parts = ["\(stats.completionTokens ?? stats.deltaCount) tok"]
        if let rate = stats.tokensPerSecond { parts.append("\(Self.rate(rate)) tok/s") }
        if let ttft = stats.timeToFirstTokenMillis { parts.append("TTFT \(preciseSeconds(ttft))") }
        parts.append(seconds(stats.totalMillis))
        if retries && stats.retries > 0 { parts.append("retried \(stats.retries)×") }
        if let skipped = stats.skippedEvents, skipped > 0 { parts.append(skippedText(skipped)) }
        return parts.joined(separator: " · ")
    }

    /// "⚠ 2 events skipped (not JSON)": a reply that ended ✓ may still miss text.
    public static func skippedText(_ count: Int) -> String {
        "⚠ \(count) event\(count == 1 ? "" : "s") skipped (not JSON)"
    }

    /// "0.67": two decimals without Foundation's formatters.
    static func hundredths(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        let scaled = Int((abs(value) * 100).rounded())
        return (value < 0 ? "-" : "") + "\(scaled / 100)." + (scaled % 100 < 10 ? "0" : "") + "\(scaled % 100)"
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
