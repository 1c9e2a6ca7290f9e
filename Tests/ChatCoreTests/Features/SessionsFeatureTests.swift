@testable import ChatCore
import XCTest

/// The sessions feature's reducer on its own state, step by step and exhaustively.
final class SessionsFeatureTests: XCTestCase {
    private func summaries(_ count: Int, from start: Int = 0) -> [SessionSummary] {
        (start..<start + count).map {
            SessionSummary(id: "s\($0)", title: "t\($0)", createdAtMillis: Int64($0), updatedAtMillis: Int64(100_000 - $0))
        }
    }

    func testEndReadsTheRestAndSelectsTheLastOnceRead() throws {
        let first = summaries(SessionPaging.pageSize)
        let last = try XCTUnwrap(first.last)
        let rest = summaries(3, from: SessionPaging.pageSize)
        let store = TestStore(SessionsState(), reducer: reduceSessions)
        store.send(.loaded(first), returns: .nothing) {
            $0.list = first
            $0.complete = false  // a full page: the store may hold more
        }
        // Row 0 of 500 is far from the end: nothing is read.
        store.send(.selectionMoved(toEnd: false), returns: .nothing)
        store.send(.selectionMoved(toEnd: true), returns: Reduced(effects: [.loadMoreSessions(after: last, limit: nil)])) {
            $0.pageAfter = last.id
            $0.selectsLastWhenRead = true
        }
        // A second ask while one is out reads nothing more.
        store.send(.selectionMoved(toEnd: true), returns: .nothing)
        // An answer to a request the list moved past is dropped.
        store.send(.moreLoaded(after: "s7", rest, complete: true), returns: .nothing)
        // A session touched meanwhile (s0) is held already and is not listed twice.
        // The read End announced is done: its notice goes (if the status line still says it).
        store.send(.moreLoaded(after: last.id, rest + [first[0]], complete: true),
                   returns: Reduced(shared: [.withdrawNotice(SessionPaging.readingTheRest)])) {
            $0.pageAfter = nil
            $0.list = first + rest
            $0.complete = true
            $0.selectsLastWhenRead = false
            $0.selectedIndex = first.count + rest.count - 1
        }
    }

    func testTheNextPageIsReadWithinTheMarginOfTheEnd() throws {
        let first = summaries(SessionPaging.pageSize)
        let last = try XCTUnwrap(first.last)
        var state = SessionsState()
        state.list = first
        state.complete = false
        state.selectedIndex = first.count - SessionPaging.margin
        let store = TestStore(state, reducer: reduceSessions)
        store.send(.selectionMoved(toEnd: false), returns: Reduced(effects: [.loadMoreSessions(after: last, limit: SessionPaging.pageSize)])) {
            $0.pageAfter = last.id
        }
    }

    func testAShorterListPullsTheSelectionBackAndIsComplete() {
        var state = SessionsState()
        state.list = summaries(5)
        state.selectedIndex = 4
        state.pageAfter = "s4"
        let store = TestStore(state, reducer: reduceSessions)
        let two = summaries(2)
        store.send(.loaded(two), returns: .nothing) {
            $0.list = two
            $0.selectedIndex = 1
            $0.pageAfter = nil
        }
        store.inspect { XCTAssertEqual($0.selected?.id, "s1") }
    }

    func testAChangeElsewhereKeepsTheSelectionAndTheOpenSessionAndSaysWhenItIsNewer() {
        var state = SessionsState()
        state.list = [
            SessionSummary(id: "a", title: "a", createdAtMillis: 0, updatedAtMillis: 30),
            SessionSummary(id: "open", title: "open", createdAtMillis: 0, updatedAtMillis: 20),
            SessionSummary(id: "unsaved", title: "new", createdAtMillis: 0, updatedAtMillis: 10),
        ]
        state.selectedIndex = 0
        let store = TestStore(state, reducer: reduceSessions)
        let page = [
            SessionSummary(id: "b", title: "b", createdAtMillis: 0, updatedAtMillis: 50),
            SessionSummary(id: "open", title: "open", createdAtMillis: 0, updatedAtMillis: 40),
            SessionSummary(id: "a", title: "a", createdAtMillis: 0, updatedAtMillis: 30),
        ]
        // The open session is newer in the page: the root is told.
        store.send(.changedElsewhere(newest: page, openSessionID: "open"),
                   returns: Reduced(delegates: [.openSessionChangedElsewhere("open")])) {
            $0.list = page
            $0.selectedIndex = 2  // still on "a"
        }
        // The same page again changes nothing and says nothing.
        store.send(.changedElsewhere(newest: page, openSessionID: "open"), returns: .nothing)
        // A page without the open session (the other process has not saved it): it stays
        // listed, first, and nothing is said.
        let withoutOpen = [page[0], page[2]]
        store.send(.changedElsewhere(newest: withoutOpen, openSessionID: "open"), returns: .nothing) {
            $0.list = [page[1], page[0], page[2]]
        }
    }
}
