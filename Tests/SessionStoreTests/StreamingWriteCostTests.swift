import ChatCore
import Foundation
import StreamProtocol
import XCTest
@testable import SessionStore

/// Measures (prints, does not assert: the machine is shared) what a streaming reply costs:
/// 1,000 saves of one assistant message that grows by a token each time, on a real file.
final class StreamingWriteCostTests: XCTestCase {
    func testThousandUpsertsOfAGrowingMessage() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let store = try SessionStore(path: path)
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        try store.saveMessage(userMessage("u", "Write a long essay", at: 2), sessionID: "s")

        var reply = Message(id: "a", role: .assistant, content: "", createdAtMillis: 3, status: .streaming)
        let start = DispatchTime.now().uptimeNanoseconds
        for index in 0..<1_000 {
            reply.content += "word\(index) "
            try store.saveMessage(reply, sessionID: "s")
        }
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        print(String(
            format: "SessionStore: 1000 saveMessage upserts of a growing message (final %d chars): %.0f ms total, %.2f ms each",
            reply.content.count, milliseconds, milliseconds / 1_000
        ))

        let loaded = try store.loadMessages(sessionID: "s")
        XCTAssertEqual(loaded.map(\.id), ["u", "a"])
        XCTAssertEqual(loaded.last?.content, reply.content)
        reply.status = .complete
        try store.saveMessage(reply, sessionID: "s")
        XCTAssertEqual(try store.searchMessages("word999", limit: 5).map(\.messageID), ["a"], "indexed once finished")
    }
}
