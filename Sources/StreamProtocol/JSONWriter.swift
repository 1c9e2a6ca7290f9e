/// Compact, deterministic JSON output: object members in their stored order, no whitespace,
/// strings escaped per RFC 8259 (quote, backslash and control characters, and also DEL and the
/// C1 controls, so JSON text never carries a raw terminal control such as U+009B CSI; everything
/// else, including non-ASCII, passed through as UTF-8), numbers in Swift's shortest round-trip form.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    mutating func appendRaw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ value: JSONValue) {
        switch value {
        case .null: appendRaw("null")
        case let .bool(flag): flag ? appendRaw("true") : appendRaw("false")
        case let .number(number): appendNumber(number)
        case let .string(text): appendString(text)
        case let .array(elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                append(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case let .object(members):
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                appendString(member.key)
                bytes.append(UInt8(ascii: ":"))
                append(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// JSON has no NaN or infinity: such a number is written as `null` (callers that build
    /// requests omit non-finite fields before they get here).
    mutating func appendNumber(_ number: Double) {
        guard let text = Self.numberText(number) else {
            appendRaw("null")
            return
        }
        bytes.append(contentsOf: text.utf8)
    }

    mutating func appendInt(_ number: Int) {
        bytes.append(contentsOf: String(number).utf8)
    }

    mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "\""): appendRaw("\\\"")
            case UInt8(ascii: "\\"): appendRaw("\\\\")
            case 0x0A: appendRaw("\\n")
            case 0x0D: appendRaw("\\r")
            case 0x09: appendRaw("\\t")
            case 0..<0x20, 0x7F:
                appendEscaped(UInt32(byte))
            case 0xC2:
                // U+0080…U+009F (C1 controls) are C2 80…C2 9F in UTF-8.
                guard let next = utf8.next() else { bytes.append(byte); break }
                if (0x80...0x9F).contains(next) {
                    appendEscaped(UInt32(next))
                } else {
                    bytes.append(byte)
                    bytes.append(next)
                }
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `\u00XX` for a scalar below U+0100.
    private mutating func appendEscaped(_ scalar: UInt32) {
        appendRaw("\\u00")
        bytes.append(Self.hexDigits[Int(scalar >> 4)])
        bytes.append(Self.hexDigits[Int(scalar & 0x0F)])
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whole numbers below 2^53 as integers (`-100`, not `-100.0`: what a user typed as an
    /// integer goes back as one); everything else in Swift's shortest round-trip form
    /// (`0.7`, `1e-07`), which is valid JSON. Nil when not finite.
    static func numberText(_ number: Double) -> String? {
        guard number.isFinite else { return nil }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
            return String(Int64(number))
        }
        return "\(number)"
    }
}

extension JSONValue {
    /// The value as compact JSON text (members in stored order).
    public var compactText: String {
        var writer = JSONWriter()
        writer.append(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
