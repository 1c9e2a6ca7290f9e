import StreamProtocol
import XCTest

/// Seeded random streams: decoding never crashes, and cutting the bytes anywhere never changes
/// the messages compared with feeding them all at once.
final class SSEPropertyTests: XCTestCase {
    /// Fragments chosen to hit every branch: field names, separators, every line end, comments,
    /// a BOM, split and invalid UTF-8, NUL.
    private static let fragments: [[UInt8]] = [
        "data", "event", "id", "trace_id", ":", " ", ": ", "\n", "\r", "\r\n", "\n\n", "\r\r",
        "x", "{\"a\":1}", "[DONE]", "é", "🙂", "日",
    ].map { Array($0.utf8) } + [[0xEF, 0xBB, 0xBF], [0xFF], [0xC3], [0xF0, 0x9F], [0x98, 0x80], [0x00]]

    private func randomStream(using generator: inout SeededGenerator) -> [UInt8] {
        let count = Int.random(in: 0...60, using: &generator)
        var bytes: [UInt8] = []
        for _ in 0..<count {
            if Int.random(in: 0..<8, using: &generator) == 0 {
                bytes.append(UInt8.random(in: 0...255, using: &generator))
            } else {
                bytes += Self.fragments[Int.random(in: 0..<Self.fragments.count, using: &generator)]
            }
        }
        return bytes
    }

