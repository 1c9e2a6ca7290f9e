import Deterministic
import Foundation
import XCTest

/// A large bracketed paste through the real binary: tmux delivers it as a terminal would (in
/// pieces cut at any byte), and the request the server receives must carry it byte for byte.
final class PasteEndToEndTests: EndToEndCase {
    func testAMegabyteMixedPasteArrivesWholeAndQuickly() async throws {
        // Its end is plain ASCII, so the screen shows when the whole paste is in the box.
        let text = MixedText.generate(byteCount: 1 << 20, seed: 2026) + " END-OF-PASTE"
        let file = dataDirectory.appendingPathComponent("paste.txt")
        try Data(text.utf8).write(to: file)

        let tmux = TmuxDriver(name: "bigpaste")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 120, height: 40)
        try tmux.waitFor(text: "Sessions")
        let pid = try tmux.programProcessID()
        try tmux.command("load-buffer", "-b", "big", file.path)

        let cpuBefore = cpuSeconds(pid)
        let start = Date()
        // -p: bracketed, as the terminal's paste would be (tmux turns LF into CR, as terminals do).
        try tmux.command("paste-buffer", "-p", "-d", "-b", "big", "-t", "e2e")
        try tmux.waitFor(text: "END-OF-PASTE", timeout: 120)
        let shown = Date().timeIntervalSince(start)
        let cpuShown = cpuSeconds(pid) - cpuBefore
        try tmux.press("Enter")
        var bodies: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(120)
        while bodies.isEmpty, Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
            bodies = try await completionBodies()
        }
        let wall = Date().timeIntervalSince(start)
        let cpu = cpuSeconds(pid) - cpuBefore
        print(String(format: "paste of %d bytes: %.2f s to the box drawn (%.2f s CPU), %.2f s to the request sent (%.2f s CPU)",
                     text.utf8.count, shown, cpuShown, wall, cpu))

        let messages = try XCTUnwrap(bodies.first?["messages"] as? [[String: Any]])
        let sent = try XCTUnwrap(messages.last?["content"] as? String)
        XCTAssertEqual(sent.utf8.count, text.utf8.count, "bytes sent vs pasted")
        if sent != text {
            let firstDifference = zip(sent.unicodeScalars, text.unicodeScalars).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            XCTFail("the request differs from the paste from scalar \(firstDifference ?? -1) on")
        }
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(timeout: 60), 0)
    }

    /// The tester's fault: a megabyte pasted into the conversation search froze the screen for
    /// about 7 s a key. The query keeps its first 1000 characters and says so, and a key
    /// after it is answered at once.
    func testAMegabytePastedIntoTheConversationSearchIsCutAndKeysStayQuick() throws {
        let file = dataDirectory.appendingPathComponent("query.txt")
        try Data(String(repeating: "abcdefghij", count: 1 << 17).utf8).write(to: file)
        let tmux = TmuxDriver(name: "bigquery")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 120, height: 40)
        try tmux.waitFor(text: "Sessions")
        try tmux.sendAndWaitForReply("/tokens 3 something to search")
        try tmux.press("M-2")
        try tmux.press("/")
        try tmux.command("load-buffer", "-b", "query", file.path)
        try tmux.command("paste-buffer", "-p", "-d", "-b", "query", "-t", "e2e")
        try tmux.waitFor(text: "at most 1000 characters", timeout: 30)
        let start = Date()
        try tmux.press("Escape")
        try tmux.waitFor("the search to end") { !$0.contains("at most 1000 characters") }
        XCTAssertLessThan(Date().timeIntervalSince(start), 3, "a key after the paste is answered at once")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(timeout: 60), 0)
    }
}
