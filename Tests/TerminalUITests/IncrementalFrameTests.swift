import ChatCore
import Deterministic
import StreamProtocol
import XCTest
@testable import TerminalUI

/// A renderer that keeps side panes from the last frame draws exactly what one that draws every
/// pane every frame draws, after any sequence of typing, focus moves, overlays, streaming,
/// scrolling, ticks and resizes. (Both are kept across frames: the lists' scroll positions are
/// view state a renderer carries, whatever it redraws.)
final class IncrementalFrameTests: XCTestCase {
    private let keys: [Key] = [
        .character("a"), .character("b"), .character(" "), .character("日"), .enter, .altEnter, .tab, .backTab,
        .alt("1"), .alt("2"), .alt("3"), .alt("4"), .up, .down, .left, .right, .pageUp, .pageDown, .home, .end,
        .function(1), .escape, .control("k"), .control("u"), .backspace, .character("j"), .character("k"),
        .character("r"), .character("i"), .control("n"),
    ]
    private let sizes: [(Int, Int)] = [(80, 24), (120, 40), (60, 20), (39, 11), (200, 60)]

    /// Answer mode changes only the message box's title, with the focus already there: the
    /// reused frame must still show it (its key once left the answer out).
    func testEnteringAndLeavingToolAnswerModeRedrawsTheMessageBox() {
        var state = AppState(profile: Profile(
            name: "local", baseURL: "http://127.0.0.1:9/v1", dialect: .openai, projectID: nil, defaultModel: "m"))
        state.conversation.messages = [Message(id: "u", role: .user, content: "time?", createdAtMillis: 0)]
        var reply = Message(id: "a", role: .assistant, content: "", createdAtMillis: 1)
        reply.reasoning = "Need the clock."
        reply.toolCalls = [ToolCall(index: 0, id: "call_1", name: "clock", arguments: "{}")]
        reply.finishReason = "tool_calls"
        state.conversation.messages.append(reply)
        state.conversation.activeSessionID = "s"
        let renderer = ScreenRenderer()
        let whole = ScreenRenderer(reusesPanes: false)
        XCTAssertEqual(renderer.render(state), whole.render(state))
        state.composer.toolAnswer = ToolAnswer(callID: "call_1", name: "clock")
        let answering = renderer.render(state)
        XCTAssertEqual(answering, whole.render(state))
        XCTAssertTrue(answering.textLines().joined().contains("Result of clock"))
        state.composer.toolAnswer = nil
        XCTAssertEqual(renderer.render(state), whole.render(state))
    }

