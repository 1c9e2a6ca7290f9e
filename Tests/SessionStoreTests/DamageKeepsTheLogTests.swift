import ChatCore
import Foundation
import StreamProtocol
import XCTest
@testable import SessionStore

/// Damage found while a store is open (by the check, a read or a write) stops every write, and
/// the end of the store writes nothing either: SQLite's last connection would copy the WAL
/// into the damaged file at close (a checkpoint), so the connections are left open for the rest
/// of the process and the WAL stays beside the file, whole, for recovery tools.
final class DamageKeepsTheLogTests: XCTestCase {
    /// A file whose history is in the file itself and whose last saves are only in the WAL;
    /// then damaged in the middle, as by a failing disk while chatterm runs.
    private func storeWithDamageFoundWhileOpen(found: Bool = true) throws -> (store: SessionStore, path: String, bytes: Data) {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let store = try SessionStore(path: path)
        try fillWithHistory(store, sessions: 20)
        try store.checkpointForTesting()
        try store.saveMessage(userMessage("late", "only in the WAL", at: 9_000), sessionID: "s1")
        XCTAssertGreaterThan(try walSize(path), 0)
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 8192))
        try handle.close()
        // What a read that met the damaged pages, or the background check, records.
        if found { store.integrity.record(damage: StoreError.damaged(path: path, detail: "test damage")) }
        return (store, path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func walSize(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
    }

    func testClosingAStoreFoundDamagedLeavesTheFileAndItsLogAsTheyWere() throws {
        var (store, path, bytes): (SessionStore?, String, Data) = try storeWithDamageFoundWhileOpen()
        let log = try Data(contentsOf: URL(fileURLWithPath: path + "-wal"))
        try store?.close()
        store = nil
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes, "no checkpoint into the damaged file")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path + "-wal")), log, "the WAL stays, whole")
    }

    func testReleasingAStoreFoundDamagedWithoutClosingItLeavesTheFileAsItWas() throws {
        var (store, path, bytes): (SessionStore?, String, Data) = try storeWithDamageFoundWhileOpen()
        let log = try Data(contentsOf: URL(fileURLWithPath: path + "-wal"))
        XCTAssertNotNil(store?.damage)
        store = nil
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes, "no checkpoint into the damaged file")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path + "-wal")), log, "the WAL stays, whole")
    }

    /// Damage made while the store sat idle, after its check, that no read met: the last look
    /// before the close finds it, so the close still writes nothing into the file (it copied
    /// the WAL into the damaged file, and the app exited 0).
    func testDamageNoReadMetIsFoundBeforeTheClose() throws {
        let (store, path, bytes) = try storeWithDamageFoundWhileOpen(found: false)
        XCTAssertNil(store.damage)
        let log = try Data(contentsOf: URL(fileURLWithPath: path + "-wal"))
        try store.close()
        XCTAssertNotNil(store.damage, "found by the look before the close")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes, "no checkpoint into the damaged file")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path + "-wal")), log, "the WAL stays, whole")
    }

    func testASoundStoreStillCheckpointsAtTheEnd() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        var store: SessionStore? = try SessionStore(path: path)
        try store?.createSession(session("s", updated: 1), parameters: SessionParameters())
        store = nil
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"), "checkpointed and removed as usual")
        XCTAssertEqual(try SessionStore(path: path).listSessions().map(\.id), ["s"])
    }
}
