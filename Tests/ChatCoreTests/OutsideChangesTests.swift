import XCTest
@testable import ChatCore

/// Another chatterm on the same database: its sessions appear in this one's list, which keeps
/// its selection and the older pages it holds.
final class OutsideChangesTests: XCTestCase {
    func summary(_ id: String, _ updated: Int64) -> SessionSummary {
        SessionSummary(id: id, title: id, createdAtMillis: 1, updatedAtMillis: updated)
    }

    func testANewSessionFromElsewhereAppearsAndTheSelectionStays() {
        var state = AppState(profile: premProfile)
        state.sessions.list = [summary("b", 20), summary("a", 10)]
        state.sessions.selectedIndex = 1  // on "a"
        XCTAssertEqual(reduce(&state, .sessionsChangedElsewhere([summary("c", 30), summary("b", 20), summary("a", 10)])), [])
        XCTAssertEqual(state.sessions.list.map(\.id), ["c", "b", "a"])
        XCTAssertEqual(state.sessions.selectedIndex, 2, "still on a")
        // Deleted elsewhere: gone here too; the open session, not yet saved, stays listed.
        state.conversation.activeSessionID = "new"
        state.sessions.list.insert(summary("new", 40), at: 0)
        apply(&state, [.sessionsChangedElsewhere([summary("c", 30), summary("a", 10)])])
        XCTAssertEqual(state.sessions.list.map(\.id), ["new", "c", "a"])
    }

    func testAFullPageKeepsTheOlderSessionsHeldBelowIt() {
        var state = AppState(profile: premProfile)
        let page = (0..<SessionPaging.pageSize).map { summary("p\($0)", Int64(10_000 - $0)) }
        let older = [summary("old1", 5), summary("old2", 4)]
        state.sessions.list = page + older
        state.sessions.complete = false
        state.sessions.selectedIndex = SessionPaging.pageSize + 1  // on old2
        let fresh = [summary("n", 20_000)] + page.dropLast()
        apply(&state, [.sessionsChangedElsewhere(Array(fresh))])
        XCTAssertEqual(state.sessions.list.count, SessionPaging.pageSize + 3, "the dropped p499 is older than the page and stays")
        XCTAssertEqual(state.sessions.list[state.sessions.selectedIndex].id, "old2")
        XCTAssertFalse(state.sessions.complete)
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
