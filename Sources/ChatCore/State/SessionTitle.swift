/// The title a session is listed under: its first user message, on one line, shortened.
public enum SessionTitle {
    public static let maxLength = 60

    public static func make(fromFirstUserMessage text: String) -> String {
        // Collapse every run of whitespace (newlines included) so the title is one line. Only
        // as much of the message is read as the title can show: a pasted megabyte took half
        // of the send's time to be split into words whole.
        var oneLine = ""
        var length = 0
        var spacePending = false
        for character in text {
            if character.isWhitespace || character.isNewline {
                spacePending = length > 0
                continue
            }
            if spacePending {
                oneLine.append(" ")
                length += 1
                spacePending = false
            }
            oneLine.append(character)
            length += 1
            if length > maxLength { break }
        }
        guard length > maxLength else { return oneLine }
        return String(oneLine.prefix(maxLength - 1)) + "…"
    }
}
