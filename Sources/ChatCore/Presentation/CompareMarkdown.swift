/// A compare run as a Markdown document (`w` in the compare view): the prompt, then one table
/// with a row per column: what its parameters change, its reply, and its figures. A reply's
/// line breaks become `<br>` and its pipes are escaped, so every reply stays in its cell.
public enum CompareMarkdown {
    public static func document(_ compare: CompareRun, nowMillis: Int64) -> String {
        var text = "# Compare: " + (compare.prompt.text.split(separator: "\n").first.map(String.init) ?? "") + "\n\n"
        text += compare.prompt.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
        text += "\n\n| # | parameters | reply | tokens | tok/s | TTFT | status |\n|---|---|---|---|---|---|---|\n"
        for (index, column) in compare.columns.enumerated() {
            let stats = column.reply.stats ?? column.stream.stats(atMillis: nowMillis)
            let cells = [
                "\(index + 1)", cell(column.label), cell(column.reply.content),
                "\(stats.completionTokens ?? stats.deltaCount)",
                stats.tokensPerSecond.map { tenths($0) } ?? "",
                stats.timeToFirstTokenMillis.map { "\($0) ms" } ?? "",
                status(column.reply),
            ]
            text += "| " + cells.joined(separator: " | ") + " |\n"
        }
        let shared = ParameterField.allCases.compactMap { field -> String? in
            guard let value = field.text(in: compare.columns.first?.parameters ?? compare.baseParameters),
                  compare.columns.allSatisfy({ field.text(in: $0.parameters) == value }) else { return nil }
            return "\(field.wireName) `\(value.replacingOccurrences(of: "\n", with: " "))`"
        }
        if !shared.isEmpty { text += "\nEvery column also sent: " + shared.joined(separator: ", ") + ".\n" }
        return text
    }

    /// Text that stays inside one table cell.
    static func cell(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|": result += "\\|"
            case "\n", "\r\n": result += "<br>"
            case "\r": continue
            default: result.append(character)
            }
        }
        return result
    }

    private static func status(_ reply: Message) -> String {
        switch reply.status {
        case .complete: return "complete"
        case .streaming: return "streaming"
        case .interrupted: return "stopped"
        case .failed: return "failed: " + cell(reply.error?.message ?? "")
        }
    }

    private static func tenths(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "" }
        let scaled = Int((value * 10).rounded())
        return "\(scaled / 10).\(scaled % 10)"
    }
}
