import ChatCore
import SnapshotTesting
import StreamProtocol
import TerminalUI
import XCTest

/// The whole screen rendered from `AppState` by the renderer the app uses, as text snapshots.
final class ScreenRendererTests: XCTestCase {
    private let profile = Profile(
        name: "local", baseURL: "http://127.0.0.1:8080", dialect: .prem, projectID: 1, defaultModel: "local-echo")

    /// A conversation mid-stream, with CJK and emoji, an error entry and a parameter set.
    /// Setup only: the reducer's steps are asserted in ChatCoreTests; these tests look at what is drawn.
    private func givenStreamingState(width: Int, height: Int) -> AppState {
        var state = AppState(profile: profile, terminalWidth: width, terminalHeight: height)
        state.status.nowMillis = 10_000_000
        let t: Int64 = 10_000_000 - 5 * 60_000
        state.sessions.list = [
            SessionSummary(id: "s2", title: "日本語のテスト 🚀", createdAtMillis: t, updatedAtMillis: t),
            SessionSummary(id: "s1", title: "Hello there", createdAtMillis: t - 86_400_000, updatedAtMillis: t - 86_400_000),
        ]
        _ = reduce(&state, .sessionsLoaded(state.sessions.list))
        _ = reduce(&state, .conversationLoaded(sessionID: "s2", window: .whole([
            Message(id: "u1", role: .user, content: "こんにちは！ Say hi in 中文 please 🙂", createdAtMillis: t),
            Message(id: "a1", role: .assistant, content: "你好！ 👋 Hello — wide glyphs line up.", createdAtMillis: t, model: "local-echo"),
            Message(id: "u2", role: .user, content: "and an error?", createdAtMillis: t),
            Message(id: "a2", role: .assistant, content: "", createdAtMillis: t, status: .failed,
                    error: APIError(status: 429, code: "RateLimitError", message: "Too many requests")),
        ]), parameters: SessionParameters(temperature: 0.7, maxTokens: 512)))
        for c in "next question" { _ = reduce(&state, .keyPressed(.character(c), Stamp(nowMillis: 10_000_000, freshID: "x", random: 0))) }
        _ = reduce(&state, .keyPressed(.enter, Stamp(nowMillis: 10_000_000, freshID: "r", random: 0)))
        _ = reduce(&state, .streamReceived(RequestID(1), [.model("local-echo"), .content("Streaming ␛ safe: \u{1B}[2J tail")], nowMillis: 10_000_400))
        return state
    }

