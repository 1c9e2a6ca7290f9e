import StreamProtocol
import XCTest

final class StreamChunkDecoderTests: XCTestCase {
    private func events(_ message: SSEMessage, _ dialect: Dialect = .prem) -> [StreamEvent] {
        var decoder = StreamChunkDecoder(dialect: dialect)
        return decoder.decode(message)
    }

    private func completion(_ json: String) -> SSEMessage {
        SSEMessage(event: "completion", data: json)
    }

    func testLenientChunkFields() {
        // id a number, created a string, object null, unknown keys, content null.
        XCTAssertEqual(events(completion(#"{"id":5,"created":"17","object":null,"model":"m","choices":[{"delta":{"content":null}}],"x":{}}"#)), [.model("m")])
        XCTAssertEqual(events(completion(#"{"model":null,"choices":[{"delta":{"content":"a"}}]}"#)), [.content("a")])
        XCTAssertEqual(events(completion(#"{"choices":[]}"#)), [])
        XCTAssertEqual(events(completion(#"{}"#)), [])
        XCTAssertEqual(events(completion(#"{"choices":[{"finish_reason":"length"}]}"#)), [.finishReason("length")])
        XCTAssertEqual(events(completion(#"{"choices":"nope","model":7}"#)), [])
        XCTAssertEqual(events(completion(#"{"choices":[{"delta":{"content":""},"finish_reason":""}]}"#)), [])
    }

    func testModelIsAnnouncedOnce() {
        var decoder = StreamChunkDecoder(dialect: .openai)
        XCTAssertEqual(decoder.decode(SSEMessage(data: #"{"model":""}"#)), [])
        XCTAssertEqual(decoder.decode(SSEMessage(data: #"{"model":"a","choices":[{"delta":{"content":"x"}}]}"#)), [.model("a"), .content("x")])
        XCTAssertEqual(decoder.decode(SSEMessage(data: #"{"model":"b","choices":[{"delta":{"content":"y"}}]}"#)), [.content("y")])
    }

    func testMalformedChunksAreCountedNotFatal() {
        var decoder = StreamChunkDecoder(dialect: .prem)
        XCTAssertEqual(decoder.decode(completion(#"{"choices":[{"delta":{"content":"a"}"#)), [.skipped(#"{"choices":[{"delta":{"content":"a"}"#)])
        XCTAssertEqual(decoder.decode(completion("42")), [.skipped("42")])
        XCTAssertEqual(decoder.decode(completion("not json")), [.skipped("not json")])
        // A long one carries only its start.
        XCTAssertEqual(decoder.decode(completion(String(repeating: "x", count: 500))), [.skipped(String(repeating: "x", count: 80))])
        XCTAssertEqual(decoder.malformedChunkCount, 4)
        XCTAssertEqual(decoder.decode(completion(#"{"choices":[{"delta":{"content":"ok"}}]}"#)), [.content("ok")])
        // Empty data is nothing to decode, not a broken chunk.
        XCTAssertEqual(decoder.decode(completion("")), [])
        XCTAssertEqual(decoder.malformedChunkCount, 4)
    }

    func testDataLinesJoinedBeforeJSONDecoding() {
        let messages = decodeMessages([Array("event: completion\ndata: {\"choices\":[{\"delta\":\ndata: {\"content\":\"hi\"}}]}\n\n".utf8)])
        var decoder = StreamChunkDecoder(dialect: .prem)
        XCTAssertEqual(messages.flatMap { decoder.decode($0) }, [.content("hi")])
    }

    func testDoneMarkerWithAndWithoutQuotes() {
        for dialect in Dialect.allCases {
            XCTAssertEqual(events(SSEMessage(data: "[DONE]"), dialect), [.done(StreamCompletion())])
            XCTAssertEqual(events(SSEMessage(data: "\"[DONE]\""), dialect), [.done(StreamCompletion())])
            XCTAssertEqual(events(SSEMessage(event: "done", data: "\"[DONE]\""), dialect), [.done(StreamCompletion())])
        }
    }

    func testPremBlockWithoutEventNameIsAChunk() {
        XCTAssertEqual(events(SSEMessage(data: #"{"choices":[{"delta":{"content":"a"}}]}"#)), [.content("a")])
    }

    func testPremDoneKeepsUnparsableDocumentChunksAsText() {
        let message = SSEMessage(event: "done", data: "[DONE]", fields: [
            SSEField(name: "trace_id", value: "t-1"), SSEField(name: "document_chunks", value: "[{broken"),
        ])
        XCTAssertEqual(events(message), [.done(StreamCompletion(traceID: "t-1", documentChunks: [], documentChunksJSON: "[{broken"))])
    }

    func testPremDoneReadsDocumentChunksLeniently() {
        let json = #"[{"repository_id":"4","similarity_score":"0.5","document_name":null},7,{"chunk_id":1.0}]"#
        let message = SSEMessage(event: "done", data: "[DONE]", fields: [SSEField(name: "document_chunks", value: json)])
        XCTAssertEqual(events(message), [.done(StreamCompletion(
            documentChunks: [DocumentChunk(repositoryID: 4, similarityScore: 0.5), DocumentChunk(chunkID: 1)],
            documentChunksJSON: json
        ))])
    }

    func testPremDoneWithoutExtraLines() {
        XCTAssertEqual(events(SSEMessage(event: "done", data: "[DONE]")), [.done(StreamCompletion())])
    }

    func testPremErrorEventShapes() {
        XCTAssertEqual(events(SSEMessage(event: "error", data: #"{"error":"ProviderAPITimeoutError","message":"Timed out"}"#)),
                       [.error(APIError(code: "ProviderAPITimeoutError", message: "Timed out"))])
        XCTAssertEqual(events(SSEMessage(event: "error", data: #"{"message":"Only a message"}"#)),
                       [.error(APIError(message: "Only a message"))])
        XCTAssertEqual(events(SSEMessage(event: "error", data: #"{"error":"CatchAllError"}"#)),
                       [.error(APIError(code: "CatchAllError", message: "CatchAllError"))])
        XCTAssertEqual(events(SSEMessage(event: "error", data: "upstream went away")),
                       [.error(APIError(message: "upstream went away"))])
        guard case let .error(empty)? = events(SSEMessage(event: "error", data: "")).first else {
            return XCTFail("an empty error event must still be an error")
        }
        XCTAssertFalse(empty.message.isEmpty)
    }

    func testOpenAIErrorsInDataAndAsEvent() {
        XCTAssertEqual(events(SSEMessage(data: #"{"error":{"message":"Context too long","type":"invalid_request_error","code":"context_length_exceeded"}}"#), .openai),
                       [.error(APIError(code: "context_length_exceeded", message: "Context too long", details: "invalid_request_error"))])
        XCTAssertEqual(events(SSEMessage(data: #"{"error":"model 'x' not found"}"#), .openai),
                       [.error(APIError(message: "model 'x' not found"))])
        XCTAssertEqual(events(SSEMessage(event: "error", data: #"{"error":{"message":"Overloaded","code":529}}"#), .openai),
                       [.error(APIError(code: "529", message: "Overloaded"))])
        // An explicit null error is not an error.
        XCTAssertEqual(events(SSEMessage(data: #"{"error":null,"choices":[{"delta":{"content":"a"}}]}"#), .openai), [.content("a")])
    }

    func testOpenAIUsageLenient() {
        XCTAssertEqual(events(SSEMessage(data: #"{"choices":[],"usage":{"prompt_tokens":"3","completion_tokens":4}}"#), .openai),
                       [.usage(TokenUsage(promptTokens: 3, completionTokens: 4))])
        XCTAssertEqual(events(SSEMessage(data: #"{"usage":null}"#), .openai), [])
        XCTAssertEqual(events(SSEMessage(data: #"{"usage":{}}"#), .openai), [])
    }

    func testUnknownEventsAreIgnored() {
        XCTAssertEqual(events(SSEMessage(event: "ping", data: "{}")), [])
        XCTAssertEqual(events(SSEMessage(event: "ping", data: "{}"), .openai), [])
    }

    func testLegacyTextChoice() {
        XCTAssertEqual(events(SSEMessage(data: #"{"choices":[{"text":"t"}]}"#), .openai), [.content("t")])
    }
}
