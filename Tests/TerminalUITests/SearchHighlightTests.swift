import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest

@testable import TerminalUI

/// The conversation search on screen: every occurrence drawn is marked, the search line sits
/// on the pane's bottom border with the count, and the caret is in it while typing.
final class SearchHighlightTests: XCTestCase {
    private func searchingState() -> AppState {
        var state = AppState(profile: Profile(
            name: "local", baseURL: "http://127.0.0.1:9", dialect: .prem, projectID: 7, defaultModel: "local-echo"))
        state.screen.terminalWidth = 80
        state.screen.terminalHeight = 20
        state.conversation.messages = [
            Message(id: "u", role: .user, content: "Where is Stream handled?", createdAtMillis: 0),
            Message(id: "a", role: .assistant, content: "The **stream** decoder, then streaming views: `STREAM`.", createdAtMillis: 1, model: "m"),
        ]
        state.screen.focus = .conversation
        var search = ConversationSearch()
        search.query = TextInput(text: "stream")
        search.matchIDs = ["u", "a"]
        search.current = 1
        state.conversation.search = search
        state.conversation.cursor = "a"
        return state
    }

    func testMatchesAreMarkedWhereverTheyAreDrawn() {
        let grid = ScreenRenderer().render(searchingState())
        let marked = markedRuns(grid)
        XCTAssertEqual(marked, ["Stream", "stream", "stream", "STREAM"])
        assertSnapshot(of: grid.textLines().joined(separator: "\n"), as: .lines, named: "text")
        assertSnapshot(of: grid.roleLines().joined(separator: "\n"), as: .lines, named: "roles")
    }

    func testTheCaretIsInTheSearchLineWhileTyping() {
        let grid = ScreenRenderer().render(searchingState())
        let lines = grid.textLines()
        guard let cursor = grid.cursor else { return XCTFail("no caret") }
        XCTAssertTrue(lines[cursor.y].contains("/stream · 2 of 2"), lines[cursor.y])
    }
}

/// The runs of cells drawn in the search-match role, row by row (what a search marks).
func markedRuns(_ grid: CellGrid) -> [String] {
    var marked: [String] = []
    for y in 0..<grid.height {
        var run = ""
        for x in 0..<grid.width {
            if grid[x, y].role == .searchMatch { run += grid[x, y].text } else if !run.isEmpty { marked.append(run); run = "" }
        }
        if !run.isEmpty { marked.append(run) }
    }
    return marked
}
