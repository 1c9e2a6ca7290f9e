import ChatCore
import Foundation
import ProcessSpawn
import StreamProtocol
import XCTest
@testable import SessionStore

/// Every subcommand fails in one shape: `chatterm: <sentence>`; a usage mistake exits 64 with
/// the usage of the subcommand typed; a failure of the run (the database, a file) exits with
/// its own status and no usage text (docs/ask.md, "Errors and exit statuses").
final class ExitStatusTests: EndToEndCase {
    private struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private func run(_ arguments: [String], database: String? = nil, config: String? = nil) throws -> Result {
        let out = dataDirectory.appendingPathComponent("out-\(UUID().uuidString)").path
        let err = dataDirectory.appendingPathComponent("err-\(UUID().uuidString)").path
        let pid = try Spawn.start(
            [binaryDirectory().appendingPathComponent("chatterm").path] + arguments + ["--db", database ?? databasePath] + (config.map { ["--config", $0] } ?? ["--no-config"]),
            streams: Spawn.Streams(output: out, error: err), environment: ["LC_ALL": "C.UTF-8"])
        let status = Spawn.wait(pid)
        return Result(status: status, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    private func makeSession() throws {
        let store = try SessionStore(path: databasePath)
        try store.createSession(SessionSummary(id: "abcd1234-zebra", title: "Zebras", createdAtMillis: 1_000, updatedAtMillis: 5_000), parameters: SessionParameters())
        try store.close()
    }

    private func assertFailure(_ result: Result, status: Int32, stderr prefix: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, status, result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.hasPrefix(prefix), result.stderr, file: file, line: line)
        XCTAssertFalse(result.stderr.contains("Usage:"), "a failure of the run is not a usage mistake: \(result.stderr)", file: file, line: line)
        XCTAssertFalse(result.stderr.contains("Error Domain="), result.stderr, file: file, line: line)
    }

    func testADamagedDatabaseExits65WithoutUsageFromEverySubcommandAndTheApp() throws {
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 13) })
        try garbage.write(to: URL(fileURLWithPath: databasePath))
        let damaged = "chatterm: The session database \(databasePath) is damaged"
        assertFailure(try run(["sessions", "list"]), status: 65, stderr: damaged)
        assertFailure(try run(["export", "abcd"]), status: 65, stderr: damaged)
        assertFailure(try run(["ask", "--session", "new", "--base-url", "http://127.0.0.1:\(port)", "--project-id", "1", "hi"]),
                      status: 65, stderr: damaged)
        // The app, with nobody at a terminal to ask whether to move it aside.
        let app = try run(["--base-url", "http://127.0.0.1:\(port)", "--project-id", "1"])
        assertFailure(app, status: 65, stderr: damaged)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: databasePath)), garbage, "left untouched")
    }

    func testADatabaseFromANewerChattermExits65() throws {
        let store = try SessionStore(path: databasePath)
        try store.executeForTesting(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-later')")
        try store.close()
        let result = try run(["sessions", "list"])
        assertFailure(result, status: 65, stderr: "chatterm: The session database \(databasePath) was written by a newer chatterm")
    }

    func testADatabaseThatCannotBeCreatedExits74() throws {
        let result = try run(["sessions", "list"], database: "/dev/null/sessions.sqlite")
        assertFailure(result, status: 74, stderr: "chatterm: The session database /dev/null/sessions.sqlite cannot be opened")
    }

    func testAnUnwritableExportPathExits73() throws {
        try makeSession()
        let target = dataDirectory.appendingPathComponent("missing-folder/zebras.md").path
        let result = try run(["export", "abcd", "-o", target])
        assertFailure(result, status: 73, stderr: "chatterm: cannot write \(target): no such file or directory")
        XCTAssertEqual(result.stdout, "")
    }

    func testAMissingAtFileExits66AndAskJSONSaysSoOnStdout() throws {
        let missing = dataDirectory.appendingPathComponent("tools.json").path
        let arguments = ["ask", "--base-url", "http://127.0.0.1:\(port)", "--project-id", "1", "--tools", "@" + missing, "hi"]
        let text = try run(arguments)
        let sentence = "--tools: cannot read file \(missing): no such file or directory."
        assertFailure(text, status: 66, stderr: "chatterm: \(sentence)\n")
        XCTAssertEqual(text.stdout, "")

        let json = try run(arguments + ["--json"])
        assertFailure(json, status: 66, stderr: "chatterm: \(sentence)\n")
        XCTAssertEqual(json.stdout, #"{"type":"error","category":"input","message":"\#(sentence)","exit_status":66}"# + "\n")
    }

    func testAMissingImportFileExits66() throws {
        let missing = dataDirectory.appendingPathComponent("nothing.json").path
        let result = try run(["import", missing])
        assertFailure(result, status: 66, stderr: "chatterm: cannot read file \(missing): no such file or directory.\n")
    }

    func testAnEmptySessionIdIsRefusedWithTheSubcommandsUsage() throws {
        try makeSession()
        let result = try run(["export", ""])
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.stdout, "", "no session is exported")
        XCTAssertTrue(result.stderr.hasPrefix("chatterm: session is empty: give a session's id or its first characters"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\nUsage: chatterm export "), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix("  See 'chatterm export --help' for more information.\n"), result.stderr)
    }

    func testUsageMistakesShowTheSubcommandsUsageNotTheRoots() throws {
        try makeSession()
        let unknown = try run(["sessions", "show", "zzz"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.stderr.hasPrefix("chatterm: session zzz: no stored session has that id."), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("\nUsage: chatterm sessions show "), unknown.stderr)

        let flag = try run(["sessions", "list", "--limit", "0"])
        XCTAssertEqual(flag.status, 64)
        XCTAssertTrue(flag.stderr.hasPrefix("chatterm: --limit must be at least 1.\nUsage: chatterm sessions list "), flag.stderr)
        let search = try run(["sessions", "search", "apple", "--limit", "0"])
        XCTAssertEqual(search.status, 64, "as list refuses it")
        XCTAssertTrue(search.stderr.hasPrefix("chatterm: --limit must be at least 1.\nUsage: chatterm sessions search "), search.stderr)
    }

    func testAskJSONReportsUsageMistakesAsAJSONLineToo() throws {
        let base = ["ask", "--json", "--base-url", "http://127.0.0.1:\(port)", "--project-id", "1"]
        let range = try run(base + ["--temperature", "3", "hi"])
        XCTAssertEqual(range.status, 64)
        XCTAssertTrue(range.stderr.hasPrefix("chatterm: --temperature: temperature must be from 0 to 2 (got 3).\nUsage: chatterm ask "), range.stderr)
        XCTAssertEqual(range.stdout,
                       #"{"type":"error","category":"usage","message":"--temperature: temperature must be from 0 to 2 (got 3).","exit_status":64}"# + "\n")

        let parse = try run(base + ["--zzzzzzzzzz", "hi"])
        XCTAssertEqual(parse.status, 64)
        XCTAssertTrue(parse.stderr.hasPrefix("chatterm: Unknown option '--zzzzzzzzzz'"), parse.stderr)
        XCTAssertEqual(parse.stdout, #"{"type":"error","category":"usage","message":"Unknown option '--zzzzzzzzzz'","exit_status":64}"# + "\n")
    }

    func testStartUpListsEveryProblemOfTheConfigFile() throws {
        let config = dataDirectory.appendingPathComponent("config.toml").path
        try "modle = \"m\"\n[defaults]\ntemperature = 9\n[keys]\nsned = \"x\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        for arguments in [["--base-url", "http://127.0.0.1:\(port)", "--project-id", "1"], ["ask", "hi"], ["sessions", "list"]] {
            let result = try run(arguments, config: config)
            XCTAssertEqual(result.status, 64, result.stderr)
            XCTAssertEqual(result.stderr, """
                chatterm: config file \(config), line 1: modle: unknown key (did you mean model?)
                chatterm: config file \(config), line 3: defaults.temperature: 9 is out of range (0 to 2)
                chatterm: 2 problems; the file was not used (`chatterm config check` lists them too).

                """, "\(arguments)")
        }
    }

    /// `chatterm keys` lists `[keys]` problems in the same `chatterm: ...` shape as the rest.
    func testKeysProblemsHaveTheCommonShape() throws {
        let config = dataDirectory.appendingPathComponent("config.toml").path
        try "[keys]\nsned = \"x\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try run(["keys"], config: config)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "chatterm: config file \(config), line 2: keys.sned: unknown command \"sned\" (did you mean send?); "
            + "docs/keys.md and `chatterm keys` list every command\n")
    }

    /// `chatterm config check` lists every problem as start-up does, `[keys]` ones included.
    func testConfigCheckListsEveryProblemInTheCommonShape() throws {
        let config = dataDirectory.appendingPathComponent("config.toml").path
        try "modle = \"m\"\nthme = \"x\"\n[keys]\nsned = \"x\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try run(["config", "check"], config: config)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, """
            chatterm: config file \(config), line 1: modle: unknown key (did you mean model?)
            chatterm: config file \(config), line 2: thme: unknown key (did you mean theme?)
            chatterm: config file \(config), line 4: keys.sned: unknown command "sned" (did you mean send?); docs/keys.md and `chatterm keys` list every command
            chatterm: 3 problems.

            """)
    }

    /// A `[keys]` warning keeps its entry: `config check` and `chatterm keys` say it as a
    /// warning and exit 0; beside a problem, the problem still fails.
    func testKeysWarningsAreNotProblems() throws {
        let config = dataDirectory.appendingPathComponent("config.toml").path
        let warning = "config file \(config), line 2: keys.new-session: ctrl+a runs line-start in text inputs, so it does not reach new-session there"
        try "[keys]\nnew-session = \"ctrl+a\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let check = try run(["config", "check"], config: config)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertEqual(check.stderr, "chatterm: warning: \(warning)\nchatterm: config file \(config): no problems, 1 warning.\n")
        let keys = try run(["keys"], config: config)
        XCTAssertEqual(keys.status, 0, keys.stderr)
        XCTAssertEqual(keys.stderr, "chatterm: warning: \(warning)\n")
        try "[keys]\nnew-session = \"ctrl+a\"\nsned = \"x\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let both = try run(["config", "check"], config: config)
        XCTAssertEqual(both.status, 1, both.stderr)
        XCTAssertEqual(both.stderr, """
            chatterm: config file \(config), line 3: keys.sned: unknown command "sned" (did you mean send?); docs/keys.md and `chatterm keys` list every command
            chatterm: warning: \(warning)
            chatterm: 1 problem, 1 warning.

            """)
    }

    /// The CA files a config names are checked too, the top level's and each profile's.
    func testConfigCheckReadsTheCAFilesItNames() throws {
        let config = dataDirectory.appendingPathComponent("config.toml").path
        let notPEM = dataDirectory.appendingPathComponent("plain.txt").path
        try "not a certificate\n".write(toFile: notPEM, atomically: true, encoding: .utf8)
        try "ca_file = \"nope.pem\"\n[profiles.a]\nca_file = \"\(notPEM)\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try run(["config", "check"], config: config)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("config file \(config): ca_file: cannot read CA file"), result.stderr)
        XCTAssertTrue(result.stderr.contains("nope.pem"), result.stderr)
        XCTAssertTrue(result.stderr.contains("config file \(config): profiles.a.ca_file: CA file \(notPEM) holds no PEM certificate"), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix("chatterm: 2 problems.\n"), result.stderr)
    }

    /// Help is not an error: on stdout, status 0, for a subcommand and for a group run alone.
    func testHelpGoesToStdoutWithStatus0() throws {
        let ask = try run(["ask", "--help"])
        XCTAssertEqual(ask.status, 0, ask.stderr)
        XCTAssertEqual(ask.stderr, "")
        XCTAssertTrue(ask.stdout.contains("USAGE: chatterm ask"), ask.stdout)
        XCTAssertTrue(ask.stdout.contains(" 66  a file named on the command line"), ask.stdout)
        let group = try run(["sessions"])
        XCTAssertEqual(group.status, 0, group.stderr)
        XCTAssertTrue(group.stdout.contains("SUBCOMMANDS:"), group.stdout)
        let version = try run(["--version"])
        XCTAssertEqual(version.status, 0, version.stderr)
        XCTAssertTrue(version.stdout.hasPrefix("0.1.0 (commit "), version.stdout)
    }
}
