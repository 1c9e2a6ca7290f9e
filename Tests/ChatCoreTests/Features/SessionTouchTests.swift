@testable import ChatCore
import StreamProtocol
import XCTest

/// A send (or a retry, a tool result) moves its session to the top of the list in one change:
/// the list's revision, which the renderer compares to reuse the sessions pane, moves once.
final class SessionTouchTests: XCTestCase {
    func testASendInASavedSessionBumpsTheListsRevisionOnce() {
        var (state, id) = sentState("first")
        apply(&state, [.streamReceived(id, [.content("ok"), .done(StreamCompletion())], nowMillis: 1100)])
        let older = SessionSummary(id: "older", title: "older", createdAtMillis: 0, updatedAtMillis: 5)
        state.sessions.list.append(older)
        apply(&state, typing("second"))
        let before = state.sessions.revision
        _ = reduce(&state, .keyPressed(.enter, stamp(2000, "S2")))
        XCTAssertEqual(state.sessions.revision, before + 1)
        XCTAssertEqual(state.sessions.list.map(\.id), ["S1", "older"])
        XCTAssertEqual(state.sessions.list.first?.updatedAtMillis, 2000)
    }

    func testTouchMovesTheSessionToTheTopAndTheSelectionWithIt() {
        var sessions = SessionsState()
        sessions.list = ["a", "b", "c"].map { SessionSummary(id: $0, title: $0, createdAtMillis: 0, updatedAtMillis: 0) }
        sessions.selectedIndex = 2
        let before = sessions.revision
        sessions.touch("c", now: 9)
        XCTAssertEqual(sessions.list.map(\.id), ["c", "a", "b"])
        XCTAssertEqual(sessions.list[0].updatedAtMillis, 9)
        XCTAssertEqual(sessions.selectedIndex, 0)
        XCTAssertEqual(sessions.revision, before + 1)
        sessions.touch("gone", now: 10)
        XCTAssertEqual(sessions.revision, before + 1, "an unknown session changes nothing")
    }
}
