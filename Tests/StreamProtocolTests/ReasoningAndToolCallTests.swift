import StreamProtocol
import XCTest

/// Reasoning deltas and streamed tool calls, through the client's byte path (the scanner for
/// reasoning, the full parse for tool calls) in both dialects, and the assembly of call pieces.
final class ReasoningAndToolCallTests: XCTestCase {
    private func decode(_ data: [String], _ dialect: Dialect = .openai) -> [StreamEvent] {
        var decoder = StreamEventDecoder(dialect: dialect)
        let prefix = dialect == .prem ? "event: completion\n" : ""
        let text = data.map { prefix + "data: " + $0 + "\n\n" }.joined()
        return decoder.feed(Array(text.utf8)) + decoder.finish()
    }

    func testReasoningFromEitherFieldComesBeforeTheContentOfItsChunk() {
        XCTAssertEqual(
            decode([#"{"choices":[{"delta":{"reasoning_content":"Think","content":"Answer"}}]}"#]),
            [.reasoning("Think"), .content("Answer")])
        XCTAssertEqual(decode([#"{"choices":[{"delta":{"reasoning":"Ollama thinks"}}]}"#], .prem), [.reasoning("Ollama thinks")])
        // reasoning_content wins over reasoning; empty and non-string reasoning is nothing.
        XCTAssertEqual(decode([#"{"choices":[{"delta":{"reasoning":"b","reasoning_content":"a"}}]}"#]), [.reasoning("a")])
        XCTAssertEqual(decode([#"{"choices":[{"delta":{"reasoning_content":"","content":"x"}}]}"#]), [.content("x")])
        XCTAssertEqual(decode([#"{"choices":[{"delta":{"reasoning_content":null,"reasoning":7}}]}"#]), [])
    }

    func testToolCallPiecesAreDecodedWithTheirIndex() {
        let events = decode([
            #"{"model":"m","choices":[{"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}"#,
            #"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}}]}"#,
            #"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Oslo\"}"}}]}}]}"#,
            #"{"choices":[{"delta":{"tool_calls":null},"finish_reason":"tool_calls"}]}"#,
        ])
        XCTAssertEqual(events, [
            .model("m"),
            .toolCall(ToolCallDelta(index: 0, id: "call_1", name: "get_weather")),
            .toolCall(ToolCallDelta(index: 0, arguments: #"{"city":"#)),
            .toolCall(ToolCallDelta(index: 0, arguments: #""Oslo"}"#)),
            .finishReason("tool_calls"),
        ])
    }

    func testCallsWithoutAnIndexTakeTheirPositionAndEmptyEntriesAreSkipped() {
        let events = decode([
            #"{"choices":[{"delta":{"tool_calls":[{"id":"a","function":{"name":"f","arguments":"{}"}},{},7,{"function":{"name":"g"}}]}}]}"#,
        ])
        XCTAssertEqual(events, [
            .toolCall(ToolCallDelta(index: 0, id: "a", name: "f", arguments: "{}")),
            .toolCall(ToolCallDelta(index: 3, name: "g")),
        ])
    }

    func testAssemblyJoinsPiecesByIndexInOrderOfFirstAppearance() {
        var assembly = ToolCallAssembly()
        XCTAssertTrue(assembly.isEmpty)
        for piece in [
            ToolCallDelta(index: 1, id: "b", name: "search"),
            ToolCallDelta(index: 0, id: "a", name: "get_weather", arguments: #"{"ci"#),
            ToolCallDelta(index: 1, arguments: #"{"q":"x"}"#),
            // A server that repeats the name in every piece does not double it.
            ToolCallDelta(index: 0, name: "get_weather", arguments: #"ty":"Oslo"}"#),
        ] {
            assembly.add(piece)
        }
        XCTAssertEqual(assembly.calls, [
            ToolCall(index: 1, id: "b", name: "search", arguments: #"{"q":"x"}"#),
            ToolCall(index: 0, id: "a", name: "get_weather", arguments: #"{"city":"Oslo"}"#),
        ])
    }
}
