import ChatCore
import Foundation
import XCTest
@testable import SessionStore

/// The message box's drafts, one per session and one for the new session, across reopening.
final class DraftTests: XCTestCase {
    func testDraftsArePerSessionReplacedWholeAndRemovedWhenEmpty() throws {
        let path = try makeTemporaryDirectory(self) + "/drafts.sqlite"
        do {
            let store = try SessionStore(path: path)
            XCTAssertEqual(try store.loadDraft(sessionID: "a"), "")
            try store.saveDraft(sessionID: "a", text: "first\tdraft 日本 👍🏽")
            try store.saveDraft(sessionID: nil, text: "for the new session")
            try store.saveDraft(sessionID: "b", text: "b's")
            try store.saveDraft(sessionID: "b", text: "b's, longer")
            try store.saveDraft(sessionID: "c", text: "sent")
            try store.saveDraft(sessionID: "c", text: "")
        }
        // Another process (a restart) reads what was written.
        let reopened = try SessionStore(path: path)
        XCTAssertEqual(try reopened.loadDraft(sessionID: "a"), "first\tdraft 日本 👍🏽")
        XCTAssertEqual(try reopened.loadDraft(sessionID: nil), "for the new session")
        XCTAssertEqual(try reopened.loadDraft(sessionID: "b"), "b's, longer")
        XCTAssertEqual(try reopened.loadDraft(sessionID: "c"), "")
        try reopened.readForTesting { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM draft"), 3, "an emptied draft leaves no row")
        }
    }

    func testAMegabyteDraftRoundTrips() throws {
        let store = try SessionStore.inMemory()
        let big = String(repeating: "0123456789abcdef日本👍\n", count: 40_000)
        try store.saveDraft(sessionID: "s", text: big)
        XCTAssertEqual(try store.loadDraft(sessionID: "s"), big)
    }
}
