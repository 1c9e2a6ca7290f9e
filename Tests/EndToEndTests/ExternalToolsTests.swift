import Foundation
import SessionStore
import XCTest

/// The two effects that leave chatterm's own screen: `$EDITOR` on the terminal and the OSC 52
/// clipboard, through the real binary in tmux.
final class ExternalToolsTests: EndToEndCase {
    func testSystemPromptWrittenInTheEditorReachesTheBody() async throws {
        // An "editor" that replaces the file it is given, as a person saving in vi would.
        let editor = dataDirectory.appendingPathComponent("fake-editor.sh").path
        try "#!/bin/sh\nprintf 'Answer in haiku.\\nAlways.\\n' > \"$1\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o700)
        let tmux = TmuxDriver(name: "editor")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 140, height: 40, environment: ["VISUAL": editor])
        try tmux.waitFor(text: "Parameters")
        try tmux.press("M-3")
        // system_prompt sits just above temperature, where the cursor starts.
        try tmux.press("Up")
        try tmux.press("e")
        try tmux.waitFor(text: "system_prompt Answer in hai")
        try tmux.press("M-4")
        try tmux.sendAndWaitForReply("/tokens 2 with a prompt")
        let body = try await completionBodies().last
        XCTAssertEqual(body?["system_prompt"] as? String, "Answer in haiku.\nAlways.", "one trailing newline is dropped")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testCopyingTheCurlCommandReachesTheTerminalsClipboard() async throws {
        let tmux = TmuxDriver(name: "clipboard")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 160, height: 40)
        // tmux keeps what an application sets with OSC 52 as a paste buffer.
        try tmux.command("set-option", "-g", "set-clipboard", "on")
        try tmux.waitFor(text: "Sessions")
        try tmux.sendAndWaitForReply("/tokens 2 copy me")
        try tmux.press("M-2")
        try tmux.press("i")
        try tmux.press("3")
        try tmux.waitFor(text: "curl -N")
        try tmux.press("y")
        try tmux.waitFor(text: "copied")
        var buffer = ""
        for _ in 0..<50 {
            buffer = (try? tmux.command("show-buffer")) ?? ""
            if buffer.contains("curl -N") { break }
            usleep(100_000)
        }
        XCTAssertTrue(buffer.hasPrefix("curl -N --compressed 'http://127.0.0.1:\(port)/v1/chat/completions'"), buffer)
        XCTAssertTrue(buffer.contains(#""content":"/tokens 2 copy me""#), buffer)
        try tmux.press("Escape")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    /// The message cursor and copies: `y` lands the selected message's text exactly in tmux's
    /// paste buffer (through OSC 52), `c1` exactly the first code block of the reply.
    func testYCopiesAMessageAndC1ItsFirstCodeBlockExactly() throws {
        let tmux = TmuxDriver(name: "copies")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 120, height: 40)
        try tmux.command("set-option", "-g", "set-clipboard", "on")
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/markdown /tokens 260 copy this")
        try tmux.press("Enter")
        try tmux.waitFor(text: "✓ 260 tok")
        func buffer(containing text: String) -> String {
            var buffer = ""
            for _ in 0..<50 {
                buffer = (try? tmux.command("show-buffer")) ?? ""
                if buffer.contains(text) { break }
                usleep(100_000)
            }
            return buffer
        }
        try tmux.press("M-2")
        try tmux.press("k")
        try tmux.press("y")
        try tmux.waitFor(text: "Copied your message")
        XCTAssertEqual(buffer(containing: "copy this"), "/markdown /tokens 260 copy this")

        try tmux.press("j")
        try tmux.press("c")
        try tmux.waitFor(text: "Copy code block")
        try tmux.press("1")
        try tmux.waitFor(text: "Copied code block 1")
        let store = try SessionStore(path: databasePath)
        let sessionID = try XCTUnwrap(try store.listSessions().first?.id)
        let reply = try XCTUnwrap(try store.loadMessages(sessionID: sessionID).last?.content)
        try store.close()
        // The first fenced block of the reply, as written between its fences.
        let afterOpening = try XCTUnwrap(reply.range(of: "```")).upperBound
        let bodyStart = try XCTUnwrap(reply[afterOpening...].firstIndex(of: "\n"))
        let closing = try XCTUnwrap(reply.range(of: "\n```", range: bodyStart..<reply.endIndex))
        let firstBlock = String(reply[reply.index(after: bodyStart)..<closing.lowerBound])
        XCTAssertFalse(firstBlock.isEmpty)
        XCTAssertEqual(buffer(containing: String(firstBlock.prefix(8))), firstBlock)
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
