import XCTest
@testable import ChatCore
import StreamProtocol

/// The sessions list read a page at a time: the next page near the end, all of it for End.
final class SessionPagingTests: XCTestCase {
    private func key(_ key: Key) -> Action { .keyPressed(key, stamp(0)) }

    private func summaries(_ range: Range<Int>) -> [SessionSummary] {
        range.map { SessionSummary(id: "s\($0)", title: "Session \($0)", createdAtMillis: 0, updatedAtMillis: Int64(1_000_000 - $0)) }
    }

    func testTheNextPageIsReadNearTheEndAndStaleAnswersAreDropped() {
        let firstPage = summaries(0..<SessionPaging.pageSize)
        let store = TestStore(AppState(profile: premProfile))
        store.send(.sessionsLoaded(firstPage)) {
            $0.sessions.list = firstPage
            $0.sessions.complete = false  // a full page: there may be more
        }
        store.send(key(.alt("1"))) { $0.screen.focus = .sessions }
        // Near the end of the page, as if moved there (a hundred-odd ↓ presses).
        var start = store.state
        start.sessions.selectedIndex = SessionPaging.pageSize - 102
        let paging = TestStore(start)
        paging.send(key(.down)) { $0.sessions.selectedIndex = SessionPaging.pageSize - 101 }
        paging.send(key(.down), effects: [.loadMoreSessions(after: firstPage[SessionPaging.pageSize - 1], limit: SessionPaging.pageSize)]) {
            $0.sessions.selectedIndex = SessionPaging.pageSize - 100
            $0.sessions.pageAfter = "s499"
        }
        paging.send(key(.down)) { $0.sessions.selectedIndex = SessionPaging.pageSize - 99 }  // one read at a time
        // An answer to another request is dropped.
        paging.send(.moreSessionsLoaded(after: "s3", summaries(500..<510), complete: true))
        paging.send(.moreSessionsLoaded(after: "s499", summaries(500..<700), complete: false)) {
            $0.sessions.list = self.summaries(0..<700)
            $0.sessions.pageAfter = nil
        }
    }

    func testEndReadsEverythingLeftAndSelectsTheLast() {
        let firstPage = summaries(0..<SessionPaging.pageSize)
        let store = TestStore(AppState(profile: premProfile))
        store.send(.sessionsLoaded(firstPage)) {
            $0.sessions.list = firstPage
            $0.sessions.complete = false
        }
        store.send(key(.alt("1"))) { $0.screen.focus = .sessions }
        store.send(key(.end), effects: [.loadMoreSessions(after: firstPage[SessionPaging.pageSize - 1], limit: nil)]) {
            $0.sessions.selectedIndex = SessionPaging.pageSize - 1
            $0.sessions.pageAfter = "s499"
            $0.sessions.selectsLastWhenRead = true
            $0.status.notice = "Reading the rest of the sessions…"
        }
        store.send(.moreSessionsLoaded(after: "s499", summaries(500..<10_000), complete: true)) {
            $0.sessions.list = self.summaries(0..<10_000)
            $0.sessions.complete = true
            $0.sessions.pageAfter = nil
            $0.sessions.selectsLastWhenRead = false
            $0.sessions.selectedIndex = 9_999
            $0.status.notice = nil  // the read it announced is done
        }
        store.send(key(.down))  // nothing more to read
    }

    /// Found by the exhaustive steps above: "Reading the rest of the sessions…" stayed on the
    /// status line after the rest was read, until the next key.
    func testTheReadingNoticeGoesWhenTheRestIsRead() {
        var start = AppState(profile: premProfile)
        start.sessions.list = summaries(0..<SessionPaging.pageSize)
        start.sessions.complete = false
        start.screen.focus = .sessions
        let store = TestStore(start)
        store.send(key(.end), effects: [.loadMoreSessions(after: start.sessions.list[SessionPaging.pageSize - 1], limit: nil)]) {
            $0.sessions.selectedIndex = SessionPaging.pageSize - 1
            $0.sessions.pageAfter = "s499"
            $0.sessions.selectsLastWhenRead = true
            $0.status.notice = "Reading the rest of the sessions…"
        }
        store.send(.moreSessionsLoaded(after: "s499", summaries(500..<600), complete: true)) {
            $0.sessions.list = self.summaries(0..<600)
            $0.sessions.complete = true
            $0.sessions.pageAfter = nil
            $0.sessions.selectsLastWhenRead = false
            $0.sessions.selectedIndex = 599
            $0.status.notice = nil  // read: the notice no longer says what is happening
        }
    }

    /// Only the notice End put there goes: one said since (a store failure) stays.
    func testANewerNoticeStaysWhenTheRestArrives() {
        var start = AppState(profile: premProfile)
        start.sessions.list = summaries(0..<SessionPaging.pageSize)
        start.sessions.complete = false
        start.screen.focus = .sessions
        let store = TestStore(start)
        store.send(key(.end), effects: [.loadMoreSessions(after: start.sessions.list[SessionPaging.pageSize - 1], limit: nil)]) {
            $0.sessions.selectedIndex = SessionPaging.pageSize - 1
            $0.sessions.pageAfter = "s499"
            $0.sessions.selectsLastWhenRead = true
            $0.status.notice = "Reading the rest of the sessions…"
        }
        store.send(.storeFailed("Could not save: disk full.")) { $0.status.notice = "Could not save: disk full." }
        store.send(.moreSessionsLoaded(after: "s499", summaries(500..<600), complete: true)) {
            $0.sessions.list = self.summaries(0..<600)
            $0.sessions.complete = true
            $0.sessions.pageAfter = nil
            $0.sessions.selectsLastWhenRead = false
            $0.sessions.selectedIndex = 599
        }
    }

    func testAShortFirstPageIsTheWholeList() {
        let store = TestStore(AppState(profile: premProfile))
        store.send(.sessionsLoaded(summaries(0..<3))) { $0.sessions.list = self.summaries(0..<3) }  // complete stays true
    }
}
