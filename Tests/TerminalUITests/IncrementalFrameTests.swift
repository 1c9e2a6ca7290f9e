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

    func testIncrementalFramesEqualFreshRenders() {
        for seed in UInt64(1)...4 {
            var random = SplitMix64(seed: seed)
            var state = AppState(profile: Profile(
                name: "local", baseURL: "http://127.0.0.1:9", dialect: .prem, projectID: 7, defaultModel: "local-echo"))
            state.sessions = [
                SessionSummary(id: "s1", title: "First", createdAtMillis: 1_000, updatedAtMillis: 50_000),
                SessionSummary(id: "s2", title: "Second 日本", createdAtMillis: 1_000, updatedAtMillis: 2_000),
            ]
            let renderer = ScreenRenderer()
            let whole = ScreenRenderer(reusesPanes: false)
            var streamID: RequestID?
            var now: Int64 = 100_000
            for step in 0..<300 {
                now += Int64(random.next() % 700)
                let stamp = Stamp(nowMillis: now, freshID: "id\(seed)-\(step)", random: random.next())
                var actions: [Action] = []
                switch random.next() % 10 {
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
                default:
                    actions = [.clockTicked(nowMillis: now)]
                }
                for action in actions {
                    for effect in reduce(&state, action) {
                        if case let .startStream(id, _) = effect { streamID = id }
                    }
                }
                if state.stream == nil { streamID = nil }
                let kept = renderer.render(state)
                let fresh = whole.render(state)
                guard kept == fresh else {
                    XCTFail("seed \(seed) step \(step): the renderer keeping panes drew\n\(kept.textLines().joined(separator: "\n"))\n"
                        + "drawing every pane gives\n\(fresh.textLines().joined(separator: "\n"))")
                    return
                }
                // As the run loop does: the frame's measurements go back to the reducer.
                _ = reduce(&state, .conversationMeasured(renderer.lastConversationMetrics))
                _ = reduce(&state, .overlayMeasured(renderer.lastOverlayMetrics))
            }
        }
    }
}
