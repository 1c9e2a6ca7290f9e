import XCTest
@testable import TerminalUI

final class TextWrapperTests: XCTestCase {
    private func wrapped(_ text: String, _ width: Int) -> [String] {
        TextWrapper.wrap(text, width: width, role: .normal).map(\.text)
    }

    func testWordWrapDropsSpacesAtWrapPoints() {
        XCTAssertEqual(wrapped("the quick brown fox", 10), ["the quick", "brown fox"])
        XCTAssertEqual(wrapped("aaaa    bbbb", 6), ["aaaa", "bbbb"])
    }

    func testSpacesDroppedAtAWrapLeaveNoEmptyRow() {
        XCTAssertEqual(wrapped("abcd   ", 4), ["abcd"])
        XCTAssertEqual(wrapped("abcd   \nx", 4), ["abcd", "x"])
        XCTAssertEqual(wrapped("abcd\n", 4), ["abcd", ""])
        XCTAssertEqual(wrapped("ab  ", 4), ["ab  "])
    }

    func testExplicitNewlinesAndEmptyLinesAreKept() {
        XCTAssertEqual(wrapped("a\n\nb\n", 5), ["a", "", "b", ""])
        XCTAssertEqual(wrapped("", 5), [""])
    }

    func testIndentationIsKeptAndNeverLeavesAnEmptyRow() {
        XCTAssertEqual(wrapped("    indented text", 12), ["    indented", "text"])
        XCTAssertEqual(wrapped("  abcdefghij", 6), ["  abcd", "efghij"])
    }

    func testLongWordsAreHardBroken() {
        XCTAssertEqual(wrapped("abcdefghijkl", 5), ["abcde", "fghij", "kl"])
        XCTAssertEqual(wrapped("hi abcdefghijkl", 5), ["hi", "abcde", "fghij", "kl"])
    }

    func testWideCharactersNeverStraddleTheEdge() {
        XCTAssertEqual(wrapped("a中文字", 4), ["a中", "文字"])
        XCTAssertEqual(wrapped("中文字符串", 5), ["中文", "字符", "串"])
        XCTAssertEqual(wrapped("ok 😀😀", 4), ["ok", "😀😀"])
        for line in TextWrapper.wrap("中文字符串 mixed 漢字 text 😀", width: 5, role: .normal) {
            XCTAssertLessThanOrEqual(line.width, 5)
        }
    }

    func testCJKBreaksBetweenIdeographsAfterLatin() {
        XCTAssertEqual(wrapped("hello 你好世界", 10), ["hello 你好", "世界"])
    }

    func testWidthOne() {
        XCTAssertEqual(wrapped("ab c", 1), ["a", "b", "c"])
        // A wide glyph can never fit in one column: it shows as "…" so no row overflows.
        XCTAssertEqual(wrapped("中a", 1), ["…", "a"])
    }

    func testControlsAreSanitizedWhileWrapping() {
        let lines = TextWrapper.wrap("a\u{1B}[2Jb", width: 3, role: .assistantText)
        XCTAssertEqual(lines.map(\.text), ["a␛[", "2Jb"])
        XCTAssertEqual(lines[0].glyphs.map(\.role), [.assistantText, .controlPicture, .assistantText])
    }

    func testOneMegabyteWrapsQuickly() {
        let paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit 中文字符 😀.\n"
        let text = String(repeating: paragraph, count: 1_000_000 / paragraph.utf8.count + 1)
        let start = ContinuousClock.now
        let lines = TextWrapper.wrap(text, width: 72, role: .normal)
        let elapsed = ContinuousClock.now - start
        XCTAssertGreaterThan(lines.count, 10_000)
        // Generous bound for a debug build on a shared machine; release is far faster.
        XCTAssertLessThan(elapsed, .seconds(5))
    }
}
