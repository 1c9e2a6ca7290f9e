import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest

@testable import TerminalUI

/// The sessions pane's search results: each hit's snippet shows the match (however far into
/// the message it is), marked, in plain words rather than Markdown.
final class SessionSearchSnippetTests: XCTestCase {
    private func searching(_ snippets: [String]) -> AppState {
        var state = AppState(profile: Profile(
            name: "local", baseURL: "http://127.0.0.1:9", dialect: .prem, projectID: 7, defaultModel: "local-echo"))
        state.screen.terminalWidth = 100
        state.screen.terminalHeight = 14
        state.status.nowMillis = 10_000_000
        state.screen.focus = .sessions
        var search = SessionSearch(listSelection: 0)
        search.query = TextInput(text: "quokka")
        search.resultsQuery = "quokka"
        search.hits = snippets.enumerated().map { index, snippet in
            SessionSearchHit(
                summary: SessionSummary(id: "s\(index)", title: "Session \(index)", createdAtMillis: 0, updatedAtMillis: 9_000_000),
                messageID: "m\(index)", snippet: SearchSnippet.plain(snippet))
        }
        state.sessions.search = search
        return state
    }

    func testEachHitShowsItsMatchMarkedInPlainWords() {
        let m = { (word: String) in "\u{1}\(word)\u{2}" }
        let state = searching([
            // The store's snippets, Markdown and all: a table, a heading with emphasis, a long
            // sentence whose match comes late.
            "| Animal | Where |\n|:------|------:|\n| Wombat | mainland |\n| \(m("Quokka")) | Rottnest |",
            "## Notes on the **\(m("quokka"))**\n- it is small",
            "…a long answer about marsupials of Western Australia, their habits, their diet and the islands where "
                + "they live, until at last the \(m("quokka")) comes up",
        ])
        let grid = ScreenRenderer().render(state)
        XCTAssertEqual(markedRuns(grid), ["Quokka", "quokka", "quokka"])
        let text = grid.textLines().joined(separator: "\n")
        XCTAssertFalse(text.contains("|:---"), text)
        XCTAssertFalse(text.contains("**"), text)
        assertSnapshot(of: text, as: .lines, named: "text")
        assertSnapshot(of: grid.roleLines().joined(separator: "\n"), as: .lines, named: "roles")
    }
}
