import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest

@testable import TerminalUI

/// A message with other versions shows `‹index/count›` in its header; a regenerated reply
/// also names the parameters it was asked for with that differ from the first version's.
final class VersionMarkTests: XCTestCase {
    private func branchedState() -> AppState {
        var state = AppState(profile: Profile(
            name: "local", baseURL: "http://127.0.0.1:9", dialect: .prem, projectID: 7, defaultModel: "local-echo"))
        state.screen.terminalWidth = 120
        state.screen.terminalHeight = 16
        var question = Message(id: "u", role: .user, content: "Name a colour.", createdAtMillis: 0)
        question.branch = BranchPosition(index: 2, count: 2)
        var reply = Message(
            id: "a", role: .assistant, content: "Vermilion.", createdAtMillis: 1, model: "m",
            parameters: SessionParameters(temperature: 1.2, topP: 0.5))
        reply.branch = BranchPosition(index: 3, count: 3, firstParameters: SessionParameters(temperature: 0.2))
        state.conversation.messages = [question, reply]
        state.screen.focus = .conversation
        return state
    }

    func testHeadersShowTheVersionAndWhatChanged() {
        let grid = ScreenRenderer().render(branchedState())
        let lines = grid.textLines()
        XCTAssertTrue(lines.contains { $0.contains("You ‹2/2›") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("Assistant ‹3/3› · m") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("changed: temperature 0.2 → 1.2 · top_p unset → 0.5") }, lines.joined(separator: "\n"))
        assertSnapshot(of: lines.joined(separator: "\n"), as: .lines, named: "text")
        assertSnapshot(of: grid.roleLines().joined(separator: "\n"), as: .lines, named: "roles")
    }

    func testTheFirstVersionShowsOnlyItsNumber() {
        var state = branchedState()
        state.conversation.messages[1].branch = BranchPosition(index: 1, count: 3, firstParameters: SessionParameters(temperature: 1.2, topP: 0.5))
        let lines = ScreenRenderer().render(state).textLines()
        XCTAssertTrue(lines.contains { $0.contains("Assistant ‹1/3› · m") && !$0.contains("→") }, lines.joined(separator: "\n"))
    }
}