    func testIncrementalFramesEqualFreshRenders() {
        for seed in UInt64(1)...4 {
            var random = SplitMix64(seed: seed)
            var state = AppState(profile: Profile(
                name: "local", baseURL: "http://127.0.0.1:9", dialect: .prem, projectID: 7, defaultModel: "local-echo"))
            state.sessions.list = [
                SessionSummary(id: "s1", title: "First", createdAtMillis: 1_000, updatedAtMillis: 50_000),
                SessionSummary(id: "s2", title: "Second 日本", createdAtMillis: 1_000, updatedAtMillis: 2_000),
            ]
            // Session s1 is long and opens as a window, so reads of pages (anchored above the
            // view, trimmed below it) happen along the way, answered from `stored`.
            var stored = (0..<1_500).map { index in
                Message(id: "h\(index)", role: index % 2 == 0 ? .user : .assistant,
                        content: String(repeating: "line \(index) ", count: 1 + index % 9), createdAtMillis: Int64(index))
            }
            XCTAssertEqual(reduce(&state, .conversationLoaded(sessionID: "s1", window: Self.page(stored, .newest), parameters: nil)), [])
            let renderer = ScreenRenderer()
            let whole = ScreenRenderer(reusesPanes: false)
            var streamID: RequestID?
            var pagesRead = 0
            var now: Int64 = 100_000
            for step in 0..<300 {
                now += Int64(random.next() % 700)
                let stamp = Stamp(nowMillis: now, freshID: "id\(seed)-\(step)", random: random.next())
                var actions: [Action] = []
                switch random.next() % 12 {
                case 0...4:
                    actions = [.keyPressed(random.pick(keys), stamp)]
                case 5, 6:
                    if let id = streamID {
                        let words = ["hello ", "wörld ", "日本語 ", "\n", "`code` ", "e\u{301} ", "👍🏽 "]
                        actions = [.streamReceived(id, [.content(random.pick(words))], nowMillis: now)]
                    } else {
                        actions = [.keyPressed(.character("q"), stamp), .keyPressed(.alt("4"), stamp), .keyPressed(.enter, stamp)]
                    }
                case 7:
                    if let id = streamID {
                        actions = [.streamReceived(id, [.done(StreamCompletion())], nowMillis: now),
                                   .streamClosed(id, failure: nil, nowMillis: now)]
                    }
                case 8:
                    let (width, height) = random.pick(sizes)
                    actions = [.terminalResized(width: width, height: height)]
                case 9:
                    // Long scrolls through the conversation: pages are read above and below.
                    let key = random.pick([Key.pageUp, .pageUp, .pageDown, .home, .end])
                    actions = [.keyPressed(.alt("2"), stamp)] + Array(repeating: .keyPressed(key, stamp), count: 1 + Int(random.next() % 8))
                case 10:
                    if state.conversation.activeSessionID != "s1", state.streaming.active == nil {
                        actions = [.conversationLoaded(sessionID: "s1", window: Self.page(stored, .newest), parameters: nil)]
                    }
                default:
                    actions = [.clockTicked(nowMillis: now)]
                }
                var pending = actions[...]
                while let action = pending.popFirst() {
                    for effect in reduce(&state, action) {
                        switch effect {
                        case let .startStream(id, _): streamID = id
                        case let .saveMessage(message, "s1"):
                            if let i = stored.firstIndex(where: { $0.id == message.id }) { stored[i] = message } else { stored.append(message) }
                        case let .loadMessages("s1", position):
                            pending.append(.messagesLoaded(sessionID: "s1", position: position, window: Self.page(stored, position)))
                            pagesRead += 1
                        case .loadRequestHistory("s1", nil):
                            pending.append(.requestHistoryLoaded(sessionID: "s1", messages: stored))
                        default: break
                        }
                    }
                }
                if state.streaming.active == nil { streamID = nil }
                let kept = renderer.render(state)
                let fresh = whole.render(state)
                guard kept == fresh else {
                    XCTFail("seed \(seed) step \(step): the renderer keeping panes drew\n\(kept.textLines().joined(separator: "\n"))\n"
                        + "drawing every pane gives\n\(fresh.textLines().joined(separator: "\n"))")
                    return
                }
                // As the run loop does: the frame's report goes back to the reducer, and a page
                // it asks for arrives before the next frame.
                for case let .loadMessages("s1", position) in reduce(&state, .frameReported(renderer.lastReport)) {
                    XCTAssertEqual(reduce(&state, .messagesLoaded(sessionID: "s1", position: position, window: Self.page(stored, position))), [])
                    pagesRead += 1
                }
            }
            XCTAssertGreaterThan(pagesRead, 0, "seed \(seed): the run read pages of the long session")
        }
    }

    /// What the store answers for `position` in `messages`.
    static func page(_ messages: [Message], _ position: WindowPosition) -> MessageWindow {
        let size = ConversationWindow.pageSize
        let range: Range<Int>
        switch position {
        case .newest: range = max(0, messages.count - size)..<messages.count
        case .oldest: range = 0..<min(size, messages.count)
        case let .before(id):
            guard let index = messages.firstIndex(where: { $0.id == id }) else { return MessageWindow(messages: []) }
            range = max(0, index - size)..<index
        case let .after(id):
            guard let index = messages.firstIndex(where: { $0.id == id }) else { return MessageWindow(messages: []) }
            range = (index + 1)..<min(messages.count, index + 1 + size)
        case let .around(id):
            guard let index = messages.firstIndex(where: { $0.id == id }) else { return MessageWindow(messages: []) }
            range = max(0, index - size / 2)..<min(messages.count, max(0, index - size / 2) + size)
        }
        guard !range.isEmpty else { return MessageWindow(messages: []) }
        return MessageWindow(
            messages: Array(messages[range]), earlierCount: range.lowerBound, laterCount: messages.count - range.upperBound)
    }
}
