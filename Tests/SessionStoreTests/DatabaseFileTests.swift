import ChatCore
import Foundation
import StreamProtocol
import XCTest
@testable import SessionStore

final class DatabaseFileTests: XCTestCase {
    func testDefaultPathPrefersAbsoluteXDGDataHome() {
        XCTAssertEqual(
            SessionStore.defaultPath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"]),
            "/data/chatterm/chatterm.sqlite"
        )
        XCTAssertEqual(
            SessionStore.defaultPath(environment: ["HOME": "/home/u"]),
            "/home/u/.local/share/chatterm/chatterm.sqlite"
        )
        XCTAssertEqual(
            SessionStore.defaultPath(environment: ["XDG_DATA_HOME": "relative/dir", "HOME": "/home/u/"]),
            "/home/u/.local/share/chatterm/chatterm.sqlite",
            "XDG says a relative XDG_DATA_HOME is ignored"
        )
        XCTAssertEqual(
            SessionStore.defaultPath(environment: ["XDG_DATA_HOME": "", "HOME": "/h"]),
            "/h/.local/share/chatterm/chatterm.sqlite"
        )
    }

    func testWithoutHomeThePathIsStillAbsolute() {
        // The app used a path of its own that became ".local/share/…" (relative to wherever it
        // was started) when HOME was unset; there is one default now, and it asks the password
        // database for the home directory.
        let path = SessionStore.defaultPath(environment: [:])
        XCTAssertTrue(path.hasPrefix("/"), path)
        XCTAssertTrue(path.hasSuffix("/.local/share/chatterm/chatterm.sqlite"), path)
    }

    func testCreatesPrivateDirectoriesAndFile() throws {
        let root = try makeTemporaryDirectory(self)
        let path = root + "/share/chatterm/chatterm.sqlite"
        let store = try SessionStore(path: path)
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        try store.saveMessage(userMessage("m", "secret", at: 2), sessionID: "s")

        XCTAssertEqual(try posixMode(root + "/share"), 0o700)
        XCTAssertEqual(try posixMode(root + "/share/chatterm"), 0o700)
        XCTAssertEqual(try posixMode(path), 0o600)
        // SQLite gives the write-ahead log the database file's mode; it holds the same text.
        XCTAssertEqual(try posixMode(path + "-wal"), 0o600)
    }

    func testLeavesExistingDirectoryModesAlone() throws {
        let root = try makeTemporaryDirectory(self)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root)
        _ = try SessionStore(path: root + "/chatterm.sqlite")
        XCTAssertEqual(try posixMode(root), 0o755)
        XCTAssertEqual(try posixMode(root + "/chatterm.sqlite"), 0o600)
    }

    func testReopenAfterCloseReadsEverythingBack() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let parameters = SessionParameters(model: "m", temperature: 0.3)
        let reply = Message(
            id: "a", role: .assistant, content: "answer", createdAtMillis: 3, status: .complete,
            traceID: "t", model: "m-1", parameters: parameters
        )
        do {
            let store = try SessionStore(path: path)
            try store.createSession(session("s", updated: 1), parameters: parameters)
            try store.saveMessage(userMessage("u", "question", at: 2), sessionID: "s")
            try store.saveMessage(reply, sessionID: "s")
            try store.close()
            XCTAssertThrowsError(try store.listSessions(), "a closed store refuses work")
        }
        let reopened = try SessionStore(path: path)
        XCTAssertEqual(
            try reopened.listSessions(),
            [SessionSummary(id: "s", title: "question", createdAtMillis: 1_000, updatedAtMillis: 3)]
        )
        XCTAssertEqual(try reopened.loadMessages(sessionID: "s"), [userMessage("u", "question", at: 2), reply])
        XCTAssertEqual(try reopened.loadParameters(sessionID: "s"), parameters)
        XCTAssertEqual(try reopened.searchMessages("answer", limit: 5).map(\.messageID), ["a"])
    }

    func testGarbageFileIsReportedAsCorruptWithThePath() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 13) })
        try garbage.write(to: URL(fileURLWithPath: path))

        XCTAssertThrowsError(try SessionStore(path: path)) { error in
            guard let storeError = error as? StoreError else { return XCTFail("not a StoreError: \(error)") }
            XCTAssertEqual(storeError.kind, .corrupt)
            XCTAssertTrue(
                storeError.message.hasPrefix("The session database \(path) is damaged or is not an SQLite database"),
                storeError.message
            )
            XCTAssertTrue(storeError.message.hasSuffix(
                "Move it aside (for example to \(path).broken) and chatterm will start a new one."
            ), storeError.message)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), garbage, "the user's file is untouched")
    }

    func testAFileFromANewerChattermIsRefusedAndLeftUntouched() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let store = try SessionStore(path: path)
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        try store.executeForTesting(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-later')")
        try store.checkpointForTesting()
        try store.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        XCTAssertThrowsError(try SessionStore(path: path)) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .newerSchema)
            XCTAssertEqual((error as? StoreError)?.message,
                "The session database \(path) was written by a newer chatterm (schema v99-later), which this one cannot use "
                + "without risking it; it was left untouched. Use the newer chatterm, or start this one with another file (--db PATH).")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }

    func testDirectoryThatCannotBeCreatedIsCannotOpen() throws {
        let root = try makeTemporaryDirectory(self)
        let blocker = root + "/not-a-dir"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        XCTAssertThrowsError(try SessionStore(path: blocker + "/chatterm.sqlite")) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .cannotOpen)
            XCTAssertTrue("\(error)".contains(blocker + "/chatterm.sqlite"), "\(error)")
        }
    }
}
