import ChatCore
import StreamProtocol
import XCTest
@testable import TerminalUI

/// The views' caches are keyed on their view models: after any change a kept renderer draws
/// exactly what a fresh renderer draws (a cache keyed on less than its rows read shows the last
/// frame's rows).
final class ViewModelCacheTests: XCTestCase {
    /// Draws `state`, applies each change in turn, and after each compares the kept renderer's
    /// frame with a fresh render of the changed state.
    private func assertKeptEqualsFresh(
        _ start: AppState, _ changes: [(String, (inout AppState) -> Void)], file: StaticString = #filePath, line: UInt = #line
    ) {
        var state = start
        let kept = ScreenRenderer()
        _ = kept.render(state)
        for (name, change) in changes {
            change(&state)
            let frame = kept.render(state)
            let fresh = ScreenRenderer().render(state)
            XCTAssertEqual(frame.textLines(), fresh.textLines(), "after \(name)", file: file, line: line)
            XCTAssertEqual(frame, fresh, "after \(name)", file: file, line: line)
        }
    }

    func testTheInspectorsRowsFollowWhatTheReplySaysAboutItself() {
        var state = ScreenFixtures.parametersState(width: 100, height: 30)
        state.screen.focus = .conversation
        state.destination = .inspector(MessageInspector(messageID: "a1", view: .parameters, request: .recorded(ScreenFixtures.a1Request)))
        assertKeptEqualsFresh(state, [
            ("a finish reason", { $0.conversation.messages[1].finishReason = "length" }),
            ("a trace id", { $0.conversation.messages[1].traceID = "trace-42" }),
            ("skipped events", { $0.conversation.messages[1].stats?.skippedEvents = 3 }),
            ("scrolled", { $0.destination?.scroll?.position = .row(2) }),
            ("the body view", {
                $0.destination = .inspector(MessageInspector(messageID: "a1", view: .body, request: .recorded(ScreenFixtures.a1Request)))
            }),
            ("a narrower screen", { $0.screen.terminalWidth = 70 }),
        ])
    }

    func testTheParameterRowsFollowTheValuesAndWhereTheFallbacksComeFrom() {
        var state = ScreenFixtures.parametersState(width: 120, height: 30)
        state.parameters.model = nil
        state.parameters.projectID = nil
        assertKeptEqualsFresh(state, [
            ("a value", { $0.parameters.temperature = 1.5 }),
            ("the fallbacks now from a configured profile", { $0.launch.profile.isConfigured = true }),
            ("another default model", { $0.launch.profile.defaultModel = "other-model" }),
            ("another session", { $0.conversation.activeSessionID = "s-2" }),
            ("another selection", { $0.selectedField = .seed }),
            ("the editor open", { $0.destination = .fieldEditor(FieldEditor(field: .seed, text: TextInput(text: "4"))) }),
            ("the editor closed", { $0.destination = nil }),
            ("the focus elsewhere", { $0.screen.focus = .composer }),
            ("a wider screen", { $0.screen.terminalWidth = 160 }),
        ])
    }

    /// The palette and the overlays under it are drawn from their models every frame.
    func testThePaletteOverTheInspectorFollowsItsFilter() {
        var state = ScreenFixtures.parametersState(width: 100, height: 30)
        state.screen.focus = .conversation
        let inspector = Destination.inspector(MessageInspector(messageID: "a1", request: .recorded(ScreenFixtures.a1Request)))
        state.destination = .palette(CommandPalette(below: inspector))
        assertKeptEqualsFresh(state, [
            ("a filter", { $0.destination = .palette(CommandPalette(filter: TextInput(text: "copy"), below: inspector)) }),
            ("the palette closed", { $0.destination = inspector }),
        ])
    }
}
