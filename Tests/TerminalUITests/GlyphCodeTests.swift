import XCTest
@testable import TerminalUI

/// Cells and glyphs hold a four-byte code instead of a String.
final class GlyphCodeTests: XCTestCase {
    func testOneScalarIsItselfAndSeveralAreInternedOnce() {
        XCTAssertEqual(GlyphCode("a").rawValue, 0x61)
        XCTAssertEqual(GlyphCode("日").scalar, "日")
        XCTAssertEqual(GlyphCode("").text, "")
        let accented = GlyphCode("e\u{301}")
        XCTAssertNil(accented.scalar)
        XCTAssertEqual(accented.text, "e\u{301}")
        XCTAssertEqual(GlyphCode("e\u{301}"), accented, "the same grapheme gets the same id")
        XCTAssertNotEqual(GlyphCode("👍🏽"), accented)
        XCTAssertEqual(GlyphCode("👍🏽").text, "👍🏽")
    }

    func testCellsAndGlyphsArePlainSmallValues() {
        XCTAssertEqual(MemoryLayout<Cell>.size, 7)
        XCTAssertEqual(MemoryLayout<Cell>.stride, 8)
        XCTAssertLessThanOrEqual(MemoryLayout<Glyph>.stride, 12)
        XCTAssertTrue(_isPOD(Cell.self), "no references: copying a grid retains nothing")
        XCTAssertTrue(_isPOD(Glyph.self))
    }

    func testTextRoundTripsThroughCellsAndGlyphs() {
        for text in [" ", "x", "─", "é", "e\u{301}", "日", "👍🏽", "␛"] {
            XCTAssertEqual(Cell(text: text).text, text)
            XCTAssertEqual(Glyph(text: text, width: 1, role: .normal).text, text)
        }
    }
}
