import ChatCore
import Foundation
import ProcessSpawn
import SessionStore
import StreamProtocol
import XCTest

/// A database chatterm cannot use is never overwritten: on a terminal, chatterm offers a way to
/// start and keeps the file.
final class DamagedDatabaseTests: EndToEndCase {
    func testADamagedDatabaseIsMovedAsideOnlyWhenTheUserSaysSo() throws {
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 13) })
        try garbage.write(to: URL(fileURLWithPath: databasePath))
        let tmux = TmuxDriver(name: "damaged")
        defer { tmux.kill() }

        // Declined: the file stays where it was, as it was, and chatterm exits with the reason.
        try tmux.start(chattermCommand(), width: 120, height: 30)
        try tmux.waitFor(text: "[y/N]")
        try tmux.type("n")
        try tmux.press("Enter")
        XCTAssertNotEqual(try tmux.waitForExit(), 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: databasePath)), garbage)
        tmux.kill()

        let again = TmuxDriver(name: "damaged2")
        defer { again.kill() }
        try again.start(chattermCommand(), width: 120, height: 30)
        try again.waitFor(text: "[y/N]")
        try again.type("y")
        try again.press("Enter")
        try again.waitFor(text: "Sessions")
        try again.sendAndWaitForReply("/tokens 2 fresh start")
        try again.press("C-q")
        XCTAssertEqual(try again.waitForExit(), 0)
        let moved = try FileManager.default.contentsOfDirectory(atPath: dataDirectory.path)
            .filter { $0.hasPrefix("sessions.sqlite.broken-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        XCTAssertEqual(moved.count, 1, "\(moved)")
        XCTAssertEqual(try Data(contentsOf: dataDirectory.appendingPathComponent(moved[0])), garbage, "kept byte for byte")
        let store = try SessionStore(path: databasePath)
        XCTAssertEqual(try store.listSessions().count, 1)
    }

    func testAFileDamagedInTheMiddleIsFoundBeforeAnythingIsWrittenToIt() throws {
        let bytes = try damageTheMiddleOfAStoredHistory()
        let tmux = TmuxDriver(name: "midfile")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 120, height: 30)
        try tmux.waitFor(text: "is damaged")
        try tmux.waitFor(text: "[y/N]")
        try tmux.type("n")
        try tmux.press("Enter")
        XCTAssertNotEqual(try tmux.waitForExit(), 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: databasePath)), bytes, "byte for byte")
    }

    /// A file too large to check at open is checked in the background: the damage is found
    /// while the app runs, nothing is written, and quitting offers the move-aside.
    func testDamageFoundWhileRunningIsOfferedForMovingAsideAtQuit() throws {
        let bytes = try damageTheMiddleOfAStoredHistory(sessions: 40, messageBytes: 48_000)
        XCTAssertGreaterThan(bytes.count, 16 << 20, "larger than what is checked at open")
        let tmux = TmuxDriver(name: "midrun")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 120, height: 30)
        try tmux.waitFor(text: "Sessions")
        Thread.sleep(forTimeInterval: 3)  // the background check (from 500 ms after the open)
        try tmux.press("C-q")
        try tmux.waitFor(text: "now? [y/N")
        try tmux.type("y")
        try tmux.press("Enter")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        let moved = try FileManager.default.contentsOfDirectory(atPath: dataDirectory.path)
            .filter { $0.hasPrefix("sessions.sqlite.broken-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        XCTAssertEqual(moved.count, 1, "\(moved)")
        XCTAssertEqual(try Data(contentsOf: dataDirectory.appendingPathComponent(moved[0])), bytes, "kept byte for byte")
        XCTAssertFalse(FileManager.default.fileExists(atPath: databasePath), "the next start makes a new one")
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent(moved[0] + "-wal").path),
            "the WAL is moved with it")
    }

    /// The background check's finding is said on the status line as soon as it is made, with
    /// nothing typed or sent.
    func testDamageFoundByTheBackgroundCheckIsSaidAtOnce() throws {
        let bytes = try damageTheMiddleOfAStoredHistory(sessions: 40, messageBytes: 48_000)
        XCTAssertGreaterThan(bytes.count, 16 << 20, "larger than what is checked at open")
        let tmux = TmuxDriver(name: "midrun-said")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 250, height: 30)
        try tmux.waitFor(text: "Sessions")
        try tmux.waitFor(text: "is damaged")
        try tmux.press("C-q")
        try tmux.waitFor(text: "now? [y/N")
        try tmux.type("n")
        try tmux.press("Enter")
        XCTAssertEqual(try tmux.waitForExit(), 65)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: databasePath)), bytes, "byte for byte")
    }

    /// The subcommands that only read never write to a file too large to check at open (the
    /// check goes on in the background): damaged, it stays byte for byte as it was; each either
    /// reads it (0) or reports the damage the check found by its end (65).
    func testReadingSubcommandsLeaveALargeDamagedFileAsItWas() throws {
        let bytes = try damageTheMiddleOfAStoredHistory(sessions: 40, messageBytes: 48_000)
        XCTAssertGreaterThan(bytes.count, 16 << 20, "larger than what is checked at open")
        let output = dataDirectory.appendingPathComponent("export.md").path
        for arguments in [["sessions", "list"], ["sessions", "search", "lorem"], ["sessions", "show", "session-39"], ["export", "session-39", "-o", output]] {
            let error = dataDirectory.appendingPathComponent("err-\(UUID().uuidString)").path
            let pid = try Spawn.start(
                [binaryDirectory().appendingPathComponent("chatterm").path] + arguments + ["--db", databasePath, "--no-config"],
                streams: Spawn.Streams(output: "/dev/null", error: error), environment: ["LC_ALL": "C.UTF-8"])
            let status = Spawn.wait(pid)
            let said = (try? String(contentsOfFile: error, encoding: .utf8)) ?? ""
            XCTAssertTrue(status == 0 || (status == 65 && said.contains("is damaged")), "\(arguments): \(status) \(said)")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: databasePath)), bytes, "\(arguments): byte for byte")
        }
    }

    /// Declined at quit, the damaged file stays as it was and the run ends with the damaged
    /// database's status (65), not 0.
    func testDecliningTheMoveAsideAtQuitExitsWithTheDamagedDatabasesStatus() throws {
        let bytes = try damageTheMiddleOfAStoredHistory(sessions: 40, messageBytes: 48_000)
        XCTAssertGreaterThan(bytes.count, 16 << 20, "larger than what is checked at open")
        let tmux = TmuxDriver(name: "midrun-no")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 120, height: 30)
        try tmux.waitFor(text: "Sessions")
        Thread.sleep(forTimeInterval: 3)  // the background check (from 500 ms after the open)
        try tmux.press("C-q")
        try tmux.waitFor(text: "now? [y/N")
        try tmux.type("n")
        try tmux.press("Enter")
        XCTAssertEqual(try tmux.waitForExit(), 65)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: databasePath)), bytes, "byte for byte")
    }
}

