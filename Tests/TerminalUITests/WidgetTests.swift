import ChatCore
import XCTest
@testable import TerminalUI

final class WidgetTests: XCTestCase {
    func testScrollWindowKeepsSelectionVisibleWithMinimalMovement() {
        XCTAssertEqual(ScrollWindow.firstVisible(selected: 0, count: 10, visible: 4), 0)
        XCTAssertEqual(ScrollWindow.firstVisible(selected: 5, count: 10, visible: 4), 2)
        XCTAssertEqual(ScrollWindow.firstVisible(selected: 3, count: 10, visible: 4, previousFirst: 2), 2)
        XCTAssertEqual(ScrollWindow.firstVisible(selected: 1, count: 10, visible: 4, previousFirst: 2), 1)
        XCTAssertEqual(ScrollWindow.firstVisible(selected: 9, count: 10, visible: 4, previousFirst: 0), 6)
        XCTAssertEqual(ScrollWindow.firstVisible(selected: nil, count: 10, visible: 4, previousFirst: 50), 6)
        XCTAssertEqual(ScrollWindow.firstVisible(selected: 2, count: 3, visible: 4, previousFirst: 2), 0)
    }

    func testSessionListHighlightsAndScrollsToSelection() {
        let sessions = (0..<8).map { SessionSummary(id: "s\($0)", title: $0 == 3 ? "" : "Session \($0)", createdAtMillis: 0, updatedAtMillis: 0) }
        var grid = CellGrid(width: 16, height: 3)
        let first = SessionListView.draw(
            into: &grid, rect: grid.bounds, sessions: sessions, timestamps: sessions.map { _ in "5m" },
            selectedIndex: 3, focused: true, previousFirst: 2)
        XCTAssertEqual(first, 2)
        XCTAssertEqual(grid.textLines(), ["Session 2     5m", "New session   5m", "Session 4     5m"])
        XCTAssertEqual(grid[0, 1].role, .selection)
        XCTAssertEqual(grid[15, 1].role, .selection)
        XCTAssertEqual(grid[0, 0].role, .normal)
        SessionListView.draw(into: &grid, rect: grid.bounds, sessions: sessions, timestamps: [],
                             selectedIndex: 7, focused: false)
        XCTAssertEqual(grid.textLines().last, "Session 7       ")
        XCTAssertEqual(grid[0, 2].role, .selectionUnfocused)
    }

    func testSliderShowsValuePositionAndUnset() {
        var grid = CellGrid(width: 20, height: 4)
        SliderView.draw(into: &grid, rect: Rect(x: 0, y: 0, width: 20, height: 2),
                        slider: SliderModel(label: "Temperature", valueText: "0.70", fraction: 0.35), selected: true, focused: true)
        SliderView.draw(into: &grid, rect: Rect(x: 0, y: 2, width: 20, height: 2),
                        slider: SliderModel(label: "Top P", valueText: nil, fraction: nil), selected: false, focused: true)
        XCTAssertEqual(grid.textLines(), [
            "● Temperature   0.70",
            "━━━━━━━●────────────",
            "○ Top P        unset",
            "────────────────────",
        ])
        XCTAssertEqual(grid[0, 0].role, .selection)
        XCTAssertEqual(grid[19, 2].role, .valueUnset)
        XCTAssertEqual(grid[0, 3].role, .sliderUnset)
    }

