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
        _ = FileManager.default.createFile(
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

    /// openai dialect: a tool call answered in the message box goes back to the model with the
    /// call and its result, and the model's next reply streams in.
    func testAToolCallAnsweredWithAResult() async throws {
        let tmux = TmuxDriver(name: "toolanswer")
        defer { tmux.kill() }
        let command = [binaryDirectory().appendingPathComponent("chatterm").path,
                       "--base-url", "http://127.0.0.1:\(port)/openai/v1", "--dialect", "openai", "--model", "local-echo",
                       "--db", databasePath, "--no-config"]
        try tmux.start(command, width: 110, height: 40)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/tool what time")
        try tmux.press("Enter")
        try tmux.waitFor(text: "the model asks for the tool calls above")
        try tmux.press("M-2")
        try tmux.press("a")
        try tmux.waitFor(text: "Result of lookup")
        try tmux.type("12:00")
        try tmux.press("Enter")
        try tmux.waitFor(text: "lookup returned: 12:00")
        try tmux.waitFor("the second reply to finish") { $0.components(separatedBy: "✓").count > 1 && !$0.contains("Result of lookup") }

        let bodies = try await completionBodies()
        let messages = try XCTUnwrap(bodies.last?["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.map { $0["role"] as? String }, ["user", "assistant", "tool"])
        let call = try XCTUnwrap((messages[1]["tool_calls"] as? [[String: Any]])?.first)
        XCTAssertEqual((call["function"] as? [String: Any])?["name"] as? String, "lookup")
        XCTAssertEqual(messages[2]["tool_call_id"] as? String, call["id"] as? String)
        XCTAssertEqual(messages[2]["content"] as? String, "12:00")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
