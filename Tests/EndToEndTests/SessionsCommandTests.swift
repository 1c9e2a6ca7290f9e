import ChatCore
import Foundation
import ProcessSpawn
import SessionStore
import StreamProtocol
import XCTest

/// `chatterm sessions list|search|show|delete` on a database the store wrote.
final class SessionsCommandTests: EndToEndCase {
    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let out = dataDirectory.appendingPathComponent("out-\(UUID().uuidString)").path
        let err = dataDirectory.appendingPathComponent("err-\(UUID().uuidString)").path
        let pid = try Spawn.start(
            [binaryDirectory().appendingPathComponent("chatterm").path, "sessions"] + arguments + ["--db", databasePath, "--no-config"],
            streams: Spawn.Streams(output: out, error: err), environment: ["LC_ALL": "C.UTF-8"])
        let status = Spawn.wait(pid)
        return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    private func makeSessions() throws {
        let store = try SessionStore(path: databasePath)
        try store.importSession(
            SessionSummary(id: "aaaa1111-zebra", title: "Zebras", createdAtMillis: 1_000, updatedAtMillis: 5_000),
            parameters: SessionParameters(), messages: [
                Message(id: "z1", role: .user, content: "Tell me about zebras", createdAtMillis: 1_000),
                Message(id: "z2", role: .assistant, content: "Zebras have **stripes**.", createdAtMillis: 2_000, model: "beta"),
            ])
        try store.importSession(
            SessionSummary(id: "aaaa2222-cats", title: "Cats", createdAtMillis: 3_000, updatedAtMillis: 9_000),
            parameters: SessionParameters(), messages: [
                Message(id: "c1", role: .user, content: "And cats?", createdAtMillis: 3_000),
            ])
        try store.close()
    }

    func testListSearchShowAndDelete() throws {
        try makeSessions()
        let list = try run(["list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertEqual(list.stdout, """
            aaaa2222  1970-01-01 00:00  1 msg  -  Cats
            aaaa1111  1970-01-01 00:00  2 msgs  beta  Zebras

            """)
        let json = try run(["list", "--json", "--limit", "1"])
        XCTAssertEqual(json.stdout.split(separator: "\n").count, 1)
        XCTAssertTrue(json.stdout.contains(#""id":"aaaa2222-cats""#), json.stdout)

        let search = try run(["search", "stripe"])
        XCTAssertEqual(search.status, 0, search.stderr)
        XCTAssertEqual(search.stdout, "aaaa1111  Zebras: Zebras have stripes.\n", "the snippet in plain words, Markdown markers out")

        let ambiguous = try run(["show", "aaaa"])
        XCTAssertNotEqual(ambiguous.status, 0)
        XCTAssertTrue(ambiguous.stderr.contains("several sessions start with that"), ambiguous.stderr)
        let show = try run(["show", "aaaa1"])
        XCTAssertEqual(show.stdout, "## You\n\nTell me about zebras\n\n## Assistant (beta)\n\nZebras have **stripes**.\n")

        let delete = try run(["delete", "aaaa1"])
        XCTAssertEqual(delete.status, 0, delete.stderr)
        XCTAssertEqual(delete.stderr, "chatterm: deleted session aaaa1111-zebra “Zebras” (2 messages).\n")
        XCTAssertEqual(try run(["list"]).stdout, "aaaa2222  1970-01-01 00:00  1 msg  -  Cats\n")
        let missing = try run(["delete", "zzz"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("session zzz: no stored session has that id."), missing.stderr)
    }
}