    func testComposerWrapsAndPlacesTheCaret() {
        var grid = CellGrid(width: 10, height: 2)
        let text = "hello wide 中文 world\nnext"
        var position = ComposerView.draw(into: &grid, rect: grid.bounds, text: text, caret: 0, placeholder: "", focused: true)
        XCTAssertEqual(position?.x, 0)
        XCTAssertEqual(position?.y, 0)
        XCTAssertEqual(grid.textLines(), ["hello wide", "中文 world"])
        XCTAssertEqual(grid.cursor?.x, 0)

        // Caret on "中" (offset 11): second row, column 0; the view shows the most of the end
        // that keeps the caret visible, so that row is now on top.
        position = ComposerView.draw(into: &grid, rect: grid.bounds, text: text, caret: 11, placeholder: "", focused: true)
        XCTAssertEqual(grid.textLines(), ["中文 world", "next      "])
        XCTAssertEqual(position.map { [$0.x, $0.y] }, [0, 0])
        // Caret on "文": after one wide glyph.
        position = ComposerView.draw(into: &grid, rect: grid.bounds, text: text, caret: 12, placeholder: "", focused: true)
        XCTAssertEqual(position.map { [$0.x, $0.y] }, [2, 0])
        XCTAssertEqual(ComposerView.layout(text: text, caret: 12, width: 10).caretRow, 1)
        // Caret at the end: the view scrolls down to the last row.
        position = ComposerView.draw(into: &grid, rect: grid.bounds, text: text, caret: text.count, placeholder: "", focused: true)
        XCTAssertEqual(grid.textLines(), ["中文 world", "next      "])
        XCTAssertEqual(position.map { [$0.x, $0.y] }, [4, 1])
        // Caret before the newline, after a full row: an empty row opens for it.
        let layout = ComposerView.layout(text: text, caret: 19, width: 10)
        XCTAssertEqual(layout.rows.map(\.text), ["hello wide", "中文 world", "", "next"])
        XCTAssertEqual([layout.caretRow, layout.caretColumn], [2, 0])
        let shorter = ComposerView.layout(text: "ab\ncd", caret: 2, width: 10)
        XCTAssertEqual([shorter.caretRow, shorter.caretColumn], [0, 2])
    }

    func testComposerCaretAfterAFullRowMovesToANewRow() {
        let layout = ComposerView.layout(text: "abcdefghij", caret: 10, width: 10)
        XCTAssertEqual(layout.rows.count, 2)
        XCTAssertEqual([layout.caretRow, layout.caretColumn], [1, 0])
        XCTAssertEqual(ComposerView.lineCount(text: "a\nb\nc", caret: 0, width: 10), 3)
    }

    func testComposerPlaceholderWhenEmpty() {
        var grid = CellGrid(width: 20, height: 1)
        ComposerView.draw(into: &grid, rect: grid.bounds, text: "", caret: 0, placeholder: "Type a message", focused: false)
        XCTAssertEqual(grid.textLines(), ["Type a message      "])
        XCTAssertEqual(grid[0, 0].role, .dim)
        XCTAssertNil(grid.cursor)
    }

    func testStatusLineDropsHintsThenTruncates() {
        let left = [StatusSegment("prem"), StatusSegment("gpt-4o"), StatusSegment("streaming…", role: .statusAccent)]
        var grid = CellGrid(width: 50, height: 1)
        StatusLineView.draw(into: &grid, rect: grid.bounds, left: left, right: ["F1 help"])
        XCTAssertEqual(grid.textLines(), [" prem │ gpt-4o │ streaming…               F1 help "])
        // Too narrow for both hints: the last one goes, the first stays whole.
        StatusLineView.draw(into: &grid, rect: grid.bounds, left: left, right: ["F1 help", "^K commands"])
        XCTAssertEqual(grid.textLines(), [" prem │ gpt-4o │ streaming…               F1 help "])
        grid = CellGrid(width: 24, height: 1)
        StatusLineView.draw(into: &grid, rect: grid.bounds, left: left, right: ["F1 help"])
        XCTAssertEqual(grid.textLines(), [" prem │ gpt-4o │ stream…"])
    }

