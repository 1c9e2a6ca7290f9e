import XCTest
@testable import ChatCore
import StreamProtocol

/// Typing exact values in the inline editor, for every kind of field: valid values are taken
/// (and saved), invalid ones keep the old value and show why, empty text unsets.
final class FieldEditorTests: XCTestCase {
    /// A valid text for a field, and what the parameters hold after it.
    private func assertAccepts(
        _ field: ParameterField, _ text: String, _ expected: (inout SessionParameters) -> Void,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        var state = savedParametersState()
        let effects = typeValue(&state, field, text, at: 4242)
        var parameters = SessionParameters()
        expected(&parameters)
        XCTAssertNil(state.destination?.fieldEditor, "\(field): the editor closes", file: file, line: line)
        XCTAssertEqual(state.parameters, parameters, "\(field) ← \(text)", file: file, line: line)
        XCTAssertEqual(effects, [.saveParameters(parameters, sessionID: "S1", nowMillis: 4242)], file: file, line: line)
    }

    /// An invalid text: the editor stays open holding it, the error says `problem`, the old
    /// value stays and nothing is saved.
    private func assertRefuses(
        _ field: ParameterField, _ text: String, saying problem: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        var state = savedParametersState()
        let old = SessionParameters(
            systemPrompt: "old", temperature: 1, topP: 1, maxTokens: 5, frequencyPenalty: 0, presencePenalty: 0,
            seed: 1, stop: ["old"], user: "old", projectID: 1, sessionID: "old", logitBias: #"{"1":1}"#,
            responseFormat: #"{"type":"text"}"#, tools: #"[{"type":"function","function":{"name":"old"}}]"#,
            repositoryIDs: [1], repositoryLimit: 1, similarityThreshold: 0.1)
        state.parameters = old
        let effects = typeValue(&state, field, text)
        XCTAssertEqual(effects, [], "\(field) ← \(text): nothing saved", file: file, line: line)
        XCTAssertEqual(state.parameters, old, "\(field) keeps its value", file: file, line: line)
        XCTAssertEqual(state.destination?.fieldEditor?.field, field, file: file, line: line)
        XCTAssertEqual(state.destination?.fieldEditor?.text.text, text, "what was typed is kept", file: file, line: line)
        let error = state.destination?.fieldEditor?.error ?? ""
        XCTAssertTrue(error.contains(problem), "\(field) ← \(text): \(error)", file: file, line: line)
    }

    func testSliders() {
        assertAccepts(.temperature, "0.75", { $0.temperature = 0.75 })
        assertAccepts(.temperature, " 2 ", { $0.temperature = 2 })
        assertRefuses(.temperature, "3", saying: "temperature must be from 0 to 2 (got 3)")
        assertRefuses(.temperature, "-0.1", saying: "from 0 to 2")
        assertRefuses(.temperature, "warm", saying: "temperature must be a number from 0 to 2")
        assertRefuses(.temperature, "nan", saying: "must be a number")
        assertAccepts(.topP, "0.9", { $0.topP = 0.9 })
        assertRefuses(.topP, "1.5", saying: "top_p must be from 0 to 1")
        assertAccepts(.maxTokens, "4096", { $0.maxTokens = 4096 })
        assertRefuses(.maxTokens, "0", saying: "max_tokens must be from 1 to 131072 (got 0)")
        assertRefuses(.maxTokens, "1.5", saying: "max_tokens must be a whole number from 1 to 131072")
        assertAccepts(.frequencyPenalty, "-2", { $0.frequencyPenalty = -2 })
        assertRefuses(.frequencyPenalty, "-2.5", saying: "from -2 to 2")
        assertAccepts(.presencePenalty, "1e-1", { $0.presencePenalty = 0.1 })
        assertRefuses(.presencePenalty, "inf", saying: "presence_penalty must be a number")
        assertAccepts(.repositoryLimit, "10", { $0.repositoryLimit = 10 })
        assertRefuses(.repositoryLimit, "101", saying: "repositories.limit must be from 1 to 100")
        assertAccepts(.similarityThreshold, "0.35", { $0.similarityThreshold = 0.35 })
        assertRefuses(.similarityThreshold, "1.01", saying: "from 0 to 1")
    }

    func testIntegers() {
        assertAccepts(.seed, "-42", { $0.seed = -42 })
        assertAccepts(.seed, "9223372036854775807", { $0.seed = Int.max })
        assertRefuses(.seed, "1.5", saying: "seed must be a whole number")
        assertRefuses(.seed, "9223372036854775808", saying: "seed must be a whole number")
        assertAccepts(.projectID, "12", { $0.projectID = 12 })
        assertRefuses(.projectID, "0", saying: "project_id must be a whole number greater than 0")
        assertRefuses(.projectID, "-3", saying: "greater than 0")
    }

