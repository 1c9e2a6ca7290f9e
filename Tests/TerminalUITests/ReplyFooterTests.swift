import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest
@testable import TerminalUI

/// The dim line of figures under a finished reply, and that it keeps the layout's caching.
final class ReplyFooterTests: XCTestCase {
    private let stats = ReplyStats(timeToFirstTokenMillis: 310, totalMillis: 2_900, deltaCount: 120, retries: 2)

    private func reply(_ status: MessageStatus, stats: ReplyStats?) -> Message {
        Message(id: "a", role: .assistant, content: "Two words", createdAtMillis: 0, status: status, model: "m", stats: stats)
    }

    private func rows(_ messages: [Message], layout: ConversationLayout = ConversationLayout(), width: Int = 40) -> [String] {
        layout.update(messages: messages)
        return layout.rows(in: 0..<layout.totalRows(width: width), width: width).map(\.text)
    }

    func testFinishedReplyGetsADimFooterWithRetries() {
        let layout = ConversationLayout()
        layout.update(messages: [reply(.complete, stats: stats)])
        let lines = layout.rows(in: 0..<10, width: 60)
        XCTAssertEqual(lines.map(\.text), ["Assistant · m", "Two words", "120 tok · 46.3 tok/s · TTFT 0.31s · 2.9s · retried 2×"])
        XCTAssertTrue(lines[2].glyphs.allSatisfy { $0.role == .dim })
    }

    func testServerTokenCountWinsAndFailedRepliesKeepTheirFigures() {
        var withUsage = stats
        withUsage.completionTokens = 100
        withUsage.retries = 0
        let failed = rows([reply(.failed, stats: withUsage)], width: 60)
        XCTAssertEqual(failed.last, "100 tok · 38.6 tok/s · TTFT 0.31s · 2.9s")
        XCTAssertTrue(failed.contains("[incomplete reply]"))
    }

    func testNoFooterWhileStreamingOrWithoutStats() {
        XCTAssertEqual(rows([reply(.streaming, stats: stats)]), ["Assistant · m", "Two words▍"])
        XCTAssertEqual(rows([reply(.complete, stats: nil)]), ["Assistant · m", "Two words"])
        let user = Message(id: "u", role: .user, content: "hi", createdAtMillis: 0, stats: stats)
        XCTAssertEqual(rows([user]), ["You", "hi"])
    }

    func testFooterWrapsOnANarrowPane() {
        XCTAssertEqual(rows([reply(.complete, stats: stats)], width: 24),
                       ["Assistant · m", "Two words", "120 tok · 46.3 tok/s ·", "TTFT 0.31s · 2.9s ·", "retried 2×"])
    }

    /// Finishing a reply re-wraps it once (its footer appears); live figures changing while it
    /// streams with the same text do not, and neither does anything for unchanged messages.
    func testFooterKeepsTheLayoutCaching() {
        let layout = ConversationLayout()
        let history = (0..<20).map { Message(id: "h\($0)", role: .user, content: "message \($0)", createdAtMillis: 0) }
        var streaming = reply(.streaming, stats: ReplyStats(timeToFirstTokenMillis: 100, totalMillis: 200, deltaCount: 1))
        layout.update(messages: history + [streaming])
        _ = layout.totalRows(width: 60)
        let afterFirst = layout.wrapCount
        streaming.stats?.totalMillis = 900
        streaming.stats?.deltaCount = 5
        layout.update(messages: history + [streaming], unchangedPrefix: history.count)
        _ = layout.totalRows(width: 60)
        XCTAssertEqual(layout.wrapCount, afterFirst, "live figures do not re-wrap a streaming reply")

        var done = streaming
        done.status = .complete
        let before = layout.totalRows(width: 60)
        layout.update(messages: history + [done])
        XCTAssertEqual(layout.totalRows(width: 60), before + 1, "the footer row appears under the text")
        XCTAssertEqual(layout.wrapCount, afterFirst + 1, "only the finished reply is wrapped again")
        XCTAssertEqual(layout.rows(in: (before)..<(before + 1), width: 60).map(\.text), ["5 tok · 6.3 tok/s · TTFT 0.10s · 0.9s"])

        done.stats?.retries = 3
        layout.update(messages: history + [done])
        XCTAssertEqual(layout.rows(in: (before)..<(before + 1), width: 60).map(\.text), ["5 tok · 6.3 tok/s · TTFT 0.10s · 0.9s · retried 3×"])
        XCTAssertEqual(layout.wrapCount, afterFirst + 2, "changed figures re-wrap that reply alone")
    }

    func testReplyFooterOnScreen80x24And40x12() {
        for (width, height) in [(80, 24), (40, 12)] {
            var state = ScreenFixtures.parametersState(width: width, height: height)
            state.screen.focus = .conversation
            let text = ScreenRenderer().render(state).textLines().joined(separator: "\n")
            XCTAssertTrue(text.contains("120 tok · 46.3 tok/s"), text)
            assertSnapshot(of: text, as: .lines, named: "\(width)x\(height)")
        }
    }
}
