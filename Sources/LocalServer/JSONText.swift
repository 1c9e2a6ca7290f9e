import StreamProtocol

/// FlyingFox exports a `JSONValue` of its own; this module always means the shared one.
typealias JSONValue = StreamProtocol.JSONValue

/// Writes `JSONValue`s as JSON text, keeping object keys in their given order so that the
/// chunks this server sends read like the reference stream.
/// `/echo`'s view of a request body.
enum JSONText {
    /// Re-indents JSON text without parsing it into values, so numbers, escapes and key order
    /// stay exactly as the client sent them (what `/echo` promises). Assumes valid JSON.
    static func reindented(_ text: String, indent: String = "  ") -> String {
        var out = ""
        var depth = 0
        var inString = false
        var escaped = false
        var justOpened = false
        func newline() { out += "\n" + String(repeating: indent, count: depth) }
        for character in text {
            if inString {
                out.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            if character == " " || character == "\n" || character == "\r" || character == "\t" { continue }
            if justOpened, character != "}", character != "]" { newline() }
            justOpened = false
            switch character {
            case "{", "[":
                out.append(character)
                depth += 1
                justOpened = true
            case "}", "]":
                depth -= 1
                if let last = out.last, last != "{", last != "[" { newline() }
                out.append(character)
            case ",":
                out.append(character)
                newline()
            case ":":
                out += ": "
            case "\"":
                inString = true
                out.append(character)
            default:
                out.append(character)
            }
        }
        return out
    }
}

/// Strict readers for validating a request as the service does: unlike StreamProtocol's lenient
/// ones (a number in a string counts there), only the exact JSON type counts here.
extension JSONValue {
    /// The value as compact JSON text: StreamProtocol's writer, named for call sites that
    /// build a value inline.
    static func compactText(of value: JSONValue) -> String { value.compactText }

    var arrayValue: [JSONValue]? { if case let .array(items) = self { return items } else { return nil } }
    var boolValue: Bool? { if case let .bool(flag) = self { return flag } else { return nil } }
    var isObject: Bool { if case .object = self { return true } else { return false } }

    /// The value as an integer, only when it is a JSON number with no fractional part.
    var integerValue: Int? {
        guard case let .number(number) = self, number == number.rounded(), abs(number) < 9_007_199_254_740_992 else { return nil }
        return Int(number)
    }

    var numberValue: Double? { if case let .number(number) = self { return number } else { return nil } }
}
