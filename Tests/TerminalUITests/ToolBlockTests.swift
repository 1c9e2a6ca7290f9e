import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest
@testable import TerminalUI

/// Tool calls and tool results as the conversation shows them (issue 23): a call's block with
/// its state (the approval prompt with the keymap's keys, the running time, the outcome, "answered
/// by hand", "no result"), a result folded to a few lines and shown whole, untrusted text drawn
/// safe, and a compare column's note. Text snapshots of the cell grid, with role maps where the
/// colour is the point.
final class ToolBlockTests: XCTestCase {
    static let files = ToolServerStatus(
        name: "files", phase: .running,
        tools: [ToolSpec(server: "files", name: "read_file", description: "Read a file", inputSchemaJSON: "{}")],
        logPath: "/data/mcp/files.log")

    static let call = ToolCall(index: 0, id: "call_1", name: "files__read_file", arguments: #"{"path":"notes/todo.md","lines":3}"#)

    static func reply(_ calls: [ToolCall] = [ToolBlockTests.call], status: MessageStatus = .complete) -> Message {
        var message = Message(id: "r1", role: .assistant, content: "", createdAtMillis: 0, status: status, model: "m")
        message.toolCalls = calls
        message.finishReason = status == .complete ? "tool_calls" : nil
        return message
    }

    static func result(
        _ text: String, id: String = "t1", callID: String = "call_1", record: ToolRunRecord? = ToolRunRecord(
            server: "files", tool: "read_file", outcome: .succeeded, elapsedMillis: 412)
    ) -> Message {
        var message = Message(id: id, role: .tool, content: text, createdAtMillis: 0)
        message.toolCallID = callID
        message.toolRun = record
        return message
    }

    static func context(
        turn: ToolTurn? = nil, expanded: Set<String> = [], now: Int64 = 0, keymap: Keymap = .defaults
    ) -> ToolRowsContext {
        var state = AppState(profile: ScreenFixtures.openAIProfile)
        state.keymap = keymap
        state.tools.servers = [files]
        state.tools.turn = turn
        state.tools.expandedResults = expanded
        state.status.nowMillis = now
        return ToolRowsContext(state)
    }

    static func turn(_ state: ToolCallRun.State, calls: [ToolCall] = [call]) -> ToolTurn {
        ToolTurn(sessionID: "s", replyID: "r1", round: 1, calls: calls.enumerated().map { index, call in
            ToolCallRun(call: call, server: "files", tool: "read_file", state: index == 0 ? state : .awaitingApproval)
        })
    }

    /// The rows drawn into a grid `width` wide: text, and the role map when asked.
    static func drawn(_ messages: [Message], context: ToolRowsContext, width: Int = 56, roles: Bool = false) -> String {
        let layout = ConversationLayout()
        layout.toolContext = context
        layout.update(messages: messages)
        let total = layout.totalRows(width: width)
        var grid = CellGrid(width: width, height: max(1, total))
        layout.draw(into: &grid, rect: grid.bounds, firstRow: 0)
        let text = grid.textLines().map { $0.trimmingTrailingSpaces() }.joined(separator: "\n")
        return roles ? text + "\n\n" + grid.roleLines().joined(separator: "\n") : text
    }

    func testACallAwaitingApprovalShowsTheKeysOfTheKeymap() {
        let text = Self.drawn([Self.reply()], context: Self.context(turn: Self.turn(.awaitingApproval)), roles: true)
        assertSnapshot(of: text, as: .lines)
        XCTAssertTrue(text.contains("⚙ files · read_file"))
        XCTAssertTrue(text.contains("y run · a always · n refuse · A run all · Esc stop"))
    }

    func testARunAllKeyReboundShowsAsBound() {
        let keymap = Keymap.defaults.applying([KeyOverride(command: "run-all-tools", context: "tool-approval", keys: ["R"])]).0
        let text = Self.drawn([Self.reply()], context: Self.context(turn: Self.turn(.awaitingApproval), keymap: keymap))
        XCTAssertTrue(text.contains("R run all"), text)
    }

    func testTwoCallsTheSecondWaitsForTheFirst() {
        let second = ToolCall(index: 1, id: "call_2", name: "files__read_file", arguments: #"{"path":"b"}"#)
        let text = Self.drawn([Self.reply([Self.call, second])], context: Self.context(turn: Self.turn(.awaitingApproval, calls: [Self.call, second])))
        assertSnapshot(of: text, as: .lines)
    }

    func testARunningCallShowsItsElapsedTime() {
        let started: Int64 = 10_000
        let text = Self.drawn([Self.reply()], context: Self.context(turn: Self.turn(.running(startedAtMillis: started)), now: started + 3_250))
        assertSnapshot(of: text, as: .lines)
        XCTAssertTrue(text.contains("running 3.2 s · Esc stops"), text)
    }

    func testASucceededResultFoldedAndExpanded() {
        let lines = (1...9).map { "line \($0) of the file" }.joined(separator: "\n")
        let messages = [Self.reply(), Self.result(lines)]
        let folded = Self.drawn(messages, context: Self.context())
        assertSnapshot(of: folded, as: .lines, named: "folded")
        XCTAssertTrue(folded.contains("… 5 more lines · t shows all"), folded)
        XCTAssertTrue(folded.contains("result · files · read_file · 0.4 s"), folded)
        let expanded = Self.drawn(messages, context: Self.context(expanded: ["t1"]))
        assertSnapshot(of: expanded, as: .lines, named: "expanded")
        XCTAssertTrue(expanded.contains("line 9 of the file"))
    }

    func testFailedRefusedTimedOutAndStoppedOutcomesInTheirColours() {
        var shown: [String] = []
        for outcome in [ToolRunOutcome.failed, .refused, .timedOut, .stopped] {
            let record = ToolRunRecord(server: "files", tool: "read_file", outcome: outcome, elapsedMillis: 60_000)
            shown.append(Self.drawn([Self.reply(), Self.result("no such file", record: record)], context: Self.context(), roles: true))
        }
        assertSnapshot(of: shown.joined(separator: "\n\n"), as: .lines)
    }

    func testAnEndedCallInTheTurnShowsItsOutcome() {
        let text = Self.drawn([Self.reply()], context: Self.context(turn: Self.turn(.ended(.timedOut))))
        XCTAssertTrue(text.contains("⚠ timed out"), text)
    }

    func testAResultTypedByHandAndACallNothingAnswered() {
        let byHand = Self.drawn([Self.reply(), Self.result("42", record: nil)], context: Self.context())
        assertSnapshot(of: byHand, as: .lines, named: "by-hand")
        XCTAssertTrue(byHand.contains("answered by hand"))
        let notRun = Self.drawn([Self.reply()], context: Self.context())
        assertSnapshot(of: notRun, as: .lines, named: "not-run")
        XCTAssertTrue(notRun.contains("no result"))
        let streaming = Self.drawn([Self.reply(status: .streaming)], context: Self.context())
        XCTAssertFalse(streaming.contains("no result"), "a call still arriving has no state yet")
    }

    func testANameThatIsNotAnMCPToolIsShownAsSent() {
        let call = ToolCall(index: 0, id: "call_9", name: "get_weather", arguments: #"{"city":"Paris"}"#)
        let text = Self.drawn([Self.reply([call])], context: Self.context())
        XCTAssertTrue(text.contains("tool call · get_weather · call_9"), text)
    }

    func testUntrustedNamesArgumentsAndResultsAreDrawnSafe() {
        let evil = ToolCall(index: 0, id: "call_1", name: "files__read_file", arguments: "{\"path\":\"\u{1B}[2J\u{1B}]52;c;aGk=\u{07}\"}")
        let record = ToolRunRecord(server: "files\u{1B}[31m", tool: "read\u{9B}file", outcome: .succeeded, elapsedMillis: 5)
        let text = Self.drawn([Self.reply([evil]), Self.result("ok \u{1B}[2J done\u{1B}]0;title\u{07}", record: record)], context: Self.context())
        assertSnapshot(of: text, as: .lines)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }, text)
    }

    /// The compare screen: a column whose reply asked for a call of a configured server's tool
    /// shows the call by server and tool, and the line saying compare runs no tools.
    func testACompareScreenColumnWithACall() {
        let state = Self.givenACompareWhoseFirstColumnCallsATool()
        let screen = ScreenRenderer().render(state).textLines().joined(separator: "\n")
        assertSnapshot(of: screen, as: .lines)
        XCTAssertTrue(screen.contains("⚙ files · read_file"), screen)
        XCTAssertTrue(screen.contains("tool calls are not run in compare"), screen)
    }

    func testACompareColumnShowsItsCallsAndSaysTheyAreNotRun() {
        let text = Self.drawn([Self.reply()], context: .compare)
        assertSnapshot(of: text, as: .lines)
        XCTAssertTrue(text.contains("tool calls are not run in compare"))
        XCTAssertFalse(text.contains("no result\n"), "no per-call state in compare")
    }

    /// Setup: a compare of two temperatures whose first column asked for `files__read_file` and
    /// whose second answered in text (the reducer's effects are the compare's streams, which
    /// the compare tests assert; here only the screen is looked at).
    static func givenACompareWhoseFirstColumnCallsATool() -> AppState {
        var state = AppState(profile: ScreenFixtures.openAIProfile, terminalWidth: 120, terminalHeight: 24)
        state.tools.servers = [Self.files]
        // A closure, not a nested func: the effects guard reads a `func` line as a new function.
        let key = { (key: Key, id: String) -> Action in .keyPressed(key, Stamp(nowMillis: 1_000, freshID: id, random: 0)) }
        for c in "Read my todo list" { _ = reduce(&state, key(.character(c), "k")) }
        _ = reduce(&state, key(.control("g"), "k"))
        for c in "temperature=0.2,1.0" { _ = reduce(&state, key(.character(c), "k")) }
        _ = reduce(&state, key(.enter, "C1"))
        let ids = state.compare.run?.columns.map(\.stream.requestID) ?? []
        XCTAssertEqual(ids.count, 2)
        guard let first = ids.first, let last = ids.last else { return state }
        _ = reduce(&state, .streamReceived(first, [
            .model("m"), .toolCall(ToolCallDelta(index: 0, id: "call_1", name: "files__read_file", arguments: #"{"path":"todo.md"}"#)),
            .done(StreamCompletion()),
        ], nowMillis: 1_200))
        _ = reduce(&state, .streamReceived(last, [.model("m"), .content("I cannot read files.")], nowMillis: 1_300))
        return state
    }
}
