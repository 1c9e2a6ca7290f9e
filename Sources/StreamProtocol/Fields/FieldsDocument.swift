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

    /// docs/configuration.md's `[defaults]` table: each key the file takes, its TOML type and
    /// what it accepts, in the pane's order.
    public static var defaultsMarkdown: String {
        var lines = ["| key | type | range / shape |", "|---|---|---|"]
        for field in RequestField.all {
            guard let key = field.config.key else { continue }
            let (type, shape) = tomlValue(field)
            let premOnly = field.isCarried(by: .openai) ? "" : " (prem only)"
            lines.append("| `\(key)` | \(type) | \(shape)\(premOnly) |")
        }
        return lines.joined(separator: "\n")
    }

    /// docs/ask.md's table of request-field flags, in the pane's order.
    public static var askMarkdown: String {
        var lines = ["| flag | field |", "|---|---|"]
        for field in RequestField.all {
            var flag = "`\(field.ask.name) \(placeholder(field))`"
            if field == .systemPrompt { flag += ", `--system-file PATH`" }
            if field.ask.isRepeatable { flag += " (repeatable)" }
            var about = "`\(field.id)`"
            switch field.kind {
            case let .slider(numeric):
                about += ", \(plain(numeric.range.lowerBound))–\(plain(numeric.range.upperBound))"
            case let .integer(minimum):
                about += minimum == Int.min ? ", a 64-bit whole number" : ", at least \(minimum)"
            case let .list(maxItems?):
                about += ", up to \(maxItems)"
            default:
                break
            }
            if field.wire.openai == .systemMessage { about += " (prem) / a system message (openai)" }
            if !field.isCarried(by: .openai) { about += " (prem)" }
            lines.append("| \(flag) | \(about) |")
        }
        return lines.joined(separator: "\n")
    }

    private static func placeholder(_ field: RequestField) -> String {
        switch field.kind {
        case let .slider(numeric): return numeric.decimals == 0 ? "N" : "X"
        case .integer: return "N"
        case .text, .multilineText: return field.id == "model" ? "NAME" : "TEXT"
        case .list: if case .integers = field.storage { return "N" } else { return "S" }
        case .json: return "JSON\\|@FILE"
        }
    }

    private static func tomlValue(_ field: RequestField) -> (type: String, shape: String) {
        switch field.kind {
        case let .slider(numeric):
            let range = "\(plain(numeric.range.lowerBound))–\(plain(numeric.range.upperBound))"
            return (numeric.decimals == 0 ? "integer" : "number", range)
        case let .integer(minimum):
            return ("integer", minimum == Int.min ? "any 64-bit integer" : "at least \(minimum)")
        case .text:
            return ("string", "not empty")
        case .multilineText:
            return (#"string (use `"""…"""` for several lines)"#, "not empty")
        case let .list(maxItems):
            if case .integers = field.storage { return ("array of integers", "each ≥ 1, at least one") }
            let most = maxItems.map(String.init) ?? "any number of"
            return ("string, or array of 1–\(most) strings", "not empty; one is sent as a string, several as an array")
        case let .json(shape):
            switch shape {
            case .logitBias:
                return ("inline table or JSON string", "object of token id (digits) → number -100…100, each id once")
            case .responseFormat:
                return ("inline table or JSON string",
                        "object whose `type` is `text`, `json_object` or `json_schema` (which also needs a `json_schema` object)")
            case .tools:
                return ("array of inline tables, or JSON string",
                        #"non-empty array of `{ type = "function", function = { name = "…", … } }`"#)
            }
        }
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
