import XCTest
@testable import TerminalUI

final class SanitizerTests: XCTestCase {
    private func visibleText(_ text: String) -> String { TextSanitizer.sanitize(text) }

    /// True if the string holds any scalar a terminal could interpret as control.
    private func containsControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            let v = scalar.value
            return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v)
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }
    }

    func testClearScreenSequenceBecomesVisibleText() {
        let reply = "before\u{1B}[2Jafter"
        XCTAssertEqual(visibleText(reply), "before␛[2Jafter")
        let runs = TextSanitizer.runs(reply, role: .assistantText)
        XCTAssertEqual(runs, [
            StyledRun(text: "before", role: .assistantText),
            StyledRun(text: "␛", role: .controlPicture),
            StyledRun(text: "[2Jafter", role: .assistantText),
        ])
    }

    func testOSC52ClipboardWriteBecomesVisibleText() {
        let reply = "x\u{1B}]52;c;ZXZpbA==\u{07}y\u{1B}]52;c;Zm9v\u{1B}\\z"
        let shown = visibleText(reply)
        XCTAssertEqual(shown, "x␛]52;c;ZXZpbA==␇y␛]52;c;Zm9v␛\\z")
        XCTAssertFalse(containsControl(shown))
    }

    func testC1DelAndBidiControlsAreNeutralised() {
        // C1 CSI (U+009B) and OSC (U+009D) read as their ESC equivalents.
        XCTAssertEqual(visibleText("a\u{9B}2Jb\u{9D}52;c;x\u{9C}"), "a␛[2Jb␛]52;c;x␛\\")
        XCTAssertEqual(visibleText("del\u{7F}"), "del␡")
        XCTAssertEqual(visibleText("abc\u{202E}def\u{2066}g\u{2069}"), "abc�def�g�")
        XCTAssertEqual(visibleText("nul\u{0}bell\u{7}"), "nul␀bell␇")
    }

    func testNoControlScalarSurvivesAnyInput() {
        var everything = ""
        for value in UInt32(0)...0x2FFF {
            if let scalar = Unicode.Scalar(value) { everything.unicodeScalars.append(scalar) }
        }
        for value in [0x202A, 0x202E, 0x2066, 0x2069, 0xE0001, 0x10FFFF] as [UInt32] {
            everything.unicodeScalars.append(Unicode.Scalar(value) ?? " ")
        }
        let shown = visibleText(everything)
        XCTAssertFalse(containsControl(shown))
        for scalar in shown.unicodeScalars where scalar != "\n" {
            XCTAssertGreaterThanOrEqual(DisplayWidth.of(scalar), 0, "non-printable U+\(String(scalar.value, radix: 16)) survived")
        }
    }

    func testTabsExpandToNextMultipleOfFourWithinTheLine() {
        XCTAssertEqual(visibleText("\tx"), "    x")
        XCTAssertEqual(visibleText("ab\tc"), "ab  c")
        XCTAssertEqual(visibleText("abcd\te"), "abcd    e")
        XCTAssertEqual(visibleText("中\tx"), "中  x")
        XCTAssertEqual(visibleText("abc\nd\te"), "abc\nd   e")
    }

    func testCRLFIsANewlineAndLoneCRIsVisible() {
        XCTAssertEqual(visibleText("a\r\nb\rc"), "a\nb␍c")
    }

    func testGraphemeRuleKeepsFirstSpacingScalarAndFollowingMarks() {
        let glyphs = TextSanitizer.singleLineGlyphs("e\u{301}👨‍👩‍👧🇺🇸👍🏽❤️", role: .normal)
        XCTAssertEqual(glyphs.map(\.text), ["e\u{301}", "👨", "🇺", "👍", "❤️"])
        XCTAssertEqual(glyphs.map(\.width), [1, 2, 1, 2, 1])
    }

    func testAtMostFourZeroWidthScalarsAreKeptAndLoneMarksDropped() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 7)
        let glyphs = TextSanitizer.singleLineGlyphs("\u{301}" + zalgo, role: .normal)
        XCTAssertEqual(glyphs.count, 1)
        XCTAssertEqual(glyphs.first?.text.unicodeScalars.count, 5)
    }
}
