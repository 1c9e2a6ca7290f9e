import XCTest
@testable import ChatCore
import StreamProtocol

/// `f` forks: the selected session whole from the sessions pane, or up to the selected message
/// from the conversation; the fork heads the list and opens when the store has it.
final class ForkTests: XCTestCase {
    func testForkFromTheConversationStopsAtTheCursor() {
        var (state, _) = twoFinishedTurns()
        state.sessions.list = [SessionSummary(id: "S1", title: "one", createdAtMillis: 1000, updatedAtMillis: 2000)]
        XCTAssertEqual(press(&state, .up, .up), [])  // on "first"
        XCTAssertEqual(state.conversation.cursor, "S1-a")
        let effects = apply(&state, [.keyPressed(.character("f"), stamp(9000, "F1"))])
        let fork = SessionSummary(id: "F1", title: "Fork of one", createdAtMillis: 9000, updatedAtMillis: 9000)
        XCTAssertEqual(effects, [.forkSession(sourceID: "S1", upTo: "S1-a", fork: fork)])
        XCTAssertEqual(reduce(&state, .sessionForked(fork)), [.loadConversation(sessionID: "F1")])
        XCTAssertEqual(state.sessions.list.first, fork)
        XCTAssertEqual(state.status.notice, "Forked into “Fork of one”.")
    }

    func testForkTheWholeSelectedSessionFromTheList() {
        var state = AppState(profile: premProfile)
        state.sessions.list = [SessionSummary(id: "s9", title: "Plans", createdAtMillis: 1, updatedAtMillis: 2)]
        state.screen.focus = .sessions
        let effects = apply(&state, [.keyPressed(.character("f"), stamp(50, "F2"))])
        XCTAssertEqual(effects, [.forkSession(
            sourceID: "s9", upTo: nil, fork: SessionSummary(id: "F2", title: "Fork of Plans", createdAtMillis: 50, updatedAtMillis: 50))])
    }
}
