import ChatCore
import StreamProtocol
import XCTest

@testable import TerminalUI

/// Reasoning, tool calls, sources and finish reasons as the conversation pane shows them.
final class ReplyExtrasTests: XCTestCase {
    private func rows(_ message: Message, width: Int = 48, details: Bool = false) -> [String] {
        let layout = ConversationLayout()
        layout.rendering = MessageRendering(showDetails: details)
        layout.update(messages: [message])
        return layout.rows(in: 0..<100, width: width).map { $0.text.trimmingTrailingSpaces() }
    }

    private func reply(_ content: String, status: MessageStatus = .complete) -> Message {
        Message(id: "r", role: .assistant, content: content, createdAtMillis: 0, status: status, model: "m")
    }

    func testReasoningIsOpenWhileItIsAllThereIsThenOneLine() {
        var thinking = reply("", status: .streaming)
        thinking.reasoning = "The user wants a number.\nPick 42."
        XCTAssertEqual(rows(thinking), [
            "Assistant · m",
            "▾ Thinking · 33 chars …",
            "┊ The user wants a number.",
            "┊ Pick 42.",
            "▍",
        ])
        var answered = thinking
        answered.content = "**42**"
        answered.status = .complete
        answered.stats = ReplyStats(timeToFirstTokenMillis: 900, totalMillis: 1_500, deltaCount: 1, reasoningMillis: 1_234)
        XCTAssertEqual(rows(answered), [
            "Assistant · m",
            "▸ Thinking · 33 chars · 1.2s",
            "42",
            "1 tok · 1.7 tok/s · TTFT 0.90s · 1.5s",
        ])
        XCTAssertEqual(rows(answered, details: true)[1...3], [
            "▾ Thinking · 33 chars · 1.2s",
            "┊ The user wants a number.",
            "┊ Pick 42.",
        ])
    }

    func testAToolCallShowsItsNameAndPrettyArgumentsAndWhyTheReplyEnded() {
        var message = reply("")
        message.toolCalls = [ToolCall(index: 0, id: "call_1", name: "get_weather", arguments: #"{"city":"Paris","days":3}"#)]
        message.finishReason = "tool_calls"
        XCTAssertEqual(rows(message), [
            "Assistant · m",
            " tool call · get_weather · call_1             ⚙",
            " {",
            "   \"city\": \"Paris\",",
            "   \"days\": 3",
            " }",
            // Nothing answers the call (issue 23: a call's state is said under its block).
            "no result",
            "⚙ the model asks for the tool calls above",
            "(finish_reason: tool_calls)",
        ])
    }

    func testArgumentsThatDoNotParseYetAreShownAsWritten() {
        var message = reply("", status: .streaming)
        message.toolCalls = [ToolCall(index: 0, id: nil, name: "lookup", arguments: #"{"q": "hal"#)]
        XCTAssertEqual(rows(message), [
            "Assistant · m",
            " tool call · lookup                           ⚙",
            " {\"q\": \"hal",
            "▍",
        ])
    }

    func testSourcesAndTraceAndALengthCut() {
        var message = reply("Answer.")
        message.traceID = "3c90c3cc"
        message.finishReason = "length"
        message.documentChunksJSON = #"[{"document_name":"pets.txt","similarity_score":0.671,"content":"Cats sleep.\nDogs walk."},{"document_id":14}]"#
        XCTAssertEqual(rows(message), [
            "Assistant · m · trace 3c90c3cc",
            "Answer.",
            "Sources",
            "[1] pets.txt · similarity 0.67 · Cats sleep.",
            "[2] document 14",
            "✂ cut at max_tokens (finish_reason: length)",
        ])
        XCTAssertEqual(rows(message, details: true)[3...5], [
            "[1] pets.txt · similarity 0.67",
            "    Cats sleep.",
            "    Dogs walk.",
        ])
    }

    /// A reasoning stream grows like text: each frame re-wraps only its unfinished last line.
    func testGrowingReasoningRewrapsOnlyItsLastLine() {
        var message = reply("", status: .streaming)
        message.reasoning = String(repeating: "a long line of thought\n", count: 500)
        let layout = ConversationLayout()
        layout.update(messages: [message])
        _ = layout.totalRows(width: 40)
        let before = layout.wrappedUTF8Count
        message.reasoning += "more"
        layout.update(messages: [message])
        _ = layout.totalRows(width: 40)
        XCTAssertEqual(layout.wrappedUTF8Count - before, 4)
    }
}
