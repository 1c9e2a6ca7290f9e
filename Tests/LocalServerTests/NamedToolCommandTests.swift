import Foundation
import XCTest
@testable import LocalServer

/// `/tool NAME JSON`, the answer to tool results, `/tool-rounds` and the request log's times:
/// what chatterm's MCP tool loop is tested and benchmarked against.
final class NamedToolCommandTests: ServerTestCase {
    private let offered = #","tools":[{"type":"function","function":{"name":"demo__echo","parameters":{}}},{"type":"function","function":{"name":"demo__add","parameters":{}}}]"#

    private struct Call: Equatable {
        var index: Int
        var id: String
        var name: String
        var arguments: String
    }

    /// The calls of a streamed reply, assembled from their pieces by index.
    private func calls(_ response: RawHTTPResponse) throws -> [Call] {
        var calls: [Int: Call] = [:]
        for block in sseBlocks(response.bodyText) {
            guard let data = block.value("data"), data.hasPrefix("{"), let delta = delta(of: try jsonObject(data)) else { continue }
            for piece in delta["tool_calls"] as? [[String: Any]] ?? [] {
                let index = try XCTUnwrap(piece["index"] as? Int)
                var call = calls[index] ?? Call(index: index, id: "", name: "", arguments: "")
                call.id += piece["id"] as? String ?? ""
                let function = piece["function"] as? [String: Any]
                call.name += function?["name"] as? String ?? ""
                call.arguments += function?["arguments"] as? String ?? ""
                calls[index] = call
            }
        }
        return calls.keys.sorted().compactMap { calls[$0] }
    }

    private func finishReasons(_ response: RawHTTPResponse) throws -> [String] {
        try sseBlocks(response.bodyText).compactMap { block -> String? in
            guard let data = block.value("data"), data.hasPrefix("{") else { return nil }
            return finishReason(of: try jsonObject(data))
        }
    }

    private func text(_ response: RawHTTPResponse) throws -> String {
        try contentDeltas(sseBlocks(response.bodyText)).joined()
    }

    /// An openai body with these messages (already JSON) and the two demo tools.
    private func body(_ messages: [String]) -> String {
        #"{"model":"local-echo","stream":true,"messages":[\#(messages.joined(separator: ","))]\#(offered)}"#
    }

    private func user(_ text: String) -> String {
        #"{"role":"user","content":\#(JSONValue.compactText(of: .string(text)))}"#
    }