    func testTextFields() {
        assertAccepts(.user, "  alice ", { $0.user = "alice" })
        assertAccepts(.sessionID, "my-session", { $0.sessionID = "my-session" })
        assertAccepts(.systemPrompt, "Line 1\n\nLine 2", { $0.systemPrompt = "Line 1\n\nLine 2" })
        // Single-line fields take no new line from the keyboard (Ctrl+J is ignored there), so
        // a line break can only come from a paste or $EDITOR; both are refused on Enter.
        var state = savedParametersState()
        state.selectedField = .user
        apply(&state, [.keyPressed(.enter, stamp(0)), .textPasted("a\nb\n")])
        XCTAssertEqual(state.destination?.fieldEditor?.text.text, "a\nb", "the trailing line break of a copied line is dropped")
        _ = press(&state, .enter)
        XCTAssertEqual(state.destination?.fieldEditor?.error, "user must be one line")
        XCTAssertNil(state.parameters.user)
    }

    func testLists() {
        assertAccepts(.stop, "END\n\\n\\n\n\nSTOP", { $0.stop = ["END", "\n\n", "STOP"] })
        assertRefuses(.stop, "a\nb\nc\nd\ne", saying: "stop takes at most 4 sequences, one a line (got 5)")
        assertAccepts(.repositoryIDs, "1\n2, 3", { $0.repositoryIDs = [1, 2, 3] })
        assertRefuses(.repositoryIDs, "1\nx", saying: "\"x\" is not a whole number greater than 0")
        assertRefuses(.repositoryIDs, "0", saying: "\"0\" is not a whole number greater than 0")
    }

