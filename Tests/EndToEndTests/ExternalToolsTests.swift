import Foundation
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
}
