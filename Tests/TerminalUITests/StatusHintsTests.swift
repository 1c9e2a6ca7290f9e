import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest
@testable import TerminalUI

/// The status line's key hints follow what has the keys: Enter sends in the message box,
/// inspects in the conversation, opens in the sessions pane; search and rename lines name
/// their own keys; a rebound key shows as bound.
final class StatusHintsTests: XCTestCase {
    private func state(_ focus: Pane, width: Int = 100) -> AppState {
        var state = ScreenFixtures.parametersState(width: width)
        state.screen.focus = focus
        return state
    }

    private func statusLine(_ state: AppState) -> String {
        ScreenRenderer().render(state).textLines().last ?? ""
    }

    func testEachPaneNamesItsOwnKeys() {
        let lines = Pane.allCases.map { "\($0.title): " + statusLine(state($0)) }
        assertSnapshot(of: lines.joined(separator: "\n"), as: .lines, named: "100-wide")
        XCTAssertEqual(StatusHints.make(.init(state(.composer))).first, "⏎ send")
        XCTAssertEqual(StatusHints.make(.init(state(.conversation))).prefix(2), ["↑↓ select", "i/⏎ inspect"])
        XCTAssertEqual(StatusHints.make(.init(state(.sessions))).prefix(2), ["↑↓ select", "⏎ open"])
        XCTAssertFalse(StatusHints.make(.init(state(.parameters))).contains("⏎ send"), "the pane's own line names its keys")
    }

    func testSearchAndRenameLinesNameTheirKeys() {
        var searching = state(.sessions)
        searching.sessions.search = SessionSearch(listSelection: 0)
        XCTAssertEqual(StatusHints.make(.init(searching)), ["↑↓ hit", "⏎ open", "Esc back", "^K commands", "^Q quit"])
        var finding = state(.conversation)
        var search = ConversationSearch()
        search.editing = true
        finding.conversation.search = search
        XCTAssertEqual(StatusHints.make(.init(finding)), ["⏎ done", "Esc close", "^K commands", "^Q quit"])
    }

    func testOverTheOpenPaletteTheHintsAreThoseOfThePaneBelow() {
        var palette = state(.conversation)
        palette.destination = .palette(CommandPalette())
        XCTAssertEqual(StatusHints.make(.init(palette)), StatusHints.make(.init(state(.conversation))))
    }

    func testAReboundKeyShowsAsBound() {
        var rebound = state(.conversation)
        rebound.keymap = Keymap.defaults.applying([KeyOverride(command: "inspect", context: "conversation", keys: ["I"])]).0
        XCTAssertTrue(StatusHints.make(.init(rebound)).contains("I inspect"), "\(StatusHints.make(.init(rebound)))")
    }
}
