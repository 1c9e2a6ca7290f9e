import ChatCore
import SnapshotTesting
import XCTest
@testable import TerminalUI

/// The help overlay with a key map as long as issues 3 and 4 make it (~36 bindings): all of it
/// where the screen allows (wrapped, or in two columns), else a scrolled column that says how
/// much lies outside.
final class HelpOverlayTests: XCTestCase {
    static let longMap: [KeyBinding] = [
        KeyBinding("Enter", "send the message"),
        KeyBinding("Alt+Enter, Ctrl+J", "new line in the message"),
        KeyBinding("Esc", "stop the streaming reply / close this help"),
        KeyBinding("Ctrl+C", "stop the reply; quit when nothing streams"),
        KeyBinding("Ctrl+Q", "quit"),
        KeyBinding("Ctrl+N", "new session"),
        KeyBinding("Ctrl+P", "presets"),
        KeyBinding("Ctrl+R", "retry the last turn (after a failed or interrupted reply)"),
        KeyBinding("Tab, Shift+Tab", "next / previous pane"),
        KeyBinding("Alt+1 … Alt+4", "Sessions / Conversation / Parameters / Message"),
        KeyBinding("F1, ?", "this help (? outside the message box)"),
        KeyBinding("↑/↓, PgUp/PgDn", "scroll the conversation (PgUp/PgDn also from the message box)"),
        KeyBinding("Home, End", "top of the conversation / follow the reply again"),
        KeyBinding("i, Enter", "Conversation: inspect the newest reply"),
        KeyBinding("↑/↓, j/k, Enter", "Sessions: choose, open"),
        KeyBinding("↑/↓, j/k", "Parameters: choose a field"),
        KeyBinding("←/→", "Parameters: step a slider or a whole number"),
        KeyBinding("Shift+←/→", "Parameters: big step"),
        KeyBinding("Enter", "Parameters: type a value (model: pick one)"),
        KeyBinding("Backspace", "Parameters: unset (not sent)"),
        KeyBinding("m", "Parameters: choose the model"),
        KeyBinding("r", "Parameters: random seed"),
        KeyBinding("g", "Parameters: new session_id"),
        KeyBinding("e", "Parameters: edit in $EDITOR"),
        KeyBinding("f", "Parameters: cycle response_format"),
        KeyBinding("R", "Parameters: reset every field to the profile's"),
        KeyBinding("Enter / Esc", "Editor: accept / cancel"),
        KeyBinding("Ctrl+U", "Editor and pickers: clear"),
        KeyBinding("Tab, 1/2/3", "Inspector: parameters / body / curl"),
        KeyBinding("[ ]", "Inspector: older / newer reply"),
        KeyBinding("y", "Inspector: copy the view"),
        KeyBinding("Esc, q", "Inspector: close"),
        KeyBinding("type, Enter", "Model picker: filter, take (or the typed name)"),
        KeyBinding("Enter", "Presets: apply"),
        KeyBinding("s", "Presets: save the current parameters"),
        KeyBinding("d, Delete", "Presets: delete"),
    ]

    private func render(width: Int, height: Int, firstRow: Int = 0) -> [String] {
        var grid = CellGrid(width: width, height: height)
        HelpOverlay.draw(into: &grid, area: grid.bounds.inset(by: 1), bindings: Self.longMap, firstRow: firstRow)
        return grid.textLines()
    }

    func testTwoColumnsShowEverythingOnAWideScreen() {
        let lines = render(width: 160, height: 28)
        assertSnapshot(of: lines.joined(separator: "\n"), as: .lines)
        let text = lines.joined(separator: "\n")
        for binding in Self.longMap { XCTAssertTrue(text.contains(binding.keys), binding.keys) }
        XCTAssertFalse(text.contains("more"))
        XCTAssertTrue(lines.contains { $0.contains("Enter              send the message") && $0.contains("Parameters: big step") },
                      "two columns side by side")
    }

    func testOneColumnOneRowEachWhenTallEnough() {
        let lines = render(width: 160, height: 40)
        XCTAssertEqual(lines.filter { $0.contains("║") }.count, Self.longMap.count)
    }

    func testOneWrappedColumnWhenItFitsTheHeight() {
        let lines = render(width: 70, height: 60)
        XCTAssertTrue(lines.joined(separator: "\n").contains("Presets: delete"))
        XCTAssertFalse(lines.joined().contains("more"), "nothing is left out")
        XCTAssertTrue(lines.contains { $0.contains("║                    ") && $0.contains("box)") }, "long descriptions wrap")
    }

    func testScrolledColumnAt80x24SaysWhatIsBelowAndAbove() {
        let top = render(width: 80, height: 24)
        assertSnapshot(of: top.joined(separator: "\n"), as: .lines, named: "top")
        XCTAssertTrue(top.last(where: { $0.contains("more") })?.contains("↓") ?? false)
        let scrolled = render(width: 80, height: 24, firstRow: 10)
        assertSnapshot(of: scrolled.joined(separator: "\n"), as: .lines, named: "scrolled")
        XCTAssertTrue(scrolled[1].contains("↑ 10 more"), scrolled[1])
        let end = render(width: 80, height: 24, firstRow: 1_000)
        XCTAssertTrue(end.joined().contains("Presets: delete"), "scrolling stops at the end")
        XCTAssertFalse(end.joined().contains("↓"))
    }

    func testScrolledColumnAt40x12() {
        assertSnapshot(of: render(width: 40, height: 12).joined(separator: "\n"), as: .lines)
    }
}
