import Foundation
import XCTest

/// The real binary in tmux against the bundled server: what a person would do and see.
final class ChatFlowTests: EndToEndCase {
    func testTypeSendWatchTheReplyStreamThenRestartAndReopenTheSession() async throws {
        let tmux = TmuxDriver(name: "flow")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Sessions")

        try tmux.type("Hello from tmux")
        try tmux.press("Enter")
        // The reply quotes the prompt between curly quotes, so this text is the reply's, not ours.
        try tmux.waitFor(text: "Hello from tmux”")
        try tmux.waitFor("the reply to finish") { $0.contains("✓") }

        let bodies = try await completionBodies()
        XCTAssertEqual(bodies.count, 1)
        let body = try XCTUnwrap(bodies.first)
        XCTAssertEqual(body["project_id"] as? Int, 1)
        XCTAssertEqual(body["stream"] as? Bool, true)
        XCTAssertEqual(body["model"] as? String, "local-echo")
        let sessionID = try XCTUnwrap(body["session_id"] as? String)
        XCTAssertFalse(sessionID.isEmpty)
        let messages = try XCTUnwrap(body["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.count, 1)
        XCTAssertEqual(messages.first?["role"] as? String, "user")
        XCTAssertEqual(messages.first?["content"] as? String, "Hello from tmux")
        XCTAssertNil(body["temperature"], "unset parameters are not sent")

        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        tmux.kill()

        // Restart on the same database: the session is listed by its first message.
        let again = TmuxDriver(name: "flow2")
        defer { again.kill() }
        try again.start(chattermCommand(), width: 100, height: 30)
        try again.waitFor(text: "Hello from tm")  // the title, shortened to the pane
        XCTAssertFalse(try again.screen().contains("Hello from tmux”"), "the old conversation is not open yet")
        try again.press("M-1")
        try again.press("Enter")
        try again.waitFor(text: "Hello from tmux”")

        // A second turn in the reopened session resends the whole conversation with the same id.
        try again.press("M-4")
        try again.type("And a follow-up")
        try again.press("Enter")
        try again.waitFor(text: "And a follow-up”")
        try again.waitFor("the second reply to finish") { $0.contains("✓") }
        let second = try await completionBodies().last
        XCTAssertEqual(second?["session_id"] as? String, sessionID)
        XCTAssertEqual((second?["messages"] as? [[String: Any]])?.count, 3)
        try again.press("C-q")
        XCTAssertEqual(try again.waitForExit(), 0)
    }

    func testSliderValueReachesTheRequestBody() async throws {
        let tmux = TmuxDriver(name: "slider")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Parameters")
        try tmux.press("M-3")
        // temperature: unset → 1.0 (first step) → 1.1 → 1.2.
        try tmux.press("Right")
        try tmux.press("Right")
        try tmux.press("Right")
        try tmux.waitFor(text: "1.2")
        try tmux.press("M-4")
        try tmux.sendAndWaitForReply("/tokens 5 with temperature")
        let body = try await completionBodies().last
        XCTAssertEqual(body?["temperature"] as? Double, 1.2)
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testEscapeCancelsAStreamingReplyAndKeepsItMarkedInterrupted() async throws {
        let tmux = TmuxDriver(name: "cancel")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/delay 200 /tokens 100 slow one")
        try tmux.press("Enter")
        try tmux.waitFor(text: "slow one”")
        try tmux.press("Escape")
        try tmux.waitFor(text: "interrupted")
        // Quitting with nothing streaming: Ctrl+C.
        try tmux.press("C-c")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
