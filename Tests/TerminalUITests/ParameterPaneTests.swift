import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest
@testable import TerminalUI

/// The parameters pane: every field under its heading, fallbacks and fields the dialect cannot
/// carry marked, scrolling to the selection, the inline editor.
final class ParameterPaneTests: XCTestCase {
    private func screen(_ state: AppState) -> String {
        ScreenRenderer().render(state).textLines().joined(separator: "\n")
    }

    /// The pane alone, tall enough for every row, at the width it has on an 80-column screen.
    private func wholePane(_ state: AppState, width: Int = 18) -> CellGrid {
        var grid = CellGrid(width: width, height: ParameterCatalogLayout.totalRows)
        ParameterPaneView().draw(into: &grid, rect: grid.bounds, model: ScreenFixtures.parametersModel(state, focused: false))
        return grid
    }

    func testEveryFieldInPremDialect() {
        let state = ScreenFixtures.parametersState()
        assertSnapshot(of: wholePane(state).textLines().joined(separator: "\n"), as: .lines)
        let wide = wholePane(state, width: 40).textLines()
        for field in ParameterField.allCases {
            XCTAssertTrue(wide.contains { $0.contains(" " + ParameterSection.label(field) + " ") }, "\(field) is listed")
        }
        XCTAssertFalse(wide.joined().contains("not sent"))
    }

    func testEveryFieldInOpenAIDialectMarksWhatIsNotSent() {
        let grid = wholePane(ScreenFixtures.parametersState(profile: ScreenFixtures.openAIProfile), width: 28)
        let text = grid.textLines().joined(separator: "\n")
        assertSnapshot(of: text, as: .lines)
        XCTAssertEqual(text.components(separatedBy: "not sent").count - 1, 5, "project_id, session_id, repositories.*")
    }

    /// Own values, fallbacks, "unset", "not sent" and the selection, by role.
    func testOpenAIPaneRoleMap() {
        let grid = wholePane(ScreenFixtures.parametersState(profile: ScreenFixtures.openAIProfile, selected: .user), width: 28)
        assertSnapshot(of: grid.roleLines().joined(separator: "\n"), as: .lines)
    }

    func testPane80x24ScrollsToKeepTheSelectionVisible() {
        let renderer = ScreenRenderer()
        var state = ScreenFixtures.parametersState(selected: .model)
        let top = renderer.render(state).textLines().joined(separator: "\n")
        state.selectedField = .similarityThreshold
        let bottom = renderer.render(state).textLines().joined(separator: "\n")
        assertSnapshot(of: top, as: .lines, named: "top")
        assertSnapshot(of: bottom, as: .lines, named: "bottom")
        XCTAssertTrue(top.contains("Model"))
        XCTAssertTrue(bottom.contains("similarit"))
        XCTAssertFalse(bottom.contains("system_prompt"))
    }

    func testPaneInOpenAIDialect80x24() {
        let state = ScreenFixtures.parametersState(profile: ScreenFixtures.openAIProfile, selected: .projectID)
        assertSnapshot(of: screen(state), as: .lines)
    }

    func testPaneFocusedAt40x12() {
        let state = ScreenFixtures.parametersState(selected: .stop, width: 40, height: 12)
        assertSnapshot(of: screen(state), as: .lines)
    }

    func testInlineEditorWithAnError80x24() {
        var state = ScreenFixtures.parametersState(selected: .temperature)
        state.destination = .fieldEditor(FieldEditor(
            field: .temperature, text: TextInput(text: "2.5"), error: "temperature must be between 0 and 2"))
        let grid = ScreenRenderer().render(state)
        assertSnapshot(of: grid.textLines().joined(separator: "\n"), as: .lines)
        XCTAssertNotNil(grid.cursor, "the caret stands in the editor")
    }

