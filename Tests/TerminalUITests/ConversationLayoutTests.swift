import ChatCore
import StreamProtocol
import XCTest
@testable import TerminalUI

final class ConversationLayoutTests: XCTestCase {
    private func message(_ id: String, _ role: ChatRole, _ content: String, status: MessageStatus = .complete,
                         error: APIError? = nil, model: String? = nil) -> Message {
        Message(id: id, role: role, content: content, createdAtMillis: 0, status: status, error: error, model: model)
    }

    private func history(_ count: Int) -> [Message] {
        (0..<count).map { index in
            message("m\(index)", index % 2 == 0 ? .user : .assistant,
                    "Message number \(index) with enough words to wrap over a couple of rows at this width.")
        }
    }

    private func render(_ layout: ConversationLayout, width: Int, height: Int, offset: Int = 0) -> [String] {
        var grid = CellGrid(width: width, height: height)
        layout.draw(into: &grid, rect: grid.bounds, scrollOffsetFromBottom: offset)
        return grid.textLines()
    }

    func testStreamingGrowthRewrapsOnlyTheGrowingMessage() {
        let layout = ConversationLayout()
        var messages = history(50)
        messages.append(message("tail", .assistant, "Hel", status: .streaming))
        layout.update(messages: messages)
        _ = layout.totalRows(width: 30)
        XCTAssertEqual(layout.wrapCount, 51)

        // Redrawing unchanged messages wraps nothing.
        layout.update(messages: messages)
        _ = render(layout, width: 30, height: 10)
        XCTAssertEqual(layout.wrapCount, 51)

        for delta in ["lo", " wor", "ld, and more text to wrap"] {
            messages[messages.count - 1].content += delta
            layout.update(messages: messages)
            _ = render(layout, width: 30, height: 10)
        }
        XCTAssertEqual(layout.wrapCount, 54)

        messages[messages.count - 1].status = .complete
        layout.update(messages: messages)
        let lines = render(layout, width: 30, height: 4)
        XCTAssertEqual(layout.wrapCount, 55)
        XCTAssertEqual(lines.map { $0.trimmingTrailingSpaces() }, [
            "",
            "Assistant",
            "Hello world, and more text to",
            "wrap",
        ])

        // A new width re-wraps everything once.
        _ = layout.totalRows(width: 40)
        XCTAssertEqual(layout.wrapCount, 55 + 51)
    }

    /// Streaming in arbitrary chunks (splitting "\r\n", tabs and CJK across deltas) must give
    /// exactly the rows a fresh layout gives for the final text, while re-wrapping only the
    /// unfinished last line each time.
    func testIncrementalStreamingMatchesAFreshWrap() {
        let text = "First line with\ttab\r\nsecond 中文字符 line that is long enough to wrap twice over\n\n"
            + "third\r\n\tindented 😀 emoji line\nlast partial line without end"
        let characters = Array(text.unicodeScalars)
        var messages = [message("u", .user, "q"), message("a", .assistant, "", status: .streaming)]
        let streaming = ConversationLayout()
        var position = 0
        var step = 0
        while position < characters.count {
            let size = [1, 3, 2, 7, 1, 5][step % 6]
            step += 1
            let end = min(characters.count, position + size)
            messages[1].content.unicodeScalars.append(contentsOf: characters[position..<end])
            position = end
            streaming.update(messages: messages)
            let fresh = ConversationLayout()
            fresh.update(messages: messages)
            // Compared without `sourceIndex`, which counts from where each wrap started.
            XCTAssertEqual(describe(streaming.rows(in: 0..<100, width: 16)), describe(fresh.rows(in: 0..<100, width: 16)),
                           "after \(position) scalars")
        }
    }

    private func describe(_ rows: [StyledLine]) -> [String] {
        rows.map { row in row.glyphs.map { "\($0.text)/\($0.width)/\($0.role)" }.joined(separator: " ") }
    }

    func testGrowingReplyRewrapsOnlyItsLastLine() {
        let longLine = String(repeating: "word ", count: 200) + "\n"
        var messages = [message("a", .assistant, String(repeating: longLine, count: 50), status: .streaming)]
        let layout = ConversationLayout()
        layout.update(messages: messages)
        _ = layout.totalRows(width: 40)
        let before = layout.wrappedUTF8Count
        messages[0].content += "tail"
        layout.update(messages: messages)
        _ = layout.totalRows(width: 40)
        XCTAssertEqual(layout.wrappedUTF8Count - before, 4)
        messages[0].content += " more\nnext"
        layout.update(messages: messages)
        _ = layout.totalRows(width: 40)
        XCTAssertEqual(layout.wrappedUTF8Count - before, 4 + "tail more".utf8.count + "next".utf8.count)
    }

