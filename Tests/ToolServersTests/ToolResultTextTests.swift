import ChatCore
import MCP
import XCTest

@testable import ToolServers

/// A result's content as text: every kind in a line, and the cut at `maxTextBytes`.
final class ToolResultTextTests: XCTestCase {
    func testEveryContentKindIsALine() {
        let audio = Data(repeating: 1, count: 10).base64EncodedString()
        let result = ToolResultText.result(content: [
            .text(text: "first", annotations: nil, _meta: nil),
            .audio(data: audio, mimeType: "audio/wav", annotations: nil, _meta: nil),
            .resource(resource: .text("inline body", uri: "file:///a.txt")),
            .resource(resource: .binary(Data([1, 2]), uri: "file:///b.bin", mimeType: "application/octet-stream")),
            .resourceLink(uri: "file:///c.md", name: "notes", mimeType: "text/markdown"),
        ], isError: nil)
        XCTAssertEqual(result, ToolCallResult(text: """
            first
            [audio audio/wav, 10 bytes]
            inline body
            [resource file:///b.bin application/octet-stream]
            [link notes: file:///c.md text/markdown]
            """, outcome: .succeeded))
        XCTAssertEqual(ToolResultText.result(content: [], isError: true), ToolCallResult(text: "", outcome: .failed))
    }

    func testALongResultIsCutAtACharacterWithANote() {
        let text = String(repeating: "é", count: 10)  // 20 bytes
        XCTAssertEqual(ToolResultText.capped(text, limit: 20), text)
        XCTAssertEqual(ToolResultText.capped(text, limit: 7), "ééé\n[cut: 14 more bytes not shown]")
        let big = String(repeating: "x", count: ToolCallResult.maxTextBytes + 5)
        let result = ToolResultText.result(content: [.text(text: big, annotations: nil, _meta: nil)], isError: false)
        XCTAssertEqual(result.text, String(repeating: "x", count: ToolCallResult.maxTextBytes) + "\n[cut: 5 more bytes not shown]")
    }

    func testArgumentsBecomeValuesWithWholeNumbersKept() {
        XCTAssertEqual(try ToolArguments.parse("  \n").get(), [:])
        XCTAssertEqual(
            try ToolArguments.parse(#"{"n": 3, "x": 1.5, "s": "a", "list": [true, null], "o": {"k": "v"}}"#).get(),
            ["n": .int(3), "x": .double(1.5), "s": .string("a"), "list": .array([.bool(true), .null]), "o": .object(["k": .string("v")])])
        XCTAssertEqual(ToolArguments.parse("3").failureMessage, "the arguments are not a JSON object, so the tool was not called")
    }
}

private extension Result where Failure == ToolArgumentsProblem {
    var failureMessage: String? { if case .failure(let problem) = self { return problem.message } else { return nil } }
}
