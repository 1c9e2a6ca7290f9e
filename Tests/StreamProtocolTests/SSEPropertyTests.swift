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
}