    func testTotalRowsAndRowsInRangeAgreeWithAFullWrap() {
        let layout = ConversationLayout()
        let messages = history(30)
        layout.update(messages: messages)
        let all = layout.rows(in: 0..<Int.max, width: 25)
        XCTAssertEqual(all.count, layout.totalRows(width: 25))
        for start in stride(from: 0, to: all.count, by: 7) {
            let window = layout.rows(in: start..<(start + 9), width: 25)
            XCTAssertEqual(window, Array(all[start..<min(all.count, start + 9)]))
        }
    }

    func testScrollOffsetFromBottomSelectsTheWindowAndClamps() {
        let layout = ConversationLayout()
        layout.update(messages: [
            message("a", .user, "one\ntwo\nthree"),
            message("b", .assistant, "four\nfive", model: "m"),
        ])
        // Rows: You, one, two, three, (gap), Assistant · m, four, five  = 8 rows.
        XCTAssertEqual(layout.totalRows(width: 20), 8)
        XCTAssertEqual(render(layout, width: 20, height: 3).map { $0.trimmingTrailingSpaces() },
                       ["Assistant · m", "four", "five"])
        XCTAssertEqual(render(layout, width: 20, height: 3, offset: 2).map { $0.trimmingTrailingSpaces() },
                       ["three", "", "Assistant · m"])
        var grid = CellGrid(width: 20, height: 3)
        XCTAssertEqual(layout.draw(into: &grid, rect: grid.bounds, scrollOffsetFromBottom: 99), 5)
        XCTAssertEqual(grid.textLines().map { $0.trimmingTrailingSpaces() }, ["You", "one", "two"])
    }

    func testStatusMarkersAndErrorBlock() {
        let layout = ConversationLayout()
        layout.update(messages: [
            message("a", .user, "hi"),
            message("b", .assistant, "partial", status: .interrupted),
            message("c", .assistant, "", status: .failed,
                    error: APIError(status: 429, code: "rate_limited", message: "Too many requests",
                                    details: "retry after 20s")),
            message("d", .assistant, "typing", status: .streaming, model: "gpt-4o"),
        ])
        let rows = layout.rows(in: 0..<100, width: 40)
        XCTAssertEqual(rows.map(\.text), [
            "You", "hi", "",
            "Assistant", "partial", "[interrupted]", "",
            "Assistant", "✖ HTTP 429 · rate_limited: Too many", "requests", "retry after 20s", "",
            "Assistant · gpt-4o", "typing▍",
        ])
        XCTAssertTrue(rows[8].glyphs.allSatisfy { $0.role == .errorText })
        XCTAssertEqual(rows.last?.glyphs.last?.role, .cursor)
    }

    func testEmptyConversationShowsHint() {
        let lines = render(ConversationLayout(), width: 30, height: 5)
        XCTAssertTrue(lines.joined().contains("No messages yet"))
    }

    func testAChangeInTheMiddleIsFoundByTheFullCheck() {
        let layout = ConversationLayout()
        var messages = history(20)
        layout.update(messages: messages)
        _ = layout.totalRows(width: 30)
        messages[7].status = .interrupted
        messages[12].content = "Edited"
        layout.update(messages: messages)
        let rows = layout.rows(in: 0..<layout.totalRows(width: 30), width: 30).map(\.text)
        XCTAssertEqual(layout.wrapCount, 22)
        XCTAssertTrue(rows.contains("[interrupted]"))
        XCTAssertTrue(rows.contains("Edited"))
        XCTAssertEqual(layout.rows(in: 0..<Int.max, width: 30).count, layout.totalRows(width: 30))
    }

    func testRemovingMessagesAndSwitchingSessions() {
        let layout = ConversationLayout()
        layout.update(messages: history(10))
        _ = layout.totalRows(width: 30)
        layout.update(messages: [message("x", .user, "other session")])
        XCTAssertEqual(layout.rows(in: 0..<10, width: 30).map(\.text), ["You", "other session"])
    }

    /// One frame must cost the same with 5 000 messages as with 5: nothing is re-wrapped and
    /// only the visible rows are fetched.
    func testFrameCostDoesNotGrowWithHistory() {
        let layout = ConversationLayout()
        var messages = history(5_000)
        messages.append(message("tail", .assistant, "", status: .streaming))
        layout.update(messages: messages)
        _ = layout.totalRows(width: 60)
        let wrapsBefore = layout.wrapCount
        var grid = CellGrid(width: 60, height: 20)
        let start = ContinuousClock.now
        for step in 0..<100 {
            messages[messages.count - 1].content += "token\(step) "
            layout.update(messages: messages, unchangedPrefix: messages.count - 1)
            layout.draw(into: &grid, rect: grid.bounds, scrollOffsetFromBottom: 0)
        }
        let elapsed = ContinuousClock.now - start
        XCTAssertEqual(layout.wrapCount, wrapsBefore + 100)
        XCTAssertLessThan(elapsed, .seconds(2))
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
