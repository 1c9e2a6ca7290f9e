import ChatCore
import Foundation
import SessionStore
import StreamProtocol
import XCTest

/// A restart opens the session that was open (not the newest), zoomed as it was, from the state file in the
/// driver's private `XDG_STATE_HOME`.
final class RememberedChoicesEndToEndTests: EndToEndCase {
    func testARestartReopensTheLastSessionAndKeepsTheZoom() throws {
        let store = try SessionStore(path: databasePath)
        try store.createSession(
            SessionSummary(id: "older-session", title: "Older one", createdAtMillis: 1_000, updatedAtMillis: 2_000),
            parameters: SessionParameters())
        try store.saveMessage(Message(id: "o1", role: .user, content: "Kept from before", createdAtMillis: 1_000),
                              sessionID: "older-session")
        try store.close()

        let tmux = TmuxDriver(name: "remember")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "No messages yet")
        _ = try tmux.sendAndWaitForReply("Remember this session")
        try tmux.press("M-z")
        try tmux.waitFor(text: "Zoomed")
        try tmux.press("M-t")
        try tmux.waitFor(text: "Theme: light")
        // Zoomed, the sessions pane shows in the conversation's place while focused.
        try tmux.press("M-1")
        try tmux.waitFor(text: "Older one")
        try tmux.press("j", "Enter")
        try tmux.waitFor(text: "Kept from before")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        let saved = try String(contentsOfFile: tmux.stateHome + "/chatterm/state.json", encoding: .utf8)
        XCTAssertTrue(saved.contains("\"zoomed\": true"), saved)
        XCTAssertTrue(saved.contains("\"theme\": \"light\""), saved)
        XCTAssertTrue(saved.contains("\"session\": \"older-session\""), saved)
        let attributes = try FileManager.default.attributesOfItem(atPath: tmux.stateHome + "/chatterm/state.json")
        XCTAssertEqual(attributes[.posixPermissions] as? Int, 0o600)

        let again = TmuxDriver(name: "remember-again")
        defer { again.kill() }
        try FileManager.default.createDirectory(atPath: again.stateHome, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: tmux.stateHome + "/chatterm", toPath: again.stateHome + "/chatterm")
        try again.start(chattermCommand(), width: 100, height: 30)
        let screen = try again.waitFor(text: "Kept from before")
        XCTAssertFalse(screen.contains("Sessions"), "still zoomed: no sessions pane\n\(screen)")
        XCTAssertFalse(screen.contains("No messages yet"), screen)
        // The theme came back too: the next Alt+T goes on from light.
        try again.press("M-t")
        try again.waitFor(text: "Theme: solarized-dark")
        try again.press("C-q")
        XCTAssertEqual(try again.waitForExit(), 0)

        // A damaged file is ignored with a notice; chatterm starts blank.
        let damaged = TmuxDriver(name: "remember-damaged")
        defer { damaged.kill() }
        try FileManager.default.createDirectory(atPath: damaged.stateHome + "/chatterm", withIntermediateDirectories: true)
        try Data("{\"session\": ".utf8).write(to: URL(fileURLWithPath: damaged.stateHome + "/chatterm/state.json"))
        try damaged.start(chattermCommand(), width: 200, height: 30)
        try damaged.waitFor(text: "is damaged (not JSON")
        try damaged.waitFor(text: "No messages yet")
        try damaged.press("C-q")
        XCTAssertEqual(try damaged.waitForExit(), 0)
    }
}