extension EndToEndCase {
    /// A history of some hundred pages with 8 KiB of random bytes over the middle of the file
    /// (its header intact); the bytes of the damaged file.
    func damageTheMiddleOfAStoredHistory(sessions: Int = 40, messageBytes: Int = 540) throws -> Data {
        do {
            let store = try SessionStore(path: databasePath)
            for index in 0..<sessions {
                try store.createSession(
                    SessionSummary(id: "session-\(index)", title: "Session \(index)", createdAtMillis: 1_000, updatedAtMillis: Int64(1_000 + index)),
                    parameters: SessionParameters())
                for turn in 0..<10 {
                    let text = "message \(turn) of session \(index) " + String(repeating: "lorem ipsum dolor ", count: messageBytes / 18)
                    try store.saveMessage(
                        Message(id: "m\(index)-\(turn)", role: .user, content: text, createdAtMillis: Int64(1_000 + turn)),
                        sessionID: "session-\(index)")
                }
            }
            try store.close()
        }
        // Closing the last connection checkpointed the log into the file (GRDB keeps the log
        // file, whose stale copies of pages would hide the damage): the file alone holds the
        // history, and the log goes.
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: databasePath))
        let size = try handle.seekToEnd()
        XCTAssertGreaterThan(size, 200_000, "the history is in the file")
        var generator = SystemRandomNumberGenerator()
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        try handle.close()
        return try Data(contentsOf: URL(fileURLWithPath: databasePath))
    }
}
