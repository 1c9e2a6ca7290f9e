import TerminalUI
import XCTest

@testable import CursesTerminal

final class GridDiffTests: XCTestCase {
    private func grid(_ rows: [String], width: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: rows.count)
        for (y, row) in rows.enumerated() {
            var x = 0
            for character in row {
                let wide = character.unicodeScalars.first.map { $0.value >= 0x1100 } ?? false
                grid[x, y] = Cell(text: String(character), width: wide ? 2 : 1)
                if wide { grid[x + 1, y] = .continuation(.normal) }
                x += wide ? 2 : 1
            }
        }
        return grid
    }

    func testFirstBlitWritesEveryNonContinuationCell() {
        let next = grid(["ab日", "cd  "], width: 4)
        XCTAssertEqual(GridDiff.cellsToWrite(from: nil, to: next, visibleWidth: 4, visibleHeight: 2), [0, 1, 2, 4, 5, 6, 7])
    }

    func testUnchangedGridWritesNothing() {
        let same = grid(["ab日", "cd  "], width: 4)
        XCTAssertEqual(GridDiff.cellsToWrite(from: same, to: same, visibleWidth: 4, visibleHeight: 2), [])
    }

    func testOnlyChangedCellsAreWritten() {
        let previous = grid(["abcd", "efgh"], width: 4)
        var next = previous
        next[2, 1] = Cell(text: "X")
        next[0, 0] = Cell(text: "a", role: .selection)  // a style change counts
        XCTAssertEqual(GridDiff.cellsToWrite(from: previous, to: next, visibleWidth: 4, visibleHeight: 2), [0, 6])
    }

    func testNarrowToWideChangeWritesTheWideCellOnly() {
        let previous = grid(["abcd"], width: 4)
        let next = grid(["a日d"], width: 4)
        XCTAssertEqual(GridDiff.cellsToWrite(from: previous, to: next, visibleWidth: 4, visibleHeight: 1), [1])
    }

    func testWideToNarrowChangeWritesBothCells() {
        let previous = grid(["a日d"], width: 4)
        let next = grid(["abcd"], width: 4)
        XCTAssertEqual(GridDiff.cellsToWrite(from: previous, to: next, visibleWidth: 4, visibleHeight: 1), [1, 2])
    }

    func testSizeChangeRepaintsEverything() {
        let previous = grid(["ab"], width: 2)
        let next = grid(["ab", "cd"], width: 2)
        XCTAssertEqual(GridDiff.cellsToWrite(from: previous, to: next, visibleWidth: 2, visibleHeight: 2), [0, 1, 2, 3])
    }

    func testClipsToTheVisibleScreen() {
        let next = grid(["abc", "def", "ghi"], width: 3)
        XCTAssertEqual(GridDiff.cellsToWrite(from: nil, to: next, visibleWidth: 2, visibleHeight: 2), [0, 1, 3, 4])
        XCTAssertEqual(GridDiff.cellsToWrite(from: nil, to: next, visibleWidth: 0, visibleHeight: 2), [])
    }
}

final class GlyphPlanTests: XCTestCase {
    /// A wcwidth like glibc's for the characters used here.
    private func width(_ scalar: UInt32) -> Int {
        switch scalar {
        case 0x0301, 0x200D, 0xFE0F, 0x20E3: return 0
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0x1F300...0x1FAFF: return 2
        case 0..<0x20, 0x7F: return -1
        default: return 1
        }
    }

    func testNarrowAndWideGlyphs() {
        XCTAssertEqual(GlyphPlan.make(text: "a", gridWidth: 1, wcwidth: width), GlyphPlan(scalars: [0x61], paddingCells: 0))
        XCTAssertEqual(GlyphPlan.make(text: "日", gridWidth: 2, wcwidth: width), GlyphPlan(scalars: [0x65E5], paddingCells: 0))
    }

    func testCombiningMarksStayWithTheirBase() {
        XCTAssertEqual(GlyphPlan.make(text: "e\u{301}", gridWidth: 1, wcwidth: width), GlyphPlan(scalars: [0x65, 0x301], paddingCells: 0))
    }

    func testNarrowByWcwidthButWideInGridIsPadded() {
        // "❤️": U+2764 is width 1 to wcwidth; the grid gives the emoji presentation 2 cells.
        // VS16 is dropped: terminals that honour it would draw two cells and then the
        // padding a cell too far right.
        XCTAssertEqual(GlyphPlan.make(text: "\u{2764}\u{FE0F}", gridWidth: 2, wcwidth: width),
                       GlyphPlan(scalars: [0x2764], paddingCells: 1))
    }

    func testVariationSelectorKeptWhenWidthsAgree() {
        XCTAssertEqual(GlyphPlan.make(text: "\u{1F600}\u{FE0F}", gridWidth: 2, wcwidth: width),
                       GlyphPlan(scalars: [0x1F600, 0xFE0F], paddingCells: 0))
    }

    func testWiderThanGridIsReplaced() {
        XCTAssertEqual(GlyphPlan.make(text: "日", gridWidth: 1, wcwidth: width), GlyphPlan(scalars: [0xFFFD], paddingCells: 0))
    }

    func testControlCharacterIsReplaced() {
        XCTAssertEqual(GlyphPlan.make(text: "\u{1B}", gridWidth: 1, wcwidth: width), GlyphPlan(scalars: [0xFFFD], paddingCells: 0))
    }

    func testZWJSequenceIsCutToFirstEmojiWithoutDanglingJoiner() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        XCTAssertEqual(GlyphPlan.make(text: family, gridWidth: 2, wcwidth: width), GlyphPlan(scalars: [0x1F468], paddingCells: 0))
    }

    func testAtMostFiveScalars() {
        let text = "a" + String(repeating: "\u{301}", count: 8)
        XCTAssertEqual(GlyphPlan.make(text: text, gridWidth: 1, wcwidth: width).scalars.count, 5)
    }

    func testEmptyTextIsBlank() {
        XCTAssertEqual(GlyphPlan.make(text: "", gridWidth: 1, wcwidth: width), GlyphPlan(scalars: [0x20], paddingCells: 0))
    }
}
