@testable import ChatCore
import XCTest

/// The root state composes the features' states and a few root groups; it does not hold the
/// panes' fields itself (issue 22: at most 15 stored properties).
final class AppStateShapeTests: XCTestCase {
    func testTheRootHoldsFeatureStatesAndGroupsOnly() {
        let labels = Mirror(reflecting: AppState(profile: premProfile)).children.compactMap(\.label)
        XCTAssertEqual(labels, [
            "launch", "screen", "status", "keymap", "sessions", "conversation", "composer", "streaming", "compare",
            "tools", "destination", "parameters", "parameterPane",
        ])
        XCTAssertLessThanOrEqual(labels.count, 15)
    }

    /// Views skip work by revision: both still move with their lists inside the feature states.
    func testRevisionsMoveWithTheirLists() {
        var state = AppState(profile: premProfile)
        let sessions = state.sessions.revision, messages = state.conversation.messagesRevision
        state.sessions.list.append(SessionSummary(id: "s", title: "t", createdAtMillis: 0, updatedAtMillis: 0))
        state.conversation.messages.append(Message(id: "m", role: .user, content: "hi", createdAtMillis: 0))
        XCTAssertEqual(state.sessions.revision, sessions + 1)
        XCTAssertEqual(state.conversation.messagesRevision, messages + 1)
        state.screen.focus = .sessions
        XCTAssertEqual(state.sessions.revision, sessions + 1, "a change elsewhere leaves the list's revision")
    }
}
