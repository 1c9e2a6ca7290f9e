import Foundation
import XCTest

/// Deleting the end of a conversation in the real binary: `d` asks, `y` deletes, `u` puts it
/// back, and a delete that is not undone is gone after a restart.
final class MessageActionsEndToEndTests: EndToEndCase {
    func testDeleteUndoAndADeleteThatStays() throws {
        let tmux = TmuxDriver(name: "delete")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 40)
        try tmux.waitFor(text: "Sessions")
        try tmux.sendAndWaitForReply("/tokens 3 alpha question")
        try tmux.type("/tokens 3 beta question")
        try tmux.press("Enter")
        try tmux.waitFor("the second reply") { $0.components(separatedBy: "✓ 3 tok").count > 1 || $0.contains("beta question”") }
        try tmux.waitFor(text: "beta question")
        try tmux.press("M-2")
        try tmux.press("k")  // on "beta question", the second user message
        try tmux.press("d")
        try tmux.waitFor(text: "Delete this message and the 1 after it?")
        try tmux.press("y")
        try tmux.waitFor(text: "Deleted 2 messages")
        XCTAssertFalse(try tmux.screen().contains("beta question"))
        try tmux.press("u")
        try tmux.waitFor(text: "Restored 2 messages")
        try tmux.waitFor(text: "beta question")

        try tmux.press("d")
        try tmux.waitFor(text: "Delete this message")
        try tmux.press("y")
        try tmux.waitFor(text: "Deleted")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        tmux.kill()

        let again = TmuxDriver(name: "delete2")
        defer { again.kill() }
        try again.start(chattermCommand(), width: 100, height: 40)
        try again.waitFor(text: "Sessions")
        try again.press("M-1")
        try again.press("Enter")
        try again.waitFor(text: "alpha question")
        let screen = try again.screen()
        XCTAssertFalse(screen.contains("beta question"), screen)
        try again.press("C-q")
        XCTAssertEqual(try again.waitForExit(), 0)
    }

    /// In the sessions pane: `R` renames (kept after a restart), `d` `y` deletes, `u` restores.
    func testRenameDeleteAndUndoASession() throws {
        let tmux = TmuxDriver(name: "sessions")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Sessions")
        try tmux.sendAndWaitForReply("/tokens 2 first topic")
        try tmux.press("C-n")
        try tmux.sendAndWaitForReply("/tokens 2 second topic")
        try tmux.press("M-1")
        try tmux.press("Home")
        try tmux.press("R")
        try tmux.waitFor(text: "Rename:")
        try tmux.press("C-u")
        try tmux.type("Zebra notes")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Renamed to")
        try tmux.waitFor(text: "Zebra notes")
        try tmux.press("Down")
        try tmux.press("d")
        try tmux.waitFor(text: "and all its messages?")
        try tmux.press("y")
        try tmux.waitFor(text: "Deleted “/tokens 2 first topic”")
        try tmux.press("u")
        try tmux.waitFor(text: "Restored")
        try tmux.press("d")
        try tmux.press("y")
        try tmux.waitFor(text: "Deleted")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        tmux.kill()

        let again = TmuxDriver(name: "sessions2")
        defer { again.kill() }
        try again.start(chattermCommand(), width: 100, height: 30)
        try again.waitFor(text: "Zebra notes")
        XCTAssertFalse(try again.screen().contains("first topic"))
        try again.press("C-q")
        XCTAssertEqual(try again.waitForExit(), 0)
    }
}
