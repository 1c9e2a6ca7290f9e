import ChatCore
import Foundation
import SessionStore
import StreamProtocol
import XCTest

/// The mouse in the real binary: off by default; Alt+M turns it on; a click opens a session,
/// a click on a slider's track sets its value.
final class MouseEndToEndTests: EndToEndCase {
    func testClicksPickASessionAndSetASlider() throws {
        let store = try SessionStore(path: databasePath)
        for index in 0..<3 {
            try store.importSession(
                SessionSummary(id: "m\(index)", title: "Mice \(index)", createdAtMillis: 1, updatedAtMillis: Int64(10 - index)),
                parameters: SessionParameters(), messages: [
                    Message(id: "m\(index)-u", role: .user, content: "question number \(index)", createdAtMillis: 1),
                ])
        }
        try store.close()
        let tmux = TmuxDriver(name: "mouse")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "Mice 2")
        // Off by default: a click does nothing.
        let before = try tmux.screen()
        let rows = before.components(separatedBy: "\n")
        let third = try XCTUnwrap(rows.firstIndex { $0.contains("Mice 2") })
        try tmux.sendMouse(x: 3, y: third)
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertFalse(try tmux.screen().contains("question number 2"))

        try tmux.press("M-m")
        try tmux.waitFor(text: "Mouse on")
        try tmux.sendMouse(x: 3, y: third)
        try tmux.waitFor(text: "question number 2")

        // The temperature slider's track is the row under its name, from the cell after the
        // pane's left border to the one before its right: the middle of 0...2 is 1. (X10 mouse
        // reports cannot say columns past 94, so the test stays left of that.)
        let screen = try tmux.screen().components(separatedBy: "\n")
        let name = try XCTUnwrap(screen.firstIndex { $0.contains("temperature") })
        let track = Array(screen[name + 1])
        let rightBorder = try XCTUnwrap(track.lastIndex(of: "│"))
        let leftBorder = try XCTUnwrap(track[..<rightBorder].lastIndex(of: "│"))
        let middle = leftBorder + 1 + (rightBorder - leftBorder - 2) / 2
        XCTAssertLessThan(middle, 95)
        try tmux.sendMouse(x: middle, y: name + 1)
        try tmux.waitFor("temperature at 1") { screen in
            screen.components(separatedBy: "\n").contains { $0.contains("temperature") && $0.contains(" 1.0") }
        }
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        let reopened = try SessionStore(path: databasePath)
        XCTAssertEqual(try reopened.loadParameters(sessionID: "m2")?.temperature, 1, "saved with the session")
    }
}
