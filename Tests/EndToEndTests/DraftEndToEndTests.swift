import Foundation
import XCTest

/// Drafts through the real binary: what is typed survives `kill -9` (no chance to save on the
/// way out), in the new session and in a stored one, and a sent message leaves no draft.
final class DraftEndToEndTests: EndToEndCase {
    func testADraftSurvivesKillNineInTheNewSessionAndInAStoredOne() throws {
        let first = TmuxDriver(name: "draft1")
        defer { first.kill() }
        try first.start(chattermCommand(), width: 120, height: 36)
        try first.waitFor(text: "Sessions")
        try first.type("unsent thoughts 日本 👍")
        try first.waitFor(text: "unsent thoughts")
        // A crash loses at most about a second of typing.
        Thread.sleep(forTimeInterval: 1.2)
        Glibc.kill(try first.programProcessID(), SIGKILL)
        XCTAssertEqual(try first.waitForExit(), 137)

        let second = TmuxDriver(name: "draft2")
        defer { second.kill() }
        try second.start(chattermCommand(), width: 120, height: 36)
        try second.waitFor(text: "unsent thoughts 日本 👍")
        // Sent, it is no draft any more; a draft typed in the stored session stays with it.
        try second.press("Enter")
        try second.waitFor("the reply to finish") { $0.contains("✓") }
        try second.type("second question, half typed")
        try second.waitFor(text: "half typed")
        Thread.sleep(forTimeInterval: 1.2)
        Glibc.kill(try second.programProcessID(), SIGKILL)
        XCTAssertEqual(try second.waitForExit(), 137)

        let third = TmuxDriver(name: "draft3")
        defer { third.kill() }
        try third.start(chattermCommand(), width: 120, height: 36)
        try third.waitFor(text: "Sessions")
        try third.waitFor(text: "unsent thoughts")  // the session's title in the list
        let fresh = try third.screen()
        XCTAssertFalse(fresh.contains("half typed"), "the new session's box is empty:\n\(fresh)")
        try third.press("M-1")
        try third.press("Enter")
        try third.waitFor(text: "second question, half typed")
        try third.press("C-q")
        XCTAssertEqual(try third.waitForExit(), 0)
    }
}
