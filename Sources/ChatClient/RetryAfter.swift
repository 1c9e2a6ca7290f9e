import Foundation

/// Reads a server's `Retry-After` (RFC 9110 §10.2.3): delta-seconds (`120`) or an HTTP-date
/// (`Sun, 06 Nov 1994 08:49:37 GMT`, plus the two obsolete date forms). Also the
/// `retry-after-ms` header OpenAI and Azure send, which is finer grained.
///
/// A wait longer than `maximumMillis` is shortened to it: a client that sleeps for an hour
/// because a header said so looks hung, and the retry count still bounds the attempts.
public enum RetryAfter {
    public static let maximumMillis: Int64 = 120_000

    /// The wait a response's headers ask for, or nil when they ask for none (or nonsense).
    /// `retry-after-ms` wins over `Retry-After` when both are valid.
    public static func delayMillis(headers: [(name: String, value: String)], now: Date) -> Int64? {
        let milliseconds = headers.first { $0.name.lowercased() == "retry-after-ms" }.flatMap { parseMillis($0.value) }
        if let milliseconds { return milliseconds }
        return headers.first { $0.name.lowercased() == "retry-after" }.flatMap { parse($0.value, now: now) }
    }

    /// One `Retry-After` value. A date in the past means "now" (0).
    public static func parse(_ value: String, now: Date) -> Int64? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            // More digits than Int64 holds is still a (very long) valid wait.
            guard trimmed.utf8.count <= 9, let seconds = Int64(trimmed) else { return maximumMillis }
            return min(seconds * 1000, maximumMillis)
        }
        guard let date = httpDate(trimmed) else { return nil }
        let millis = (date.timeIntervalSince(now) * 1000).rounded(.up)
        guard millis > 0 else { return 0 }
        return Int64(min(millis, Double(maximumMillis)))
    }

    /// `retry-after-ms`: a non-negative number of milliseconds, fractions allowed.
    static func parseMillis(_ value: String) -> Int64? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.first != "-", trimmed.first != "+",
              let millis = Double(trimmed), millis.isFinite, millis >= 0 else { return nil }
        return Int64(min(millis.rounded(.up), Double(maximumMillis)))
    }

    /// IMF-fixdate, RFC 850 and asctime forms, always GMT. Runs of spaces are collapsed first
    /// because asctime pads single-digit days (`Nov  6`).
    static func httpDate(_ text: String) -> Date? {
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            formatter.isLenient = false
            if let date = formatter.date(from: collapsed) { return date }
        }
        return nil
    }
}
