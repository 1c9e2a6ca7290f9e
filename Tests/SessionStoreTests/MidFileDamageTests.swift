import ChatCore
import Foundation
import StreamProtocol
import XCTest
@testable import SessionStore

/// A file damaged in the middle (its header intact) is found out before anything is written
/// to it, and then nothing is: not at open, not by a save.
final class MidFileDamageTests: XCTestCase {
    /// A database of a few hundred pages, then 8 KiB of random bytes written over its middle.
    private func damagedDatabase() throws -> (path: String, bytes: Data) {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        do {
            let store = try SessionStore(path: path)
            try fillWithHistory(store)
            try store.checkpointForTesting()
            try store.close()
        }
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        XCTAssertGreaterThan(size, 200_000)
        var generator = SystemRandomNumberGenerator()
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        try handle.close()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func testOpeningAFileDamagedInTheMiddleFailsAsCorruptAndChangesNothing() throws {
        let (path, bytes) = try damagedDatabase()
        XCTAssertThrowsError(try SessionStore(path: path)) { error in
            guard let storeError = error as? StoreError else { return XCTFail("not a StoreError: \(error)") }
            XCTAssertEqual(storeError.kind, .corrupt)
            XCTAssertTrue(storeError.message.contains("is damaged"), storeError.message)
            XCTAssertTrue(storeError.message.contains("Move it aside"), storeError.message)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes, "byte for byte")
    }

    func testWhenTheCheckRunsInTheBackgroundTheFirstWriteWaitsForItAndIsRefused() throws {
        let (path, bytes) = try damagedDatabase()
        let store = try SessionStore(path: path, busyTimeoutSeconds: 3, checkAtOpen: false)
        XCTAssertThrowsError(try store.createSession(session("new", updated: 9_999), parameters: SessionParameters())) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .corrupt)
        }
        XCTAssertEqual(store.damage?.kind, .corrupt)
        XCTAssertThrowsError(try store.saveMessage(userMessage("x", "more", at: 10_000), sessionID: "s1")) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .corrupt, "every later write is refused too")
        }
        try store.close()
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes, "byte for byte")
    }

    func testDamageTheBackgroundCheckFindsIsToldWithoutAnyWrite() throws {
        let (path, bytes) = try damagedDatabase()
        let store = try SessionStore(path: path, busyTimeoutSeconds: 3, checkAtOpen: false)
        let told = expectation(description: "damage told")
        store.whenDamageFound { damage in
            XCTAssertEqual(damage.kind, .corrupt)
            told.fulfill()
        }
        wait(for: [told], timeout: 10)
        // A handler added once it is known is told at once; neither is told twice.
        let toldLate = expectation(description: "told at once")
        store.whenDamageFound { _ in toldLate.fulfill() }
        wait(for: [toldLate], timeout: 0.1)
        store.integrity.record(damage: StoreError.damaged(path: path, detail: "again"))
        try store.close()
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes, "byte for byte")
    }

    func testASoundFileIsCheckedAndWrittenAsBefore() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        _ = try SessionStore(path: path)
        let store = try SessionStore(path: path, busyTimeoutSeconds: 3, checkAtOpen: false)
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        XCTAssertNil(store.damage)
        XCTAssertEqual(try store.listSessions().map(\.id), ["s"])
    }
}