    func testScreenLayoutWideNarrowAndTooSmall() throws {
        XCTAssertNil(ScreenLayout.compute(width: 39, height: 24, focused: .composer, composerLines: 1, composerMaxLines: 5))
        XCTAssertNil(ScreenLayout.compute(width: 80, height: 11, focused: .composer, composerLines: 1, composerMaxLines: 5))

        let wide = try XCTUnwrap(ScreenLayout.compute(width: 80, height: 24, focused: .composer, composerLines: 2, composerMaxLines: 5))
        XCTAssertEqual(wide.sessions, Rect(x: 0, y: 0, width: 16, height: 23))
        XCTAssertEqual(wide.parameters, Rect(x: 60, y: 0, width: 20, height: 23))
        XCTAssertEqual(wide.conversation, Rect(x: 16, y: 0, width: 44, height: 19))
        XCTAssertEqual(wide.composer, Rect(x: 16, y: 19, width: 44, height: 4))
        XCTAssertEqual(wide.statusLine, Rect(x: 0, y: 23, width: 80, height: 1))

        let capped = try XCTUnwrap(ScreenLayout.compute(width: 80, height: 24, focused: .composer, composerLines: 40, composerMaxLines: 6))
        XCTAssertEqual(capped.composer.height, 8)

        let narrow = try XCTUnwrap(ScreenLayout.compute(width: 60, height: 20, focused: .composer, composerLines: 1, composerMaxLines: 5))
        XCTAssertNil(narrow.sessions)
        XCTAssertNil(narrow.parameters)
        XCTAssertEqual(narrow.conversation, Rect(x: 0, y: 0, width: 60, height: 16))

        let zoomed = try XCTUnwrap(ScreenLayout.compute(
            width: 80, height: 24, focused: .composer, composerLines: 2, composerMaxLines: 5, zoomed: true))
        XCTAssertNil(zoomed.sessions)
        XCTAssertNil(zoomed.parameters)
        XCTAssertEqual(zoomed.conversation, Rect(x: 0, y: 0, width: 80, height: 19))
        XCTAssertEqual(zoomed.composer, Rect(x: 0, y: 19, width: 80, height: 4))

        let narrowSessions = try XCTUnwrap(ScreenLayout.compute(width: 60, height: 20, focused: .sessions, composerLines: 1, composerMaxLines: 5))
        XCTAssertEqual(narrowSessions.sessions, Rect(x: 0, y: 0, width: 60, height: 16))
        XCTAssertNil(narrowSessions.conversation)

        // At the minimum size the conversation keeps its rows however long the draft is.
        let small = try XCTUnwrap(ScreenLayout.compute(width: 40, height: 12, focused: .composer, composerLines: 30, composerMaxLines: 10))
        XCTAssertEqual(small.conversation?.height, 4)
        XCTAssertEqual(small.composer.height, 7)

        // The closure form sizes the composer by its own inner width.
        var askedWidth = 0
        let sized = try XCTUnwrap(ScreenLayout.compute(width: 80, height: 24, focused: .composer, composerMaxLines: 5) {
            askedWidth = $0
            return 3
        })
        XCTAssertEqual(askedWidth, 42)
        XCTAssertEqual(sized.composer.height, 5)
    }

    func testHelpOverlayAndTooSmallNotice() {
        var grid = CellGrid(width: 30, height: 6)
        HelpOverlay.draw(into: &grid, area: grid.bounds, bindings: [KeyBinding("Ctrl+N", "new session"), KeyBinding("F1", "help")])
        XCTAssertEqual(grid.textLines(), [
            "                              ",
            "   ╔═ Help ══════════════╗    ",
            "   ║ Ctrl+N  new session ║    ",
            "   ║ F1      help        ║    ",
            "   ╚═════════════════════╝    ",
            "                              ",
        ])
        XCTAssertEqual(grid[5, 2].role, .statusAccent)
        XCTAssertEqual(grid[13, 2].role, .overlay)

        var small = CellGrid(width: 20, height: 5)
        TooSmallNotice.draw(into: &small, minimumWidth: 40, minimumHeight: 12)
        XCTAssertEqual(small.textLines().map { $0.trimmingTrailingSpaces() }, [
            "",
            " Terminal too small",
            " (need 40x12, have",
            "       20x5)",
            "",
        ])
    }
}
