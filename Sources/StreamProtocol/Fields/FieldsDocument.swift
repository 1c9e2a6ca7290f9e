/// docs/fields.md's table, generated from the field table (`make fields-doc` writes it; a test
/// compares), so the docs cannot drift from what the encoder, the pane, `[defaults]` and `ask`
/// do.
public enum FieldsDocument {
    public static var markdown: String {
        var lines = [
            "| field | prem | openai | value | `[defaults]` key | `ask` flag | what it is |",
            "|---|---|---|---|---|---|---|",
        ]
        for field in RequestField.all {
            let config: String
            switch field.config {
            case let .key(key): config = "`\(key)`"
            case .elsewhere: config = "—"
            }
            let flag = "`\(field.ask.name)`" + (field.ask.isRepeatable ? " (repeatable)" : "")
            let cells = [
                "`\(field.id)`", wire(field.wire.prem), wire(field.wire.openai), value(field), config, flag,
                field.help.replacingOccurrences(of: "|", with: "\\|"),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    private static func wire(_ name: RequestField.WireName) -> String {
        switch name {
        case let .member(name): return "`\(name)`"
        case let .nested(name, parent): return "`\(parent).\(name)`"
        case .systemMessage: return "first message (`system`)"
        case .notSent: return "not sent"
        }
    }

    private static func value(_ field: RequestField) -> String {
        switch field.kind {
        case let .slider(numeric):
            let low = plain(numeric.range.lowerBound), high = plain(numeric.range.upperBound)
            let kind = numeric.decimals == 0 ? "integer" : "number"
            let track = numeric.isLogarithmic ? ", log track" : ""
            let step = numeric.isLogarithmic ? "round values, ×2" : "\(plain(numeric.step)), \(plain(numeric.bigStep))"
            return "\(kind) \(low)–\(high) (steps \(step)\(track))"
        case let .integer(minimum):
            return minimum == Int.min ? "integer (64-bit)" : "integer ≥ \(minimum)"
        case .text: return "text, one line"
        case .multilineText: return "text"
        case let .list(maxItems):
            let items: String
            if case .integers = field.storage { items = "integers" } else { items = "strings" }
            return maxItems.map { "1–\($0) \(items)" } ?? "list of \(items)"
        case .json: return "JSON"
        }
    }

    /// `2`, `-2`, `0.05`: a number as people write it.
    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}
