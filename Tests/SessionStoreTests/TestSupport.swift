import ChatCore
import Foundation
import SessionStore
import StreamProtocol
import XCTest

/// A fresh directory under the system temp dir, removed when the test ends.
func makeTemporaryDirectory(_ testCase: XCTestCase) throws -> String {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("chatterm-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url.path
}

func posixMode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    let mode = try XCTUnwrap(attributes[.posixPermissions] as? NSNumber)
    return mode.intValue & 0o777
}

func session(_ id: String, updated: Int64, title: String = "") -> SessionSummary {
    SessionSummary(id: id, title: title, createdAtMillis: 1_000, updatedAtMillis: updated)
}

func userMessage(_ id: String, _ text: String, at millis: Int64) -> Message {
    Message(id: id, role: .user, content: text, createdAtMillis: millis)
}

/// Forty sessions of ten long messages each: a file of a few hundred pages, enough that 8 KiB
/// written over its middle hits b-tree pages and not the header (the damage tests).
func fillWithHistory(_ store: SessionStore, sessions: Int = 40) throws {
    for index in 0..<sessions {
        try store.createSession(session("s\(index)", updated: Int64(index)), parameters: SessionParameters())
        for turn in 0..<10 {
            let text = "message \(turn) of session \(index) " + String(repeating: "lorem ipsum dolor ", count: 30)
            try store.saveMessage(userMessage("m\(index)-\(turn)", text, at: Int64(index * 100 + turn)), sessionID: "s\(index)")
        }
    }
}
