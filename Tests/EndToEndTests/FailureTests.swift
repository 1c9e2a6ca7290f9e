import Foundation
import XCTest

/// Errors, hostile text and small terminals, seen through the real binary.
final class FailureTests: EndToEndCase {
    func testServerErrorsAppearAsErrorEntriesAndTheMessageIsKept() async throws {
        let tmux = TmuxDriver(name: "errors")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/error 401 please")
        try tmux.press("Enter")
        try tmux.waitFor(text: "401")
        try tmux.waitFor(text: "AuthenticationError")
        XCTAssertTrue(try tmux.screen().contains("/error 401 please"), "the user's message stays")

        try tmux.type("/stream-error then fail")
        try tmux.press("Enter")
        try tmux.waitFor(text: "upstream failed")

        try tmux.type("/drop cut off")
        try tmux.press("Enter")
        try tmux.waitFor(text: "incomplete")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    /// Data lines that are not JSON are skipped, and said: the reply ends ✓ but its figures
    /// (status line and footer) and the inspector count what was lost.
    func testEventsThatAreNotJSONAreSaidNotDroppedSilently() throws {
        let tmux = TmuxDriver(name: "garbage")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 120, height: 30)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/garbage 3 /tokens 6 broken proxy")
        try tmux.press("Enter")
        let screen = try tmux.waitFor("the reply's figures with the skipped events") { screen in
            screen.components(separatedBy: "⚠ 3 events skipped (not JSON)").count == 3
        }
        XCTAssertTrue(screen.contains("✓"), screen)
        try tmux.press("M-2")
        try tmux.press("i")
        try tmux.waitFor(text: "skipped  3 stream events that were not JSON")
        try tmux.press("Escape")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testEscapeSequencesInARepliesAreShownNotObeyed() async throws {
        let tmux = TmuxDriver(name: "escape")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/escape show me")
        try tmux.press("Enter")
        // ESC is drawn as the visible symbol ␛; the screen is not cleared by ESC[2J.
        let screen = try tmux.waitFor(text: "␛")
        XCTAssertTrue(screen.contains("Sessions"), "the screen was not cleared")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testResizeMidStreamAndTooSmallTerminalRecover() async throws {
        let tmux = TmuxDriver(name: "resize")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/delay 30 /tokens 60 resize me")
        try tmux.press("Enter")
        try tmux.waitFor(text: "resize me”")
        try tmux.resize(width: 30, height: 10)
        try tmux.waitFor(text: "too small")
        try tmux.resize(width: 40, height: 12)
        try tmux.waitFor("the 40x12 layout") { !$0.contains("too small") && $0.contains("Conversation") }
        try tmux.resize(width: 120, height: 40)
        try tmux.waitFor("the reply to finish") { $0.contains("✓") }
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testMissingProjectIDIsAClearMessageNotACrash() throws {
        let tmux = TmuxDriver(name: "noproject")
        defer { tmux.kill() }
        let command = [binaryDirectory().appendingPathComponent("chatterm").path,
                       "--base-url", "http://127.0.0.1:\(port)", "--db", databasePath]
        try tmux.start(command, width: 100, height: 30)
        // The app no longer exits on it: its welcome screen says what is missing and how to
        // set it (FirstRunEndToEndTests covers the rest).
        let text = try tmux.waitFor(text: "Welcome to chatterm")
        XCTAssertTrue(text.contains("No project id"), text)
        XCTAssertTrue(text.contains("--project-id"), text)
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
