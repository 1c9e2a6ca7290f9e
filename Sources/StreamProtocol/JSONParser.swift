/// A small strict JSON parser (RFC 8259) producing `JSONValue`, so that object key order is
/// kept and no Foundation bridging decides what a number or a boolean is. Input is untrusted:
/// nesting is capped, invalid UTF-8 inside strings becomes U+FFFD, lone surrogate escapes
/// become U+FFFD, and any syntax error yields nil instead of a crash.
extension JSONValue {
    /// Nesting deeper than this is rejected (recursion must not be driven by the input).
    public static let maximumParseDepth = 256

    public static func parse(_ text: String) -> JSONValue? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    public static func parse(utf8 bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBufferPointer { parse(utf8: $0) }
    }

    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        var parser = JSONParser(bytes: bytes)
        return parser.parseDocument()
    }

    /// The same parse, saying where the text stopped being JSON when it is not (the local
    /// server answers "Invalid JSON at byte N", as a validating service would).
    public static func parseLocatingError(utf8 bytes: [UInt8]) -> Result<JSONValue, JSONSyntaxError> {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer)
            if let value = parser.parseDocument() { return .success(value) }
            return .failure(JSONSyntaxError(offset: min(parser.position, buffer.count)))
        }
    }
}

/// Where a document stopped being JSON: the byte offset the parser could not get past.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public var offset: Int
}

/// Internal so that `StreamChunkScanner` can read chunks with the same string, number and
/// whitespace rules without building a tree.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() -> JSONValue? {
        skipWhitespace()
        // A UTF-8 BOM before the value is tolerated (some servers send one).
        if bytes.count - position >= 3, bytes[position] == 0xEF, bytes[position + 1] == 0xBB, bytes[position + 2] == 0xBF {
            position += 3
            skipWhitespace()
        }
        guard let value = parseValue(depth: 0) else { return nil }
        skipWhitespace()
        return position == bytes.count ? value : nil
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            position += 1
        }
    }

    mutating func consume(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - position >= count else { return false }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count where bytes[position + offset] != expected[offset] {
            return false
        }
        position += count
        return true
    }

    private mutating func parseValue(depth: Int) -> JSONValue? {
        guard depth < JSONValue.maximumParseDepth, let byte = current else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return parseObject(depth: depth)
        case UInt8(ascii: "["): return parseArray(depth: depth)
        case UInt8(ascii: "\""): return parseString().map(JSONValue.string)
        case UInt8(ascii: "t"): return consume("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return consume("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return consume("null") ? .null : nil
        default: return parseNumber()
        }
    }

    private mutating func parseObject(depth: Int) -> JSONValue? {
        position += 1  // {
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\""), let key = parseString() else { return nil }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { return nil }
            position += 1
            skipWhitespace()
            guard let value = parseValue(depth: depth + 1) else { return nil }
            members.append((key: key, value: value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .object(members)
            default: return nil
            }
        }
    }

    private mutating func parseArray(depth: Int) -> JSONValue? {
        position += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            guard let value = parseValue(depth: depth + 1) else { return nil }
            elements.append(value)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(elements)
            default: return nil
            }
        }
    }

    /// Parses a string starting at its opening quote.
    mutating func parseString() -> String? {
        position += 1  // opening quote
        let start = position
        // Fast path: no escapes, so the text is a slice of the input.
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            if byte < 0x20 { return nil }
            position += 1
        }
        guard let stop = current else { return nil }
        if stop == UInt8(ascii: "\"") {
            position += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(position - 1)]), as: UTF8.self)
        }
        var utf8 = Array(bytes[start..<position])
        while let byte = current {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard parseEscape(into: &utf8) else { return nil }
            case 0..<0x20:
                return nil
            default:
                utf8.append(byte)
            }
        }
        return nil  // unterminated
    }

    /// Parses the escape after a backslash, appending its UTF-8 bytes.
    private mutating func parseEscape(into utf8: inout [UInt8]) -> Bool {
        guard let byte = current else { return false }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = parseHex4() else { return false }
            var scalar = Unicode.Scalar(unit)
            if (0xD800...0xDBFF).contains(unit) {
                // A high surrogate needs a following \uDC00-\uDFFF; otherwise it stands alone.
                let save = position
                if consume("\\u"), let low = parseHex4(), (0xDC00...0xDFFF).contains(low) {
                    scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
                } else {
                    position = save
                }
            }
            utf8.append(contentsOf: String(Character(scalar ?? "\u{FFFD}")).utf8)
        default:
            return false
        }
        return true
    }

    mutating func parseHex4() -> UInt16? {
        guard bytes.count - position >= 4 else { return nil }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    /// Parses a number with the JSON grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
    mutating func parseNumber() -> JSONValue? {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, isDigit(first) else { return nil }
        position += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if current == UInt8(ascii: ".") {
            position += 1
            guard let digit = current, isDigit(digit) else { return nil }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let digit = current, isDigit(digit) else { return nil }
            skipDigits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        // Overflowing exponents give ±infinity from Double(_:); JSONValue numbers stay finite.
        guard let number = Double(text), number.isFinite else { return nil }
        return .number(number)
    }

    func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    mutating func skipDigits() {
        while let byte = current, isDigit(byte) { position += 1 }
    }
}
