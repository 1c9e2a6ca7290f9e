import Clocks
import Foundation
import XCTest
@testable import LocalServer
import TestClockSupport

final class PremDialectTests: ServerTestCase {
    func testStreamFramingHasRoleChunkContentAndDoneBlock() async throws {
        try await startServer()
        let response = try await post("/v1/chat/completions", premBody("/tokens 5 hello"))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Type"), "text/event-stream; charset=utf-8")
        XCTAssertTrue(response.sawFinalChunk)
        let blocks = sseBlocks(response.bodyText)
        XCTAssertTrue(response.bodyText.hasSuffix("\n\n"))

        let completions = blocks.filter { $0.value("event") == "completion" }
        XCTAssertEqual(completions.count, 1 + 5 + 1, "role chunk, five deltas, finish chunk")
        let first = try jsonObject(try XCTUnwrap(completions.first?.value("data")))
        XCTAssertEqual(delta(of: first)?["role"] as? String, "assistant")
        XCTAssertEqual(delta(of: first)?["content"] as? String, "")
        XCTAssertEqual(first["object"] as? String, "chat.completion.chunk")
        XCTAssertEqual(first["model"] as? String, "gpt-4o-mini")
        XCTAssertEqual(try contentDeltas(blocks).count, 5)

        let done = try XCTUnwrap(blocks.last)
        XCTAssertEqual(done.fields.map(\.name), ["event", "data", "trace_id", "document_chunks"])
        XCTAssertEqual(done.value("event"), "done")
        XCTAssertEqual(done.value("data"), "[DONE]")
        XCTAssertNotNil(UUID(uuidString: try XCTUnwrap(done.value("trace_id"))))
        XCTAssertEqual(done.value("document_chunks"), "[]")
    }

