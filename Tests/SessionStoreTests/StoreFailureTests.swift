import ChatCore
import Foundation
import StreamProtocol
import XCTest
@testable import SessionStore

final class StoreFailureTests: XCTestCase {
    func testWriteWhileAnotherConnectionHoldsTheLockFailsAsLocked() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let holder = try SessionStore(path: path)
        let waiter = try SessionStore(path: path, busyTimeoutSeconds: 0.2)
        try waiter.createSession(session("s", updated: 1), parameters: SessionParameters())

        var thrown: StoreError?
        var elapsed: TimeInterval = 0
        try holder.holdingExclusiveLockForTesting {
            let start = Date()
            do {
                try waiter.saveMessage(userMessage("m", "hi", at: 2), sessionID: "s")
            } catch let error as StoreError {
                thrown = error
            } catch {
                XCTFail("not a StoreError: \(error)")
            }
            elapsed = Date().timeIntervalSince(start)
        }

        let error = try XCTUnwrap(thrown)
        XCTAssertEqual(error.kind, .locked)
        XCTAssertTrue(
            error.message.hasPrefix("The session database \(path) is locked by another process (waited 0.2 s)."),
            error.message
        )
        XCTAssertGreaterThanOrEqual(elapsed, 0.15, "it waited for the busy timeout before giving up")
        // WAL: readers are not blocked by the writer; and once the lock is gone, writes work again.
        XCTAssertEqual(try waiter.listSessions().map(\.id), ["s"])
        try waiter.saveMessage(userMessage("m", "hi", at: 2), sessionID: "s")
        XCTAssertEqual(try holder.loadMessages(sessionID: "s").map(\.id), ["m"])
    }

    func testFullDiskFailsAsDiskFullAndKeepsEarlierData() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let store = try SessionStore(path: path)
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        try store.saveMessage(userMessage("m1", "small", at: 2), sessionID: "s")
        try store.limitGrowthForTesting()

        let big = Message(
            id: "m2", role: .assistant, content: String(repeating: "lorem ipsum ", count: 50_000), createdAtMillis: 3
        )
        XCTAssertThrowsError(try store.saveMessage(big, sessionID: "s")) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .diskFull)
            XCTAssertEqual(
                "\(error)",
                "The session database \(path) cannot grow: the disk is full, so the last change was not saved. "
                    + "Free some disk space and try again."
            )
        }
        XCTAssertEqual(try store.loadMessages(sessionID: "s").map(\.id), ["m1"], "the failed write rolled back whole")
    }

    func testWriteToReadOnlyDatabaseFailsAsReadOnly() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let store = try SessionStore(path: path)
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        // File permissions cannot be relied on (root ignores them), so the connection itself is
        // made read-only; SQLite reports SQLITE_READONLY exactly as for a read-only file.
        try store.makeReadOnlyForTesting()

        XCTAssertThrowsError(try store.saveMessage(userMessage("m", "x", at: 2), sessionID: "s")) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .readOnly)
            XCTAssertEqual(
                "\(error)",
                "The session database \(path) is read-only, so changes cannot be saved. "
                    + "Check the permissions of the file and of its directory."
            )
        }
        XCTAssertEqual(try store.listSessions().map(\.id), ["s"], "reads still work")
    }

    func testNonDatabaseErrorsAndTimeoutFormatting() {
        XCTAssertEqual(StoreError.formatSeconds(3), "3")
        XCTAssertEqual(StoreError.formatSeconds(0.25), "0.2")
        XCTAssertEqual(StoreError.formatSeconds(1.5), "1.5")
        let plain = StoreError.from(CocoaError(.fileNoSuchFile), path: "/p", busyTimeoutSeconds: 3)
        XCTAssertEqual(plain.kind, .other)
        XCTAssertTrue(plain.message.hasPrefix("The session database /p could not be used"), plain.message)
        let passThrough = StoreError(kind: .readOnly, message: "m")
        XCTAssertEqual(StoreError.from(passThrough, path: "/p", busyTimeoutSeconds: 3), passThrough)
    }
}
