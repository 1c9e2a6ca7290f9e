import Foundation
import StreamProtocol
import XCTest

final class SSEDecoderTests: XCTestCase {
    private func messages(_ text: String) -> [SSEMessage] {
        decodeMessages([Array(text.utf8)])
    }

    func testDefaultEventIsMessageAndDataLinesAreJoined() {
        XCTAssertEqual(messages("data: one\ndata: two\ndata:\n\n"), [SSEMessage(event: "message", data: "one\ntwo\n")])
    }

    func testEventNameAndExtraFieldsInOrder() {
        let text = "event: done\ndata: [DONE]\ntrace_id: abc\nid: 7\nretry: 1000\ndocument_chunks: []\n\n"
        XCTAssertEqual(messages(text), [SSEMessage(event: "done", data: "[DONE]", fields: [
            SSEField(name: "trace_id", value: "abc"), SSEField(name: "id", value: "7"),
            SSEField(name: "retry", value: "1000"), SSEField(name: "document_chunks", value: "[]"),
        ])])
    }

    func testOnlyOneSpaceAfterTheColonIsStripped() {
        XCTAssertEqual(messages("data:  two spaces\ndata:none\n\n").map(\.data), [" two spaces\nnone"])
    }

    func testColonInsideValueIsKept() {
        XCTAssertEqual(messages("data: {\"a\":\"b: c\"}\n\n").map(\.data), [#"{"a":"b: c"}"#])
    }

    func testLineWithoutColonIsFieldWithEmptyValue() {
        XCTAssertEqual(messages("data\n\n"), [SSEMessage(data: "")])
        XCTAssertEqual(messages("flag\n\n"), [SSEMessage(fields: [SSEField(name: "flag", value: "")])])
    }

    func testCommentsAreIgnoredAndCommentOnlyBlocksAreNotDispatched() {
        XCTAssertEqual(messages(": keep-alive\n\n:\n\n\n\n"), [])
        XCTAssertEqual(messages(": a\ndata: x\n: b\n\n"), [SSEMessage(data: "x")])
    }

    func testEmptyEventNameMeansMessage() {
        XCTAssertEqual(messages("event:\ndata: x\n\n"), [SSEMessage(event: "message", data: "x")])
    }

    func testEventWithoutDataIsDispatched() {
        XCTAssertEqual(messages("event: ping\n\n"), [SSEMessage(event: "ping", data: "")])
    }

    func testMixedLineEndingsInOneStream() {
        XCTAssertEqual(messages("data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r"), [
            SSEMessage(data: "a\nb\nc"), SSEMessage(data: "d"),
        ])
    }

    func testCRAtEndOfFeedThenLFIsOneLineEnd() {
        var decoder = SSEDecoder()
        XCTAssertEqual(decoder.feed(Array("data: a\r".utf8)), [])
        // Were that LF a second line end, "a" would be dispatched alone.
        XCTAssertEqual(decoder.feed(Array("\ndata: b\r".utf8)), [])
        XCTAssertEqual(decoder.feed(Array("\n".utf8)), [])
        XCTAssertEqual(decoder.feed(Array("\r".utf8)), [SSEMessage(data: "a\nb")])
        // The LF completes that CRLF blank line; it is not one more line.
        XCTAssertEqual(decoder.feed(Array("\n".utf8)), [])
        XCTAssertEqual(decoder.feed(Array("data: c\n\n".utf8)), [SSEMessage(data: "c")])
    }

    func testCRThenCRAcrossFeedsIsABlankLine() {
        var decoder = SSEDecoder()
        XCTAssertEqual(decoder.feed(Array("data: a\r".utf8)), [])
        XCTAssertEqual(decoder.feed(Array("\r".utf8)), [SSEMessage(data: "a")])
    }

    func testEmptyFeedKeepsAPendingCR() {
        var decoder = SSEDecoder()
        _ = decoder.feed(Array("data: a\r".utf8))
        XCTAssertEqual(decoder.feed([UInt8]()), [])
        XCTAssertEqual(decoder.feed(Array("\n\n".utf8)), [SSEMessage(data: "a")])
    }

    func testLeadingBOMIsStrippedEvenWhenSplit() {
        var decoder = SSEDecoder()
        XCTAssertEqual(decoder.feed([0xEF]), [])
        XCTAssertEqual(decoder.feed([0xBB, 0xBF]), [])
        XCTAssertEqual(decoder.feed(Array("event: x\n\n".utf8)), [SSEMessage(event: "x")])
    }

    func testBOMLaterInTheStreamIsData() {
        XCTAssertEqual(messages("data: a\n\n\u{FEFF}data: b\n\n"), [
            SSEMessage(data: "a"), SSEMessage(fields: [SSEField(name: "\u{FEFF}data", value: "b")]),
        ])
    }

    func testUTF8SplitInsideACharacterDecodes() {
        let bytes = Array("data: 日本🙂\n\n".utf8)
        for split in 1..<bytes.count {
            XCTAssertEqual(decodeMessages([Array(bytes[..<split]), Array(bytes[split...])]), [SSEMessage(data: "日本🙂")])
        }
    }

    func testInvalidUTF8BecomesReplacementCharacter() {
        let bytes: [UInt8] = Array("data: a".utf8) + [0xFF, 0xC3] + Array("b\nev".utf8) + [0xE2, 0x82] + Array(": x\n\n".utf8)
        XCTAssertEqual(decodeMessages([bytes]), [
            SSEMessage(data: "a\u{FFFD}\u{FFFD}b", fields: [SSEField(name: "ev\u{FFFD}", value: "x")]),
        ])
    }

    func testFinishDispatchesAnUnterminatedBlockAndLine() {
        var decoder = SSEDecoder()
        XCTAssertEqual(decoder.feed(Array("data: a\ndata: b".utf8)), [])
        XCTAssertEqual(decoder.finish(), [SSEMessage(data: "a\nb")])
        // After finish the decoder starts a fresh stream.
        XCTAssertEqual(decoder.feed(Array("data: c\n\n".utf8)), [SSEMessage(data: "c")])
        XCTAssertEqual(decoder.finish(), [])
    }

    func testFinishWithOnlyACommentDispatchesNothing() {
        var decoder = SSEDecoder()
        _ = decoder.feed(Array(": hi".utf8))
        XCTAssertEqual(decoder.finish(), [])
    }

    func testOneMegabyteDataLine() {
        let payload = String(repeating: "0123456789abcdeé", count: 1 << 16)  // 17 bytes each
        let bytes = Array("data: \(payload)\n\n".utf8)
        var decoder = SSEDecoder()
        var received: [SSEMessage] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + 65_521, bytes.count)  // odd size: splits land inside "é"
            received += decoder.feed(bytes[offset..<end])
            offset = end
        }
        XCTAssertEqual(received.count, 1)
        XCTAssertEqual(received.first?.data.utf8.count, 17 << 16)
        XCTAssertEqual(received.first?.data, payload)
    }

    func testAllFeedOverloadsAgree() {
        let bytes = Array(Fixtures.premStream.utf8)
        let expected = decodeMessages([bytes])
        XCTAssertFalse(expected.isEmpty)

        var raw = SSEDecoder()
        let fromRaw = bytes.withUnsafeBytes { raw.feed($0) } + raw.finish()
        XCTAssertEqual(fromRaw, expected)

        var data = SSEDecoder()
        XCTAssertEqual(data.feed(Data(bytes)) + data.finish(), expected)

        var slice = SSEDecoder()
        XCTAssertEqual(slice.feed(bytes[3...]) + slice.finish(), decodeMessages([Array(bytes[3...])]))

        // A sequence without contiguous storage takes the copying path.
        var lazy = SSEDecoder()
        XCTAssertEqual(lazy.feed(bytes.lazy.map { $0 }) + lazy.finish(), expected)
    }
}
