import ChatCore
import StreamProtocol
import TerminalUI
import XCTest

/// When older messages are read in above the view (or newer ones trimmed below), the frame
/// keeps the same text on screen: the reducer anchors the top to a message and a row, the
/// renderer draws it there and reports the row, and nothing on screen moves.
final class WindowAnchorTests: XCTestCase {
    private let profile = Profile(name: "local", baseURL: "http://127.0.0.1:9", dialect: .prem, projectID: 1, defaultModel: "m")
    private let stamp = Stamp(nowMillis: 1, freshID: "k", random: 0)

    private func message(_ index: Int) -> Message {
        // Lengths vary, so messages wrap to different row counts.
        let words = String(repeating: "word\(index) ", count: 1 + index % 7)
        return Message(id: "m\(index)", role: index % 2 == 0 ? .user : .assistant, content: words, createdAtMillis: 0)
    }

    /// The conversation pane's lines (everything between its borders).
    private func conversationLines(_ grid: CellGrid) -> [String] {
        Array(grid.textLines().dropFirst().prefix(14))
    }

    func testReadingOlderMessagesAboveTheViewMovesNothingOnScreen() {
        var state = AppState(profile: profile, terminalWidth: 100, terminalHeight: 20)
        XCTAssertEqual(reduce(&state, .conversationLoaded(
            sessionID: "s", window: MessageWindow(messages: (300..<500).map(message), earlierCount: 300), parameters: nil)), [])
        state.screen.focus = .conversation
        let renderer = ScreenRenderer()
        _ = renderer.render(state)
        XCTAssertEqual(reduce(&state, .frameReported(renderer.lastReport)), [])
        // Page up until the view is near the window's top and a read is asked for.
        var effects: [Effect] = []
        for _ in 0..<200 where effects.isEmpty {
            XCTAssertEqual(reduce(&state, .keyPressed(.pageUp, stamp)), [])
            _ = renderer.render(state)
            effects = reduce(&state, .frameReported(renderer.lastReport))
        }
        XCTAssertEqual(effects, [.loadMessages(sessionID: "s", .before(messageID: "m300"))])
        let before = conversationLines(renderer.render(state))
        let topBefore = renderer.lastReport.conversation.topMessageID

        XCTAssertEqual(reduce(&state, .messagesLoaded(
            sessionID: "s", position: .before(messageID: "m300"),
            window: MessageWindow(messages: (100..<300).map(message), earlierCount: 100))), [])
        XCTAssertEqual(state.conversation.messages.count, 400)
        guard case .anchor(.messageRow) = state.conversation.scroll.position else { return XCTFail("not anchored: \(state.conversation.scroll)") }
        let after = conversationLines(renderer.render(state))
        XCTAssertEqual(after, before, "the same text on screen")
        XCTAssertEqual(renderer.lastReport.conversation.topMessageID, topBefore)

        // The frame's report turns the anchor back into a row that draws the same.
        XCTAssertEqual(reduce(&state, .frameReported(renderer.lastReport)), [])
        guard case .row = state.conversation.scroll.position else { return XCTFail("not fixed: \(state.conversation.scroll)") }
        XCTAssertEqual(conversationLines(renderer.render(state)), before)
        XCTAssertEqual(conversationLines(ScreenRenderer().render(state)), before, "a fresh renderer agrees")
    }
}
