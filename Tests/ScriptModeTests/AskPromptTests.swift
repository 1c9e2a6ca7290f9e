import ScriptMode
import XCTest

final class AskPromptTests: XCTestCase {
    func testWordsAloneAreJoinedBySpaces() {
        XCTAssertEqual(AskPrompt.compose(words: ["review", "this"], standardInput: nil), .success("review this"))
        // A closed or empty stdin is no input.
        XCTAssertEqual(AskPrompt.compose(words: ["hi"], standardInput: ""), .success("hi"))
        XCTAssertEqual(AskPrompt.compose(words: ["hi"], standardInput: " \n"), .success("hi"))
    }

    func testStandardInputAloneIsTheWholePrompt() {
        XCTAssertEqual(AskPrompt.compose(words: [], standardInput: "diff --git a b\n"), .success("diff --git a b\n"))
        XCTAssertEqual(AskPrompt.compose(words: ["-"], standardInput: "only this"), .success("only this"))
    }

    func testBothPutTheInputInAFenceItCannotClose() {
        XCTAssertEqual(
            AskPrompt.compose(words: ["review", "this"], standardInput: "let x = 1\n"),
            .success("review this\n\n```\nlet x = 1\n```"))
        XCTAssertEqual(
            AskPrompt.compose(words: ["explain"], standardInput: "text with ``` a fence\nand ````"),
            .success("explain\n\n`````\ntext with ``` a fence\nand ````\n`````"))
    }

    func testNoPromptIsAUsageError() {
        guard case let .failure(error) = AskPrompt.compose(words: [], standardInput: nil) else { return XCTFail() }
        XCTAssertTrue(error.description.hasPrefix("No prompt"))
        guard case let .failure(dash) = AskPrompt.compose(words: ["-"], standardInput: "") else { return XCTFail() }
        XCTAssertTrue(dash.description.contains("standard input"))
        guard case .failure = AskPrompt.compose(words: ["  "], standardInput: nil) else { return XCTFail() }
    }
}
