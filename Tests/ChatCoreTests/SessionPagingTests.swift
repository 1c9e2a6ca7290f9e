import XCTest
@testable import ChatCore
import StreamProtocol

/// The sessions list read a page at a time: the next page near the end, all of it for End.
final class SessionPagingTests: XCTestCase {
    private func summaries(_ range: Range<Int>) -> [SessionSummary] {
        range.map { SessionSummary(id: "s\($0)", title: "Session \($0)", createdAtMillis: 0, updatedAtMillis: Int64(1_000_000 - $0)) }
    }

    func testTheNextPageIsReadNearTheEndAndStaleAnswersAreDropped() {
        var state = AppState(profile: premProfile)
        _ = reduce(&state, .sessionsLoaded(summaries(0..<SessionPaging.pageSize)))
        XCTAssertFalse(state.sessions.complete, "a full page: there may be more")
        state.screen.focus = .sessions
        state.sessions.selectedIndex = SessionPaging.pageSize - 102
        XCTAssertEqual(press(&state, .down), [])
        let effects = press(&state, .down)
        XCTAssertEqual(effects, [.loadMoreSessions(after: state.sessions.list[SessionPaging.pageSize - 1], limit: SessionPaging.pageSize)])
        XCTAssertEqual(press(&state, .down), [], "one read at a time")
        XCTAssertEqual(reduce(&state, .moreSessionsLoaded(after: "s3", summaries(500..<510), complete: true)), [])
        XCTAssertEqual(state.sessions.list.count, SessionPaging.pageSize, "an answer to another request is dropped")
        _ = reduce(&state, .moreSessionsLoaded(after: "s499", summaries(500..<700), complete: false))
        XCTAssertEqual(state.sessions.list.count, 700)
        XCTAssertFalse(state.sessions.complete)
    }

    func testEndReadsEverythingLeftAndSelectsTheLast() {
        var state = AppState(profile: premProfile)
        _ = reduce(&state, .sessionsLoaded(summaries(0..<SessionPaging.pageSize)))
        state.screen.focus = .sessions
        let effects = press(&state, .end)
        XCTAssertEqual(effects, [.loadMoreSessions(after: state.sessions.list[SessionPaging.pageSize - 1], limit: nil)])
        _ = reduce(&state, .moreSessionsLoaded(after: "s499", summaries(500..<10_000), complete: true))
        XCTAssertEqual(state.sessions.selectedIndex, 9_999)
        XCTAssertTrue(state.sessions.complete)
        XCTAssertEqual(press(&state, .down), [], "nothing more to read")
    }

    func testAShortFirstPageIsTheWholeList() {
        var state = AppState(profile: premProfile)
        _ = reduce(&state, .sessionsLoaded(summaries(0..<3)))
        XCTAssertTrue(state.sessions.complete)
    }
}
