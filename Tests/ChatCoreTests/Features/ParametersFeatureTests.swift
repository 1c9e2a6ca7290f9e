@testable import ChatCore
import StreamProtocol
import XCTest

/// The parameters pane's commands on its own state and the values lent to it, and the faults
/// testers found in it.
final class ParametersFeatureTests: XCTestCase {
    private let context = AppState(profile: premProfile).context

    /// A step at a bound leaves the value as it is: nothing changed, so nothing is saved (it
    /// used to ask the root to save the unchanged values).
    func testAStepAtABoundChangesNothingAndSavesNothing() {
        var state = savedParametersState()
        state.selectedField = .temperature
        state.parameters.temperature = 2
        let store = TestStore(state)
        store.send(.keyPressed(.right, stamp(0)))
        store.send(.keyPressed(.shiftRight, stamp(0)))
        // One step back from the top moves it, and that is saved.
        var moved = store.state
        XCTAssertEqual(press(&moved, .left), [.saveParameters(moved.parameters, sessionID: "S1", nowMillis: 0)])
        XCTAssertLessThan(moved.parameters.temperature ?? 2, 2)
    }

    func testTheScopedStepAsksForASaveOnlyWhenTheValueMoved() {
        var pane = ParameterPaneState(selectedField: .maxTokens)
        var parameters = SessionParameters(maxTokens: 131_072)
        XCTAssertEqual(parametersCommand(.stepUp, &pane, &parameters, context, stamp(5)), Reduced())
        XCTAssertEqual(parameters.maxTokens, 131_072)
        XCTAssertEqual(parametersCommand(.stepDown, &pane, &parameters, context, stamp(5)), Reduced(delegates: [.changed(nowMillis: 5)]))
        XCTAssertLessThan(parameters.maxTokens ?? .max, 131_072)
        // Not a steppable field: the key is the pane's, and does nothing.
        pane.selectedField = .user
        XCTAssertEqual(parametersCommand(.stepUp, &pane, &parameters, context, stamp(5)), Reduced())
        // Not a pane command: nil, so the key goes on to the next context.
        XCTAssertNil(parametersCommand(.send, &pane, &parameters, context, stamp(5)))
    }

    func testOverlaysThePaneOpensAreAskedOfTheRoot() {
        var pane = ParameterPaneState(selectedField: .model)
        var parameters = SessionParameters()
        XCTAssertEqual(parametersCommand(.editValue, &pane, &parameters, context, stamp(0)), Reduced(delegates: [.openModelPicker]))
        XCTAssertEqual(parametersCommand(.presets, &pane, &parameters, context, stamp(0)), Reduced(delegates: [.openPresets]))
        XCTAssertEqual(parametersCommand(.help, &pane, &parameters, context, stamp(0)), Reduced(delegates: [.openHelp]))
    }

    /// `f` opens the json_schema template where Enter opens a JSON value: both put the caret at
    /// the top of the laid-out text (`f` used to put it at the end).
    func testFAndEnterOpenAJSONValueWithTheCaretInOnePlace() throws {
        let template = ResponseFormatChoices.jsonSchemaTemplate
        var byF = savedParametersState()
        byF.selectedField = .responseFormat
        byF.parameters.responseFormat = ResponseFormatChoices.jsonObject.compactText
        XCTAssertEqual(press(&byF, .character("f")), [])
        var byEnter = savedParametersState()
        byEnter.selectedField = .responseFormat
        byEnter.parameters.responseFormat = template.compactText
        XCTAssertEqual(press(&byEnter, .enter), [])

        let fEditor = try XCTUnwrap(byF.destination?.fieldEditor)
        let enterEditor = try XCTUnwrap(byEnter.destination?.fieldEditor)
        XCTAssertEqual(fEditor.text.text, template.prettyText)
        XCTAssertEqual(fEditor, enterEditor)
        XCTAssertEqual(fEditor.text.caret, 0)
    }

    func testTheEditingInputReadsMultilineJSONFromTheTopAndTheRestFromTheEnd() {
        XCTAssertEqual(editingInput(.tools, text: "[\n]"), TextInput(text: "[\n]", caret: 0))
        XCTAssertEqual(editingInput(.tools, text: "[]"), TextInput(text: "[]"))
        XCTAssertEqual(editingInput(.systemPrompt, text: "a\nb"), TextInput(text: "a\nb"))
    }

    func testTheFieldEditorAcceptsIntoTheValuesAndClosesThroughTheRoot() {
        var parameters = SessionParameters()
        let editor = FieldEditor(field: .temperature, text: TextInput(text: "0.5"))
        XCTAssertEqual(
            fieldEditorCommand(.accept, editor, &parameters, stamp(9)),
            Reduced(shared: [.present(nil)], delegates: [.changed(nowMillis: 9)]))
        XCTAssertEqual(parameters.temperature, 0.5)
        // The same value again: closed, nothing to save.
        XCTAssertEqual(fieldEditorCommand(.accept, editor, &parameters, stamp(9)), Reduced(shared: [.present(nil)]))
    }
}
