import Foundation
import LocalServer
import XCTest

/// Two profiles pointing at two local servers: Alt+P sends the next request to the other one,
/// and a session reopens with the profile it was last used with.
final class ProfileSwitchEndToEndTests: EndToEndCase {
    func completions(_ server: LocalPremServer) async -> Int {
        await server.recordedRequests().filter { $0.path.hasSuffix("/chat/completions") }.count
    }

    func testAltPSendsTheNextRequestToTheOtherProfilesServer() async throws {
        let second = LocalPremServer(configuration: LocalServerConfiguration(defaultTokenCount: 24))
        let secondPort = try await second.start()
        defer { Task { await second.stop() } }
        let config = dataDirectory.appendingPathComponent("config.toml")
        try """
            default_profile = "alpha"
            [profiles.alpha]
            base_url = "http://127.0.0.1:\(port)"
            project_id = 1
            model = "local-echo"
            [profiles.beta]
            base_url = "http://127.0.0.1:\(secondPort)"
            project_id = 2
            model = "local-echo"
            """.write(to: config, atomically: true, encoding: .utf8)
        let command = [binaryDirectory().appendingPathComponent("chatterm").path, "--config", config.path, "--db", databasePath]

        let tmux = TmuxDriver(name: "profiles")
        defer { tmux.kill() }
        try tmux.start(command, width: 110, height: 30)
        try tmux.waitFor(text: "alpha · prem")
        try tmux.sendAndWaitForReply("/tokens 2 first")
        try tmux.press("M-p")
        try tmux.waitFor(text: "Profile beta: prem at http://127.0.0.1:\(secondPort)")
        try tmux.type("/tokens 2 second")
        try tmux.press("Enter")
        try tmux.waitFor("the second reply") { footers($0, "2 tok · ") == 2 }
        let firstCount = await completions(server)
        let secondCount = await completions(second)
        XCTAssertEqual(firstCount, 1)
        XCTAssertEqual(secondCount, 1)
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        tmux.kill()

        // Started on alpha again; opening the session goes back to beta, where it was last used.
        let again = TmuxDriver(name: "profiles2")
        defer { again.kill() }
        try again.start(command, width: 110, height: 30)
        try again.waitFor(text: "alpha · prem")
        try again.press("M-1")
        try again.press("Enter")
        try again.waitFor(text: "beta · prem")
        try again.press("M-4")
        try again.type("/tokens 2 third")
        try again.press("Enter")
        try again.waitFor("the third reply") { footers($0, "2 tok · ") == 3 }
        let secondAfter = await completions(second)
        XCTAssertEqual(secondAfter, 2)
        try again.press("C-q")
        XCTAssertEqual(try again.waitForExit(), 0)
    }
}
