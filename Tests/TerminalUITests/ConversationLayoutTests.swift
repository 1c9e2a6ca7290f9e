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
        layout.rendering = MessageRendering(assistantMarkdown: false)
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
        layout.rendering = MessageRendering(assistantMarkdown: false)
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

    // MARK: - Bounded row cache

    /// A history with every kind of row: long and short text, CJK, tabs, status markers, an
    /// error block, and a streaming reply last.
    private func mixedHistory(_ count: Int) -> [Message] {
        var messages = (0..<count).map { index -> Message in
            let text = String(repeating: "Message \(index) 中文 words\tand more; ", count: 1 + index % 7)
            switch index % 9 {
            case 4: return message("m\(index)", .assistant, text, status: .interrupted, model: "m")
            case 7: return message("m\(index)", .assistant, "", status: .failed,
                                   error: APIError(status: 500, code: "server", message: "Boom \(index)"))
            default: return message("m\(index)", index % 2 == 0 ? .user : .assistant, text)
            }
        }
        messages.append(message("tail", .assistant, "still typing", status: .streaming))
        return messages
    }

    private func glyphCount(_ rows: [StyledLine]) -> Int {
        rows.reduce(0) { $0 + $1.glyphs.count }
    }

    /// The glyphs of `last`'s rows as the layout holds them (its gap row has none).
    private func glyphsOfLastMessage(_ last: Message, width: Int) -> Int {
        let solo = ConversationLayout()
        solo.update(messages: [last])
        return glyphCount(solo.rows(in: 0..<Int.max, width: width))
    }

    func testSmallRowCacheDrawsExactlyWhatAnUnboundedOneDraws() {
        let messages = mixedHistory(120)
        let unbounded = ConversationLayout()
        let bounded = ConversationLayout()
        bounded.rowCacheGlyphLimit = 400
        unbounded.update(messages: messages)
        bounded.update(messages: messages)
        let width = 28
        let height = 9
        XCTAssertEqual(bounded.totalRows(width: width), unbounded.totalRows(width: width))
        let maxOffset = unbounded.maxScrollOffset(width: width, height: height)
        XCTAssertGreaterThan(maxOffset, 500)
        // Down from the top and back up, so evicted rows are wrapped again in both directions.
        for offset in Array((0...maxOffset).reversed()) + Array(0...maxOffset) {
            XCTAssertEqual(render(bounded, width: width, height: height, offset: offset),
                           render(unbounded, width: width, height: height, offset: offset), "offset \(offset)")
        }
        let total = unbounded.totalRows(width: width)
        for start in stride(from: 0, to: total, by: 5) {
            XCTAssertEqual(describe(bounded.rows(in: start..<(start + 11), width: width)),
                           describe(unbounded.rows(in: start..<(start + 11), width: width)), "row \(start)")
        }
        XCTAssertEqual(describe(bounded.rows(in: 0..<Int.max, width: width)),
                       describe(unbounded.rows(in: 0..<Int.max, width: width)))
        // The bounded cache did evict and re-wrap; the unbounded one wrapped each message once.
        XCTAssertEqual(unbounded.wrapCount, messages.count)
        XCTAssertGreaterThan(bounded.wrapCount, 2 * messages.count)
    }

    func testCachedGlyphsStayWithinTheLimitPlusTheLastMessage() {
        var messages = mixedHistory(150)
        let layout = ConversationLayout()
        let limit = 1_500
        layout.rowCacheGlyphLimit = limit
        layout.update(messages: messages)
        var width = 30
        let height = 12
        func checkBound(_ context: String) {
            let lastGlyphs = glyphsOfLastMessage(messages[messages.count - 1], width: width)
            XCTAssertLessThanOrEqual(layout.cachedGlyphCount, limit + lastGlyphs, context)
        }
        _ = layout.totalRows(width: width)
        checkBound("after counting every message")
        let maxOffset = layout.maxScrollOffset(width: width, height: height)
        for offset in stride(from: maxOffset, through: 0, by: -3) {
            _ = render(layout, width: width, height: height, offset: offset)
            checkBound("offset \(offset)")
        }
        for step in 0..<40 {
            messages[messages.count - 1].content += step % 5 == 4 ? " line end\n" : " token\(step)"
            layout.update(messages: messages, unchangedPrefix: messages.count - 1)
            _ = render(layout, width: width, height: height)
            checkBound("delta \(step)")
        }
        // A long finished reply stops being the exempt last message once a new one follows it.
        messages[messages.count - 1].status = .complete
        messages.append(message("next", .user, "follow-up"))
        layout.update(messages: messages)
        checkBound("after a new message")
        width = 45
        _ = render(layout, width: width, height: height)
        checkBound("after a width change")
        _ = layout.rows(in: 0..<Int.max, width: width)
        checkBound("after reading every row")

        // With room for everything, the count is exactly the glyphs of all rows.
        layout.rowCacheGlyphLimit = .max
        let all = layout.rows(in: 0..<Int.max, width: width)
        XCTAssertEqual(layout.cachedGlyphCount, glyphCount(all))
        layout.rowCacheGlyphLimit = 0
        XCTAssertEqual(layout.cachedGlyphCount, glyphsOfLastMessage(messages[messages.count - 1], width: width))
    }

    func testStreamingUnderASmallCacheRewrapsOnlyTheTail() {
        var messages = history(300)
        messages.append(message("tail", .assistant, "Hel", status: .streaming))
        let layout = ConversationLayout()
        layout.rowCacheGlyphLimit = 2_000
        layout.update(messages: messages)
        _ = render(layout, width: 30, height: 10)
        let wrapsBefore = layout.wrapCount
        let bytesBefore = layout.wrappedUTF8Count
        var appended = 0
        for step in 0..<50 {
            let delta = " w\(step)"
            messages[messages.count - 1].content += delta
            appended += delta.utf8.count
            layout.update(messages: messages, unchangedPrefix: messages.count - 1)
            _ = render(layout, width: 30, height: 10)
        }
        XCTAssertEqual(layout.wrapCount, wrapsBefore + 50)
        // The reply has no line end yet, so each wrap is of the whole (growing) last line.
        XCTAssertEqual(layout.wrappedUTF8Count - bytesBefore, (0..<50).reduce(0) { sum, step in
            sum + 3 + (0...step).reduce(0) { $0 + " w\($1)".utf8.count }
        })
        XCTAssertEqual(appended, messages[messages.count - 1].content.utf8.count - 3)
        let fresh = ConversationLayout()
        fresh.update(messages: messages)
        XCTAssertEqual(render(layout, width: 30, height: 10), render(fresh, width: 30, height: 10))
    }

    /// Rows wrapped again after eviction pick up a changed `errorAdvice`; the row count and the
    /// rows read must still agree.
    func testRewrappedRowsWithANewRowCountKeepTheLayoutConsistent() {
        var messages = history(60)
        messages[0] = message("m0", .assistant, "", status: .failed,
                              error: APIError(status: 401, code: "auth", message: "Unauthorized"))
        let layout = ConversationLayout()
        layout.rowCacheGlyphLimit = 300
        layout.update(messages: messages)
        let rowsBefore = layout.totalRows(width: 30)
        layout.errorAdvice = { _ in "check the key" }
        let all = layout.rows(in: 0..<Int.max, width: 30)
        XCTAssertEqual(all.count, layout.totalRows(width: 30))
        XCTAssertEqual(all.count, rowsBefore + 1)
        XCTAssertTrue(all.map(\.text).contains("→ check the key"))
        let maxOffset = layout.maxScrollOffset(width: 30, height: 5)
        XCTAssertEqual(render(layout, width: 30, height: 5, offset: maxOffset).map { $0.trimmingTrailingSpaces() },
                       ["Assistant", "✖ HTTP 401 · auth:", "Unauthorized", "→ check the key", ""])
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
