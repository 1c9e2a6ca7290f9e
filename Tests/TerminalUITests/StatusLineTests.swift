import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest
@testable import TerminalUI

/// The zoom key is a hint where the side panes squeeze the conversation, and while zoomed.
final class ZoomHintTests: XCTestCase {
    func testTheZoomKeyIsHintedOnCrampedScreensAndWhileZoomed() {
        var state = AppState(profile: Profile(
            name: "local", baseURL: "http://127.0.0.1:9", dialect: .prem, projectID: 1, defaultModel: "m"), terminalWidth: 100)
        XCTAssertEqual(StatusLineModel(state).right.last, "M-z zoom")
        state.screen.terminalWidth = 160
        XCTAssertFalse(StatusLineModel(state).right.contains("M-z zoom"))
        state.screen.zoomed = true
        XCTAssertEqual(StatusLineModel(state).right.last, "M-z zoom")
    }
}

/// The status line's stream figures: live rate, retry countdown, idle notice, a finished
/// reply's stored figures, and the retry key after a failure.
final class StatusLineTests: XCTestCase {
    private static let start: Int64 = 2_000_000

    /// A request in flight (sent through the reducer), then shaped directly. Setup only: sending
    /// is asserted in ChatCoreTests (SendingTests).
    private func givenStreaming(width: Int = 80, height: Int = 24, _ shape: (inout ActiveStream) -> Void, now: Int64) -> AppState {
        var state = AppState(profile: ScreenFixtures.premProfile, terminalWidth: width, terminalHeight: height)
        for c in "hi" { _ = reduce(&state, .keyPressed(.character(c), Stamp(nowMillis: Self.start, freshID: "k", random: 0))) }
        _ = reduce(&state, .keyPressed(.enter, Stamp(nowMillis: Self.start, freshID: "r", random: 0)))
        guard var stream = state.streaming.active else {
            XCTFail("sending did not start a stream")
            return state
        }
        stream.startedAtMillis = Self.start
        shape(&stream)
        state.streaming.active = stream
        state.status.nowMillis = now
        return state
    }

    private func status(_ state: AppState) -> String {
        ScreenRenderer().render(state).textLines().last ?? ""
    }

    private func liveState(width: Int = 80, height: Int = 24) -> AppState {
        givenStreaming(width: width, height: height, {
            $0.phase = .receiving
            $0.firstContentAtMillis = Self.start + 310
            $0.deltaCount = 120
            $0.lastActivityAtMillis = Self.start + 2_800
        }, now: Self.start + 2_900)
    }

    private func retryState(now: Int64, width: Int = 80, height: Int = 24) -> AppState {
        givenStreaming(width: width, height: height, {
            $0.pendingRetry = PendingRetry(
                notice: RetryNotice(attempt: 1, maxAttempts: 3, delayMillis: 5_000, fromRetryAfter: true,
                                    reason: APIError(status: 429, code: "RateLimitError", message: "Too many requests")),
                announcedAtMillis: Self.start + 100)
            $0.retryCount = 1
            $0.lastActivityAtMillis = Self.start + 100
        }, now: now)
    }

    private func idleState(width: Int = 80, height: Int = 24) -> AppState {
        givenStreaming(width: width, height: height, {
            $0.phase = .receiving
            $0.firstContentAtMillis = Self.start + 200
            $0.deltaCount = 10
            $0.lastActivityAtMillis = Self.start + 1_000
        }, now: Self.start + 18_500)
    }

    private func finishedState(width: Int = 80, height: Int = 24) -> AppState {
        var state = ScreenFixtures.parametersState(width: width, height: height)
        state.screen.focus = .composer
        state.streaming.lastOutcome = .completed(deltas: 120, millis: 2_900)
        return state
    }

    private func failedState(width: Int = 80, height: Int = 24) -> AppState {
        var state = ScreenFixtures.parametersState(width: width, height: height)
        state.screen.focus = .composer
        state.conversation.messages.append(Message(id: "u2", role: .user, content: "again?", createdAtMillis: ScreenFixtures.t0))
        state.conversation.messages.append(Message(
            id: "a2", role: .assistant, content: "Partial", createdAtMillis: ScreenFixtures.t0, status: .failed,
            error: APIError(message: "The connection closed before the reply finished.")))
        state.streaming.lastOutcome = .failed("The connection closed before the reply finished.")
        return state
    }

