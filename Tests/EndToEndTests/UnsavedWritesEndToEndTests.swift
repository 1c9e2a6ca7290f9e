import ChatCore
import Foundation
import XCTest
@testable import SessionStore

/// The hostile tester's case: another process holds the database's write lock while a new
/// session is sent to. Nothing is lost: released, everything goes in; still held at quit, it is
/// written to a recovery file, said on stderr, and the run exits 74.
final class UnsavedWritesEndToEndTests: EndToEndCase {
    func testASessionSentToWhileTheDatabaseIsLockedIsSavedOnceTheLockIsReleased() throws {
        let tmux = TmuxDriver(name: "locked-send")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 120, height: 30)
        try tmux.waitFor(text: "Sessions")
        let holder = try SessionStore(path: databasePath)
        try holder.holdingExclusiveLockForTesting {
            try tmux.type("/tokens 2 locked ostrich")
            try tmux.press("Enter")
            try tmux.waitFor(text: "Not saved: database locked by another process; retrying", timeout: 20)
            // The reply streams on meanwhile; its saves join the waiting ones.
            try tmux.waitFor(text: "changes waiting", timeout: 20)
            Thread.sleep(forTimeInterval: 2)
        }
        try tmux.waitFor(text: "changes that waited are in the database now", timeout: 30)
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(timeout: 20), 0)

        let store = try SessionStore(path: databasePath)
        let sessions = try store.listSessions()
        XCTAssertEqual(sessions.count, 1)
        let messages = try store.loadMessages(sessionID: try XCTUnwrap(sessions.first).id)
        XCTAssertEqual(messages.map(\.role), [.user, .assistant])
        XCTAssertEqual(messages.first?.content, "/tokens 2 locked ostrich")
        XCTAssertFalse(messages.last?.content.isEmpty ?? true, "the reply is stored whole")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dataDirectory.path).filter { $0.hasPrefix("chatterm-unsaved-") }
        XCTAssertEqual(leftovers, [], "nothing for a recovery file")
    }

    func testQuittingWhileStillLockedWritesTheRecoveryFileSaysWhereAndExits74() throws {
        let tmux = TmuxDriver(name: "locked-quit")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 160, height: 30)
        try tmux.waitFor(text: "Sessions")
        let holder = try SessionStore(path: databasePath)
        var status = -1
        try holder.holdingExclusiveLockForTesting {
            try tmux.type("/tokens 2 unsaved emu")
            try tmux.press("Enter")
            try tmux.waitFor(text: "Not saved: database locked by another process; retrying", timeout: 20)
            Thread.sleep(forTimeInterval: 2)
            try tmux.press("C-q")
            status = try tmux.waitForExit(timeout: 40)
        }
        XCTAssertEqual(status, 74)
        let files = try FileManager.default.contentsOfDirectory(atPath: dataDirectory.path).filter { $0.hasPrefix("chatterm-unsaved-") }
        XCTAssertEqual(files.count, 1, "\(files)")
        let path = dataDirectory.appendingPathComponent(try XCTUnwrap(files.first)).path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(lines.first?.contains(#""change":"createSession""#) ?? false, "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains(#""content":"/tokens 2 unsaved emu""#) }, "\(lines)")
        // Said on stderr once the terminal is restored (the pane stays after the exit).
        let said = try tmux.screenWithHistory()
        XCTAssertTrue(said.contains("could not be saved to the session database"), said)
        XCTAssertTrue(said.replacingOccurrences(of: "\n", with: "").contains(path), said)
        XCTAssertEqual(try SessionStore(path: databasePath).listSessions().count, 0, "the file is as the lock left it")
    }
}
