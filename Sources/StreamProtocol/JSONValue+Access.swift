/// Lenient readers for decoding untrusted JSON: every accessor answers nil for the wrong shape
/// instead of failing, because servers disagree on types (an `id` that is a number, a
/// `created` that is a string, a `code` that is either).
extension JSONValue {
    /// The value of the first member called `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The element at `index`, when this is an array long enough.
    public subscript(index: Int) -> JSONValue? {
        guard case let .array(elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The text of a string value.
    public var stringValue: String? {
        guard case let .string(text) = self else { return nil }
        return text
    }

    /// A number, or a string that holds one.
    public var doubleValue: Double? {
        switch self {
        case let .number(number): return number
        case let .string(text): return Double(text.trimmingASCIIWhitespace()).flatMap { $0.isFinite ? $0 : nil }
        default: return nil
        }
    }

    /// A whole number that fits `Int`, or a string that holds one.
    public var intValue: Int? {
        switch self {
        case let .number(number):
            return Int(exactly: number)
        case let .string(text):
            let trimmed = text.trimmingASCIIWhitespace()
            return Int(trimmed) ?? Double(trimmed).flatMap { Int(exactly: $0) }
        default:
            return nil
        }
    }

    /// A scalar as text (`"abc"`, `404`, `true`); nil for null, arrays and objects. For fields
    /// such as an error `code` that servers send as either a string or a number.
    public var scalarText: String? {
        switch self {
        case let .string(text): return text
        case let .number(number): return JSONWriter.numberText(number)
        case let .bool(flag): return flag ? "true" : "false"
        default: return nil
        }
    }
}

extension String {
    /// Trims spaces, tabs, CR and LF only (what wire formats pad with), without Foundation.
    func trimmingASCIIWhitespace() -> String {
        let isPadding: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isPadding($0) }), let last = lastIndex(where: { !isPadding($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
