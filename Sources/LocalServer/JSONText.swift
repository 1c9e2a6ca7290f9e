import StreamProtocol

/// FlyingFox exports a `JSONValue` of its own; this module always means the shared one.
typealias JSONValue = StreamProtocol.JSONValue

/// Writes `JSONValue`s as JSON text, keeping object keys in their given order so that the
/// chunks this server sends read like the reference stream.
enum JSONText {
    static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case let .bool(flag): out += flag ? "true" : "false"
        case let .number(number): out += numberText(number)
        case let .string(text): writeString(text, into: &out)
        case let .array(items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case let .object(members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                writeString(member.key, into: &out)
                out += ":"
                write(member.value, into: &out)
            }
            out += "}"
        }
    }

    /// Integral values print without a fraction (`"created":1716846908`, not `1.716846908e9`).
    static func numberText(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
            return String(Int64(number))
        }
        return "\(number)"
    }

    /// Escapes quotes, backslashes and every control character, so that text such as the
    /// `/escape` reply travels as `\u001b` inside the JSON and never as a raw ESC byte.
    static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

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

extension JSONValue {
    /// The member named `key` of an object (first match), or nil.
    subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var stringValue: String? { if case let .string(text) = self { return text } else { return nil } }
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