    private func assistantCalling(_ calls: [(id: String, name: String)]) -> String {
        let list = calls.map { #"{"id":"\#($0.id)","type":"function","function":{"name":"\#($0.name)","arguments":"{}"}}"# }
        return #"{"role":"assistant","content":null,"tool_calls":[\#(list.joined(separator: ","))]}"#
    }

    private func toolResult(_ id: String, _ content: String) -> String {
        #"{"role":"tool","tool_call_id":"\#(id)","content":\#(JSONValue.compactText(of: .string(content)))}"#
    }

    // MARK: parsing

    func testParsesRepeatedNamedCallsWithJSONHoldingSpaces() {
        let commands = TestCommands.parse(#"/tool echo {"text": "a } b"} /tool add {"a":1,"b":2} then explain"#)
        XCTAssertEqual(commands.namedToolCalls, [
            NamedToolCall(name: "echo", arguments: #"{"text": "a } b"}"#),
            NamedToolCall(name: "add", arguments: #"{"a":1,"b":2}"#),
        ])
        XCTAssertFalse(commands.toolCall)
        XCTAssertEqual(commands.prompt, "then explain")
    }

    func testJSONThatNeverClosesTakesTheRestOfTheMessage() {
        let commands = TestCommands.parse(#"/tool echo {"text": ["a", "b"] /tool add"#)
        XCTAssertEqual(commands.namedToolCalls, [NamedToolCall(name: "echo", arguments: #"{"text": ["a", "b"] /tool add"#)])
        XCTAssertEqual(commands.prompt, "")
        XCTAssertEqual(
            TestCommands.parse(#"/tool echo {"list": [{"a": "]}"}]} tail"#).namedToolCalls,
            [NamedToolCall(name: "echo", arguments: #"{"list": [{"a": "]}"}]}"#)])
    }

    func testBareToolKeepsTheWordsAsItsPrompt() {
        let commands = TestCommands.parse("/tool Oslo today")
        XCTAssertTrue(commands.toolCall)
        XCTAssertEqual(commands.namedToolCalls, [])
        XCTAssertEqual(commands.prompt, "Oslo today")
    }

    func testParsesToolRoundsWithAndWithoutArguments() {
        XCTAssertEqual(
            TestCommands.parse(#"/tool-rounds 3 echo {"text":"x"} go"#).toolRounds,
            ToolRounds(count: 3, call: NamedToolCall(name: "echo", arguments: #"{"text":"x"}"#)))
        let plain = TestCommands.parse("/tool-rounds 2 echo")
        XCTAssertEqual(plain.toolRounds, ToolRounds(count: 2, call: NamedToolCall(name: "echo", arguments: "{}")))
        XCTAssertEqual(plain.prompt, "")
    }

    // MARK: replies

    func testNamedCallFindsTheFunctionEndingInItsNameWithTheGivenArguments() async throws {
        try await startServer()
        let response = try await post("/openai/v1/chat/completions", body([user(#"/tool echo {"text": "hello"}"#)]))
        XCTAssertEqual(try calls(response), [Call(index: 0, id: "call_chatcmpl-local-1", name: "demo__echo", arguments: #"{"text":"hello"}"#)])
        XCTAssertEqual(try finishReasons(response), ["tool_calls"])
        XCTAssertEqual(try text(response), "")
    }

    func testSeveralNamedCallsGoInOneReply() async throws {
        try await startServer()
        let response = try await post(
            "/openai/v1/chat/completions", body([user(#"/tool echo {"text":"a"} /tool demo__add {"a":1,"b":2}"#)]))
        XCTAssertEqual(try calls(response), [
            Call(index: 0, id: "call_chatcmpl-local-1", name: "demo__echo", arguments: #"{"text":"a"}"#),
            Call(index: 1, id: "call_chatcmpl-local-1_1", name: "demo__add", arguments: #"{"a":1,"b":2}"#),
        ])
        XCTAssertEqual(try finishReasons(response), ["tool_calls"])
    }

    func testANameOnItsOwnCallsAnOfferedFunctionWithNoArguments() async throws {
        try await startServer()
        let response = try await post("/openai/v1/chat/completions", body([user("/tool add")]))
        XCTAssertEqual(try calls(response).map(\.name), ["demo__add"])
        XCTAssertEqual(try calls(response).map(\.arguments), ["{}"])
    }

    func testANameNotOfferedIsAClearTextReply() async throws {
        try await startServer()
        let response = try await post("/openai/v1/chat/completions", body([user(#"/tool weather {"city":"Oslo"}"#)]))
        XCTAssertEqual(try calls(response), [])
        XCTAssertEqual(
            try text(response),
            "/tool weather: no function named weather (or ending in __weather) is offered; the request offers demo__echo, demo__add.")
        XCTAssertEqual(try finishReasons(response), ["stop"])

        let none = try await post("/openai/v1/chat/completions", openAIBody(#"/tool echo {"text":"x"}"#))
        XCTAssertEqual(try text(none), "/tool echo: no function named echo (or ending in __echo) is offered; the request offers no tools.")
    }

    func testArgumentsThatAreNotJSONAreAClearTextReply() async throws {
        try await startServer()
        let response = try await post("/openai/v1/chat/completions", body([user(#"/tool echo {"text": nope}"#)]))
        XCTAssertEqual(try text(response), #"/tool echo: the arguments are not a JSON object: {"text": nope}"#)
    }

    func testAfterToolResultsTheReplySaysWhatEachReturned() async throws {
        try await startServer()
        let response = try await post("/openai/v1/chat/completions", body([
            user(#"/tool echo {"text":"hi"} /tool add {"a":1,"b":2}"#),
            assistantCalling([("c1", "demo__echo"), ("c2", "demo__add")]),
            toolResult("c1", "hi"),
            toolResult("c2", "3"),
        ]))
        XCTAssertEqual(try text(response), "demo__echo returned: hi\ndemo__add returned: 3")
        XCTAssertEqual(try finishReasons(response), ["stop"])
        XCTAssertEqual(try calls(response), [])
    }

    func testOnlyResultsSinceTheLastAssistantTurnAreAnswered() async throws {
        try await startServer()
        let response = try await post("/openai/v1/chat/completions", body([
            user("/tool echo"),
            assistantCalling([("c1", "demo__echo")]),
            toolResult("c1", "first"),
            #"{"role":"assistant","content":"demo__echo returned: first"}"#,
            user("/tool add"),
            assistantCalling([("c2", "demo__add")]),
            toolResult("c2", "multi\nline"),
        ]))
        XCTAssertEqual(try text(response), "demo__add returned: multi line")
    }

    func testToolRoundsCallsAgainUntilThatManyResultsThenAnswers() async throws {
        try await startServer()
        let ask = user(#"/tool-rounds 2 echo {"text":"again"}"#)
        let first = try await post("/openai/v1/chat/completions", body([ask]))
        XCTAssertEqual(try calls(first).map(\.name), ["demo__echo"])

        let second = try await post("/openai/v1/chat/completions", body([
            ask, assistantCalling([("c1", "demo__echo")]), toolResult("c1", "again"),
        ]))
        XCTAssertEqual(try calls(second).map(\.arguments), [#"{"text":"again"}"#])
        XCTAssertEqual(try finishReasons(second), ["tool_calls"])

        let third = try await post("/openai/v1/chat/completions", body([
            ask, assistantCalling([("c1", "demo__echo")]), toolResult("c1", "again"),
            assistantCalling([("c2", "demo__echo")]), toolResult("c2", "again"),
        ]))
        XCTAssertEqual(try calls(third), [])
        XCTAssertEqual(try text(third), "demo__echo returned: again")
    }

    // MARK: the request log's times

    func testRequestLogRecordsArrivalAndWhenTheFinishChunkWasWritten() async throws {
        let events = TimingEvents()
        var configuration = LocalServerConfiguration()
        configuration.timingLog = { events.append($0) }
        try await startServer(configuration)
        let before = MonotonicTime.nanoseconds()
        _ = try await post("/openai/v1/chat/completions", body([user(#"/tool echo {"text":"x"}"#)]))
        _ = try await post("/openai/v1/chat/completions", body([user("/tokens 2 hi")]))
        let after = MonotonicTime.nanoseconds()

        let recorded = await server.recordedRequests()
        XCTAssertEqual(recorded.map { $0.finishWritten?.reason }, ["tool_calls", "stop"])
        for request in recorded {
            let finish = try XCTUnwrap(request.finishWritten?.nanoseconds)
            XCTAssertTrue(before <= request.arrivalNanoseconds && request.arrivalNanoseconds <= finish && finish <= after)
        }
        XCTAssertEqual(events.all, [
            .requestArrived(sequence: 1, nanoseconds: recorded[0].arrivalNanoseconds),
            .finishWritten(sequence: 1, reason: "tool_calls", nanoseconds: try XCTUnwrap(recorded[0].finishWritten?.nanoseconds)),
            .requestArrived(sequence: 2, nanoseconds: recorded[1].arrivalNanoseconds),
            .finishWritten(sequence: 2, reason: "stop", nanoseconds: try XCTUnwrap(recorded[1].finishWritten?.nanoseconds)),
        ])
    }

    func testAnErrorReplyHasNoFinishTime() async throws {
        try await startServer()
        _ = try await post("/openai/v1/chat/completions", openAIBody("/error 500 x"))
        let recorded = await server.recordedRequests()
        XCTAssertNil(recorded.first?.finishWritten)
        XCTAssertGreaterThan(recorded.first?.arrivalNanoseconds ?? 0, 0)
    }
}

/// The events a test's timing log received, from the server's tasks.
// safe: `lock` guards `events`.
private final class TimingEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [TimingEvent] = []
    func append(_ event: TimingEvent) { lock.withLock { events.append(event) } }
    var all: [TimingEvent] { lock.withLock { events } }
}
