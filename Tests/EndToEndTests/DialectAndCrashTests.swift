import Foundation
import ProcessSpawn
import XCTest

final class DialectAndCrashTests: EndToEndCase {
    /// `--dialect openai`: the same binary against an OpenAI-compatible endpoint.
    func testOpenAIDialectStreamsAndSendsNoPremOnlyFields() async throws {
        let tmux = TmuxDriver(name: "openai")
        defer { tmux.kill() }
        try tmux.start([binaryDirectory().appendingPathComponent("chatterm").path,
                        "--dialect", "openai", "--base-url", "http://127.0.0.1:\(port)/openai/v1",
                        "--model", "local-echo", "--db", databasePath, "--no-config"], width: 100, height: 30)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/tokens 12 openai path")
        try tmux.press("Enter")
        try tmux.waitFor(text: "openai path”")
        try tmux.waitFor("the reply to finish") { $0.contains("✓") }
        let requests = await server.recordedRequests().filter { $0.path.hasSuffix("/chat/completions") }
        XCTAssertEqual(requests.last?.path, "/openai/v1/chat/completions")
        let body = try await completionBodies().last
        XCTAssertEqual(body?["model"] as? String, "local-echo")
        XCTAssertNil(body?["project_id"])
        XCTAssertNil(body?["session_id"])
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    /// A reply is saved while it streams: `kill -9` mid-reply loses at most about a second,
    /// and the restarted app shows the saved part, marked as cut short.
    func testKillNineMidReplyKeepsWhatWasSaved() async throws {
        let tmux = TmuxDriver(name: "crash")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Sessions")
        try tmux.type("/delay 100 /tokens 300 survive a crash")
        try tmux.press("Enter")
        try tmux.waitFor(text: "survive a crash”")
        try await Task.sleep(nanoseconds: 2_500_000_000)
        // Only the chatterm process of this test: its command line starts with the binary and
        // names this test's database (the shell around it names it too, but starts with "sh").
        let binary = binaryDirectory().appendingPathComponent("chatterm").path
        let pattern = "^" + NSRegularExpression.escapedPattern(for: binary) + " .*" + NSRegularExpression.escapedPattern(for: databasePath)
        let (status, output) = try Spawn.run(["pkill", "-KILL", "-f", pattern])
        XCTAssertEqual(status, 0, output)
        XCTAssertEqual(try tmux.waitForExit(), 137)
        tmux.kill()

        let again = TmuxDriver(name: "crash2")
        defer { again.kill() }
        try again.start(chattermCommand(), width: 100, height: 30)
        try again.waitFor(text: "/delay 100")  // the session's title in the list
        try again.press("M-1")
        try again.press("Enter")
        try again.waitFor(text: "survive a crash”")
        try again.waitFor(text: "[interrupted]")
        try again.press("C-q")
        XCTAssertEqual(try again.waitForExit(), 0)

        // The store says so too, not only the screen: the export reads `interrupted`.
        let list = try Spawn.run([binary, "sessions", "list", "--db", databasePath, "--no-config"])
        XCTAssertEqual(list.status, 0, list.output)
        let sessionID = try XCTUnwrap(list.output.split(separator: " ").first.map(String.init), list.output)
        let export = try Spawn.run([binary, "export", sessionID, "--format", "json", "--db", databasePath, "--no-config"])
        XCTAssertEqual(export.status, 0, export.output)
        let archive = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(export.output.utf8)) as? [String: Any], export.output)
        let messages = try XCTUnwrap(archive["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.map { $0["status"] as? String }, ["complete", "interrupted"], export.output)
    }
}
