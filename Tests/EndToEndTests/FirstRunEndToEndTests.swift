import Foundation
import XCTest

/// A first run with nothing set up: the app opens on a welcome screen that lists every missing
/// thing at once (not one error per attempt), and the openai dialect without a model opens the
/// model picker on the server's /models.
final class FirstRunEndToEndTests: EndToEndCase {
    func testNoKeyProjectOrModelOpensTheWelcomeScreen() throws {
        let tmux = TmuxDriver(name: "welcome")
        defer { tmux.kill() }
        // No flags but the database, no config file, and no key in the environment.
        try tmux.start(
            [binaryDirectory().appendingPathComponent("chatterm").path, "--db", databasePath, "--no-config"],
            width: 100, height: 32, environment: ["PREMAI_API_KEY": "", "OPENAI_API_KEY": ""])
        let screen = try tmux.waitFor(text: "Welcome to chatterm")
        XCTAssertTrue(screen.contains("PREMAI_API_KEY is not set"), screen)
        XCTAssertTrue(screen.contains("No project id"), screen)
        XCTAssertTrue(screen.contains("(`chatterm config"), screen)
        XCTAssertTrue(screen.contains("chatterm-server --port 8080"), screen)
        // A send is refused with the reason, and the text stays in the box.
        try tmux.type("hello")
        try tmux.press("Enter")
        let refused = try tmux.waitFor(text: "No project id: set project_id")
        XCTAssertTrue(refused.contains("hello"), refused)
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testOpenAIWithoutAModelPicksFromTheServersModels() async throws {
        let tmux = TmuxDriver(name: "pick-model")
        defer { tmux.kill() }
        try tmux.start([binaryDirectory().appendingPathComponent("chatterm").path,
                        "--dialect", "openai", "--base-url", "http://127.0.0.1:\(port)/openai/v1",
                        "--db", databasePath, "--no-config"], width: 100, height: 30)
        let picker = try tmux.waitFor("the model picker with the server's models") { $0.contains("local-echo") && $0.contains("Model") }
        XCTAssertFalse(picker.contains("Welcome to chatterm"), "a local server needs no key: nothing is missing")
        // The server lists several: the filter narrows them to one.
        try tmux.type("local-echo")
        try tmux.waitFor(text: "local-echo")
        try tmux.press("Enter")
        try tmux.waitFor("the picker to close") { !$0.contains("take typed name") && !$0.contains("⏎ take") }
        try tmux.press("M-4")
        try tmux.type("/tokens 8 picked model")
        try tmux.press("Enter")
        try tmux.waitFor("the reply to finish") { $0.contains("✓") }
        let body = try await completionBodies().last
        XCTAssertEqual(body?["model"] as? String, "local-echo")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}

/// The welcome screen's Alt+L: the bundled server starts as a child of this run, and a
/// message gets its reply.
final class LocalServerOfferEndToEndTests: EndToEndCase {
    func testAltLStartsTheLocalServerAndAMessageIsAnswered() throws {
        let tmux = TmuxDriver(name: "local-server")
        defer { tmux.kill() }
        try tmux.start(
            [binaryDirectory().appendingPathComponent("chatterm").path, "--db", databasePath, "--no-config"],
            width: 100, height: 32, environment: ["PREMAI_API_KEY": "", "OPENAI_API_KEY": ""])
        try tmux.waitFor(text: "Welcome to chatterm")
        try tmux.press("M-l")
        let using = try tmux.waitFor(text: "Using the local server")
        XCTAssertFalse(using.contains("Welcome to chatterm"), using)
        try tmux.type("/tokens 8 from the offered server")
        try tmux.press("Enter")
        try tmux.waitFor("the reply to finish") { $0.contains("✓") }
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    /// chatterm killed with -9 cannot stop its child: the server notices its parent is gone
    /// and stops by itself, so no server is left listening.
    func testTheOfferedServerStopsWhenChattermIsKilled() throws {
        let tmux = TmuxDriver(name: "local-server-kill")
        defer { tmux.kill() }
        try tmux.start(
            [binaryDirectory().appendingPathComponent("chatterm").path, "--db", databasePath, "--no-config"],
            width: 100, height: 32, environment: ["PREMAI_API_KEY": "", "OPENAI_API_KEY": ""])
        try tmux.waitFor(text: "Welcome to chatterm")
        try tmux.press("M-l")
        try tmux.waitFor(text: "Using the local server")
        let chatterm = try tmux.programProcessID()
        let server = try tmux.programProcessID(named: "chatterm-server")
        XCTAssertEqual(Foundation.kill(chatterm, SIGKILL), 0)
        let deadline = Date().addingTimeInterval(5)
        func running() -> Bool { Foundation.kill(server, 0) == 0 && isZombie(server) != true }
        while Date() < deadline, running() { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertFalse(running(), "the server outlived chatterm by more than 5 s")
    }

    /// An exited process that nobody has waited for yet still answers kill(pid, 0).
    private func isZombie(_ pid: pid_t) -> Bool? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
