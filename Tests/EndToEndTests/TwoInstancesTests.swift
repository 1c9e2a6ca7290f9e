import Foundation
import XCTest

/// Two chatterms on one database: each sees the sessions the other starts and the turns it
/// adds to the open session, without a restart.
final class TwoInstancesTests: EndToEndCase {
    func testASessionStartedInOneAppearsInTheOther() throws {
        let first = TmuxDriver(name: "first")
        let second = TmuxDriver(name: "second")
        defer { first.kill(); second.kill() }
        try first.start(chattermCommand(), width: 100, height: 30)
        try second.start(chattermCommand(), width: 100, height: 30)
        try first.waitFor(text: "Sessions")
        try second.waitFor(text: "Sessions")
        try first.sendAndWaitForReply("/tokens 2 ostrich topic")
        // Listed by the other within the watcher's second (plus a frame).
        let started = Date()
        try second.waitFor(text: "/tokens 2 ost", timeout: 5)
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        try second.press("M-1")
        try second.press("Enter")
        try second.waitFor(text: "ostrich topic")
        // A turn added there shows here, in the open session, without a key press.
        try second.press("M-4")
        try second.type("/tokens 2 emu topic")
        try second.press("Enter")
        try first.waitFor(text: "emu topic", timeout: 5)
        // A new session there is listed here.
        try second.press("C-n")
        try second.type("/tokens 2 kiwi topic")
        try second.press("Enter")
        try first.waitFor(text: "/tokens 2 kiw", timeout: 5)
        try first.press("C-q")
        try second.press("C-q")
        XCTAssertEqual(try first.waitForExit(), 0)
        XCTAssertEqual(try second.waitForExit(), 0)
    }
}
