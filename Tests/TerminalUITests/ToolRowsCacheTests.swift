import ChatCore
import Deterministic
import StreamProtocol
import XCTest
@testable import TerminalUI

/// The caches that draw tool rows draw exactly what a fresh render draws, whatever changes: the
/// conversation's layout cache (keyed on the turn, the results shown whole, a running call's
/// elapsed time, the keys named, the `tool` messages answering a call), the renderer's kept
/// panes (the conversation pane and the status line while a call waits or runs), and a compare
/// column's layout. Each walk changes one input at a time, so a key that misses an input fails.
final class ToolRowsCacheTests: XCTestCase {
    private typealias Fixture = ToolBlockTests

    private func rows(_ layout: ConversationLayout, width: Int) -> [StyledLine] {
        layout.rows(in: 0..<layout.totalRows(width: width), width: width)
    }

    func testTheConversationLayoutKeptAcrossToolStepsEqualsAFreshOne() {
        let second = ToolCall(index: 1, id: "call_2", name: "files__read_file", arguments: #"{"path":"b.md"}"#)
        let other = ToolCall(index: 2, id: "call_3", name: "weather__now", arguments: "{}")
        let calls = [Fixture.call, second, other]
        let longText = (1...12).map { "result line \($0)" }.joined(separator: "\n")
        let rebound = Keymap.defaults.applying([
            KeyOverride(command: "toggle-details", context: "conversation", keys: ["T"]),
            KeyOverride(command: "run-tool", context: "tool-approval", keys: ["Y"]),
        ]).0
        for seed in UInt64(1)...4 {
            var random = SplitMix64(seed: seed)
            let kept = ConversationLayout()
            let user = Message(id: "u", role: .user, content: "read my notes", createdAtMillis: 0)
            var messages = [user, Fixture.reply(calls)]
            var turn: ToolTurn? = ToolTurn(sessionID: "s", replyID: "r1", round: 1, calls: calls.map {
                ToolCallRun(call: $0, server: "files", tool: "read_file")
            })
            var expanded: Set<String> = []
            var now: Int64 = 1_000
            var keymap = Keymap.defaults
            var servers = [Fixture.files]
            var previousCount = messages.count
            for step in 0..<70 {
                switch random.next() % 9 {
                case 0:  // the next call starts, or ends with some outcome
                    if var current = turn, let index = current.currentIndex {
                        if case .running = current.calls[index].state {
                            let outcome = random.pick(ToolRunOutcome.allCases)
                            current.calls[index].state = .ended(outcome)
                            let record = outcome == .refused && random.next() % 2 == 0 ? nil
                                : ToolRunRecord(server: "files", tool: "read_file", outcome: outcome, elapsedMillis: Int64(random.next() % 5_000))
                            messages.append(Fixture.result(
                                random.next() % 2 == 0 ? longText : "short", id: "t\(step)", callID: current.calls[index].call.wireID, record: record))
                        } else {
                            current.calls[index].state = .running(startedAtMillis: now)
                        }
                        turn = current
                    }
                case 1, 2:  // the clock moves (by less than a tenth, sometimes)
                    now += Int64(random.next() % 400)
                case 3:  // a result shown whole, or folded again
                    if let result = messages.last(where: { $0.role == .tool }) {
                        if expanded.contains(result.id) { expanded.remove(result.id) } else { expanded.insert(result.id) }
                    }
                case 4:  // the turn ends (or a new one starts on a new reply)
                    if turn == nil {
                        var reply = Fixture.reply(calls)
                        reply.id = "r\(step)"
                        messages.append(reply)
                        turn = ToolTurn(sessionID: "s", replyID: reply.id, round: 2, calls: calls.map {
                            ToolCallRun(call: $0, server: "files", tool: "read_file")
                        })
                    } else {
                        turn = nil
                    }
                case 5:  // keys rebound
                    keymap = keymap == .defaults ? rebound : .defaults
                case 6:  // a server comes and goes
                    servers = servers.isEmpty ? [Fixture.files] : []
                case 7:  // a streaming reply with a call arriving, then done
                    if let last = messages.last, last.status == .streaming {
                        messages[messages.count - 1].toolCalls[0].arguments += #"x"}"#
                        messages[messages.count - 1].status = .complete
                    } else {
                        var reply = Fixture.reply([ToolCall(index: 0, id: "call_s\(step)", name: "files__read_file", arguments: #"{"p":""#)], status: .streaming)
                        reply.id = "s\(step)"
                        messages.append(reply)
                    }
                default:  // a result removed (a message deleted)
                    if messages.count > 2, messages.last?.role == .tool { messages.removeLast() }
                }
                var state = AppState(profile: ScreenFixtures.openAIProfile)
                state.keymap = keymap
                state.tools.servers = servers
                state.tools.turn = turn
                state.tools.expandedResults = expanded
                state.status.nowMillis = now
                let context = ToolRowsContext(state)
                kept.toolContext = context
                // As the renderer does: only the last message may have changed when the count
                // did not move.
                kept.update(messages: messages, unchangedPrefix: messages.count == previousCount ? messages.count - 1 : 0)
                previousCount = messages.count
                let fresh = ConversationLayout()
                fresh.toolContext = context
                fresh.update(messages: messages)
                for width in [30, 56] {
                    let keptRows = rows(kept, width: width)
                    let freshRows = rows(fresh, width: width)
                    guard keptRows == freshRows else {
                        XCTFail("seed \(seed) step \(step) width \(width): kept\n\(keptRows.map(\.text).joined(separator: "\n"))\nfresh\n"
                            + freshRows.map(\.text).joined(separator: "\n"))
                        return
                    }
                }
            }
        }
    }

    /// A conversation with no tool calls or results never derives tool views: the tools' state
    /// changing under it re-wraps nothing.
    func testWithoutToolRowsTheToolsStateRewrapsNothing() {
        let layout = ConversationLayout()
        let messages = (0..<50).map { Message(id: "m\($0)", role: $0 % 2 == 0 ? .user : .assistant, content: "text \($0)", createdAtMillis: 0) }
        layout.update(messages: messages)
        _ = layout.totalRows(width: 40)
        let wraps = layout.wrapCount
        layout.toolContext = Fixture.context(turn: Fixture.turn(.running(startedAtMillis: 0)), expanded: ["m1"], now: 5_000)
        layout.update(messages: messages)
        _ = layout.totalRows(width: 40)
        XCTAssertEqual(layout.wrapCount, wraps)
        XCTAssertEqual(layout.toolViewsDerived, 0, "no message has tool rows: nothing is derived")
    }

    /// With tool rows held, a frame where neither the messages nor the tool context changed
    /// derives no tool view (the clock is in the context only while a call runs).
    func testAnUnchangedFrameDerivesNoToolView() {
        let layout = ConversationLayout()
        let messages = [Fixture.reply(), Fixture.result("ok")]
        layout.toolContext = Fixture.context(now: 1_000)
        layout.update(messages: messages)
        let derived = layout.toolViewsDerived
        XCTAssertEqual(derived, 2)
        layout.toolContext = Fixture.context(now: 9_000)
        layout.update(messages: messages, unchangedPrefix: 1)
        XCTAssertEqual(layout.toolViewsDerived, derived, "nothing runs: the clock is not an input")
        layout.toolContext = Fixture.context(expanded: ["t1"], now: 9_000)
        layout.update(messages: messages, unchangedPrefix: 1)
        XCTAssertEqual(layout.toolViewsDerived, derived + 2)
    }

    /// A running call's row is wrapped again only when its tenths of a second move.
    func testARunningCallRewrapsOnlyWhenItsFigureMoves() {
        let layout = ConversationLayout()
        let messages = [Fixture.reply()]
        let turn = Fixture.turn(.running(startedAtMillis: 1_000))
        layout.toolContext = Fixture.context(turn: turn, now: 1_000)
        layout.update(messages: messages)
        _ = layout.totalRows(width: 40)
        let wraps = layout.wrapCount
        layout.toolContext = Fixture.context(turn: turn, now: 1_050)
        layout.update(messages: messages, unchangedPrefix: 1)
        _ = layout.totalRows(width: 40)
        XCTAssertEqual(layout.wrapCount, wraps, "same tenth")
        layout.toolContext = Fixture.context(turn: turn, now: 1_150)
        layout.update(messages: messages, unchangedPrefix: 1)
        _ = layout.totalRows(width: 40)
        XCTAssertEqual(layout.wrapCount, wraps + 1)
    }

    /// The renderer keeping panes across frames draws what drawing every pane draws while a
    /// call waits, runs (its time in the block and on the status line) and ends.
    func testKeptPanesEqualFreshRendersThroughATurn() {
        var state = ScreenFixtures.parametersState(profile: ScreenFixtures.openAIProfile, width: 100, height: 30)
        state.screen.focus = .conversation
        state.tools.servers = [Fixture.files]
        state.conversation.messages += [Fixture.reply()]
        let renderer = ScreenRenderer()
        let whole = ScreenRenderer(reusesPanes: false)
        func check(_ label: String) {
            let kept = renderer.render(state)
            let fresh = whole.render(state)
            XCTAssertEqual(kept, fresh, "\(label):\n\(kept.textLines().joined(separator: "\n"))\nfresh:\n\(fresh.textLines().joined(separator: "\n"))")
        }
        check("no turn")
        state.tools.turn = Fixture.turn(.awaitingApproval)
        check("awaiting")
        state.screen.focus = .composer
        check("awaiting, focus elsewhere")
        state.screen.focus = .conversation
        // Read first: an optional-chained assignment holds `state` while its right side is built.
        let started = state.status.nowMillis
        state.tools.turn?.calls[0].state = .running(startedAtMillis: started)
        check("running")
        for _ in 0..<5 {
            state.status.nowMillis += 130
            check("running, ticking")
        }
        state.tools.turn?.calls[0].state = .ended(.succeeded)
        state.conversation.messages.append(Fixture.result((1...8).map { "l\($0)" }.joined(separator: "\n")))
        check("ended")
        state.tools.turn = nil
        check("turn over")
        state.tools.expandedResults = ["t1"]
        check("expanded")
    }

    /// A compare column's layout, kept while its reply streams a call and ends, equals a fresh one.
    func testACompareColumnsLayoutEqualsAFreshOne() {
        let kept = ConversationLayout()
        kept.toolContext = .compare
        var reply = Fixture.reply([ToolCall(index: 0, id: "c", name: "files__read_file", arguments: "{")], status: .streaming)
        for step in 0..<4 {
            if step == 3 { reply.status = .complete } else { reply.toolCalls[0].arguments += #""a":1"#.prefix(step + 1) }
            kept.update(messages: [reply])
            let fresh = ConversationLayout()
            fresh.toolContext = .compare
            fresh.update(messages: [reply])
            XCTAssertEqual(rows(kept, width: 40), rows(fresh, width: 40), "step \(step)")
        }
        XCTAssertTrue(rows(kept, width: 40).map(\.text).joined().contains("tool calls are not run in compare"))
    }
}
