/// Where the strings a chunk contributes start (the offset of their opening quote), found by
/// `JSONParser.scanChunk()`. Nil means "absent or not a string", exactly as the lenient
/// lookups of `StreamChunkDecoder` would find them in a parsed tree.
struct ScannedChunk {
    /// The first top-level `model` member, when it is a string.
    var model: Int?
    /// `choices[0].delta.content` when that is a string, else `choices[0].text` when that is.
    var content: Int? { deltaContent ?? text }
    /// `choices[0].finish_reason`, when it is a string.
    var finishReason: Int?
    /// `choices[0].delta.reasoning_content` when that is a string, else `delta.reasoning`.
    var reasoning: Int? { reasoningContent ?? reasoningText }
    fileprivate var reasoningContent: Int?
    fileprivate var reasoningText: Int?
    fileprivate var deltaContent: Int?
    fileprivate var text: Int?
}

/// The hot path of a stream: reading `{"choices":[{"delta":{"content":"..."}}]}` and its
/// envelope once per chunk. A `JSONValue` tree costs an allocation per key and value, and most
/// of a chunk (`id`, `object`, `created`, `index`, `role`) is not needed; this validates the
/// whole document with the parser's own rules but only records where the needed strings are.
///
/// It gives up (nil) whenever the full path could answer differently or is simply needed:
/// invalid JSON, a non-null top-level `error` or `usage` (rare, and decoded by the full path),
/// a delta with `tool_calls` that are not null (rare, and small), an escaped key where keys
/// are matched (`"mod\u0065l"` is `model`), a number that needs
/// converting to be judged finite, nesting deeper than `maximumScanDepth`. Giving up only
/// costs a second, full parse, so the rule for a change here is: when unsure, give up.
/// `DecoderPropertyTests` compares both paths on random and damaged chunks.
extension JSONParser {
    static let maximumScanDepth = 64

    mutating func scanChunk() -> ScannedChunk? {
        skipWhitespace()
        guard current == UInt8(ascii: "{") else { return nil }
        var chunk = ScannedChunk()
        var seen = SeenKeys()
        let completed = scanMembers { parser, key in
            switch key {
            case .model where seen.first(.model):
                if parser.current == UInt8(ascii: "\"") { chunk.model = parser.position }
                return parser.skipValue(depth: 1)
            case .choices where seen.first(.choices):
                return parser.scanChoices(into: &chunk)
            case .error where seen.first(.error), .usage where seen.first(.usage):
                // null is as good as absent; anything else is for the full path.
                return parser.consume("null")
            default:
                return parser.skipValue(depth: 1)
            }
        }
        guard completed else { return nil }
        skipWhitespace()
        return position == bytes.count ? chunk : nil
    }

