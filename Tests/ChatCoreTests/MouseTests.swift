import XCTest
@testable import ChatCore
import StreamProtocol

/// Clicks and the wheel, against what the last frame reported drawing where (`ScreenMap`).
final class MouseTests: XCTestCase {
    func mapped() -> AppState {
        var state = AppState(profile: premProfile, terminalWidth: 100, terminalHeight: 30)
        state.sessions.list = (0..<10).map { SessionSummary(id: "s\($0)", title: "Session \($0)", createdAtMillis: 0, updatedAtMillis: Int64(100 - $0)) }
        state.conversation.messages = [
            Message(id: "u", role: .user, content: "hi", createdAtMillis: 0),
            Message(id: "a", role: .assistant, content: "hello", createdAtMillis: 1),
        ]
        state.conversation.activeSessionID = "s0"
        state.conversation.activeSessionSaved = true
        var map = ScreenMap()
        map.panes = [
            .init(pane: .sessions, area: ScreenArea(x: 0, y: 0, width: 20, height: 29)),
            .init(pane: .conversation, area: ScreenArea(x: 20, y: 0, width: 55, height: 25)),
            .init(pane: .parameters, area: ScreenArea(x: 75, y: 0, width: 25, height: 29)),
            .init(pane: .composer, area: ScreenArea(x: 20, y: 25, width: 55, height: 4)),
        ]
        map.sessionList = ScreenArea(x: 1, y: 1, width: 18, height: 27)
        map.firstSessionIndex = 2
        map.conversation = ScreenArea(x: 21, y: 1, width: 53, height: 23)
        map.messageRows = ["u", "u", nil, "a", "a"] + Array(repeating: nil, count: 18)
        map.parameterRows = [
            .init(y: 5, field: .temperature, isTrack: false, x: 76, width: 23),
            .init(y: 6, field: .temperature, isTrack: true, x: 76, width: 23),
        ]
        state.screen.map = map
        state.screen.mouseEnabled = true
        return state
    }

    func click(_ state: inout AppState, _ x: Int, _ y: Int, _ kind: MouseEvent.Kind = .press) -> [Effect] {
        reduce(&state, .mouse(MouseEvent(x: x, y: y, kind: kind), stamp(500)))
    }

    func testAltMTurnsTheMouseOnAndOff() {
        var state = AppState(profile: premProfile)
        XCTAssertEqual(press(&state, .alt("m")), [.setMouse(true)])
        XCTAssertTrue(state.screen.mouseEnabled)
        XCTAssertEqual(press(&state, .alt("m")), [.setMouse(false)])
        XCTAssertEqual(state.status.notice, "Mouse off: the terminal's own selection works again.")
        XCTAssertEqual(reduce(&state, .mouse(MouseEvent(x: 1, y: 1, kind: .press), stamp(0))), [], "off: reports are ignored")
    }

    func testAClickOnASessionFocusesThePaneAndOpensIt() {
        var state = mapped()
        XCTAssertEqual(click(&state, 5, 3), [.loadConversation(sessionID: "s4")], "row 2 of the list, whose first row shows session 2")
        XCTAssertEqual(state.screen.focus, .conversation, "opening moves to the conversation, as Enter does")
        XCTAssertEqual(state.sessions.selectedIndex, 4)
        XCTAssertEqual(click(&state, 5, 28), [], "below the last row drawn")
    }

    func testAClickOnAMessagePutsTheCursorOnIt() {
        var state = mapped()
        XCTAssertEqual(click(&state, 30, 4), [])
        XCTAssertEqual(state.screen.focus, .conversation)
        XCTAssertEqual(state.conversation.cursor, "a")
        _ = click(&state, 30, 3)  // the gap row between messages: no message there
        XCTAssertEqual(state.conversation.cursor, "a")
        _ = click(&state, 30, 26)
        XCTAssertEqual(state.screen.focus, .composer)
    }

    func testAClickOnASlidersTrackSetsItsValue() {
        var state = mapped()
        XCTAssertEqual(click(&state, 76 + 22, 6), [.saveParameters(SessionParameters(temperature: 2), sessionID: "s0", nowMillis: 500)])
        XCTAssertEqual(state.screen.focus, .parameters)
        XCTAssertEqual(state.selectedField, .temperature)
        _ = click(&state, 76 + 11, 6)
        XCTAssertEqual(state.parameters.temperature, 1)
        _ = click(&state, 76, 6)
        XCTAssertEqual(state.parameters.temperature, 0)
        state.selectedField = .topP
        XCTAssertEqual(click(&state, 80, 5), [], "the field's own row selects it")
        XCTAssertEqual(state.selectedField, .temperature)
    }

    /// max_tokens spans 1…131,072: a click maps through the logarithmic scale the pane draws,
    /// so the middle of the track is about 362 (the geometric middle), not 65,536.
    func testAClickOnTheMaxTokensTrackIsLogarithmic() {
        var state = mapped()
        state.screen.map.parameterRows = [.init(y: 9, field: .maxTokens, isTrack: true, x: 76, width: 23)]
        _ = click(&state, 76 + 11, 9)
        XCTAssertEqual(state.parameters.maxTokens, 362)
        _ = click(&state, 76, 9)
        XCTAssertEqual(state.parameters.maxTokens, 1)
        _ = click(&state, 76 + 22, 9)
        XCTAssertEqual(state.parameters.maxTokens, NumericParameter.maxTokensCap)
        // The cell a value is drawn at maps back to about that value.
        let cell = (NumericParameter.maxTokens.trackFraction(of: 1100) * 22).rounded()
        _ = click(&state, 76 + Int(cell), 9)
        let back = Double(state.parameters.maxTokens ?? 0)
        XCTAssertTrue(back > 1100 / 1.8 && back < 1100 * 1.8, "\(back)")
    }

    func testTheWheelScrollsThePaneUnderThePointer() {
        var state = mapped()
        state.conversation.scroll.metrics = ScrollMetrics(totalRows: 100, viewportRows: 23, firstVisibleRow: 77)
        _ = click(&state, 30, 10, .wheelUp)
        XCTAssertEqual(state.conversation.scroll.position, .row(74))
        XCTAssertEqual(state.screen.focus, .composer, "the wheel does not move the focus")
        _ = click(&state, 5, 10, .wheelDown)
        XCTAssertEqual(state.sessions.selectedIndex, 3)
        _ = click(&state, 80, 10, .wheelDown)
        XCTAssertEqual(state.selectedField, .topP)
    }
}