    func testLiveFigures() {
        XCTAssertEqual(status(liveState()).trimmingTrailingSpaces(),
                       " local · prem │ local-echo │ ▶ 120 tok · 46.3 tok/s · TTFT 0.31s · 2.9s")
    }

    func testLiveFiguresPreferTheServersTokenCount() {
        var state = liveState()
        state.streaming.active?.usage = TokenUsage(promptTokens: 12, completionTokens: 100)
        XCTAssertTrue(status(state).contains("▶ 100 tok · 38.6 tok/s"), status(state))
    }

    func testRetryCountdownCountsDownAndNeverGoesNegative() {
        XCTAssertTrue(status(retryState(now: Self.start + 2_500)).contains("↻ 429 rate limited · retry 1/3 in 3s · Esc cancel"))
        XCTAssertTrue(status(retryState(now: Self.start + 4_200)).contains("retry 1/3 in 1s"))
        // Due: the retry is on its way, so the line says the request waits again.
        let due = status(retryState(now: Self.start + 5_100))
        XCTAssertTrue(due.contains("⋯ waiting 0.0s · retry 1/3"), due)
        XCTAssertFalse(status(retryState(now: Self.start + 60_000)).contains("in -"))
        XCTAssertEqual(FigureText.secondsLeft(until: 1_000, now: 5_000), 0)
        XCTAssertEqual(FigureText.secondsLeft(until: 5_000, now: 4_999), 1)
        XCTAssertEqual(FigureText.secondsLeft(until: 5_000, now: 5_000), 0)
    }

    func testRetryReasons() {
        XCTAssertEqual(StatusText.reason(APIError(status: 503, message: "x")), "503 unavailable")
        XCTAssertEqual(StatusText.reason(APIError(message: "Could not connect")), "connection failed")
        XCTAssertEqual(StatusText.reason(APIError(status: 599, message: "x")), "HTTP 599")
    }

    func testIdleNoticeAfterTheConfiguredSeconds() {
        XCTAssertTrue(status(idleState()).contains("no data for 17 s · Esc cancel"), status(idleState()))
        var quiet = idleState()
        quiet.launch.profile.idleNoticeSeconds = 30
        XCTAssertFalse(status(quiet).contains("no data"), "not before the configured time")
        XCTAssertTrue(status(quiet).contains("▶ 10 tok"))
    }

    func testFinishedReplyShowsItsStoredFigures() {
        XCTAssertEqual(status(finishedState()).trimmingTrailingSpaces(),
                       " local · prem │ local-echo │ ✓ 120 tok · 46.3 tok/s · TTFT 0.31s · 2.9s  ⏎ send",
                       "the hints that fit, most useful first")
        // Without stored figures (or when they belong to another reply) the outcome speaks.
        var other = finishedState()
        other.streaming.lastOutcome = .completed(deltas: 7, millis: 1_000)
        XCTAssertTrue(status(other).contains("✓ done · 7 deltas in 1.0s"), status(other))
    }

    func testFailedAndInterruptedRepliesOfferCtrlR() {
        XCTAssertTrue(status(failedState()).contains("✗ failed (Ctrl+R retries): The connection closed"))
        var interrupted = failedState()
        interrupted.conversation.messages[interrupted.conversation.messages.count - 1].status = .interrupted
        interrupted.streaming.lastOutcome = .interrupted
        XCTAssertTrue(status(interrupted).contains("■ interrupted · Ctrl+R retries"))
        // A later successful reply ends the session: nothing to retry.
        var done = failedState()
        done.conversation.messages[done.conversation.messages.count - 1].status = .complete
        done.streaming.lastOutcome = .failed("old")
        XCTAssertEqual(status(done).contains("Ctrl+R"), false)
    }

    /// Each variant's status row at both sizes, and one whole screen, as snapshots.
    func testStatusLineVariants() {
        var rows: [String] = []
        for (width, height) in [(80, 24), (40, 12)] {
            rows.append("\(width)x\(height)")
            rows.append(status(liveState(width: width, height: height)))
            rows.append(status(retryState(now: Self.start + 2_500, width: width, height: height)))
            rows.append(status(idleState(width: width, height: height)))
            rows.append(status(finishedState(width: width, height: height)))
            rows.append(status(failedState(width: width, height: height)))
        }
        assertSnapshot(of: rows.joined(separator: "\n"), as: .lines)
        assertSnapshot(of: ScreenRenderer().render(retryState(now: Self.start + 2_500)).textLines().joined(separator: "\n"),
                       as: .lines, named: "retry-80x24")
    }
}
