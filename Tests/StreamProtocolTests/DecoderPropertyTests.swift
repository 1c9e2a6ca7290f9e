import StreamProtocol
import XCTest

/// `StreamEventDecoder` reads chunks straight from the SSE bytes with a scanner that builds no
/// JSON tree; `SSEDecoder` + `StreamChunkDecoder.decode(_:)` is the reference it must equal
/// (a full `JSONValue` parse, then lenient lookups). Random chunks in both dialects, many of
/// them odd or broken on purpose, must give the same events and the same malformed count
/// through both, however the bytes are cut.
final class DecoderPropertyTests: XCTestCase {
    func testRandomChunksDecodeExactlyLikeTheReferencePath() {
        var generator = SeededGenerator(seed: 0xDEC0DE)
        var tally = Tally()
        for iteration in 0..<4_000 {
            let dialect: Dialect = iteration % 2 == 0 ? .prem : .openai
            var stream: [UInt8] = []
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                stream += block(dialect, using: &generator)
            }
            let (expected, expectedMalformed) = referenceDecode(stream, dialect: dialect)
            tally.count(expected, malformed: expectedMalformed)

            var decoder = StreamEventDecoder(dialect: dialect)
            var events: [StreamEvent] = []
            for piece in randomPieces(of: stream, using: &generator) {
                events += decoder.feed(piece)
            }
            events += decoder.finish()
            if events != expected || decoder.malformedChunkCount != expectedMalformed {
                XCTFail("""
                    iteration \(iteration) \(dialect): \(String(decoding: stream, as: UTF8.self).debugDescription)
                    gave \(events) (malformed \(decoder.malformedChunkCount))
                    reference \(expected) (malformed \(expectedMalformed))
                    """)
                return
            }
        }
        // The generator must reach every branch, or the comparison proves little.
        XCTAssertGreaterThan(tally.contents, 1_200)
        XCTAssertGreaterThan(tally.models, 500)
        XCTAssertGreaterThan(tally.finishReasons, 300)
        XCTAssertGreaterThan(tally.errors, 300)
        XCTAssertGreaterThan(tally.usages, 100)
        XCTAssertGreaterThan(tally.reasonings, 300)
        XCTAssertGreaterThan(tally.toolCalls, 100)
        XCTAssertGreaterThan(tally.malformed, 500)
        XCTAssertEqual(tally.skipped, tally.malformed, "every malformed chunk is said as a skipped event")
        XCTAssertGreaterThan(tally.replacementCharacters, 50)
    }

    /// The fixtures with random damage (bytes changed, removed, inserted, lines cut short):
    /// never a crash, and the client's path still equals the reference.
    func testDamagedFixturesDecodeLikeTheReferencePath() {
        var generator = SeededGenerator(seed: 0xF1_7E5)
        for iteration in 0..<2_000 {
            let fixture = Fixtures.all[iteration % Fixtures.all.count]
            var bytes = Array(fixture.text.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &generator) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[at] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(Self.damage[Int.random(in: 0..<Self.damage.count, using: &generator)], at: at)
                default: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &generator)))
                }
            }
            let (expected, expectedMalformed) = referenceDecode(bytes, dialect: fixture.dialect)
            var decoder = StreamEventDecoder(dialect: fixture.dialect)
            var events: [StreamEvent] = []
            for piece in randomPieces(of: bytes, using: &generator) {
                events += decoder.feed(piece)
            }
            events += decoder.finish()
            XCTAssertEqual(events, expected, "iteration \(iteration)")
            XCTAssertEqual(decoder.malformedChunkCount, expectedMalformed, "iteration \(iteration)")
        }
    }

    private static let damage: [UInt8] = [0x0A, 0x0D, 0x22, 0x5C, 0x3A, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x20, 0x00, 0xFF, 0xC3, 0x30, 0x65]

    // MARK: - Reference

    private func referenceDecode(_ bytes: [UInt8], dialect: Dialect) -> ([StreamEvent], Int) {
        var chunks = StreamChunkDecoder(dialect: dialect)
        let events = decodeMessages([bytes]).flatMap { chunks.decode($0) }
        return (events, chunks.malformedChunkCount)
    }

    private struct Tally {
        var contents = 0, models = 0, finishReasons = 0, errors = 0, usages = 0, malformed = 0, replacementCharacters = 0
        var reasonings = 0, toolCalls = 0, skipped = 0

        mutating func count(_ events: [StreamEvent], malformed: Int) {
            self.malformed += malformed
            for event in events {
                switch event {
                case let .content(text):
                    contents += 1
                    if text.contains("\u{FFFD}") { replacementCharacters += 1 }
                case .model: models += 1
                case .finishReason: finishReasons += 1
                case .error: errors += 1
                case .usage: usages += 1
                case .reasoning: reasonings += 1
                case .toolCall: toolCalls += 1
                case .done: break
                case .skipped: skipped += 1
                }
            }
        }
    }

    // MARK: - Generator

    /// One SSE block: mostly a chunk in the dialect's framing, sometimes the other blocks a
    /// stream carries (end marker, error event, unknown event, comment).
    private func block(_ dialect: Dialect, using generator: inout SeededGenerator) -> [UInt8] {
        let end = ["\n", "\r\n", "\r"][Int.random(in: 0..<3, using: &generator)]
        func framed(_ lines: [[UInt8]]) -> [UInt8] {
            lines.flatMap { $0 + Array(end.utf8) } + Array(end.utf8)
        }
        let roll = Int.random(in: 0..<20, using: &generator)
        switch roll {
        case 0:
            return framed([Array("data: [DONE]".utf8)])
        case 1:
            return framed([Array("event: error".utf8), Array("data: ".utf8) + object(chunkMembers(using: &generator), using: &generator)])
        case 2:
            return framed([Array("event: ping".utf8), Array("data: {}".utf8)])
        case 3:
            return Array(": keep-alive".utf8) + Array(end.utf8)
        default:
            var json = object(chunkMembers(using: &generator), using: &generator)
            if Int.random(in: 0..<6, using: &generator) == 0, !json.isEmpty {
                json = damaged(json, using: &generator)
            }
            let event: [[UInt8]] = dialect == .prem && roll % 2 == 0 ? [Array("event: completion".utf8)] : []
            // Sometimes the chunk is spread over several data lines (cut at spaces, which the
            // join turns into newlines: still JSON whitespace).
            let parts = Int.random(in: 0..<5, using: &generator) == 0 ? json.split(separator: 0x20, omittingEmptySubsequences: false).map(Array.init) : [json]
            let padding: [UInt8] = Int.random(in: 0..<8, using: &generator) == 0 ? [0x20, 0x09] : []
            return framed(event + parts.map { Array("data: ".utf8) + padding + $0 })
        }
    }

    private func damaged(_ json: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = json
        let at = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: bytes.removeSubrange(at...)
        case 1: bytes[at] = Self.damage[Int.random(in: 0..<Self.damage.count, using: &generator)]
        default: bytes.insert(Self.damage[Int.random(in: 0..<Self.damage.count, using: &generator)], at: at)
        }
        // A line end inside a data line would only change the SSE framing, not test the JSON.
        return bytes.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
    }

    private typealias Member = (key: [UInt8], value: [UInt8])

    private func chunkMembers(using generator: inout SeededGenerator) -> [Member] {
        var members: [Member] = []
        func add(_ probability: Int, _ key: String, _ value: [UInt8]) {
            if Int.random(in: 0..<100, using: &generator) < probability { members.append((Array(key.utf8), value)) }
        }
        add(60, #""id""#, pick([#""chatcmpl-1""#, "5", "null"], using: &generator))
        add(50, #""object""#, pick([#""chat.completion.chunk""#, "null"], using: &generator))
        add(50, #""created""#, pick(["1716846908", #""1716846908""#, "1.5e9", "-0", "0.25", "null"], using: &generator))
        add(60, key(["model", "mod\\u0065l", "Model"], using: &generator), pick([#""gpt-4o-mini""#, #""""#, "null", "7", #""m\u00e9""#], using: &generator))
        add(85, key(["choices", "choice"], using: &generator), choices(using: &generator))
        add(8, key(["error", "\\u0065rror"], using: &generator), errorValue(using: &generator))
        add(10, #""usage""#, pick([
            "null", "{}", "[]", #"{"prompt_tokens":3,"completion_tokens":"4","total_tokens":7.0}"#, #"{"total_tokens":" 9 "}"#,
            #"{"prompt_tokens":1.5}"#,
        ], using: &generator))
        add(30, #""x_extra""#, randomValue(depth: 0, using: &generator))
        // Duplicate keys: the first one wins in the reference (`JSONValue` subscript).
        if Int.random(in: 0..<8, using: &generator) == 0, let first = members.first {
            members.append((first.key, randomValue(depth: 0, using: &generator)))
        }
        members.shuffle(using: &generator)
        return members
    }

    private func choices(using generator: inout SeededGenerator) -> [UInt8] {
        switch Int.random(in: 0..<12, using: &generator) {
        case 0: return Array("[]".utf8)
        case 1: return Array(#""nope""#.utf8)
        case 2: return Array("null".utf8)
        case 3: return array([Array("7".utf8), choice(using: &generator)], using: &generator)
        default:
            var elements = [choice(using: &generator)]
            if Int.random(in: 0..<4, using: &generator) == 0 { elements.append(choice(using: &generator)) }
            return array(elements, using: &generator)
        }
    }

    private func choice(using generator: inout SeededGenerator) -> [UInt8] {
        var members: [Member] = []
        func add(_ probability: Int, _ key: String, _ value: [UInt8]) {
            if Int.random(in: 0..<100, using: &generator) < probability { members.append((Array(key.utf8), value)) }
        }
        add(40, #""index""#, pick(["0", "1", "null"], using: &generator))
        var delta: [Member] = []
        if Int.random(in: 0..<3, using: &generator) == 0 { delta.append((Array(#""role""#.utf8), Array(#""assistant""#.utf8))) }
        if Int.random(in: 0..<10, using: &generator) < 8 {
            let content = Int.random(in: 0..<10, using: &generator) < 8 ? string(using: &generator)
                : pick(["null", "3", #""""#, "[]"], using: &generator)
            delta.append((Array(key(["content", "cont\\u0065nt", "Content"], using: &generator).utf8), content))
        }
        if Int.random(in: 0..<4, using: &generator) == 0 {
            let reasoning = Int.random(in: 0..<10, using: &generator) < 8 ? string(using: &generator)
                : pick(["null", "3", #""""#], using: &generator)
            delta.append((Array(key(["reasoning_content", "reasoning", "reas\\u006fning"], using: &generator).utf8), reasoning))
        }
        if Int.random(in: 0..<8, using: &generator) == 0 {
            delta.append((Array(#""tool_calls""#.utf8), toolCalls(using: &generator)))
        }
        if Int.random(in: 0..<10, using: &generator) == 0, let first = delta.first { delta.append((first.key, string(using: &generator))) }
        delta.shuffle(using: &generator)
        add(85, key(["delta", "d\\u0065lta", "Delta"], using: &generator),
            Int.random(in: 0..<12, using: &generator) == 0 ? Array(#""text""#.utf8) : object(delta, using: &generator))
        add(10, #""text""#, Int.random(in: 0..<4, using: &generator) == 0 ? Array("null".utf8) : string(using: &generator))
        add(45, #""finish_reason""#, pick([#""stop""#, #""length""#, #""""#, "null", "1"], using: &generator))
        add(15, #""logprobs""#, randomValue(depth: 1, using: &generator))
        members.shuffle(using: &generator)
        return Int.random(in: 0..<15, using: &generator) == 0 ? Array("42".utf8) : object(members, using: &generator)
    }

    /// `tool_calls`: null, or calls as servers stream them (id and name first, arguments in
    /// pieces), sometimes without an index or with odd shapes.
    private func toolCalls(using generator: inout SeededGenerator) -> [UInt8] {
        if Int.random(in: 0..<5, using: &generator) == 0 { return pick(["null", "[]", "{}", #""x""#], using: &generator) }
        var calls: [[UInt8]] = []
        for _ in 0..<Int.random(in: 1...2, using: &generator) {
            var function: [Member] = []
            if Int.random(in: 0..<2, using: &generator) == 0 { function.append((Array(#""name""#.utf8), string(using: &generator))) }
            if Int.random(in: 0..<4, using: &generator) != 0 { function.append((Array(#""arguments""#.utf8), string(using: &generator))) }
            var call: [Member] = []
            if Int.random(in: 0..<4, using: &generator) != 0 { call.append((Array(#""index""#.utf8), pick(["0", "1", #""2""#, "null"], using: &generator))) }
            if Int.random(in: 0..<3, using: &generator) == 0 { call.append((Array(#""id""#.utf8), string(using: &generator))) }
            call.append((Array(#""type""#.utf8), Array(#""function""#.utf8)))
            call.append((Array(#""function""#.utf8), object(function, using: &generator)))
            calls.append(Int.random(in: 0..<12, using: &generator) == 0 ? Array("7".utf8) : object(call, using: &generator))
        }
        return array(calls, using: &generator)
    }

    private func errorValue(using generator: inout SeededGenerator) -> [UInt8] {
        pick([
            "null", #""RateLimitError""#, #""a sentence, not a code""#, #"{"message":"Overloaded","type":"server_error","code":529}"#,
            #"{"message":"","code":null}"#, "false", "{}",
        ], using: &generator)
    }

    /// A JSON string literal built from pieces that exercise the string parser: plain text,
    /// UTF-8 of every length, escapes, surrogate pairs and lone surrogates, and raw invalid
    /// UTF-8 (which the reference sees already replaced by the SSE layer).
    private func string(using generator: inout SeededGenerator) -> [UInt8] {
        let pieces: [[UInt8]] = [
            "Hel", "lo", " ", "wörld", "日本", "🙂", "🐈‍⬛", #"\n"#, #"\""#, #"\\"#, #"\/"#, #"\t"#, #"\u00e9"#, #"\u65e5"#,
            #"\ud83d\ude00"#, #"\ud800"#, #"\udc00x"#, #"\ud83dA"#, #"\u0000"#, "[DONE]", ":", "{}",
        ].map { Array($0.utf8) } + [[0xFF], [0xE6, 0x97], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]
        var bytes: [UInt8] = [0x22]
        for _ in 0..<Int.random(in: 0...5, using: &generator) {
            bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
        }
        return bytes + [0x22]
    }

    private func randomValue(depth: Int, using generator: inout SeededGenerator) -> [UInt8] {
        if Int.random(in: 0..<25, using: &generator) == 0 {
            // Invalid JSON, some of it only by a detail (an overflowing number, a leading zero).
            return pick(["nul", "tru", "[1,]", "{\"a\"}", "{\"a\":1,}", "1e999", "01", "-", "1.", ".5", #""\u12""#], using: &generator)
        }
        let roll = Int.random(in: 0..<(depth > 3 ? 5 : 8), using: &generator)
        switch roll {
        case 0: return pick(["null", "true", "false"], using: &generator)
        case 1: return pick(["0", "-1", "3.25", "1e3", "-2E-2", "12345678901234567890", "1e308", "-0.0e-0"], using: &generator)
        case 2, 3: return string(using: &generator)
        case 4: return pick(["[]", "{}", " [ ] ", "{ }"], using: &generator)
        case 5: return array((0..<Int.random(in: 0...3, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) }, using: &generator)
        default:
            let members = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                (string(using: &generator), randomValue(depth: depth + 1, using: &generator))
            }
            return object(members.map { (key: $0.0, value: $0.1) }, using: &generator)
        }
    }

    private func object(_ members: [Member], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = space(using: &generator) + [0x7B]
        for (index, member) in members.enumerated() {
            if index > 0 { bytes += [0x2C] }
            bytes += space(using: &generator) + member.key + space(using: &generator) + [0x3A] + space(using: &generator) + member.value
                + space(using: &generator)
        }
        return bytes + [0x7D] + space(using: &generator)
    }

    private func array(_ elements: [[UInt8]], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes: [UInt8] = [0x5B]
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes += [0x2C] }
            bytes += space(using: &generator) + element + space(using: &generator)
        }
        return bytes + [0x5D]
    }

    /// Usually nothing, sometimes JSON whitespace (never a line end: that is SSE's business).
    private func space(using generator: inout SeededGenerator) -> [UInt8] {
        Int.random(in: 0..<6, using: &generator) == 0 ? pick([" ", "\t", "  "], using: &generator) : []
    }

    /// The first spelling most of the time, else one of the others (an escaped or a wrong one).
    private func key(_ spellings: [String], using generator: inout SeededGenerator) -> String {
        let index = Int.random(in: 0..<10, using: &generator) < 7 ? 0 : Int.random(in: 0..<spellings.count, using: &generator)
        return "\"" + spellings[index] + "\""
    }

    private func pick(_ options: [String], using generator: inout SeededGenerator) -> [UInt8] {
        Array(options[Int.random(in: 0..<options.count, using: &generator)].utf8)
    }

    private func randomPieces(of bytes: [UInt8], using generator: inout SeededGenerator) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            let length = Int.random(in: 0...min(64, bytes.count - start), using: &generator)
            pieces.append(Array(bytes[start..<(start + length)]))
            start += length
        }
        return pieces
    }
}

/// The receive path the client uses (`StreamEventDecoder`), fed `pieces` in order, then finished.
func decodeThroughStreamDecoder(_ pieces: [[UInt8]], dialect: Dialect) -> [StreamEvent] {
    var decoder = StreamEventDecoder(dialect: dialect)
    var events: [StreamEvent] = []
    for piece in pieces {
        events += decoder.feed(piece)
    }
    return events + decoder.finish()
}