    /// Enter on max_tokens: the editor opens right under the field's row with the range shown
    /// before any mistake; a long refusal is wrapped whole, not cut.
    func testMaxTokensEditorShowsItsRangeBesideTheFieldAt80x24And120x40() {
        for (width, height) in [(80, 24), (120, 40)] {
            var state = ScreenFixtures.parametersState(selected: .maxTokens, width: width, height: height)
            XCTAssertEqual(reduce(&state, .keyPressed(.enter, Stamp(nowMillis: 0, freshID: "k", random: 0))), [])
            let grid = ScreenRenderer().render(state)
            let text = grid.textLines().joined(separator: "\n")
            assertSnapshot(of: text, as: .lines, named: "\(width)x\(height)")
            XCTAssertTrue(text.contains("1 to 131,072"), "the range shows before any mistake\n\(text)")
            let rows = grid.textLines()
            let fieldRow = rows.firstIndex { $0.contains("● max_tokens") }
            let editorTop = rows.firstIndex { $0.contains("═ max_tokens ═") }
            XCTAssertEqual(editorTop, fieldRow.map { $0 + 2 }, "the editor opens right under its field and its track")
            XCTAssertEqual(grid.cursor?.y, editorTop.map { $0 + 1 }, "the caret is in it")
        }
        var state = ScreenFixtures.parametersState(selected: .maxTokens)
        state.destination = .fieldEditor(FieldEditor(
            field: .maxTokens, text: TextInput(text: "200000"),
            error: "max_tokens must be from 1 to 131072 (got 200000)"))
        let text = screen(state)
        assertSnapshot(of: text, as: .lines, named: "error-80x24")
        XCTAssertTrue(text.contains("(got") && text.contains("200000)"), "the whole error shows\n\(text)")
    }

    /// JSON opens pretty-printed, so it wraps between members, not mid-token.
    func testToolsEditorShowsPrettyJSONAt120x40() {
        var params = ScreenFixtures.mixedParameters
        params.tools = #"[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}]"#
        var state = ScreenFixtures.parametersState(parameters: params, selected: .tools, width: 120, height: 40)
        XCTAssertEqual(reduce(&state, .keyPressed(.enter, Stamp(nowMillis: 0, freshID: "k", random: 0))), [])
        let text = screen(state)
        assertSnapshot(of: text, as: .lines)
        XCTAssertTrue(text.contains("\"type\": \"function\","), text)
        XCTAssertTrue(text.contains("║║[ "), "the caret starts at the top, which shows\n\(text)")
    }

    func testMultiLineEditorAt40x12() {
        var state = ScreenFixtures.parametersState(selected: .stop, width: 40, height: 12)
        state.destination = .fieldEditor(FieldEditor(field: .stop, text: TextInput(text: "###\nEND\n"), error: "at most 4 stop sequences"))
        assertSnapshot(of: screen(state), as: .lines)
    }

    func testSystemPromptEditorAt80x24() {
        var state = ScreenFixtures.parametersState(selected: .systemPrompt)
        state.destination = .fieldEditor(FieldEditor(field: .systemPrompt, text: TextInput(text: "You are terse.\nAnswer in English.")))
        assertSnapshot(of: screen(state), as: .lines)
    }

    /// The pane's row cache never changes what is drawn: after each change of a value, of a
    /// fallback, of the dialect or of the width, a long-lived renderer draws what a fresh one does.
    func testCachedRowsFollowEveryChange() {
        let renderer = ScreenRenderer()
        var state = ScreenFixtures.parametersState(selected: .model)
        let changes: [(inout AppState) -> Void] = [
            { $0.screen.terminalWidth = 120 ; $0.screen.terminalHeight = 40 },  // every row in view
            { $0.parameters.temperature = 1.5 },
            { $0.launch.profile.defaultModel = "other" },
            { $0.parameters.model = "gpt-4o" },
            { $0.launch.profile.projectID = 99 },
            { $0.parameters.systemPrompt = nil },
            { $0.launch.profile.dialect = .openai },
            { $0.conversation.activeSessionID = nil },
            { $0.screen.terminalWidth = 100 },
            { $0.selectedField = .systemPrompt },
        ]
        XCTAssertEqual(renderer.render(state), ScreenRenderer().render(state))
        for change in changes {
            change(&state)
            XCTAssertEqual(renderer.render(state).textLines(), ScreenRenderer().render(state).textLines())
        }
    }
}
