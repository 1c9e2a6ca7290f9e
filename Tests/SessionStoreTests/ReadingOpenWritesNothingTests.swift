import ChatCore
import Foundation
import StreamProtocol
import XCTest
@testable import SessionStore

/// Opening an up-to-date file and reading it (what `sessions list`, `search`, `show` and
/// `export` do) leaves the file as it was: a healthy file keeps its bytes and mtime, and a
/// damaged one is not written over by an open that only reads.
final class ReadingOpenWritesNothingTests: XCTestCase {
    /// An up-to-date file with a session and a message, its store released as a chatterm
    /// that ends releases it (the last connection to close checkpoints and removes the WAL).
    private func closedDatabase() throws -> String {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        try withStore(path) { store in
            try store.createSession(session("s", updated: 1), parameters: SessionParameters())
            try store.saveMessage(userMessage("m1", "hello there", at: 2), sessionID: "s")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"), "the WAL is gone, as after a run")
        return path
    }

    private func withStore(_ path: String, _ body: (SessionStore) throws -> Void) throws {
        let store = try SessionStore(path: path)
        try body(store)
    }

    /// The schema cookie (`PRAGMA schema_version`), read from the header: bytes 40-43.
    private func schemaCookie(_ bytes: Data) -> UInt32 {
        bytes[40..<44].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private func modificationDate(_ path: String) throws -> Date? {
        try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    }

    func testOpeningListingAndClosingAHealthyFileChangesNoByteOfIt() throws {
        let path = try closedDatabase()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let modified = try modificationDate(path)
        for _ in 0..<3 {
            try withStore(path) { store in
                XCTAssertEqual(try store.listSessions().map(\.id), ["s"])
                XCTAssertEqual(try store.loadMessages(sessionID: "s").map(\.content), ["hello there"])
            }
        }
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(schemaCookie(after), schemaCookie(bytes), "schema_version")
        XCTAssertEqual(after, bytes, "byte for byte")
        XCTAssertEqual(try modificationDate(path), modified, "mtime")
    }

    func testAWriteAfterSuchAnOpenIsStoredAndReadBack() throws {
        let path = try closedDatabase()
        try withStore(path) { store in try store.saveMessage(userMessage("m2", "second", at: 3), sessionID: "s") }
        try withStore(path) { store in
            XCTAssertEqual(try store.loadMessages(sessionID: "s").map(\.content), ["hello there", "second"])
        }
    }

    func testTheWriteAheadLogAndSharedMemoryFilesArePrivateWhateverTheFilesMode() throws {
        let path = try closedDatabase()
        XCTAssertEqual(chmod(path, 0o644), 0)
        try withStore(path) { store in
            XCTAssertEqual(try store.listSessions().map(\.id), ["s"])
            XCTAssertEqual(try posixMode(path + "-wal"), 0o600)
            XCTAssertEqual(try posixMode(path + "-shm"), 0o600)
        }
    }

    /// A file whose last chatterm was killed while a reply streamed: the next open that may
    /// write marks the reply interrupted, in the file.
    private func fileWithACutOffReply() throws -> String {
        let path = try closedDatabase()
        try withStore(path) { store in
            try store.saveMessage(
                Message(id: "a", role: .assistant, content: "Hel", createdAtMillis: 3, status: .streaming), sessionID: "s")
            // What a chatterm from before owners were recorded leaves: no owner, so cut off.
            try store.executeForTesting(sql: "DELETE FROM message_stream_owner")
        }
        return path
    }

    func testAReadingOpenLeavesACutOffReplyUnmarkedAndRefusesWrites() throws {
        let path = try fileWithACutOffReply()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            let store = try SessionStore.openForReading(path: path)
            XCTAssertEqual(try store.loadMessages(sessionID: "s").map(\.id), ["m1", "a"])
            XCTAssertThrowsError(try store.createSession(session("t", updated: 9), parameters: SessionParameters()))
            XCTAssertEqual(try store.listSessions().map(\.id), ["s"], "the refused write left nothing")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes, "byte for byte")
        // The ordinary open marks it (so the reading open above is what kept the file as it was).
        try withStore(path) { store in
            XCTAssertEqual(try store.loadMessages(sessionID: "s").last?.status, .interrupted)
        }
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes)
    }

    func testAReadingOpenOfAnOlderFileStillMigratesIt() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        XCTAssertNoThrow(try SessionStore.openForReading(path: path).listSessions(), "a new file is made, as by any open")
        XCTAssertEqual(try SessionStore.openForReading(path: path).listSessions(), [])
    }

    /// Just over the size checked at open: the check runs in the background.
    func testAReadingOpenOfALargeDamagedFileReadsWritesNothingAndReportsTheDamageFound() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        try withStore(path) { store in
            let text = String(repeating: "lorem ipsum dolor sit amet ", count: 200)
            for index in 0..<4 {
                let messages = (0..<800).map { userMessage("m\(index)-\($0)", text, at: Int64($0)) }
                try store.importSession(session("s\(index)", updated: Int64(index)), parameters: SessionParameters(), messages: messages)
            }
        }
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        XCTAssertGreaterThan(size, UInt64(IntegrityWatch.checkedAtOpenBytes))
        try handle.seek(toOffset: size / 2)
        var generator = SystemRandomNumberGenerator()
        try handle.write(contentsOf: Data((0..<16384).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        try handle.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            let store = try SessionStore.openForReading(path: path)
            _ = try? store.listSessions()
            XCTAssertThrowsError(try store.requireSound()) { error in XCTAssertEqual((error as? StoreError)?.kind, .corrupt) }
            XCTAssertEqual(store.damage?.kind, .corrupt)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes, "byte for byte")
    }
}
