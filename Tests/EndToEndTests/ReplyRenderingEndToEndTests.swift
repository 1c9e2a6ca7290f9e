import Foundation
import XCTest

/// A Markdown reply in the real binary: rendered as it streams (tables ruled, code labelled
/// and numbered, no raw `**` or `|---|`), and `m` shows the raw text the model sent.
final class ReplyRenderingEndToEndTests: EndToEndCase {
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

    /// A reasoning stream shown open while it is all there is, then folded to one line; a prem
    /// reply's sources and trace id; a tool call with its arguments; `t` unfolds the details.
    func testReasoningSourcesAndAToolCall() throws {
        let config = dataDirectory.appendingPathComponent("config.toml").path
        FileManager.default.createFile(
            atPath: config, contents: Data("[defaults]\nrepositories = { ids = [12, 34] }\n".utf8),
            attributes: [.posixPermissions: 0o600])
        let tmux = TmuxDriver(name: "extras")
        defer { tmux.kill() }
        try tmux.start(chattermCommand().filter { $0 != "--no-config" } + ["--config", config], width: 110, height: 50)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/delay 60 /reasoning 30 /tokens 12 why")
        try tmux.press("Enter")
        try tmux.waitFor("the reasoning, open while it streams") { $0.contains("▾ Thinking") && $0.contains("┊ ") }
        try tmux.waitFor(text: "✓ 12 tok")
        let done = try tmux.screen()
        XCTAssertTrue(done.contains("▸ Thinking · "), done)
        XCTAssertFalse(done.contains("┊ "), "folded once the answer came:\n\(done)")
        XCTAssertTrue(done.contains("[1] handbook-12.md · similarity 0.90"), done)
        XCTAssertTrue(done.contains("[2] handbook-34.md · similarity 0.83"), done)
        XCTAssertTrue(done.contains("· trace "), done)

        try tmux.type("/tool what time")
        try tmux.press("Enter")
        try tmux.waitFor(text: "the model asks for the tool calls above")
        let tool = try tmux.screen()
        XCTAssertTrue(tool.contains("tool call · lookup"), tool)
        XCTAssertTrue(tool.contains(#""query": "what time""#), tool)

        try tmux.press("M-2")
        try tmux.press("t")
        try tmux.waitFor(text: "Reasoning and sources shown in full")
        try tmux.waitFor(text: "Section 1 of the handbook in repository 12")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
