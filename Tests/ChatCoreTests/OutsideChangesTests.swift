import XCTest
@testable import ChatCore

/// Another chatterm on the same database: its sessions appear in this one's list, which keeps
/// its selection and the older pages it holds.
final class OutsideChangesTests: XCTestCase {
    func summary(_ id: String, _ updated: Int64) -> SessionSummary {
        SessionSummary(id: id, title: id, createdAtMillis: 1, updatedAtMillis: updated)
    }

    func testANewSessionFromElsewhereAppearsAndTheSelectionStays() {
        var start = AppState(profile: premProfile)
        start.sessions.list = [summary("b", 20), summary("a", 10)]
        start.sessions.selectedIndex = 1  // on "a"
        let store = TestStore(start)
        store.send(.sessionsChangedElsewhere([summary("c", 30), summary("b", 20), summary("a", 10)])) {
            $0.sessions.list = [self.summary("c", 30), self.summary("b", 20), self.summary("a", 10)]
            $0.sessions.selectedIndex = 2  // still on a
        }
        // Deleted elsewhere: gone here too; the open session, not yet saved, stays listed.
        var state = store.state
        state.conversation.activeSessionID = "new"
        state.sessions.list.insert(summary("new", 40), at: 0)  // the selection is on "b" now
        let opened = TestStore(state)
        opened.send(.sessionsChangedElsewhere([summary("c", 30), summary("a", 10)])) {
            $0.sessions.list = [self.summary("new", 40), self.summary("c", 30), self.summary("a", 10)]
            // "b" went: the selection keeps its row, on "a".
        }
    }

    func testAFullPageKeepsTheOlderSessionsHeldBelowIt() {
        var start = AppState(profile: premProfile)
        let page = (0..<SessionPaging.pageSize).map { summary("p\($0)", Int64(10_000 - $0)) }
        let older = [summary("old1", 5), summary("old2", 4)]
        start.sessions.list = page + older
        start.sessions.complete = false
        start.sessions.selectedIndex = SessionPaging.pageSize + 1  // on old2
        let fresh = [summary("n", 20_000)] + page.dropLast()
        let store = TestStore(start)
        store.send(.sessionsChangedElsewhere(Array(fresh))) {
            // The dropped p499 is older than the page and stays, with the sessions held below it.
            $0.sessions.list = fresh + [page[SessionPaging.pageSize - 1]] + older
            $0.sessions.selectedIndex = SessionPaging.pageSize + 2  // still on old2; complete stays false
        }
    }

    func testTheOpenSessionGoingOnElsewhereIsReadAgainWhenFollowingItsEnd() {
        var state = AppState(profile: premProfile)
        state.sessions.list = [summary("a", 10)]
        state.conversation.activeSessionID = "a"
        state.conversation.activeSessionSaved = true
        XCTAssertEqual(reduce(&state, .sessionsChangedElsewhere([summary("a", 20)])), [.loadMessages(sessionID: "a", .newest)])
        XCTAssertEqual(state.conversation.window.pendingLoad, .newest)
        // Scrolled up to read: left alone.
        state.conversation.window.pendingLoad = nil
        state.conversation.scroll.position = .row(3)
        XCTAssertEqual(reduce(&state, .sessionsChangedElsewhere([summary("a", 30)])), [])
    }
}
