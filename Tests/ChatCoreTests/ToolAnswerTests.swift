import XCTest
@testable import ChatCore
import StreamProtocol

/// `a` answers the newest reply's tool calls, one result per call, then asks the model again
/// with the calls and their results in the history (openai only).
final class ToolAnswerTests: XCTestCase {
    private let openAIProfile = Profile(
        name: "local", baseURL: "http://127.0.0.1:9/v1", dialect: .openai, projectID: nil, defaultModel: "m")

    /// A sent question answered by two tool calls, the conversation pane focused. Setup only:
    /// sending and streaming tool calls are asserted step by step in their own tests.
    private func givenAskedForTools(_ profile: Profile) -> AppState {
        var state = AppState(profile: profile)
        apply(&state, typing("time and weather?"))
        for case let .startStream(id, _) in reduce(&state, .keyPressed(.enter, stamp(1000, "S1"))) {
            apply(&state, [.streamReceived(id, [
                .toolCall(ToolCallDelta(index: 0, id: "call_a", name: "clock", arguments: "{}")),
                .toolCall(ToolCallDelta(index: 1, id: nil, name: "weather", arguments: #"{"city":"Oslo"}"#)),
                .finishReason("tool_calls"), .done(StreamCompletion()),
            ], nowMillis: 1100)])
        }
        apply(&state, [.keyPressed(.alt("2"), stamp(1200))])
        return state
    }

    func testEachCallGetsItsResultThenTheModelIsAskedWithAllOfThem() throws {
        var state = givenAskedForTools(openAIProfile)
        XCTAssertEqual(press(&state, .character("a")), [])
        XCTAssertEqual(state.composer.toolAnswer, ToolAnswer(callID: "call_a", name: "clock"))
        XCTAssertEqual(state.screen.focus, .composer)

        XCTAssertEqual(apply(&state, typing("12:00")), [])
        let first = reduce(&state, .keyPressed(.enter, stamp(2000, "T1")))
        var clock = Message(id: "T1-t", role: .tool, content: "12:00", createdAtMillis: 2000)
        clock.toolCallID = "call_a"
        XCTAssertEqual(first, [.saveMessage(clock, sessionID: "S1")], "one result of two: nothing is sent yet")
        XCTAssertEqual(state.composer.toolAnswer, ToolAnswer(callID: "call_1", name: "weather"), "a call without an id gets one from its index")

        XCTAssertEqual(apply(&state, typing("sunny")), [])
        let second = reduce(&state, .keyPressed(.enter, stamp(3000, "T2")))
        XCTAssertNil(state.composer.toolAnswer)
        guard case let .startStream(_, request)? = second.last else { return XCTFail("no request: \(second)") }
        XCTAssertEqual(request.messages, [
            ChatMessage(role: .user, content: "time and weather?"),
            ChatMessage(role: .assistant, content: "", toolCalls: [
                ToolCall(index: 0, id: "call_a", name: "clock", arguments: "{}"),
                ToolCall(index: 1, id: nil, name: "weather", arguments: #"{"city":"Oslo"}"#),
            ]),
            ChatMessage(role: .tool, content: "12:00", toolCallID: "call_a"),
            ChatMessage(role: .tool, content: "sunny", toolCallID: "call_1"),
        ])
        let body = String(decoding: RequestEncoder.body(for: request, dialect: .openai), as: UTF8.self)
        XCTAssertTrue(body.contains(#"{"role":"assistant","content":null,"tool_calls":[{"id":"call_a","type":"function","function":{"name":"clock","arguments":"{}"}},{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Oslo\"}"}}]}"#), body)
        XCTAssertTrue(body.contains(#"{"role":"tool","tool_call_id":"call_a","content":"12:00"}"#), body)
        guard case let .saveMessage(reply, _)? = second.dropLast().last else { return XCTFail("no reply saved") }
        XCTAssertNil(reply.request?.historyMessageIDs, "a body with tool turns is stored whole")

        state.screen.focus = .conversation
        XCTAssertEqual(press(&state, .character("a")), [])
        XCTAssertNil(state.composer.toolAnswer)
    }

    func testEscLeavesTheAnswerAndTheTextStays() {
        var state = givenAskedForTools(openAIProfile)
        XCTAssertEqual(press(&state, .character("a")), [])
        XCTAssertEqual(apply(&state, typing("half")), [])
        XCTAssertEqual(press(&state, .escape), [])
        XCTAssertNil(state.composer.toolAnswer)
        XCTAssertEqual(state.composer.input.text, "half")
        XCTAssertEqual(state.status.notice, "Tool call left unanswered.")
    }

    func testPremCannotCarryToolResultsAndSaysSo() {
        var state = givenAskedForTools(premProfile)
        XCTAssertEqual(press(&state, .character("a")), [])
        XCTAssertNil(state.composer.toolAnswer)
        XCTAssertEqual(state.status.notice, "prem's chat API has no tool results: answering a tool call needs an openai-dialect profile.")
        // And a prem request from such a session carries its plain turns only.
        let request = ChatRequest(projectID: 1, messages: [
            ChatMessage(role: .user, content: "q"),
            ChatMessage(role: .assistant, content: "", toolCalls: [ToolCall(index: 0, id: "c", name: "f", arguments: "{}")]),
            ChatMessage(role: .tool, content: "r", toolCallID: "c"),
            ChatMessage(role: .user, content: "again"),
        ])
        let body = String(decoding: RequestEncoder.body(for: request, dialect: .prem), as: UTF8.self)
        XCTAssertTrue(body.contains(#""messages":[{"role":"user","content":"q"},{"role":"user","content":"again"}]"#), body)
    }
}
