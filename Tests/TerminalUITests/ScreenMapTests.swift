import ChatCore
import StreamProtocol
import XCTest

@testable import TerminalUI

/// With the mouse on, the renderer reports what it drew where; each entry is checked against
/// the drawn cells themselves.
final class ScreenMapTests: XCTestCase {
    func testTheMapNamesWhatEachRowShows() {
        var state = AppState(profile: Profile(
            name: "local", baseURL: "http://127.0.0.1:9", dialect: .prem, projectID: 7, defaultModel: "local-echo"))
        state.screen.terminalWidth = 100
        state.screen.terminalHeight = 30
        state.screen.mouseEnabled = true
        state.sessions.list = [SessionSummary(id: "s1", title: "First", createdAtMillis: 0, updatedAtMillis: 0)]
        state.conversation.messages = [
            Message(id: "u", role: .user, content: "Question", createdAtMillis: 0),
            Message(id: "a", role: .assistant, content: "Answer", createdAtMillis: 1),
        ]
        let renderer = ScreenRenderer()
        let grid = renderer.render(state)
        let lines = grid.textLines()
        let map = renderer.lastReport.screenMap
        XCTAssertEqual(map.panes.map(\.pane), [.sessions, .conversation, .parameters, .composer])

        let list = try? XCTUnwrap(map.sessionList)
        XCTAssertTrue(lines[list?.y ?? 0].contains("First"))
        XCTAssertEqual(map.firstSessionIndex, 0)

        let conversation = map.conversation ?? ScreenArea(x: 0, y: 0, width: 0, height: 0)
        for (row, id) in map.messageRows.enumerated() {
            let text = lines[conversation.y + row]
            if text.contains("Question") || text.contains("You") { XCTAssertEqual(id, "u", text) }
            if text.contains("Answer") || text.contains("Assistant") { XCTAssertEqual(id, "a", text) }
        }
        XCTAssertEqual(map.messageRows.compactMap { $0 }.count, 4 + 1, "two rows each, and the gap above the reply")

        let temperature = map.parameterRows.filter { $0.field == .temperature }
        XCTAssertEqual(temperature.map(\.isTrack), [false, true])
        XCTAssertTrue(lines[temperature[0].y].contains("temperature"))

        state.screen.mouseEnabled = false
        _ = renderer.render(state)
        XCTAssertEqual(renderer.lastReport.screenMap, ScreenMap(), "nothing is made while the mouse is off")
    }
}
