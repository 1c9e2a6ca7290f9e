import Foundation
import XCTest

/// Issue 4 through the real binary: retries with a countdown, the idle notice, retrying a
/// failed turn, and figures stored with each reply.
final class ResilienceTests: EndToEndCase {
    func testRateLimitIsRetriedAfterACountdownThenTheReplyStreams() async throws {
        let tmux = TmuxDriver(name: "retry")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 140, height: 40)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/flaky 429 1 /retry-after 2 /tokens 3 patience")
        try tmux.press("Enter")
        try tmux.waitFor(text: "retry 1/3 in")
        try tmux.waitFor("the reply to finish") { $0.contains("✓") }
        let bodies = try await completionBodies()
        XCTAssertEqual(bodies.count, 2, "one refused attempt, one retry")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testStalledStreamShowsNoDataAndEscStopsIt() async throws {
        let tmux = TmuxDriver(name: "idle")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(["--idle-notice", "1"]), width: 140, height: 40)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/stall hold on")
        try tmux.press("Enter")
        try tmux.waitFor(text: "no data for")
        try tmux.press("Escape")
        try tmux.waitFor(text: "interrupted")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testCtrlRRetriesAFailedTurnWithoutResendingTheFailedReply() async throws {
        let tmux = TmuxDriver(name: "retryturn")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(["--max-retries", "0"]), width: 140, height: 40)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/flaky 500 1 /tokens 3 second time lucky")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Ctrl+R")
        try tmux.press("C-r")
        try tmux.waitFor("the retried reply to finish") { $0.contains("✓") }
        let bodies = try await completionBodies()
        XCTAssertEqual(bodies.count, 2)
        let messages = bodies.map { ($0["messages"] as? [[String: Any]])?.count }
        XCTAssertEqual(messages[0], messages[1], "the failed reply is not part of the retried request")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    /// The tester's fault: Ctrl+R on a stopped reply showed two replies in a row while the
    /// next request carried only the new one. The retried reply is a new version of the
    /// stopped one (‹2/2›), so the path on screen is what the next request carries.
    func testCtrlROnAStoppedReplyMakesItsSecondVersion() async throws {
        let tmux = TmuxDriver(name: "retrystop")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 140, height: 40)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/delay 50 /tokens 60 stop me")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Esc")
        try tmux.press("Escape")
        try tmux.waitFor(text: "interrupted")
        try tmux.press("C-r")
        let screen = try tmux.waitFor("the retried reply, as version 2 of 2", timeout: 30) { $0.contains("✓") && $0.contains("‹2/2›") }
        XCTAssertFalse(screen.contains("[interrupted]"), "the stopped reply left the path:\n\(screen)")
        try tmux.type("/tokens 2 after")
        try tmux.press("Enter")
        var bodies: [[String: Any]] = []
        for _ in 0..<100 where bodies.count < 3 {
            bodies = try await completionBodies()
            if bodies.count < 3 { try await Task.sleep(nanoseconds: 100_000_000) }
        }
        let roles = (bodies.last?["messages"] as? [[String: Any]])?.compactMap { $0["role"] as? String }
        XCTAssertEqual(roles, ["user", "assistant", "user"], "the question, the retried reply, the new message")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testReplyFiguresAreStoredAndShownAfterARestart() async throws {
        let first = TmuxDriver(name: "stats1")
        defer { first.kill() }
        try first.start(chattermCommand(), width: 140, height: 40)
        try first.waitFor(text: "Sessions")
        try first.sendAndWaitForReply("/delay 30 /tokens 10 measure me")
        try first.press("C-q")
        XCTAssertEqual(try first.waitForExit(), 0)

        let second = TmuxDriver(name: "stats2")
        defer { second.kill() }
        try second.start(chattermCommand(), width: 140, height: 40)
        try second.waitFor(text: "/delay 30")
        try second.press("M-1")
        try second.press("Enter")
        let screen = try second.waitFor(text: "tok/s")
        XCTAssertTrue(screen.contains("10 tok"), "the stored figures count the ten deltas:\n\(screen)")
        try second.press("C-q")
        XCTAssertEqual(try second.waitForExit(), 0)
    }
}
