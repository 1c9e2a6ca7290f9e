import Foundation
import XCTest

/// A Markdown reply in the real binary: rendered as it streams (tables ruled, code labelled
/// and numbered, no raw `**` or `|---|`), and `m` shows the raw text the model sent.
final class MarkdownEndToEndTests: EndToEndCase {
    func testAMarkdownReplyIsRenderedAndMTogglesTheRawText() throws {
        let tmux = TmuxDriver(name: "markdown")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 120, height: 60)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/markdown /tokens 160 show me")
        try tmux.press("Enter")
        try tmux.waitFor("the reply to finish") { $0.contains("✓ 160 tok") }
        let rendered = try tmux.screenWithHistory()
        XCTAssertTrue(rendered.contains("Model │ Tokens │ Tools"), rendered)
        XCTAssertTrue(rendered.contains("──────┼"), rendered)
        XCTAssertTrue(rendered.contains("#1"), "code blocks are numbered:\n\(rendered)")
        XCTAssertTrue(rendered.contains("• "), rendered)
        XCTAssertFalse(rendered.contains("|:------|"), rendered)
        XCTAssertFalse(rendered.contains("**"), rendered)
        XCTAssertFalse(rendered.contains("```"), rendered)

        try tmux.press("M-2")
        try tmux.press("m")
        try tmux.waitFor(text: "Replies shown as the raw text")
        try tmux.press("Home")
        try tmux.waitFor(text: "|:------|-------:|:-----:|")
        let raw = try tmux.screenWithHistory()
        XCTAssertTrue(raw.contains("```"), raw)
        try tmux.press("m")
        try tmux.waitFor(text: "Replies shown as Markdown")
        try tmux.waitFor(text: "Model │ Tokens │ Tools")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
