import ChatCore
import Foundation
import StreamProtocol
import XCTest
@testable import SessionStore

/// The app saves a streaming reply on its transport thread while the UI thread lists and
/// loads sessions: both must work at the same time on one store.
final class ConcurrentAccessTests: XCTestCase {
    func testWritesOnOneThreadAndReadsOnAnother() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let store = try SessionStore(path: path)
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())

        let failures = FailureLog()
        let writer = Thread {
            var reply = Message(id: "a", role: .assistant, content: "", createdAtMillis: 2, status: .streaming)
            for index in 0..<200 {
                reply.content += "t\(index) "
                do { try store.saveMessage(reply, sessionID: "s") } catch { failures.add("write: \(error)") }
            }
            failures.finishWriting()
        }
        writer.start()
        var reads = 0
        while !failures.writingFinished {
            do {
                let messages = try store.loadMessages(sessionID: "s")
                if messages.count > 1 { failures.add("more than one row for a streaming reply") }
                _ = try store.listSessions()
                reads += 1
            } catch {
                failures.add("read: \(error)")
            }
        }

        XCTAssertEqual(failures.messages, [])
        XCTAssertGreaterThan(reads, 0)
        XCTAssertEqual(try store.loadMessages(sessionID: "s").first?.content.hasSuffix("t199 "), true)
    }

    /// Two chatterms started at once on a new file: one migrates it, the other waits and finds
    /// it migrated (before the lock, one failed with "table session already exists").
    func testStoresOpeningANewFileAtOnceBothSucceed() throws {
        for round in 0..<5 {
            let path = try makeTemporaryDirectory(self) + "/fresh-\(round).sqlite"
            let failures = FailureLog()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do {
                    let store = try SessionStore(path: path)
                    _ = try store.listSessions()
                } catch {
                    failures.add("\(error)")
                }
            }
            XCTAssertEqual(failures.messages, [], "round \(round)")
        }
    }

    func testTheOutsideChangeCountMovesOnlyForTheOtherProcessesWrites() throws {
        let path = try makeTemporaryDirectory(self) + "/shared.sqlite"
        let mine = try SessionStore(path: path)
        let theirs = try SessionStore(path: path)
        let start = try mine.outsideChangeCount()
        try mine.createSession(session("m", updated: 1), parameters: SessionParameters())
        XCTAssertEqual(try mine.outsideChangeCount(), start, "my own write is not news")
        try theirs.createSession(session("t", updated: 2), parameters: SessionParameters())
        let after = try mine.outsideChangeCount()
        XCTAssertNotEqual(after, start)
        XCTAssertEqual(try mine.outsideChangeCount(), after, "nothing new since")
    }
}

/// Collects failures from two threads.
private final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []
    private var finished = false

    func add(_ message: String) { lock.withLock { collected.append(message) } }
    func finishWriting() { lock.withLock { finished = true } }
    var writingFinished: Bool { lock.withLock { finished } }
    var messages: [String] { lock.withLock { collected } }
}
