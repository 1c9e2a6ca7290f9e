import ChatCore
import Foundation
import SessionStore
import StreamProtocol
import XCTest

/// Deleting the end of a conversation in the real binary: `d` asks, `y` deletes, `u` puts it
/// back, and a delete that is not undone is gone after a restart.
final class MessageActionsEndToEndTests: EndToEndCase {
    func testDeleteUndoAndADeleteThatStays() throws {
        let tmux = TmuxDriver(name: "delete")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 40)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/tokens 3 alpha question")
        try tmux.press("Enter")
        try tmux.waitFor("the first reply") { footers($0, "3 tok · ") == 1 }
        try tmux.type("/tokens 3 beta question")
        try tmux.press("Enter")
        // Both replies finished (a delete is refused while one streams).
        try tmux.waitFor("both replies") { footers($0, "3 tok · ") == 2 }
        try tmux.press("M-2")
        try tmux.press("k")  // on "beta question", the second user message
        try tmux.press("d")
        try tmux.waitFor(text: "Delete this message and the 1 after it?")
        try tmux.press("y")
        try tmux.waitFor(text: "Deleted 2 messages")
        XCTAssertFalse(try tmux.screen().contains("beta question"))
        try tmux.press("u")
        try tmux.waitFor(text: "Restored 2 messages")
        try tmux.waitFor(text: "beta question")

        try tmux.press("d")
        try tmux.waitFor(text: "Delete this message")
        try tmux.press("y")
        try tmux.waitFor(text: "Deleted")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        tmux.kill()

