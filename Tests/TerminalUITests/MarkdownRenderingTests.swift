import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest

@testable import TerminalUI

final class MarkdownRenderingTests: XCTestCase {
    private func text(_ rows: [StyledLine]) -> [String] {
        rows.map { $0.text.trimmingTrailingSpaces() }
    }

    private func roles(_ rows: [StyledLine]) -> [String] {
        rows.map { row in String(row.glyphs.flatMap { glyph in Array(repeating: SnapshotLegend.symbol(for: glyph.role), count: glyph.width) }) }
    }

    func testEveryConstructAt80Columns() {
        let rows = StreamingMarkdown.render(MarkdownFixtures.everything, width: 80, role: .assistantText)
        assertSnapshot(of: text(rows).joined(separator: "\n"), as: .lines, named: "text")
        assertSnapshot(of: roles(rows).joined(separator: "\n"), as: .lines, named: "roles")
    }

    func testEveryConstructAt120Columns() {
        let rows = StreamingMarkdown.render(MarkdownFixtures.everything, width: 120, role: .assistantText)
        assertSnapshot(of: text(rows).joined(separator: "\n"), as: .lines, named: "text")
    }

    func testNothingFromTheTextReachesACellAsAControlCharacter() {
        for width in [20, 80, 120] {
            for row in StreamingMarkdown.render(MarkdownFixtures.everything, width: width, role: .assistantText) {
                XCTAssertLessThanOrEqual(row.width, width)
                for glyph in row.glyphs {
                    for scalar in glyph.text.unicodeScalars {
                        XCTAssertFalse(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value), "raw control \(scalar.value) in \(row.text)")
                    }
                }
            }
        }
        let all = text(StreamingMarkdown.render(MarkdownFixtures.everything, width: 120, role: .assistantText)).joined(separator: "\n")
        XCTAssertTrue(all.contains("␛[2J"), "an escape in inline code shows as symbols")
        XCTAssertTrue(all.contains("␛]52;c;aGk=␇"), "an OSC 52 in a code block shows as symbols")
        XCTAssertTrue(all.contains("␛[31m"), "an escape in a table cell shows as symbols")
    }

    func testEmphasisIsCarriedAsAttributes() {
        let rows = StreamingMarkdown.render("**bold** *it* [a](u)", width: 40, role: .assistantText)
        let glyphs = rows[0].glyphs
        XCTAssertEqual(glyphs[0].attributes, .bold)
        XCTAssertEqual(glyphs[5].attributes, .italic)
        XCTAssertEqual(glyphs[8].role, .link)
        XCTAssertEqual(text(rows), ["bold it a (u)"])
        XCTAssertEqual(glyphs.last?.role, .linkURL)
    }

    func testATableTooWideForThePaneBecomesOneRecordPerRow() {
        let table = "| Model | Tokens |\n|---|---:|\n| alpha | 8192 |\n| beta | 65536 |\n"
        XCTAssertEqual(text(StreamingMarkdown.render(table, width: 40, role: .assistantText)), [
            "Model │ Tokens",
            "──────┼───────",
            "alpha │   8192",
            "beta  │  65536",
        ])
        XCTAssertEqual(text(StreamingMarkdown.render(table, width: 12, role: .assistantText)), [
            "Model: alpha",
            "· Tokens:",
            "8192",
            "Model: beta",
            "· Tokens:",
            "65536",
        ])
    }

    func testCodeIsNeverReflowedAndLongLinesContinueBehindAMark() {
        let code = "```\nlet a = 1;   let b = 2\n\tindented\n```"
        let rows = text(StreamingMarkdown.render(code, width: 14, role: .assistantText))
        XCTAssertEqual(rows, [
            " code      #1",
            " let a = 1;",
            "↪let b = 2",
            "     indented",
        ])
    }

    func testCodeBlocksAreNumberedThroughTheReply() {
        let reply = "```js\na\n```\n\ntext\n\n```\nb\n```"
        let labels = text(StreamingMarkdown.render(reply, width: 20, role: .assistantText)).filter { $0.contains("#") }
        XCTAssertEqual(labels, [" js              #1", " code            #2"])
    }

    /// Fed one scalar at a time, the streamed rows equal a fresh render of the same prefix at
    /// every step, and the last equals the full render.
    func testEveryPrefixStreamedEqualsAFreshRender() {
        let document = MarkdownFixtures.everything
        let scalars = Array(document.unicodeScalars)
        for width in [37, 80] {
            var streaming = StreamingMarkdown(width: width, role: .assistantText)
            var parsed = 0
            var prefix = ""
            for (index, scalar) in scalars.enumerated() {
                prefix.unicodeScalars.append(scalar)
                let streamed = streaming.rows(for: prefix, parsedUTF8Count: &parsed)
                // Every prefix at one width; every 5th at the other (the comparison is quadratic).
                guard width == 37 || index % 5 == 0 || index == scalars.count - 1 else { continue }
                let fresh = StreamingMarkdown.render(prefix, width: width, role: .assistantText)
                XCTAssertEqual(describe(streamed), describe(fresh), "width \(width), after \(index + 1) scalars")
                if describe(streamed) != describe(fresh) { return }
            }
        }
    }

    /// A growing reply re-parses its last block only: the bytes parsed per step stay bounded
    /// by that block, not the reply.
    func testAGrowingReplyParsesOnlyItsLastBlock() {
        let paragraph = "Some words in a paragraph that goes on for a while.\n\n"
        var text = String(repeating: paragraph, count: 400)
        var streaming = StreamingMarkdown(width: 60, role: .assistantText)
        var parsed = 0
        _ = streaming.rows(for: text, parsedUTF8Count: &parsed)
        for _ in 0..<50 {
            text += "more "
            let before = parsed
            _ = streaming.rows(for: text, parsedUTF8Count: &parsed)
            XCTAssertLessThan(parsed - before, 400, "one step parsed \(parsed - before) bytes")
        }
    }

    func testAHalfOpenFenceIsAlreadyCode() {
        let rows = text(StreamingMarkdown.render("Look:\n\n```swift\nlet x = 1\n", width: 20, role: .assistantText))
        XCTAssertEqual(rows, ["Look:", "", " swift           #1", " let x = 1"])
    }

    func testUserMessagesAreShownAsWrittenUnlessAsked() {
        let layout = ConversationLayout()
        let messages = [
            Message(id: "u", role: .user, content: "**not bold**", createdAtMillis: 0),
            Message(id: "a", role: .assistant, content: "**bold**", createdAtMillis: 0, model: "m"),
        ]
        layout.update(messages: messages)
        XCTAssertEqual(text(layout.rows(in: 0..<10, width: 30)), ["You", "**not bold**", "", "Assistant · m", "bold"])
        layout.rendering = MessageRendering(assistantMarkdown: false, userMarkdown: true)
        XCTAssertEqual(text(layout.rows(in: 0..<10, width: 30)), ["You", "not bold", "", "Assistant · m", "**bold**"])
    }

    private func describe(_ rows: [StyledLine]) -> [String] {
        rows.map { row in row.glyphs.map { "\($0.text)/\($0.width)/\($0.role)/\($0.attributes.rawValue)" }.joined(separator: " ") }
    }
}
