import ChatCore
import Foundation
import SessionStore
import XCTest

/// Versions in the real binary: `r` regenerates a reply (here with a new seed), `[` brings the
/// first reply back and the next request carries it; `e` on an earlier message sends the
/// edited text without anything that came after the original.
final class BranchEndToEndTests: EndToEndCase {
    /// The contents of the messages of the completion request at `index`, as sent.
    func sentContents(_ index: Int) async throws -> [String] {
        let bodies = try await completionBodies()
        guard bodies.indices.contains(index) else {
            XCTFail("the server saw \(bodies.count) requests")
            return []
        }
        return (bodies[index]["messages"] as? [[String: Any]] ?? []).compactMap { $0["content"] as? String }
    }

    func testRegenerateThenSwitchBackThenEditAnEarlierMessage() async throws {
        let tmux = TmuxDriver(name: "branches")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 110, height: 40)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/tokens 30 alpha question")
        try tmux.press("Enter")
        try tmux.waitFor("the first reply") { footers($0, "30 tok · ") == 1 }

        // A new seed in the parameters pane, then `r` on the reply.
        try tmux.press("M-3")
        try tmux.press("r")
        try tmux.waitFor(text: "seed")
        try tmux.press("M-2")
        try tmux.press("r")
        try tmux.waitFor("the regenerated reply") {
            $0.contains("Assistant ‹2/2›") && $0.contains("changed: seed unset → ") && footers($0, "30 tok · ") == 1
        }
        let regenerate = try await sentContents(1)
        XCTAssertEqual(regenerate, ["/tokens 30 alpha question"])

        try tmux.press("[")
        try tmux.waitFor(text: "Version 1 of 2")
        try tmux.waitFor(text: "Assistant ‹1/2›")
        try tmux.press("M-4")
        try tmux.type("/tokens 2 follow up")
        try tmux.press("Enter")
        try tmux.waitFor("the follow-up's reply") { footers($0, "2 tok · ") == 1 }
        let followUp = try await sentContents(2)
        XCTAssertEqual(followUp.count, 3)
        XCTAssertEqual(followUp.first, "/tokens 30 alpha question")
        XCTAssertEqual(followUp.last, "/tokens 2 follow up")

        // `e` on the first message (three up from the newest reply), a new text, Enter.
        try tmux.press("M-2")
        try tmux.press("k", "k", "k")
        try tmux.press("e")
        try tmux.waitFor(text: "Editing ·")
        try tmux.press("C-u")
        try tmux.type("/tokens 2 gamma question")
        try tmux.press("Enter")
        try tmux.waitFor("the edit's reply") {
            $0.contains("You ‹2/2›") && footers($0, "2 tok · ") == 1 && !$0.contains("follow up")
        }
        let edit = try await sentContents(3)
        XCTAssertEqual(edit, ["/tokens 2 gamma question"])
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)

        // What the store kept: the edit's path, and under the first version, the path on
        // which the follow-up went with the first reply, the one it carried.
        let store = try SessionStore(path: databasePath)
        let sessionID = try XCTUnwrap(store.listSessions().first?.id)
        XCTAssertEqual(try store.loadMessages(sessionID: sessionID).map(\.content).first, "/tokens 2 gamma question")
        let original = try XCTUnwrap(store.switchBranch(sessionID: sessionID, from: store.loadMessages(sessionID: sessionID)[0].id, step: -1))
        let path = original.window.messages
        XCTAssertEqual(path.map(\.content), followUp + [path.last?.content ?? ""])
        XCTAssertEqual(path[1].branch?.index, 1)
        let regenerated = try XCTUnwrap(store.switchBranch(sessionID: sessionID, from: path[1].id, step: 1))
        // 30 tokens: past the opening (one of three) into prose picked with the seed.
        XCTAssertNotEqual(regenerated.window.messages[1].content, path[1].content, "a new seed, a new reply")
    }
}
