import StreamProtocol
import XCTest

final class StreamEventDecoderTests: XCTestCase {
    func testFixturesThroughTheCombinedDecoderInUnevenPieces() {
        for fixture in Fixtures.all {
            let bytes = Array(fixture.text.withLineEnding(.crlf).utf8)
            for pieceSize in [1, 2, 3, 7, 64, bytes.count] {
                var decoder = StreamEventDecoder(dialect: fixture.dialect)
                var events: [StreamEvent] = []
                var offset = 0
                while offset < bytes.count {
                    let end = min(offset + pieceSize, bytes.count)
                    events += bytes[offset..<end].withUnsafeBytes { decoder.feed($0) }
                    offset = end
                }
                events += decoder.finish()
                XCTAssertEqual(events, fixture.events, "\(fixture.name) in pieces of \(pieceSize)")
                XCTAssertEqual(decoder.malformedChunkCount, 0)
            }
        }
    }

    func testMalformedChunkCountAndFinishWithoutBlankLine() {
        var decoder = StreamEventDecoder(dialect: .openai)
        XCTAssertEqual(decoder.feed(Array("data: {broken\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}".utf8)), [.skipped("{broken")])
        XCTAssertEqual(decoder.malformedChunkCount, 1)
        XCTAssertEqual(decoder.finish(), [.content("ok")])
    }

    /// A data line that is not JSON between two good ones is said, wherever the bytes are cut.
    func testASkippedEventIsSaidAtEveryByteBoundary() {
        let wire = Array("""
            data: {"choices":[{"delta":{"content":"Hel"}}]}

            data: {"choices":[{"delta":{"content":"lo"}]}

            data: {"choices":[{"delta":{"content":" there"}}]}

            data: [DONE]


            """.utf8)
        let expected: [StreamEvent] = [
            .content("Hel"), .skipped(#"{"choices":[{"delta":{"content":"lo"}]}"#), .content(" there"), .done(StreamCompletion()),
        ]
        for cut in 0...wire.count {
            var decoder = StreamEventDecoder(dialect: .openai)
            var events = decoder.feed(wire[..<cut])
            events += decoder.feed(wire[cut...])
            events += decoder.finish()
            XCTAssertEqual(events, expected, "cut at \(cut)")
            XCTAssertEqual(decoder.malformedChunkCount, 1)
        }
    }
}