    /// `choices`: only element 0 is looked into; the rest are validated and skipped.
    private mutating func scanChoices(into chunk: inout ScannedChunk) -> Bool {
        guard current == UInt8(ascii: "[") else { return skipValue(depth: 1) }
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return true
        }
        var index = 0
        while true {
            skipWhitespace()
            let valid = index == 0 && current == UInt8(ascii: "{") ? scanChoice(into: &chunk) : skipValue(depth: 2)
            guard valid else { return false }
            index += 1
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return true
            default: return false
            }
        }
    }

    private mutating func scanChoice(into chunk: inout ScannedChunk) -> Bool {
        var seen = SeenKeys()
        return scanMembers { parser, key in
            switch key {
            case .delta where seen.first(.delta):
                guard parser.current == UInt8(ascii: "{") else { return parser.skipValue(depth: 3) }
                var seenInDelta = SeenKeys()
                return parser.scanMembers { parser, key in
                    // `first` runs only for the named keys, and marks a key even when its value
                    // is not a string (the full path reads the first of duplicates too).
                    let isString = parser.current == UInt8(ascii: "\"")
                    switch key {
                    case .content where seenInDelta.first(.content):
                        if isString { chunk.deltaContent = parser.position }
                    case .reasoningContent where seenInDelta.first(.reasoningContent):
                        if isString { chunk.reasoningContent = parser.position }
                    case .reasoning where seenInDelta.first(.reasoning):
                        if isString { chunk.reasoningText = parser.position }
                    case .toolCalls where seenInDelta.first(.toolCalls):
                        // null is as good as absent; calls are for the full path.
                        return parser.consume("null")
                    default:
                        break
                    }
                    return parser.skipValue(depth: 4)
                }
            case .text where seen.first(.text):
                if parser.current == UInt8(ascii: "\"") { chunk.text = parser.position }
                return parser.skipValue(depth: 3)
            case .finishReason where seen.first(.finishReason):
                if parser.current == UInt8(ascii: "\"") { chunk.finishReason = parser.position }
                return parser.skipValue(depth: 3)
            default:
                return parser.skipValue(depth: 3)
            }
        }
    }

    /// Walks the object at `position` (which must be `{`), calling `member` with each key and
    /// the parser placed at the start of its value; `member` must consume the value.
    /// False for invalid JSON or an escaped key.
    private mutating func scanMembers(_ member: (inout JSONParser, ChunkKey) -> Bool) -> Bool {
        position += 1  // {
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return true
        }
        while true {
            skipWhitespace()
            guard let key = scanKey() else { return false }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { return false }
            position += 1
            skipWhitespace()
            guard member(&self, key) else { return false }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return true
            default: return false
            }
        }
    }

    /// A key that needs no unescaping, named if it is one the chunk decoder reads.
    private mutating func scanKey() -> ChunkKey? {
        guard current == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        position = end + 1
        return ChunkKey(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// Validates one value with the parser's rules and moves past it, building nothing.
    mutating func skipValue(depth: Int) -> Bool {
        guard depth < Self.maximumScanDepth, let byte = current else { return false }
        switch byte {
        case UInt8(ascii: "\""): return skipString()
        case UInt8(ascii: "{"): return skipContainer(depth: depth, close: UInt8(ascii: "}"), keyed: true)
        case UInt8(ascii: "["): return skipContainer(depth: depth, close: UInt8(ascii: "]"), keyed: false)
        case UInt8(ascii: "t"): return consume("true")
        case UInt8(ascii: "f"): return consume("false")
        case UInt8(ascii: "n"): return consume("null")
        default: return skipNumber()
        }
    }

    private mutating func skipContainer(depth: Int, close: UInt8, keyed: Bool) -> Bool {
        position += 1
        skipWhitespace()
        if current == close {
            position += 1
            return true
        }
        while true {
            skipWhitespace()
            if keyed {
                guard current == UInt8(ascii: "\""), skipString() else { return false }
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { return false }
                position += 1
                skipWhitespace()
            }
            guard skipValue(depth: depth + 1) else { return false }
            skipWhitespace()
            guard let byte = current else { return false }
            position += 1
            if byte == close { return true }
            guard byte == UInt8(ascii: ",") else { return false }
        }
    }

    /// A string literal: no control characters, only the escapes `parseString` accepts.
    mutating func skipString() -> Bool {
        position += 1  // opening quote
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return true
            case UInt8(ascii: "\\"):
                guard let escaped = current else { return false }
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    guard parseHex4() != nil else { return false }
                default:
                    return false
                }
            case 0..<0x20:
                return false
            default:
                continue
            }
        }
        return false  // unterminated
    }

    /// The number grammar of `parseNumber`. Without an exponent and with at most 300 integer
    /// digits a number is always finite; anything else is judged by `parseNumber` itself.
    private mutating func skipNumber() -> Bool {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, isDigit(first) else { return false }
        position += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        let integerDigits = position - start
        if current == UInt8(ascii: ".") {
            position += 1
            guard let digit = current, isDigit(digit) else { return false }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") || integerDigits > 300 {
            position = start
            return parseNumber() != nil
        }
        return true
    }

    /// The string whose opening quote is at `offset`, decoded exactly as the full parser does.
    mutating func string(at offset: Int) -> String? {
        position = offset
        return parseString()
    }
}

/// The member names the chunk decoder looks up; `.other` for every other key.
enum ChunkKey: Equatable {
    case model, choices, error, usage, delta, content, text, finishReason
    case reasoning, reasoningContent, toolCalls, other

    init(_ name: UnsafeBufferPointer<UInt8>) {
        // Byte equality is String equality here: no other UTF-8 is canonically equivalent to
        // these lower-case ASCII names, and invalid UTF-8 (U+FFFD once decoded) matches none.
        switch name.count {
        case 4: self = Self.equal(name, "text") ? .text : .other
        case 5: self = Self.equal(name, "model") ? .model : Self.equal(name, "error") ? .error
            : Self.equal(name, "usage") ? .usage : Self.equal(name, "delta") ? .delta : .other
        case 7: self = Self.equal(name, "choices") ? .choices : Self.equal(name, "content") ? .content : .other
        case 9: self = Self.equal(name, "reasoning") ? .reasoning : .other
        case 10: self = Self.equal(name, "tool_calls") ? .toolCalls : .other
        case 13: self = Self.equal(name, "finish_reason") ? .finishReason : .other
        case 17: self = Self.equal(name, "reasoning_content") ? .reasoningContent : .other
        default: self = .other
        }
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        let expected = name.utf8Start
        for index in 0..<bytes.count where bytes[index] != expected[index] {
            return false
        }
        return true
    }
}

/// Which named keys an object has shown already: the full path reads the first of duplicates.
private struct SeenKeys {
    private var bits: UInt16 = 0

    /// True the first time `key` is passed.
    mutating func first(_ key: ChunkKey) -> Bool {
        let bit: UInt16 = 1 << Self.index(key)
        defer { bits |= bit }
        return bits & bit == 0
    }

    private static func index(_ key: ChunkKey) -> UInt16 {
        switch key {
        case .model: return 0
        case .choices: return 1
        case .error: return 2
        case .usage: return 3
        case .delta: return 4
        case .content: return 5
        case .text: return 6
        case .finishReason: return 7
        case .reasoning: return 8
        case .reasoningContent: return 9
        case .toolCalls: return 10
        case .other: return 11
        }
    }
}
