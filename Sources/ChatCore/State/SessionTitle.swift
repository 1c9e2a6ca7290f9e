/// The title a session is listed under: its first user message, on one line, shortened.
public enum SessionTitle {
    public static let maxLength = 60

    public static func make(fromFirstUserMessage text: String) -> String {
        // Collapse every run of whitespace (newlines included) so the title is one line.
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let oneLine = words.joined(separator: " ")
        guard oneLine.count > maxLength else { return oneLine }
        return String(oneLine.prefix(maxLength - 1)) + "…"
    }
}
