import ChatCore
import Foundation
import SessionStore
import XCTest

/// Compare in the real binary: a sweep of two temperatures sends two requests that differ
/// only in temperature, the replies stream side by side, and picking the second makes the
/// next request carry it.
final class CompareEndToEndTests: EndToEndCase {
    func testSweepSendsTwoRequestsSideBySideAndThePickIsCarried() async throws {
        let tmux = TmuxDriver(name: "compare")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 120, height: 40)
        try tmux.waitFor(text: "Sessions")
        // `/echo`: each reply is the body its request sent, so each column shows its temperature.
        try tmux.type("/echo which temperature")
        try tmux.press("C-g")
        try tmux.waitFor(text: "Compare: one prompt")
        try tmux.press("C-u")
        try tmux.type("temperature=0.2,1.4")
        try tmux.waitFor(text: "2 columns")
        try tmux.press("Enter")
        // The figures row is drawn before the replies' rows in the same frame, and a capture can
        // land between the two writes on a busy machine: the wait asks for the replies too.
        let bothTemperatures: (String) -> Bool = { screen in
            screen.split(separator: "\n").contains { $0.contains("\"temperature\": 0.2") && $0.contains("\"temperature\": 1.4") }
        }
        let sideBySide = try tmux.waitFor("both replies side by side") { screen in
            screen.split(separator: "\n").contains { $0.contains(" 1 temperature 0.2") && $0.contains(" 2 temperature 1.4") }
                && screen.components(separatedBy: "✓ ").count == 3 && bothTemperatures(screen)
        }
        XCTAssertTrue(sideBySide.split(separator: "\n").contains { $0.contains("\"temperature\": 0.2") && $0.contains("\"temperature\": 1.4") },
                      "each column shows its own request's temperature, on the same rows:\n\(sideBySide)")

        let bodies = try await completionBodies()
        XCTAssertEqual(bodies.count, 2)
        XCTAssertEqual(Set(bodies.compactMap { $0["temperature"] as? Double }), [0.2, 1.4])
        let withoutTemperature = bodies.map { body -> NSDictionary in
            var rest = body
            rest["temperature"] = nil
            return rest as NSDictionary
        }
        XCTAssertEqual(withoutTemperature[0], withoutTemperature[1], "the requests differ only in temperature")

        // The second column, picked: the conversation shows it, and the next request carries it.
        try tmux.press("l")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Column 2 picked")
        try tmux.press("M-4")
        try tmux.type("/tokens 2 and then")
        try tmux.press("Enter")
        try tmux.waitFor("the follow-up's reply") { $0.contains("2 tok · ") }
        let followUp = try await completionBodies()
        XCTAssertEqual(followUp.count, 3)
        let messages = followUp[2]["messages"] as? [[String: Any]] ?? []
        XCTAssertEqual(messages.count, 3)
        let carried = messages.count == 3 ? messages[1]["content"] as? String ?? "" : ""
        XCTAssertTrue(carried.contains("\"temperature\": 1.4"), "the picked reply is the one sent back: \(carried)")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)

        // The store kept both replies as versions of one answer.
        let store = try SessionStore(path: databasePath)
        let sessionID = try XCTUnwrap(store.listSessions().first?.id)
        let path = try store.loadMessages(sessionID: sessionID)
        XCTAssertEqual(path.count, 4)
        XCTAssertEqual(path[1].branch?.index, 2)
        XCTAssertEqual(path[1].branch?.count, 2)
    }

    /// A 429 on one column retries that column, with its own countdown, while the other
    /// streams on; then both finish.
    func testARateLimitedColumnRetriesAloneWhileTheOtherStreams() throws {
        let tmux = TmuxDriver(name: "compare-429")
        defer { tmux.kill() }
        // In the data directory: `w` writes the comparison there.
        try tmux.start(["/bin/sh", "-c", "cd \(shellQuote(dataDirectory.path)) && exec " + chattermCommand().map(shellQuote).joined(separator: " ")],
                       width: 120, height: 30)
        try tmux.waitFor(text: "Sessions")
        // The first request with this text gets a 429 asking for a 2 s wait; the next streams.
        try tmux.type("/flaky 429 1 /retry-after 2 /tokens 12 /delay 20 limited")
        try tmux.press("C-g")
        try tmux.waitFor(text: "Compare: one prompt")
        try tmux.press("C-u")
        try tmux.type("seed=1,2")
        try tmux.press("Enter")
        let waiting = try tmux.waitFor("one column counting down, the other done") { screen in
            screen.contains("↻ retry 1/") && screen.contains("✓ 12 tok")
        }
        XCTAssertTrue(waiting.contains("429"), waiting)
        try tmux.waitFor("both columns done") { $0.components(separatedBy: "✓ 12 tok").count == 3 }

        // `w`: one Markdown table, a row per column with what sets it apart and its figures.
        try tmux.press("w")
        try tmux.waitFor(text: "Exported to compare-flaky-429-1")
        let files = try FileManager.default.contentsOfDirectory(atPath: dataDirectory.path).filter { $0.hasPrefix("compare-") }
        XCTAssertEqual(files.count, 1)
        let table = try String(contentsOf: dataDirectory.appendingPathComponent(files.first ?? ""), encoding: .utf8)
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("| 1 |") || $0.hasPrefix("| 2 |") }
        XCTAssertEqual(rows.count, 2, table)
        XCTAssertTrue(rows.first?.hasPrefix("| 1 | seed 1 | ") == true, table)
        XCTAssertTrue(rows.last?.hasPrefix("| 2 | seed 2 | ") == true, table)
        XCTAssertTrue(rows.allSatisfy { $0.hasSuffix(" | complete |") && $0.contains(" | 12 | ") }, table)
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
