import Foundation
import SessionStore
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
}
