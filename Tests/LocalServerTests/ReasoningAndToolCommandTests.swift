import Foundation
import XCTest
@testable import LocalServer

/// `/reasoning N` and `/tool`: the shapes real reasoning models and tool-calling servers stream,
/// so clients can be tested against them.
final class ReasoningAndToolCommandTests: ServerTestCase {
    private func deltas(_ response: RawHTTPResponse) throws -> [[String: Any]] {
        try sseBlocks(response.bodyText).compactMap { block in
            guard let data = block.value("data"), data.hasPrefix("{") else { return nil }
            return delta(of: try jsonObject(data))
        }
    }

    func testReasoningDeltasComeBeforeTheContent() async throws {
        try await startServer()
        let response = try await post("/openai/v1/chat/completions", openAIBody("/reasoning 4 /tokens 3 why"))
        let deltas = try deltas(response)
        let kinds = deltas.compactMap { delta -> String? in
            if let text = delta["reasoning_content"] as? String, !text.isEmpty { return "r" }
            if let text = delta["content"] as? String, !text.isEmpty { return "c" }
            return nil
        }
        XCTAssertEqual(kinds.joined(), "rrrrccc")
    }

    func testToolCallNamesTheRequestsFirstToolAndStreamsItsArguments() async throws {
        try await startServer()
        let tools = #","tools":[{"type":"function","function":{"name":"get_weather","parameters":{}}}]"#
        let response = try await post("/v1/chat/completions", premBody("/tool Oslo today", extra: tools))
        var name = "", arguments = "", ids: [String] = []
        for delta in try deltas(response) {
            for call in delta["tool_calls"] as? [[String: Any]] ?? [] {
                XCTAssertEqual(call["index"] as? Int, 0)
                if let id = call["id"] as? String { ids.append(id) }
                let function = call["function"] as? [String: Any]
                name += function?["name"] as? String ?? ""
                arguments += function?["arguments"] as? String ?? ""
            }
            XCTAssertNil(delta["content"].flatMap { $0 as? String }.flatMap { $0.isEmpty ? nil : $0 })
        }
        XCTAssertEqual(name, "get_weather")
        XCTAssertEqual(ids.count, 1)
        XCTAssertEqual(arguments, #"{"query":"Oslo today"}"#)
        let reasons = try sseBlocks(response.bodyText).compactMap { block -> String? in
            guard let data = block.value("data"), data.hasPrefix("{") else { return nil }
            return finishReason(of: try jsonObject(data))
        }
        XCTAssertEqual(reasons, ["tool_calls"])
    }

    func testToolCallWithoutToolsUsesLookup() async throws {
        try await startServer()
        let response = try await post("/openai/v1/chat/completions", openAIBody("/tool x"))
        let names = try deltas(response).flatMap { ($0["tool_calls"] as? [[String: Any]]) ?? [] }
            .compactMap { ($0["function"] as? [String: Any])?["name"] as? String }
        XCTAssertEqual(names, ["lookup"])
    }
}