        let again = TmuxDriver(name: "delete2")
        defer { again.kill() }
        try again.start(chattermCommand(), width: 100, height: 40)
        try again.waitFor(text: "Sessions")
        try again.press("M-1")
        try again.press("Enter")
        try again.waitFor(text: "alpha question")
        let screen = try again.screen()
        XCTAssertFalse(screen.contains("beta question"), screen)
        try again.press("C-q")
        XCTAssertEqual(try again.waitForExit(), 0)
    }

    /// In the sessions pane: `R` renames (kept after a restart), `d` `y` deletes, `u` restores.
    func testRenameDeleteAndUndoASession() throws {
        let tmux = TmuxDriver(name: "sessions")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Sessions")
        try tmux.sendAndWaitForReply("/tokens 2 first topic")
        try tmux.press("C-n")
        try tmux.type("/tokens 2 second topic")
        try tmux.press("Enter")
        // Listed, and its reply finished: its footer and the status line.
        try tmux.waitFor("the second session's reply") {
            $0.contains("/tokens 2 second") && footers($0, "2 tok · ") == 1
        }
        try tmux.press("M-1")
        try tmux.press("Home")
        try tmux.press("R")
        try tmux.waitFor(text: "Rename “/tokens 2 second topic” to")
        try tmux.press("C-u")
        try tmux.type("Zebra notes")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Renamed to")
        try tmux.waitFor(text: "Zebra notes")
        try tmux.press("Down")
        try tmux.press("d")
        try tmux.waitFor(text: "and all its messages?")
        try tmux.press("y")
        try tmux.waitFor(text: "Deleted “/tokens 2 first topic”")
        try tmux.press("u")
        try tmux.waitFor(text: "Restored")
        try tmux.press("d")
        try tmux.press("y")
        try tmux.waitFor(text: "Deleted")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        tmux.kill()

        let again = TmuxDriver(name: "sessions2")
        defer { again.kill() }
        try again.start(chattermCommand(), width: 100, height: 30)
        try again.waitFor(text: "Zebra notes")
        XCTAssertFalse(try again.screen().contains("first topic"))
        try again.press("C-q")
        XCTAssertEqual(try again.waitForExit(), 0)
    }

    /// `/` in the sessions pane finds a word said in one reply of one session among several,
    /// and Enter opens that session on the message, far back in a long session.
    func testSearchFindsAWordInOneReplyAndOpensItThere() throws {
        let store = try SessionStore(path: databasePath)
        for index in 0..<5 {
            let count = index == 2 ? 900 : 4
            var messages: [Message] = []
            for position in 0..<count { messages.append(searchMessage(session: index, position: position)) }
            try store.importSession(
                SessionSummary(id: "s\(index)", title: "Session \(index)", createdAtMillis: 1, updatedAtMillis: Int64(10 + index)),
                parameters: SessionParameters(), messages: messages)
        }
        try store.close()
        let tmux = TmuxDriver(name: "search")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Session 4")
        try tmux.press("M-1")
        try tmux.press("/")
        try tmux.type("okap")
        // The hit: the session's title, then the matching words in their context.
        try tmux.waitFor(text: "Session 2")
        try tmux.waitFor(text: "The okapi is")
        try tmux.press("Enter")
        try tmux.waitFor(text: "The okapi is a giraffid.")
        try tmux.waitFor(text: "Match 1 of 1")
        let screen = try tmux.screen()
        XCTAssertFalse(screen.contains("Ordinary words 899"), "opened at the hit, not the newest page:\n\(screen)")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    /// The tester's two faults, end to end: a hit opened into a long session counts the
    /// matches of the whole session (the store is asked), and `/` then starts a new query
    /// rather than typing after the hit's words.
    func testAHitInALongSessionCountsEveryMatchAndSlashStartsANewQuery() throws {
        let store = try SessionStore(path: databasePath)
        var messages: [Message] = []
        for position in 0..<900 { messages.append(searchMessage(session: 2, position: position)) }
        try store.importSession(
            SessionSummary(id: "s2", title: "Session 2", createdAtMillis: 1, updatedAtMillis: 12),
            parameters: SessionParameters(), messages: messages)
        try store.close()
        let tmux = TmuxDriver(name: "search-hit")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Session 2")
        try tmux.press("M-1")
        try tmux.press("/")
        try tmux.type("words 89")
        try tmux.waitFor(text: "Ordinary words 8")  // the hit's snippet
        try tmux.press("Enter")
        // The held window has one of the eleven; the store's answer counts them all.
        try tmux.waitFor(text: "of 11 for “words 89”.")
        try tmux.press("/")
        try tmux.type("okap")
        try tmux.waitFor(text: "Match 1 of 1 for “okap”.")
        let screen = try tmux.screen()
        XCTAssertFalse(screen.contains("words 89okap"), "a new query, not the hit's words and more:\n\(screen)")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    /// The tester's steps (the most severe fault of the round): a search made in one session
    /// followed into the next one opened, and `n` there blanked the pane, after which a send
    /// went without its history. The search ends with its session; `n` says there is none,
    /// the messages stay, and the next request carries the session's turns.
    func testASearchEndsWithItsSessionAndTheNextSendCarriesTheHistory() async throws {
        let store = try SessionStore(path: databasePath)
        let turns = [("A", "the alpha question", "the alpha answer", 20), ("B", "bravo question", "bravo answer", 10)]
        for (id, question, answer, updated) in turns {
            try store.importSession(
                SessionSummary(id: id, title: "Session \(id)", createdAtMillis: 1, updatedAtMillis: Int64(updated)),
                parameters: SessionParameters(), messages: [
                    Message(id: id + "-u", role: .user, content: question, createdAtMillis: 1),
                    Message(id: id + "-a", role: .assistant, content: answer, createdAtMillis: 2),
                ])
        }
        try store.close()
        let tmux = TmuxDriver(name: "search-session")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Session B")
        try tmux.press("M-1")
        try tmux.press("Enter")  // Session A, the newest
        try tmux.waitFor(text: "the alpha answer")
        try tmux.press("M-2")
        try tmux.press("/")
        try tmux.type("the")
        try tmux.press("Enter")
        try tmux.waitFor(text: "/the")
        try tmux.press("M-1")
        try tmux.press("j")
        try tmux.press("Enter")  // Session B
        try tmux.waitFor("session B without A's search") { $0.contains("bravo answer") && !$0.contains("/the") }
        try tmux.press("M-2")
        try tmux.press("n")
        let screen = try tmux.waitFor(text: "No search: press / to search the conversation.")
        XCTAssertTrue(screen.contains("bravo question") && screen.contains("bravo answer"), "B's messages stay:\n\(screen)")
        try tmux.press("M-4")
        try tmux.type("and then")
        try tmux.press("Enter")
        var bodies: [[String: Any]] = []
        for _ in 0..<100 where bodies.isEmpty {
            bodies = try await completionBodies()
            if bodies.isEmpty { try await Task.sleep(nanoseconds: 100_000_000) }
        }
        let sent = (bodies.first?["messages"] as? [[String: Any]])?.compactMap { $0["content"] as? String }
        XCTAssertEqual(sent, ["bravo question", "bravo answer", "and then"])
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    /// `f` on a message forks the conversation up to it: the fork opens with the turns before
    /// and the original keeps everything.
    func testForkFromAMessage() throws {
        let tmux = TmuxDriver(name: "fork")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 40)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/tokens 3 alpha turn")
        try tmux.press("Enter")
        try tmux.waitFor("the first reply") { footers($0, "3 tok · ") == 1 }
        try tmux.type("/tokens 3 beta turn")
        try tmux.press("Enter")
        try tmux.waitFor("both replies") { footers($0, "3 tok · ") == 2 }
        try tmux.press("M-2")
        try tmux.press("k")
        try tmux.press("k")  // the first reply
        try tmux.press("f")
        try tmux.waitFor(text: "Forked into")
        try tmux.waitFor(text: "Fork of /tokens 3 alpha")
        // The fork is listed before it is read and opened: wait for its conversation, which
        // stops at the selected message (the beta turn never shows).
        try tmux.waitFor("the fork's conversation, without the later turn") { screen in
            screen.contains("/tokens 3 alpha turn") && !screen.contains("beta turn") && footers(screen, "3 tok · ") == 1
        }
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    private func searchMessage(session: Int, position: Int) -> Message {
        let text = session == 2 && position == 11 ? "The okapi is a giraffid." : "Ordinary words \(position)"
        var message = Message(id: "s\(session)-m\(position)", role: .user, content: text, createdAtMillis: Int64(position))
        if position % 2 == 1 { message.role = .assistant }
        return message
    }

}

/// Finished replies on screen: the footers starting a conversation row (after the pane's
/// border or the cursor bar). The status line's live figures ("… · 3 tok · …") are not counted:
/// they show while a reply is still streaming.
func footers(_ screen: String, _ figures: String) -> Int {
    screen.split(separator: "\n").filter { line in
        ["║", "│", "▐"].contains { line.contains($0 + figures) }
    }.count
}