    private func randomPieces(of bytes: [UInt8], using generator: inout SeededGenerator) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            let length = Int.random(in: 0...min(8, bytes.count - start), using: &generator)
            pieces.append(Array(bytes[start..<(start + length)]))  // empty pieces included on purpose
            start += length
        }
        return pieces
    }

    func testRandomSplitsNeverChangeTheMessages() {
        var generator = SeededGenerator(seed: 0x5EED_2024)
        var nonEmptyStreams = 0
        for iteration in 0..<2_000 {
            let bytes = randomStream(using: &generator)
            let whole = decodeMessages([bytes])
            if !whole.isEmpty { nonEmptyStreams += 1 }
            for _ in 0..<4 {
                let pieces = randomPieces(of: bytes, using: &generator)
                let split = decodeMessages(pieces)
                if split != whole {
                    XCTFail("iteration \(iteration): \(bytes) cut as \(pieces) gave \(split), whole gave \(whole)")
                    return
                }
            }
            XCTAssertEqual(decodeMessages(bytes.map { [$0] }), whole)
        }
        // Guards against a generator that only ever produces nothing to compare.
        XCTAssertGreaterThan(nonEmptyStreams, 500)
    }

    func testRandomStreamsThroughTheChunkDecoderNeverCrash() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<500 {
            let bytes = randomStream(using: &generator)
            for dialect in Dialect.allCases {
                let events = decodeEvents(randomPieces(of: bytes, using: &generator), dialect: dialect)
                for case let .content(text) in events {
                    XCTAssertFalse(text.isEmpty)
                }
            }
        }
    }
    // MARK: - Random bytes of any value

    /// Uniform random bytes and bytes from an alphabet dense in what the decoder reacts to
    /// (line ends, colons, field names, JSON punctuation, invalid UTF-8): the messages and the
    /// events of both dialects must not depend on where the bytes are cut.
    func testRandomBytesCutAnywhereDecodeTheSame() {
        var generator = SeededGenerator(seed: 0xB17E5)
        let alphabet: [[UInt8]] = ["\r", "\n", ":", " ", "data", "event", "{", "}", "\"", "[DONE]", "completion", "error",
                                   #"{"choices":[{"delta":{"content":"#, "x", "é"].map { Array($0.utf8) }
            + [[0xFF], [0xC3], [0xE6, 0x97], [0x00], [0xEF, 0xBB, 0xBF]]
        var messagesSeen = 0
        for iteration in 0..<1_500 {
            var bytes: [UInt8] = []
            let length = Int.random(in: 0...400, using: &generator)
            let uniform = iteration % 3 == 0
            while bytes.count < length {
                if uniform {
                    bytes.append(UInt8.random(in: 0...255, using: &generator))
                } else {
                    bytes += alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                }
            }
            let whole = decodeMessages([bytes])
            messagesSeen += whole.count
            let pieces = randomPieces(of: bytes, using: &generator)
            XCTAssertEqual(decodeMessages(pieces), whole, "iteration \(iteration)")
            for dialect in Dialect.allCases {
                let reference = decodeEvents([bytes], dialect: dialect)
                XCTAssertEqual(decodeThroughStreamDecoder(pieces, dialect: dialect), reference, "iteration \(iteration) \(dialect)")
                XCTAssertEqual(decodeThroughStreamDecoder(bytes.map { [$0] }, dialect: dialect), reference, "iteration \(iteration) \(dialect)")
            }
        }
        XCTAssertGreaterThan(messagesSeen, 1_000)
    }

    // MARK: - Generated valid streams against a model

    /// Streams built line by line from a model of the format (comments, `event`, one or more
    /// `data` lines, other fields, lines without a colon, one optional space after the colon,
    /// a BOM, LF/CRLF/CR chosen per line) decode to exactly the model's messages, whole and cut.
    func testGeneratedStreamsDecodeToTheirModel() {
        var generator = SeededGenerator(seed: 0x5EED_0F_55E)
        var nonEmpty = 0
        for iteration in 0..<1_000 {
            let (bytes, expected) = generatedStream(using: &generator)
            if !expected.isEmpty { nonEmpty += 1 }
            let whole = decodeMessages([bytes])
            if whole != expected {
                XCTFail("iteration \(iteration): \(String(decoding: bytes, as: UTF8.self).debugDescription) gave \(whole), model says \(expected)")
                return
            }
            XCTAssertEqual(decodeMessages(randomPieces(of: bytes, using: &generator)), expected, "iteration \(iteration)")
        }
        XCTAssertGreaterThan(nonEmpty, 700)
    }

    private func generatedStream(using generator: inout SeededGenerator) -> (bytes: [UInt8], messages: [SSEMessage]) {
        let values = ["", "x", "a b", " leading", "with: colon", "{\"k\":[1,2]}", "[DONE]", "日本 🙂", "é", "::", "tab\tin"]
        let names = ["id", "retry", "trace_id", "document_chunks", "x-extra", "Data", "events"]
        let events = ["completion", "done", "error", "message", "", "ping 2"]
        var text = Int.random(in: 0..<10, using: &generator) == 0 ? "\u{FEFF}" : ""
        var messages: [SSEMessage] = []
        var previousEnd = "\n"
        func line(_ content: String) {
            var ends = ["\n", "\r\n", "\r"]
            // "\r" then an empty line ended by "\n" would read as one CRLF: the model avoids it.
            if previousEnd == "\r" && content.isEmpty { ends.removeFirst() }
            let end = ends[Int.random(in: 0..<ends.count, using: &generator)]
            text += content + end
            previousEnd = end
        }
        func separated(_ name: String, _ value: String) -> String {
            switch Int.random(in: 0..<4, using: &generator) {
            case 0 where !value.hasPrefix(" "): return "\(name):\(value)"  // (a leading space would be eaten)
            case 1 where value.isEmpty: return name  // no colon at all: an empty value
            default: return "\(name): \(value)"
            }
        }
        for _ in 0..<Int.random(in: 0...5, using: &generator) {
            var event: String?
            var data: [String] = []
            var fields: [SSEField] = []
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                let value = values[Int.random(in: 0..<values.count, using: &generator)]
                switch Int.random(in: 0..<5, using: &generator) {
                case 0:
                    line(":" + value)
                case 1:
                    let name = events[Int.random(in: 0..<events.count, using: &generator)]
                    line(separated("event", name))
                    event = name
                case 2, 3:
                    line(separated("data", value))
                    data.append(value)
                default:
                    let name = names[Int.random(in: 0..<names.count, using: &generator)]
                    line(separated(name, value))
                    fields.append(SSEField(name: name, value: value))
                }
            }
            if event != nil || !data.isEmpty || !fields.isEmpty {
                messages.append(SSEMessage(
                    event: event.flatMap { $0.isEmpty ? nil : $0 } ?? "message", data: data.joined(separator: "\n"), fields: fields))
            }
            line("")  // the blank line that ends the block (finish() dispatches it anyway)
        }
        return (Array(text.utf8), messages)
    }
}
