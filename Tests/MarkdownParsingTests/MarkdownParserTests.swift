import MarkdownParsing
import XCTest

final class MarkdownParserTests: XCTestCase {
    func testHeadingsParagraphsAndInlineStyles() {
        let blocks = MarkdownParser.blocks("# Title\n\nSome **bold** and *it* with `code` and ~~gone~~ ~5 ms.\n")
        XCTAssertEqual(blocks, [
            .heading(level: 1, [InlineRun("Title")]),
            .paragraph([
                InlineRun("Some "), InlineRun("bold", style: .strong), InlineRun(" and "),
                InlineRun("it", style: .emphasis), InlineRun(" with "), InlineRun("code", style: .code),
                InlineRun(" and "), InlineRun("gone", style: .strikethrough), InlineRun(" ~5 ms."),
            ]),
        ])
    }
}
