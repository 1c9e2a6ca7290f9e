import Foundation
import XCTest
@testable import LocalServer

final class OpenAIDialectTests: ServerTestCase {
    func testStreamUsesPlainDataLinesAndEndsWithDone() async throws {
        try await startServer()
        let response = try await post("/openai/v1/chat/completions", openAIBody("/tokens 4 hi"))
        XCTAssertEqual(response.status, 200)
        let blocks = sseBlocks(response.bodyText)
        XCTAssertTrue(blocks.allSatisfy { $0.fields.count == 1 && $0.fields[0].name == "data" }, "no event: lines")
        XCTAssertEqual(blocks.last?.value("data"), "[DONE]")
        let first = try jsonObject(try XCTUnwrap(blocks.first?.value("data")))
        XCTAssertEqual(delta(of: first)?["role"] as? String, "assistant")
        XCTAssertEqual(first["model"] as? String, "local-echo")
        XCTAssertEqual(try contentDeltas(blocks).count, 4)
    }

    func testIncludeUsageAddsAFinalUsageChunk() async throws {
        try await startServer()
        let body = openAIBody("/tokens 3 hi", extra: #","stream_options":{"include_usage":true}"#)
        let blocks = sseBlocks(try await post("/openai/v1/chat/completions", body).bodyText)
        let usageBlock = try XCTUnwrap(blocks.dropLast().last?.value("data"))
        let usage = try XCTUnwrap(try jsonObject(usageBlock)["usage"] as? [String: Any])
        XCTAssertEqual(usage["completion_tokens"] as? Int, 3)

        let without = sseBlocks(try await post("/openai/v1/chat/completions", openAIBody("/tokens 3 hi")).bodyText)
        XCTAssertFalse(without.contains { $0.value("data")?.contains("\"usage\"") == true })
    }

    func testMissingModelIsInvalidRequestError() async throws {
        try await startServer()
        let response = try await post("/openai/v1/chat/completions", #"{"messages":[{"role":"user","content":"hi"}]}"#)
        XCTAssertEqual(response.status, 400)
        let error = try XCTUnwrap(try jsonObject(response.bodyText)["error"] as? [String: Any])
        XCTAssertEqual(error["type"] as? String, "invalid_request_error")
        XCTAssertNotNil(error["message"] as? String)
        XCTAssertNotNil(error["code"] as? String)
    }

    func testErrorCommandUsesTheOpenAIErrorShape() async throws {
        try await startServer()
        let response = try await post("/openai/v1/chat/completions", openAIBody("/error 429"))
        XCTAssertEqual(response.status, 429)
        XCTAssertEqual(response.header("Retry-After"), "1")
        let error = try XCTUnwrap(try jsonObject(response.bodyText)["error"] as? [String: Any])
        XCTAssertEqual(error["type"] as? String, "rate_limit_error")
    }

    func testStreamErrorArrivesAsDataWithErrorKey() async throws {
        try await startServer()
        let blocks = sseBlocks(try await post("/openai/v1/chat/completions", openAIBody("/stream-error")).bodyText)
        let last = try jsonObject(try XCTUnwrap(blocks.last?.value("data")))
        let error = try XCTUnwrap(last["error"] as? [String: Any])
        XCTAssertEqual(error["message"] as? String, "upstream failed")
    }

    func testModelsEndpointIsAList() async throws {
        try await startServer()
        let response = try await get("/openai/v1/models")
        let object = try jsonObject(response.bodyText)
        XCTAssertEqual(object["object"] as? String, "list")
        let ids = (object["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        XCTAssertEqual(ids, LocalServerConfiguration.defaultModels)
    }

    func testRequiredKeyGivesOpenAIShaped401() async throws {
        try await startServer(LocalServerConfiguration(requiredAPIKey: "k"))
        let response = try await get("/openai/v1/models")
        XCTAssertEqual(response.status, 401)
        let error = try XCTUnwrap(try jsonObject(response.bodyText)["error"] as? [String: Any])
        XCTAssertEqual(error["message"] as? String, "Invalid API key")
    }
}