    func testRepositoriesGiveNonEmptyDocumentChunks() async throws {
        try await startServer()
        let body = premBody("/tokens 2 what do the docs say", extra: #","repositories":{"ids":[4,9]}"#)
        let response = try await post("/v1/chat/completions", body)
        let done = try XCTUnwrap(sseBlocks(response.bodyText).last)
        let chunksJSON = try XCTUnwrap(done.value("document_chunks"))
        let chunks = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(chunksJSON.utf8)) as? [[String: Any]])
        XCTAssertEqual(chunks.map { $0["repository_id"] as? Int }, [4, 9])
        XCTAssertNotNil(chunks.first?["content"] as? String)
    }

    func testTokensCommandGivesExactlyThatManyDeltas() async throws {
        // The delay would be waited on a clock nobody advances: the reply arrives whole only
        // because `/tokens` ignores the configured delay.
        try await startServer(LocalServerConfiguration(tokenDelay: .milliseconds(50), clock: TestClock()))
        let response = try await post("/v1/chat/completions", premBody("/tokens 50 count for me"))
        XCTAssertEqual(try contentDeltas(sseBlocks(response.bodyText)).count, 50)
    }

    func testMaxTokensStopsWithLengthFinishReason() async throws {
        try await startServer()
        let response = try await post("/v1/chat/completions", premBody("/tokens 40 long please", extra: #","max_tokens":7"#))
        let blocks = sseBlocks(response.bodyText)
        XCTAssertEqual(try contentDeltas(blocks).count, 7)
        let reasons = try blocks.compactMap { block -> String? in
            guard let data = block.value("data"), data.hasPrefix("{") else { return nil }
            return finishReason(of: try jsonObject(data))
        }
        XCTAssertEqual(reasons, ["length"])
    }

    func testDefaultReplyIsDeterministicAndLooksLikeMarkdown() async throws {
        try await startServer(LocalServerConfiguration(defaultTokenCount: 120))
        let first = try await post("/v1/chat/completions", premBody("Explain streaming"))
        let second = try await post("/v1/chat/completions", premBody("Explain streaming"))
        let text = try contentDeltas(sseBlocks(first.bodyText)).joined()
        XCTAssertEqual(text, try contentDeltas(sseBlocks(second.bodyText)).joined())
        XCTAssertTrue(text.contains("Explain streaming"), "the reply quotes the prompt")
        XCTAssertTrue(text.contains("\n- "), "a bullet list")
        XCTAssertTrue(text.contains("```"), "a fenced code block")
        XCTAssertTrue(text.unicodeScalars.contains { $0.properties.isEmojiPresentation }, "an emoji")

        let seeded = try await post("/v1/chat/completions", premBody("Explain streaming", extra: #","seed":7"#))
        XCTAssertNotEqual(text, try contentDeltas(sseBlocks(seeded.bodyText)).joined(), "the seed changes the wording")
    }

    func testNonStreamingRequestGetsOneJSONCompletion() async throws {
        try await startServer()
        let response = try await post("/v1/chat/completions", premBody("/tokens 4 hi", stream: false))
        XCTAssertEqual(response.status, 200)
        let object = try jsonObject(response.bodyText)
        XCTAssertEqual(object["object"] as? String, "chat.completion")
        let choice = try XCTUnwrap((object["choices"] as? [[String: Any]])?.first)
        let message = try XCTUnwrap(choice["message"] as? [String: Any])
        XCTAssertEqual(message["role"] as? String, "assistant")
        XCTAssertEqual(ReplyWriter.tokens(of: try XCTUnwrap(message["content"] as? String)).count, 4)
        XCTAssertEqual(choice["finish_reason"] as? String, "stop")
    }

    func testMissingProjectIDAndBadRoleAreValidationErrors() async throws {
        try await startServer()
        let body = #"{"stream":true,"messages":[{"role":"system","content":"hi"}]}"#
        let response = try await post("/v1/chat/completions", body)
        XCTAssertEqual(response.status, 400)
        let object = try jsonObject(response.bodyText)
        XCTAssertEqual(object["code"] as? String, "ValidationError")
        XCTAssertNotNil(object["message"] as? String)
        let details = try XCTUnwrap(object["details"] as? [String: Any])
        XCTAssertNotNil(details["project_id"])
        XCTAssertNotNil(details["messages[0].role"])
    }

    func testProjectIDMustBeAnIntegerAndMessagesNonEmpty() async throws {
        try await startServer()
        let response = try await post("/v1/chat/completions", #"{"project_id":true,"messages":[]}"#)
        XCTAssertEqual(response.status, 400)
        let details = try XCTUnwrap(try jsonObject(response.bodyText)["details"] as? [String: Any])
        XCTAssertEqual(Set(details.keys), ["project_id", "messages"])

        let broken = try await post("/v1/chat/completions", #"{"project_id":1,"#)
        XCTAssertEqual(broken.status, 400)
        XCTAssertEqual(try jsonObject(broken.bodyText)["code"] as? String, "ValidationError")
    }

    func testUnknownModelIsModelNotFound() async throws {
        try await startServer()
        let response = try await post("/v1/chat/completions", premBody("hi", extra: #","model":"gpt-9""#))
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(try jsonObject(response.bodyText)["code"] as? String, "ModelNotFoundError")
    }

    func testRequiredKeyRejectsMissingAndWrongKeys() async throws {
        try await startServer(LocalServerConfiguration(requiredAPIKey: "sekrit"))
        for headers in [[], [("Authorization", "Bearer wrong")]] {
            let response = try await post("/v1/chat/completions", premBody("hi"), headers: headers)
            XCTAssertEqual(response.status, 401)
            let object = try jsonObject(response.bodyText)
            XCTAssertEqual(object["code"] as? String, "AuthenticationError")
            XCTAssertEqual(object["message"] as? String, "Invalid API key")
        }
        let accepted = try await post("/v1/chat/completions", premBody("/tokens 1 hi"), headers: [("Authorization", "Bearer sekrit")])
        XCTAssertEqual(accepted.status, 200)
    }

    func testErrorCommandAnswers429WithRetryAfter() async throws {
        try await startServer()
        let response = try await post("/v1/chat/completions", premBody("/error 429"))
        XCTAssertEqual(response.status, 429)
        XCTAssertEqual(response.header("Retry-After"), "1")
        XCTAssertEqual(try jsonObject(response.bodyText)["code"] as? String, "RateLimitError")
    }

    func testStreamErrorCommandEndsWithErrorEvent() async throws {
        try await startServer()
        let response = try await post("/v1/chat/completions", premBody("/stream-error"))
        let blocks = sseBlocks(response.bodyText)
        XCTAssertEqual(try contentDeltas(blocks).count, ReplyPlan.deltasBeforeFailure)
        let last = try XCTUnwrap(blocks.last)
        XCTAssertEqual(last.value("event"), "error")
        let error = try jsonObject(try XCTUnwrap(last.value("data")))
        XCTAssertEqual(error["error"] as? String, "ProviderInternalServerError")
        XCTAssertEqual(error["message"] as? String, "upstream failed")
        XCTAssertFalse(blocks.contains { $0.value("event") == "done" })
    }

    func testDropCommandClosesTheConnectionWithoutDone() async throws {
        try await startServer()
        let response = try await post("/v1/chat/completions", premBody("/drop"))
        XCTAssertFalse(response.sawFinalChunk, "the chunked body must be cut short")
        let blocks = sseBlocks(response.bodyText)
        XCTAssertEqual(try contentDeltas(blocks).count, ReplyPlan.deltasBeforeFailure)
        XCTAssertFalse(blocks.contains { $0.value("event") == "done" })
    }

    func testStallCommandSendsOneDeltaThenNothingUntilStop() async throws {
        let clock = TestClock()
        try await startServer(LocalServerConfiguration(clock: clock))
        let server = try XCTUnwrap(self.server)
        let port = self.port
        let stalled = Task { try await RawHTTPClient.send(port: port, path: "/v1/chat/completions", body: premBody("/stall")) }
        // The body sleeps on the clock once it reaches the stall, after its one delta.
        let stalling = await clock.waitForSleeper()
        XCTAssertTrue(stalling)
        await server.stop()
        let response = try await stalled.value
        XCTAssertFalse(response.sawFinalChunk)
        XCTAssertEqual(try contentDeltas(sseBlocks(response.bodyText)).count, 1)
    }

    func testEchoRepliesWithTheBodyPrettyPrinted() async throws {
        try await startServer()
        let body = #"{"project_id":3,"stream":false,"messages":[{"role":"user","content":"/echo"}],"temperature":0.25}"#
        let response = try await post("/v1/chat/completions", body)
        let object = try jsonObject(response.bodyText)
        let message = (object["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any]
        let content = try XCTUnwrap(message?["content"] as? String)
        XCTAssertTrue(content.contains("\n  \"project_id\": 3,\n"), content)
        XCTAssertTrue(content.contains("\"temperature\": 0.25"), content)
        let reparsed = try JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any]
        XCTAssertEqual(reparsed?["project_id"] as? Int, 3)
    }

    func testEscapeReplyCarriesEscapeSequencesEscapedInJSON() async throws {
        try await startServer()
        let response = try await post("/v1/chat/completions", premBody("/escape"))
        XCTAssertFalse(response.body.contains(0x1B), "raw ESC never travels on the wire")
        let text = try contentDeltas(sseBlocks(response.bodyText)).joined()
        XCTAssertTrue(text.contains("\u{1B}[2J"))
        XCTAssertTrue(text.contains("\u{1B}]52;c;"))
    }

    func testEventsAreFlushedAsTheyAreProduced() async throws {
        let clock = TestClock()
        try await startServer(LocalServerConfiguration(clock: clock))
        let port = self.port
        let reads = ReadCounter()
        let body = premBody("/delay 100 /tokens 3 pace")
        let reply = Task {
            try await RawHTTPClient.send(port: port, path: "/v1/chat/completions", body: body) { read in reads.record(read) }
        }
        // With the clock still at 0 the server is in its first pause: the head and the role
        // chunk must already be on the wire, not held until the end.
        let pausing = await clock.waitForSleeper()
        XCTAssertTrue(pausing)
        let roleChunkArrived = await reads.waitFor(#""role":"assistant""#)
        XCTAssertTrue(roleChunkArrived, "the role chunk must arrive before the pauses, not with the end")
        for pause in 1...3 {
            let waiting = await clock.waitForSleeper()
            XCTAssertTrue(waiting, "pause \(pause)")
            await clock.advance(by: .milliseconds(100))
        }
        let response = try await reply.value
        XCTAssertEqual(try contentDeltas(sseBlocks(response.bodyText)).count, 3)
        XCTAssertGreaterThanOrEqual(response.arrivals.count, 4, "deltas arrive in separate reads")
    }

    func testModelsEndpointListsKnownModels() async throws {
        try await startServer(LocalServerConfiguration(knownModels: ["a-model", "b-model"]))
        let response = try await get("/v1/models/")
        XCTAssertEqual(response.status, 200)
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]])
        XCTAssertEqual(list.map { $0["name"] as? String }, ["a-model", "b-model"])
        XCTAssertEqual(list.first?["model_type"] as? String, "text2text")
        XCTAssertEqual(list.first?["deprecated"] as? Bool, false)
    }
}

/// What one request has received so far, read by read as `RawHTTPClient` makes them.
private final class ReadCounter: @unchecked Sendable {
    // safe: `lock` guards `received`, the only mutable field; the waiter has its own lock.
    private let lock = NSLock()
    private var received: [UInt8] = []
    private let waiter = ConditionWaiter()

    func record(_ read: [UInt8]) {
        lock.withLock { received += read }
        waiter.changed()
    }

    /// True once `text` has arrived.
    func waitFor(_ text: String) async -> Bool {
        await waiter.wait { [self] in String(decoding: lock.withLock { received }, as: UTF8.self).contains(text) }
    }
}
