import ChatCore
import Foundation
import ProcessSpawn
import SessionStore
import StreamProtocol
import XCTest

/// `chatterm export` and `chatterm import` as a user runs them, and `x` in the sessions pane.
final class ArchiveCommandTests: EndToEndCase {
    private func run(_ arguments: [String], database: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let out = dataDirectory.appendingPathComponent("out-\(UUID().uuidString)").path
        let err = dataDirectory.appendingPathComponent("err-\(UUID().uuidString)").path
        let pid = try Spawn.start(
            [binaryDirectory().appendingPathComponent("chatterm").path] + arguments + ["--db", database, "--no-config"],
            streams: Spawn.Streams(output: out, error: err), environment: ["LC_ALL": "C.UTF-8"])
        let status = Spawn.wait(pid)
        return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    private func makeSession() throws {
        let store = try SessionStore(path: databasePath)
        try store.createSession(
            SessionSummary(id: "abcd1234-zebra", title: "Zebras", createdAtMillis: 1_000, updatedAtMillis: 5_000),
            parameters: SessionParameters(temperature: 0.3))
        try store.saveMessage(Message(id: "z1", role: .user, content: "Tell me about zebras", createdAtMillis: 1_000), sessionID: "abcd1234-zebra")
        try store.saveMessage(
            Message(id: "z2", role: .assistant, content: "Stripes.", createdAtMillis: 2_000, model: "beta",
                    parameters: SessionParameters(temperature: 0.3)), sessionID: "abcd1234-zebra")
        var again = Message(id: "z3", role: .assistant, content: "Black and white.", createdAtMillis: 3_000, model: "beta",
                            parameters: SessionParameters(temperature: 1.1))
        again.placement = .besideMessage("z2")
        try store.saveMessage(again, sessionID: "abcd1234-zebra")
        try store.close()
    }

    /// Stored text is a model's: Markdown on standard output loses its escape sequences (as
    /// `sessions show` does), `--raw` keeps them, JSON escapes them, and a file gets them exactly.
    func testExportToStandardOutputRemovesEscapeSequences() throws {
        let store = try SessionStore(path: databasePath)
        try store.createSession(
            SessionSummary(id: "esc12345", title: "T\u{1B}]0;pwned\u{07}", createdAtMillis: 1_000, updatedAtMillis: 2_000),
            parameters: SessionParameters())
        try store.saveMessage(
            Message(id: "e1", role: .user, content: "clear \u{1B}[2J clip \u{1B}]52;c;ZWNobw==\u{07} red \u{1B}[31mred", createdAtMillis: 1_000),
            sessionID: "esc12345")
        try store.close()
        let markdown = try run(["export", "esc1"], database: databasePath)
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        XCTAssertFalse(markdown.stdout.contains("\u{1B}"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("clear "), markdown.stdout)
        let raw = try run(["export", "esc1", "--raw"], database: databasePath)
        XCTAssertTrue(raw.stdout.contains("\u{1B}[2J"), raw.stdout)
        let json = try run(["export", "esc1", "--format", "json"], database: databasePath)
        XCTAssertFalse(json.stdout.contains("\u{1B}"), "JSON escapes control characters itself")
        XCTAssertTrue(json.stdout.contains("\\u001b"), json.stdout)
        let file = dataDirectory.appendingPathComponent("exact.md").path
        XCTAssertEqual(try run(["export", "esc1", "-o", file], database: databasePath).status, 0)
        XCTAssertTrue(try String(contentsOfFile: file, encoding: .utf8).contains("\u{1B}[2J"), "a file gets the text exactly")
    }

    func testExportThenImportIntoAnotherDatabaseKeepsEverything() throws {
        try makeSession()
        let markdown = try run(["export", "abcd"], database: databasePath)
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        XCTAssertEqual(markdown.stdout, """
            # Zebras

            chatterm session `abcd1234-zebra` · 2 messages

            Parameters:

            - temperature: `0.3`

            ## You

            Tell me about zebras

            ## Assistant (beta)

            *Asked with temperature 0.3 → 1.1*

            Black and white.

            """)

        let file = dataDirectory.appendingPathComponent("zebras.json").path
        let json = try run(["export", "abcd", "-o", file], database: databasePath)
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertTrue(json.stderr.hasPrefix("chatterm: wrote \(file) ("), json.stderr)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int, 0o600)

        let other = dataDirectory.appendingPathComponent("other.sqlite").path
        let imported = try run(["import", file], database: other)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertEqual(imported.stderr, """
            chatterm: \(file): imported 1 session (3 messages).
              abcd1234  Zebras: 3 messages

            """)
        let twice = try run(["import", file], database: other)
        XCTAssertTrue(twice.stderr.contains("already stored, left as it is"), twice.stderr)
        let original = try SessionStore(path: databasePath)
        let copy = try SessionStore(path: other)
        XCTAssertEqual(try copy.exportArchive(sessionID: "abcd1234-zebra"), try original.exportArchive(sessionID: "abcd1234-zebra"))

        let broken = dataDirectory.appendingPathComponent("broken.json").path
        try Data("{\"hello\":1}".utf8).write(to: URL(fileURLWithPath: broken))
        let refused = try run(["import", broken], database: other)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "chatterm: \(broken): neither a chatterm export, an OpenAI messages array nor a ChatGPT conversations.json\n")
    }

    /// `x` in the sessions pane proposes a file named after the title in a prompt at the foot of
    /// the screen; Tab switches to JSON (and the name's extension with it); Enter writes it.
    func testXInTheSessionsPaneWritesTheSession() throws {
        try makeSession()
        let tmux = TmuxDriver(name: "export")
        defer { tmux.kill() }
        let directory = dataDirectory.path
        try tmux.start(["/bin/sh", "-c", "cd \(shellQuote(directory)) && exec " + chattermCommand().map(shellQuote).joined(separator: " ")],
                       width: 150, height: 30)
        try tmux.waitFor(text: "Zebras")
        try tmux.press("M-1")
        try tmux.press("x")
        try tmux.waitFor(text: "Export “Zebras” as Markdown to")
        try tmux.waitFor(text: "zebras-abcd1234.md ")
        try tmux.press("Tab")
        try tmux.waitFor(text: "zebras-abcd1234.json ")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Exported to zebras-abcd1234.json")
        let data = try Data(contentsOf: dataDirectory.appendingPathComponent("zebras-abcd1234.json"))
        let archive = try JSONDecoder().decode(SessionArchive.self, from: data)
        XCTAssertEqual(archive.messages.map(\.id), ["z1", "z2", "z3"])
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
