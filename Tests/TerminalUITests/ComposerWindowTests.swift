import ChatCore
import Deterministic
import XCTest
@testable import TerminalUI

/// The composer draws only what fits: the rows around the caret, the same rows a layout of
/// the whole draft would show there, so a megabyte draft costs what its visible rows cost.
final class ComposerWindowTests: XCTestCase {
    /// What `draw` showed before the window: the whole layout, scrolled by `ScrollWindow`.
    private func reference(_ text: String, caret: Int, width: Int, height: Int) -> ComposerView.Layout {
        let whole = ComposerView.layout(text: text, caret: caret, width: width)
        let first = ScrollWindow.firstVisible(
            selected: whole.caretRow, count: whole.rows.count, visible: height, previousFirst: whole.rows.count)
        let rows = Array(whole.rows[first..<min(whole.rows.count, first + height)])
        return ComposerView.Layout(rows: rows, caretRow: whole.caretRow - first, caretColumn: whole.caretColumn)
    }

    func testTheWindowIsTheSliceOfTheWholeLayoutForEveryCaret() {
        let samples = [
            "", "a", "\n", "\n\n", "abcdefghij", "abcdefghij\n", "ab\r\ncd\n\nef", "日本語のテキスト\n👨‍👩‍👧 e\u{301}",
            MixedText.generate(byteCount: 600, seed: 1), MixedText.generate(byteCount: 900, seed: 2),
            String(repeating: "long line without breaks ", count: 12),
        ]
        for text in samples {
            // Every caret of the short samples; about forty spread over the long ones.
            let carets = Array(stride(from: 0, through: text.count, by: max(1, text.count / 40))) + [text.count]
            for width in [1, 10, 17] {
                for height in [1, 2, 8] {
                    for caret in carets {
                        let window = ComposerView.visibleLayout(text: text, caret: caret, width: width, height: height)
                        XCTAssertEqual(window, reference(text, caret: caret, width: width, height: height),
                                       "\(text.debugDescription) caret \(caret) width \(width) height \(height)")
                        XCTAssertEqual(ComposerView.lineCount(text: text, caret: caret, width: width, limit: height),
                                       min(height, ComposerView.layout(text: text, caret: caret, width: width).rows.count))
                    }
                }
            }
        }
    }

    /// Drawing a megabyte draft lays out a screenful, not the megabyte (the whole layout of it
    /// took 1.8 s in a debug build, twice a frame).
    func testAMegabyteDraftIsDrawnFromItsVisibleRowsOnly() {
        let text = MixedText.generate(byteCount: 1 << 20, seed: 9)
        let count = text.count
        for caret in [0, count / 2, count] {
            let window = ComposerView.visibleLayout(text: text, caret: caret, width: 80, height: 8)
            XCTAssertEqual(window.rows.count, 8)
        }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            var grid = CellGrid(width: 82, height: 10)
            ComposerView.draw(into: &grid, rect: Rect(x: 1, y: 1, width: 80, height: 8), text: text, caret: count,
                              placeholder: "", focused: true)
            _ = ComposerView.lineCount(text: text, caret: count, width: 80, limit: 8)
        }
        XCTAssertLessThan(elapsed, .milliseconds(400), "a frame's composer work with a 1 MB draft")
    }
}
