import ChatCore
import StreamProtocol

/// What `chatterm sessions list|search` print: one line per session or hit, as text for people
/// (columns, everything from the database cleaned of terminal escape sequences) or as JSON lines
/// for programs. Pure, so every byte is tested without a database.
public enum SessionsText {
    public struct Hit: Sendable, Equatable {
        public var sessionID: String
        public var messageID: String
        public var title: String
        public var snippet: String

        public init(sessionID: String, messageID: String, title: String, snippet: String) {
            self.sessionID = sessionID
            self.messageID = messageID
            self.title = title
            self.snippet = snippet
        }
    }

    /// "3f2a9c1e  2026-12-03 06:58  12 msgs  gpt-4o  Title", newest first.
    public static func list(_ rows: [SessionListing], json: Bool) -> String {
        rows.map { row in
            if json {
                var members: [(key: String, value: JSONValue)] = [
                    ("id", .string(row.summary.id)), ("title", .string(row.summary.title)),
                    ("created_at", .number(Double(row.summary.createdAtMillis))),
                    ("updated_at", .number(Double(row.summary.updatedAtMillis))),
                    ("messages", .number(Double(row.messageCount))),
                ]
                if let model = row.model { members.append(("model", .string(model))) }
                return JSONValue.object(members).compactText + "\n"
            }
            let count = "\(row.messageCount) msg\(row.messageCount == 1 ? "" : "s")"
            return [
                String(row.summary.id.prefix(8)), utcMinute(row.summary.updatedAtMillis), count,
                clean(row.model ?? "-"), clean(row.summary.title.isEmpty ? "(untitled)" : row.summary.title),
            ].joined(separator: "  ") + "\n"
        }.joined()
    }

    /// "3f2a9c1e  Title: …the matching words…", best match first.
    public static func hits(_ hits: [Hit], json: Bool) -> String {
        hits.map { hit in
            if json {
                return JSONValue.object([
                    ("session", .string(hit.sessionID)), ("message_id", .string(hit.messageID)),
                    ("title", .string(hit.title)), ("snippet", .string(hit.snippet)),
                ]).compactText + "\n"
            }
            let title = clean(hit.title.isEmpty ? "(untitled)" : hit.title)
            return String(hit.sessionID.prefix(8)) + "  " + title + ": " + clean(hit.snippet) + "\n"
        }.joined()
    }

    /// One line of database text: escape sequences and control characters removed, line
    /// breaks as spaces.
    static func clean(_ text: String) -> String {
        String(TerminalEscapeStripper.stripped(text).map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    /// Milliseconds since 1970 as "YYYY-MM-DD HH:MM" in UTC (civil date from days, as in
    /// Howard Hinnant's algorithm; no calendar or time zone database needed).
    public static func utcMinute(_ millis: Int64) -> String {
        let minutes = Int64((Double(millis) / 60_000).rounded(.down))
        let days = Int64((Double(minutes) / 1_440).rounded(.down))
        let minuteOfDay = minutes - days * 1_440
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(minuteOfDay / 60)):\(two(minuteOfDay % 60))"
    }
}