    func testStreaming80x24() {
        let grid = ScreenRenderer().render(givenStreamingState(width: 80, height: 24))
        assertSnapshot(of: grid.textLines().joined(separator: "\n"), as: .lines)
        XCTAssertFalse(grid.cells.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B } }, "no raw ESC reaches the grid")
    }

    func testStreaming40x12() {
        assertSnapshot(of: ScreenRenderer().render(givenStreamingState(width: 40, height: 12)).textLines().joined(separator: "\n"), as: .lines)
    }

    func testParametersFocusedAt40x12ShowsThePaneInPlaceOfTheConversation() {
        var state = givenStreamingState(width: 40, height: 12)
        XCTAssertEqual(reduce(&state, .keyPressed(.alt("3"), Stamp(nowMillis: 0, freshID: "k", random: 0))), [])
        let text = ScreenRenderer().render(state).textLines().joined(separator: "\n")
        assertSnapshot(of: text, as: .lines)
        XCTAssertTrue(text.contains("temperature"))
    }

    /// 80x24 is cramped: Alt+Z gives the conversation the full width, and back.
    func testZoomedAt80x24TheConversationTakesTheFullWidth() {
        var state = givenStreamingState(width: 80, height: 24)
        XCTAssertEqual(reduce(&state, .keyPressed(.alt("z"), Stamp(nowMillis: 0, freshID: "k", random: 0))), [])
        let text = ScreenRenderer().render(state).textLines().joined(separator: "\n")
        assertSnapshot(of: text, as: .lines)
        XCTAssertFalse(text.contains("temperature"), "the parameters pane is hidden")
        XCTAssertEqual(reduce(&state, .keyPressed(.alt("3"), Stamp(nowMillis: 0, freshID: "k", random: 0))), [])
        XCTAssertTrue(ScreenRenderer().render(state).textLines().joined().contains("temperature"),
                      "a side pane focused while zoomed shows in the conversation's place")
        XCTAssertEqual(reduce(&state, .keyPressed(.alt("z"), Stamp(nowMillis: 0, freshID: "k", random: 0))), [])
        XCTAssertEqual(reduce(&state, .keyPressed(.alt("4"), Stamp(nowMillis: 0, freshID: "k", random: 0))), [])
        let back = ScreenRenderer().render(state).textLines()
        let before = ScreenRenderer().render(givenStreamingState(width: 80, height: 24)).textLines()
        XCTAssertEqual(Array(back.prefix(23)), Array(before.prefix(23)), "unzoomed, the panes are back where they were")
    }

    /// Rename and export are typed in a labelled prompt across the foot of the screen, not
    /// into the sessions pane's border: the whole name shows, with its format and keys.
    func testRenameAndExportPromptsAt80x24And40x12() {
        func key(_ key: Key, _ state: inout AppState) {
            XCTAssertEqual(reduce(&state, .keyPressed(key, Stamp(nowMillis: 0, freshID: "k", random: 0))), [])
        }
        var state = givenStreamingState(width: 80, height: 24)
        key(.alt("1"), &state)
        key(.character("x"), &state)
        let renderer = ScreenRenderer()
        let export = renderer.render(state)
        assertSnapshot(of: export.textLines().joined(separator: "\n"), as: .lines, named: "export-80x24")
        XCTAssertEqual(export.cursor?.y, 21, "the caret is on the prompt's line")
        key(.tab, &state)
        assertSnapshot(of: renderer.render(state).textLines().joined(separator: "\n"), as: .lines, named: "json-80x24")
        key(.escape, &state)
        XCTAssertFalse(renderer.render(state).textLines().joined().contains("Export"), "Esc closes the prompt")
        var narrow = givenStreamingState(width: 40, height: 12)
        key(.alt("1"), &narrow)
        key(.character("R"), &narrow)
        for _ in 0..<30 { key(.character("x"), &narrow) }
        assertSnapshot(of: renderer.render(narrow).textLines().joined(separator: "\n"), as: .lines, named: "rename-40x12")
    }

    func testHelpOverlayAndTooSmall() {
        var state = givenStreamingState(width: 80, height: 24)
        XCTAssertEqual(reduce(&state, .keyPressed(.function(1), Stamp(nowMillis: 0, freshID: "k", random: 0))), [])
        let renderer = ScreenRenderer()
        assertSnapshot(of: renderer.render(state).textLines().joined(separator: "\n"), as: .lines)
        // The frame reports how many rows the help has; the arrows scroll within them.
        let metrics = renderer.lastReport.overlay
        XCTAssertEqual(metrics.viewportRows, 20)
        XCTAssertGreaterThanOrEqual(metrics.totalRows, KeymapDocument.helpRows(state.keymap).count,
                                    "at least one row per binding and heading (long descriptions wrap)")
        XCTAssertEqual(reduce(&state, .frameReported(renderer.lastReport)), [])
        for _ in 0..<5 { XCTAssertEqual(reduce(&state, .keyPressed(.down, Stamp(nowMillis: 0, freshID: "k", random: 0))), []) }
        let scrolled = renderer.render(state).textLines().joined(separator: "\n")
        assertSnapshot(of: scrolled, as: .lines, named: "scrolled")
        XCTAssertTrue(scrolled.contains("↑ 5 more"), scrolled)
        XCTAssertEqual(reduce(&state, .keyPressed(.end, Stamp(nowMillis: 0, freshID: "k", random: 0))), [])
        XCTAssertEqual(state.destination?.scroll?.requestedRow, metrics.maxTopRow)
        let bottom = renderer.render(state).textLines().joined(separator: "\n")
        XCTAssertNil(bottom.range(of: #"↓ \d+ more"#, options: .regularExpression), "End shows the last row")
        XCTAssertTrue(bottom.contains(KeyContext.palette.title), "the last context is on screen")
        XCTAssertEqual(reduce(&state, .terminalResized(width: 39, height: 12)), [])
        XCTAssertTrue(ScreenRenderer().render(state).textLines().joined().contains("too small"))
    }

    /// The renderer reports what it measured so scroll keys know the conversation's size.
    func testFrameReportsScrollMetricsAndScrolledTitle() {
        let renderer = ScreenRenderer()
        var state = givenStreamingState(width: 80, height: 24)
        _ = renderer.render(state)
        let metrics = renderer.lastReport.conversation
        XCTAssertGreaterThan(metrics.totalRows, 10)
        XCTAssertGreaterThan(metrics.viewportRows, 5)
        XCTAssertEqual(reduce(&state, .frameReported(renderer.lastReport)), [])
        XCTAssertEqual(reduce(&state, .keyPressed(.pageUp, Stamp(nowMillis: 0, freshID: "k", random: 0))), [])
        let text = renderer.render(state).textLines().joined(separator: "\n")
        XCTAssertTrue(text.contains("scrolled"), text)
    }

    /// Only the streaming reply changes between frames: the earlier messages are not re-wrapped,
    /// and what is drawn equals a fresh renderer's frame (the caches never change the output).
    func testIncrementalFramesEqualFreshFrames() {
        let renderer = ScreenRenderer()
        var state = givenStreamingState(width: 80, height: 24)
        for i in 0..<50 {
            XCTAssertEqual(reduce(&state, .streamReceived(RequestID(1), [.content(" word\(i)")], nowMillis: 10_000_500)), [])
            XCTAssertEqual(renderer.render(state), ScreenRenderer().render(state))
        }
        let sent = state.streaming.active?.reply.request
        let finished = reduce(&state, .streamReceived(RequestID(1), [.done(StreamCompletion(traceID: "t"))], nowMillis: 10_001_000))
        var reply = state.conversation.messages.last
        reply?.request = sent  // the final save stores the reply with the request it was sent with
        XCTAssertEqual(finished, reply.map { [.saveMessage($0, sessionID: "s2")] })
        XCTAssertEqual(renderer.render(state), ScreenRenderer().render(state))
        XCTAssertEqual(reduce(&state, .keyPressed(.control("n"), Stamp(nowMillis: 0, freshID: "k", random: 0))), [])
        XCTAssertEqual(renderer.render(state), ScreenRenderer().render(state))
    }
}
