import ChatCore
import Foundation
import SessionStore
import StreamProtocol
import XCTest

/// A session far longer than the window the app holds, in the real binary: it opens on its
/// newest messages, pages back as you scroll, jumps to either end, and a new turn still sends
/// the whole conversation.
final class LongSessionTests: EndToEndCase {
    private let count = 2_000

    private func makeLongSession() throws {
        let store = try SessionStore(path: databasePath)
        let messages = (0..<count).map(message(_:))
        try store.importSession(
            SessionSummary(id: "long", title: "Long one", createdAtMillis: 1_000, updatedAtMillis: 9_000),
            parameters: SessionParameters(), messages: messages)
        try store.close()
    }

    private func message(_ index: Int) -> Message {
        let number = String(index)
        let text = "MSG-" + String(repeating: "0", count: 4 - number.count) + number + (index == 0 ? " the very first" : "")
        var message = Message(id: "msg-\(index)", role: .user, content: text, createdAtMillis: 1_000 + Int64(index))
        if index % 2 == 1 { message.role = .assistant }
        return message
    }

    func testOpenPageBackJumpToBothEndsAndSendTheWholeHistory() async throws {
        try makeLongSession()
        let tmux = TmuxDriver(name: "long")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Long one")
        try tmux.press("M-1")
        try tmux.press("Enter")
        try tmux.waitFor(text: "MSG-1999")

        try tmux.press("M-2")
        try tmux.press("Home")
        try tmux.waitFor(text: "MSG-0000 the very first")
        try tmux.press("End")
        try tmux.waitFor(text: "MSG-1999")

        // The newest 200 are held at first; paging up reads the ones before them.
        // PageUps that arrive while the earlier page is still being read stop at the top of
        // what is held (as for a user who keeps pressing): press in groups until it shows.
        func showsEarlierPage(_ screen: String) -> Bool {
            screen.range(of: #"MSG-1[0-7]\d\d"#, options: .regularExpression) != nil
        }
        for _ in 0..<12 where !showsEarlierPage(try tmux.screen()) {
            for _ in 0..<10 { try tmux.press("PageUp") }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        try tmux.waitFor("a message from before the first page", showsEarlierPage)

        try tmux.press("M-4")
        try tmux.type("/tokens 3 and one more")
        try tmux.press("Enter")
        try tmux.waitFor(text: "✓ 3 tok")
        let bodies = try await completionBodies()
        let messages = try XCTUnwrap(bodies.last?["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.count, count + 1, "the whole session is sent, not the window")
        XCTAssertEqual(messages.first?["content"] as? String, "MSG-0000 the very first")
        XCTAssertEqual(messages.last?["content"] as? String, "/tokens 3 and one more")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
