import StreamProtocol
import XCTest

/// Every fixture, with every line ending, must decode to the same events however the bytes
/// are cut: at every single split point and one byte at a time.
final class SSESplitTests: XCTestCase {
    func testFixturesDecodeToTheirGoldenEvents() {
        for fixture in Fixtures.all {
            for ending in LineEnding.allCases {
                let bytes = Array(fixture.text.withLineEnding(ending).utf8)
                XCTAssertEqual(decodeEvents([bytes], dialect: fixture.dialect), fixture.events, "\(fixture.name) \(ending)")
            }
        }
    }

    func testEverySplitPointGivesTheSameMessagesAndEvents() {
        for fixture in Fixtures.all {
            for ending in LineEnding.allCases {
                let bytes = Array(fixture.text.withLineEnding(ending).utf8)
                let whole = decodeMessages([bytes])
                for split in 0...bytes.count {
                    let pieces = [Array(bytes[..<split]), Array(bytes[split...])]
                    let messages = decodeMessages(pieces)
                    if messages != whole {
                        XCTFail("\(fixture.name) \(ending): split at \(split) changed the messages")
                        break
                    }
                    XCTAssertEqual(decodeEvents(pieces, dialect: fixture.dialect), fixture.events)
                }
            }
        }
    }

    func testByteByByteGivesTheSameEvents() {
        for fixture in Fixtures.all {
            for ending in LineEnding.allCases {
                let pieces = fixture.text.withLineEnding(ending).utf8.map { [$0] }
                XCTAssertEqual(decodeEvents(pieces, dialect: fixture.dialect), fixture.events, "\(fixture.name) \(ending)")
            }
        }
    }

    func testLineEndingsDoNotChangeTheMessages() {
        for fixture in Fixtures.all {
            let reference = decodeMessages([Array(fixture.text.utf8)])
            for ending in LineEnding.allCases {
                XCTAssertEqual(decodeMessages([Array(fixture.text.withLineEnding(ending).utf8)]), reference)
            }
        }
    }

    func testMissingFinalBlankLineIsRecoveredByFinish() {
        for fixture in Fixtures.all {
            // Drop the final blank line: the last block is only dispatched by finish().
            var text = fixture.text
            text.removeLast()
            var decoder = SSEDecoder()
            var chunks = StreamChunkDecoder(dialect: fixture.dialect)
            let beforeFinish = decoder.feed(Array(text.utf8)).flatMap { chunks.decode($0) }
            XCTAssertEqual(beforeFinish, Array(fixture.events.dropLast()), fixture.name)
            XCTAssertEqual(decoder.finish().flatMap { chunks.decode($0) }, [fixture.events.last].compactMap { $0 })
        }
    }
}
