import Foundation
import XCTest

/// Issue 8 through the real binary: keys rebound in config.toml, the palette, and the random
/// seed filled where the run loop stamps a key.
final class KeymapEndToEndTests: EndToEndCase {
    /// The chatterm command reading `toml` as its config file instead of none.
    private func command(config toml: String) throws -> [String] {
        let path = dataDirectory.appendingPathComponent("config.toml").path
        try toml.write(toFile: path, atomically: true, encoding: .utf8)
        return chattermCommand().map { $0 == "--no-config" ? "--config=\(path)" : $0 }
    }

    func testSwappedSendAndNewlineSendOneMessageWithALineBreak() async throws {
        let tmux = TmuxDriver(name: "swap")
        defer { tmux.kill() }
        try tmux.start(try command(config: """
            [keys]
            send = "ctrl+s"
            newline = "enter"
            """), width: 120, height: 32)
        // The hints already say so: the status line names the bound key.
        try tmux.waitFor(text: "^S send")
        try tmux.type("a")
        try tmux.press("Enter")
        try tmux.type("b")
        try tmux.press("C-s")
        try tmux.waitFor("the reply to finish") { $0.contains("✓") }
        let bodies = try await completionBodies()
        XCTAssertEqual(bodies.count, 1, "Enter did not send")
        let messages = bodies.first?["messages"] as? [[String: Any]]
        XCTAssertEqual(messages?.last?["content"] as? String, "a\nb")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testRandomSeedTwiceSendsTwoDifferentNonZeroSeeds() async throws {
        let tmux = TmuxDriver(name: "seed")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 120, height: 32)
        try tmux.waitFor(text: "Parameters")
        for turn in ["first", "second"] {
            try tmux.press("M-3")
            try tmux.press("r")
            try tmux.press("M-4")
            try tmux.type("/tokens 2 \(turn)")
            try tmux.press("Enter")
            _ = try await waitForBodies(turn == "first" ? 1 : 2)
        }
        let seeds = try await completionBodies().compactMap { $0["seed"] as? Int }
        XCTAssertEqual(seeds.count, 2, "both requests carry a seed")
        XCTAssertFalse(seeds.contains(0), "the stamp's random bits are filled: \(seeds)")
        XCTAssertNotEqual(seeds.first, seeds.last)
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testThePaletteFindsACommandByNameAndRunsItWhereTheUserWas() async throws {
        let tmux = TmuxDriver(name: "palette")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 120, height: 32)
        try tmux.waitFor(text: "Parameters")
        try tmux.press("M-3")
        // Ctrl+K: in the parameters pane there is no text to delete, so the palette opens.
        try tmux.press("C-k")
        try tmux.waitFor(text: "Commands")
        try tmux.type("random")
        try tmux.waitFor(text: "random-seed")
        try tmux.press("Enter")
        try tmux.press("M-4")
        // In an empty message box Ctrl+K has nothing to delete either: the palette again.
        try tmux.press("C-k")
        try tmux.waitFor(text: "send the message")
        try tmux.press("Escape")
        // Typed at once after Esc, "/" would read as Alt+/ (as from any terminal): wait.
        try tmux.waitFor("the palette to close") { !$0.contains("Commands") }
        try tmux.sendAndWaitForReply("/tokens 2 with a seed")
        let seed = try await completionBodies().last?["seed"] as? Int
        XCTAssertNotNil(seed, "random-seed ran in the parameters pane")
        XCTAssertNotEqual(seed, 0)
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testABrokenKeysTableIsReportedAndTheDefaultsStillWork() async throws {
        let tmux = TmuxDriver(name: "badkeys")
        defer { tmux.kill() }
        try tmux.start(try command(config: """
            [keys]
            sendd = "ctrl+s"
            """), width: 160, height: 32)
        try tmux.waitFor(text: "unknown command \"sendd\"")
        try tmux.sendAndWaitForReply("/tokens 2 still sends on Enter")
        let bodies = try await completionBodies()
        XCTAssertEqual(bodies.count, 1)
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    /// Alt+T switches to the next built-in theme at once; the status line names it.
    func testAltTCyclesThroughTheBuiltInThemes() throws {
        let tmux = TmuxDriver(name: "themes")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Sessions")
        try tmux.press("M-t")
        try tmux.waitFor(text: "Theme: light")
        try tmux.press("M-t")
        try tmux.waitFor(text: "Theme: solarized-dark")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
