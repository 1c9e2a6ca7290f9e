@testable import ChatCore
import StreamProtocol
import XCTest

/// A send (or a retry, a tool result) moves its session to the top of the list in one change:
/// the list's revision, which the renderer compares to reuse the sessions pane, moves once.
/// (Through a whole send: `SessionListTests.testSendingInAnOpenedSessionMovesItToTheTop`.)
final class SessionTouchTests: XCTestCase {
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