    func testJSONIsStoredCompact() {
        assertAccepts(.logitBias, "{\n  \"50256\": -100,\n  \"15\": 2.5\n}", { $0.logitBias = #"{"50256":-100,"15":2.5}"# })
        assertRefuses(.logitBias, #"{"abc": 1}"#, saying: "logit_bias keys are token ids")
        assertAccepts(.responseFormat, #"{ "type" : "json_object" }"#, { $0.responseFormat = #"{"type":"json_object"}"# })
        assertRefuses(.responseFormat, #"{"type": "xml"}"#, saying: #"needs "type": "text", "json_object" or "json_schema""#)
        assertAccepts(.tools, #"[{"type": "function", "function": {"name": "lookup", "parameters": {}}}]"#,
                      { $0.tools = #"[{"type":"function","function":{"name":"lookup","parameters":{}}}]"# })
        assertRefuses(.tools, "[", saying: "tools is not valid JSON")
    }

    /// Stored compact, JSON opens laid out over lines by the one pretty-printer, so the
    /// editor wraps between members rather than in the middle of a token.
    func testJSONOpensPrettyPrinted() {
        var state = savedParametersState()
        state.parameters.tools = #"[{"type":"function","function":{"name":"lookup"}}]"#
        state.selectedField = .tools
        _ = press(&state, .enter)
        XCTAssertEqual(state.destination?.fieldEditor?.text.text, """
            [
              {
                "type": "function",
                "function": {
                  "name": "lookup"
                }
              }
            ]
            """)
        XCTAssertEqual(state.destination?.fieldEditor?.text.caret, 0, "read from the top")
        XCTAssertEqual(press(&state, .enter), [], "accepting the unchanged value changes nothing")
        XCTAssertEqual(state.parameters.tools, #"[{"type":"function","function":{"name":"lookup"}}]"#)
        XCTAssertNil(state.destination?.fieldEditor)
    }

    func testEmptyTextUnsets() {
        for field in ParameterField.allCases where field != .model {
            var state = savedParametersState()
            state.parameters = SessionParameters(
                systemPrompt: "s", temperature: 1, topP: 1, maxTokens: 5, frequencyPenalty: 0, presencePenalty: 0,
                seed: 1, stop: ["x"], user: "u", projectID: 1, sessionID: "s", logitBias: "{}",
                responseFormat: #"{"type":"text"}"#, tools: #"[{"type":"function","function":{"name":"f"}}]"#,
                repositoryIDs: [1], repositoryLimit: 1, similarityThreshold: 0.1)
            typeValue(&state, field, "  ")
            XCTAssertNil(field.text(in: state.parameters), "\(field)")
            XCTAssertNil(state.destination?.fieldEditor)
        }
    }

    func testEditingKeysAndNewLinesOnlyWhereTheyBelong() {
        var state = savedParametersState()
        state.selectedField = .systemPrompt
        apply(&state, [.keyPressed(.enter, stamp(0))] + keys(typing: "ab"))
        _ = press(&state, .altEnter)
        apply(&state, keys(typing: "cd"))
        _ = press(&state, .up, .backspace, .end, .delete)
        XCTAssertEqual(state.destination?.fieldEditor?.text.text, "acd", "↑ then Backspace erased b; Delete at the end joined the lines")
        _ = press(&state, .home, .right, .character("X"))
        XCTAssertEqual(state.destination?.fieldEditor?.text.text, "aXcd")
        _ = press(&state, .control("u"))
        XCTAssertEqual(state.destination?.fieldEditor?.text.text, "cd", "Ctrl+U deletes from the line's start to the caret")
        _ = press(&state, .control("y"))
        XCTAssertEqual(state.destination?.fieldEditor?.text.text, "aXcd", "and Ctrl+Y puts it back")
        _ = press(&state, .escape)
        XCTAssertNil(state.destination?.fieldEditor)

        state.selectedField = .temperature
        apply(&state, [.keyPressed(.enter, stamp(0))] + keys(typing: "1\n2"))
        XCTAssertEqual(state.destination?.fieldEditor?.text.text, "12", "no new line in a number")
    }

    func testTheEditorOwnsTheKeysButCtrlQStillQuits() {
        var state = savedParametersState()
        state.selectedField = .user
        _ = press(&state, .enter)
        _ = press(&state, .tab, .character("?"), .function(1), .control("p"), .alt("1"))
        XCTAssertEqual(state.screen.focus, .parameters)
        XCTAssertEqual(state.destination?.coversPanes, false, "no overlay opened over the editor")
        XCTAssertEqual(state.destination?.fieldEditor?.text.text, "?", "? is text here")
        XCTAssertEqual(press(&state, .control("q")), [.quit])
    }

    func testAnErrorStaysUntilTheNextEnterAndAFixIsTaken() {
        var state = savedParametersState()
        typeValue(&state, .temperature, "5")
        XCTAssertNotNil(state.destination?.fieldEditor?.error)
        _ = press(&state, .backspace)
        XCTAssertNotNil(state.destination?.fieldEditor?.error, "still shown while fixing")
        apply(&state, keys(typing: "1.5"))
        let effects = press(&state, .enter, at: 9)
        XCTAssertNil(state.destination?.fieldEditor)
        XCTAssertEqual(state.parameters.temperature, 1.5)
        XCTAssertEqual(effects, [.saveParameters(state.parameters, sessionID: "S1", nowMillis: 9)])
    }

    func testPasteGoesIntoAnOpenEditor() {
        var state = savedParametersState()
        state.selectedField = .systemPrompt
        apply(&state, [.keyPressed(.enter, stamp(0)), .textPasted("one\ntwo")])
        XCTAssertEqual(state.destination?.fieldEditor?.text.text, "one\ntwo")
        XCTAssertEqual(state.composer.input.text, "", "not the composer")
        XCTAssertEqual(state.screen.focus, .parameters)
    }

    func testAcceptingTheSameValueSavesNothing() {
        var state = savedParametersState()
        state.parameters.user = "bob"
        state.selectedField = .user
        XCTAssertEqual(press(&state, .enter, .enter), [])
        XCTAssertNil(state.destination?.fieldEditor)
    }

    // MARK: - $EDITOR

    func testExternalEditValidTextIsTaken() {
        var state = savedParametersState()
        state.status.nowMillis = 3000
        let effects = apply(&state, [.externalEditFinished(.systemPrompt, text: "Be terse.\nAlways.\n", problem: nil)])
        XCTAssertEqual(state.parameters.systemPrompt, "Be terse.\nAlways.", "the editor's final newline is dropped")
        XCTAssertEqual(effects, [.saveParameters(state.parameters, sessionID: "S1", nowMillis: 3000)])
        apply(&state, [.externalEditFinished(.tools, text: "[\n {\"type\": \"function\", \"function\": {\"name\": \"f\"}}\n]\n", problem: nil)])
        XCTAssertEqual(state.parameters.tools, #"[{"type":"function","function":{"name":"f"}}]"#)
    }

    func testExternalEditInvalidTextOpensTheEditorWithIt() {
        var state = savedParametersState()
        state.parameters.logitBias = #"{"1":1}"#
        let effects = apply(&state, [.externalEditFinished(.logitBias, text: "{\"1\": 500}\n", problem: nil)])
        XCTAssertEqual(effects, [])
        XCTAssertEqual(state.parameters.logitBias, #"{"1":1}"#, "old value kept")
        XCTAssertEqual(state.status.notice, "logit_bias for token 1 must be a number from -100 to 100")
        XCTAssertEqual(state.destination?.fieldEditor, FieldEditor(
            field: .logitBias, text: TextInput(text: "{\"1\": 500}"), error: "logit_bias for token 1 must be a number from -100 to 100"))
        XCTAssertEqual(state.selectedField, .logitBias)
        XCTAssertEqual(state.screen.focus, .parameters)
    }

    func testExternalEditWithoutTextChangesNothing() {
        var state = savedParametersState()
        state.parameters.user = "kept"
        XCTAssertEqual(apply(&state, [.externalEditFinished(.user, text: nil, problem: "EDITOR exited with status 1")]), [])
        XCTAssertEqual(state.status.notice, "EDITOR exited with status 1")
        XCTAssertEqual(state.parameters.user, "kept")
        apply(&state, [.externalEditFinished(.user, text: nil, problem: nil)])
        XCTAssertEqual(state.status.notice?.contains("unchanged"), true)
        XCTAssertNil(state.destination?.fieldEditor)
    }
}
