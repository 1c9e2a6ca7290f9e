import XCTest
@testable import TerminalUI

final class GridDrawingTests: XCTestCase {
    func testWideGlyphThatDoesNotFitAtTheRightEdgeBecomesBlank() {
        var grid = CellGrid(width: 5, height: 1)
        let end = grid.put("ab中文", x: 0, y: 0, role: .normal, clip: Rect(x: 0, y: 0, width: 3, height: 1))
        XCTAssertEqual(grid.textLines(), ["ab   "])
        XCTAssertEqual(end, 4)
        XCTAssertEqual(grid[2, 0].width, 1)
    }

    func testOverwritingHalfOfAWideGlyphBlanksTheOtherHalf() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("中文字", x: 0, y: 0, role: .assistantText, clip: grid.bounds)
        grid.write(Cell(text: "x"), x: 1, y: 0)  // right half of 中
        XCTAssertEqual(grid.textLines(), [" x文字"])
        grid.write(Cell(text: "y"), x: 2, y: 0)  // left half of 文
        XCTAssertEqual(grid.textLines(), [" xy 字"])
        grid.write(Cell(text: "😀", width: 2), x: 3, y: 0)  // straddles " " and 字's left half
        XCTAssertEqual(grid.textLines(), [" xy😀 "])
        assertNoOrphanHalves(grid)
    }

    func testFillCuttingAWideGlyphLeavesNoOrphan() {
        var grid = CellGrid(width: 6, height: 2)
        grid.put("中文字", x: 0, y: 0, role: .normal, clip: grid.bounds)
        grid.put("中文字", x: 0, y: 1, role: .normal, clip: grid.bounds)
        grid.fill(Rect(x: 1, y: 0, width: 2, height: 2), role: .selection)
        XCTAssertEqual(grid.textLines(), ["    字", "    字"])
        XCTAssertEqual(grid[1, 0].role, .selection)
        assertNoOrphanHalves(grid)
    }

    func testBoxTitleIsTruncatedAndFocusChangesTheLines() {
        var grid = CellGrid(width: 14, height: 3)
        grid.box(grid.bounds, title: "Conversation with a long title", focused: false)
        XCTAssertEqual(grid.textLines(), ["┌─ Convers… ─┐", "│            │", "└────────────┘"])
        grid.box(grid.bounds, title: "Chat", focused: true)
        XCTAssertEqual(grid.textLines()[0], "╔═ Chat ═════╗")
        XCTAssertEqual(grid[0, 0].role, .borderFocused)
        XCTAssertEqual(grid[3, 0].role, .titleFocused)
    }

    func testTitleTextIsSanitized() {
        var grid = CellGrid(width: 20, height: 3)
        grid.box(grid.bounds, title: "a\u{1B}[2Jb", focused: false)
        XCTAssertEqual(grid.textLines()[0], "┌─ a␛[2Jb ─────────┐")
    }

    private func assertNoOrphanHalves(_ grid: CellGrid, file: StaticString = #filePath, line: UInt = #line) {
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.width == 2 {
                    XCTAssertEqual(grid[x + 1, y].width, 0, "wide glyph at \(x),\(y) lost its right half", file: file, line: line)
                }
                if cell.width == 0 {
                    XCTAssertEqual(x > 0 ? grid[x - 1, y].width : 0, 2, "orphan right half at \(x),\(y)", file: file, line: line)
                }
            }
        }
    }
}
