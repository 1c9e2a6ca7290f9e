import XCTest
@testable import ChatCore
import StreamProtocol

private typealias AppStore = TestStore<AppState, Action, [Effect]>

private func key(_ key: Key, _ at: Stamp = stamp(0)) -> Action { .keyPressed(key, at) }

/// The inline editor on `field` holding `text` (the caret at its end unless said).
private func editor(_ field: ParameterField, _ text: String = "", caret: Int? = nil, error: String? = nil) -> Destination {
    .fieldEditor(FieldEditor(field: field, text: TextInput(text: text, caret: caret), error: error))
}

/// Types into the open editor, one key each.
private func typeInEditor(_ text: String, _ store: AppStore, file: StaticString = #filePath, line: UInt = #line) {
    for character in text {
        store.send(key(.character(character)), effects: [], {
            $0.destination?.fieldEditor?.text.insert(String(character))
        }, file: file, line: line)
    }
}

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
        let store = TestStore(state)
        store.send(key(.enter)) { $0.destination = editor(.user) }
        // The trailing line break of a copied line is dropped.
        store.send(.textPasted("a\nb\n")) { $0.destination = editor(.user, "a\nb") }
        // Refused: the user stays unset.
        store.send(key(.enter)) { $0.destination = editor(.user, "a\nb", error: "user must be one line") }
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
        let store = TestStore(state)
        let pretty = """
            [
              {
                "type": "function",
                "function": {
                  "name": "lookup"
                }
              }
            ]
            """
        store.send(key(.enter)) { $0.destination = editor(.tools, pretty, caret: 0) }  // read from the top
        // Accepting the unchanged value changes nothing and saves nothing.
        store.send(key(.enter)) { $0.destination = nil }
    }

    func testEmptyTextUnsets() {
        for field in ParameterField.allCases where field != .model {
            var state = savedParametersState()
            state.parameters = SessionParameters(
                systemPrompt: "s", temperature: 1, topP: 1, maxTokens: 5, frequencyPenalty: 0, presencePenalty: 0,
                seed: 1, stop: ["x"], user: "u", projectID: 1, sessionID: "s", logitBias: "{}",
                responseFormat: #"{"type":"text"}"#, tools: #"[{"type":"function","function":{"name":"f"}}]"#,
                repositoryIDs: [1], repositoryLimit: 1, similarityThreshold: 0.1)
            var unset = state.parameters
            field.unset(in: &unset)
            XCTAssertEqual(typeValue(&state, field, "  "), [.saveParameters(unset, sessionID: "S1", nowMillis: 5000)], "\(field): only the unset is saved")
            XCTAssertEqual(state.parameters, unset, "\(field)")
            XCTAssertNil(state.destination?.fieldEditor)
        }
    }

    func testEditingKeysAndNewLinesOnlyWhereTheyBelong() {
        var state = savedParametersState()
        state.selectedField = .systemPrompt
        let store = TestStore(state)
        store.send(key(.enter)) { $0.destination = editor(.systemPrompt) }
        typeInEditor("ab", store)
        store.send(key(.altEnter)) { $0.destination = editor(.systemPrompt, "ab\n") }
        typeInEditor("cd", store)
        // ↑ then Backspace erased b; Delete at the end joined the lines.
        store.send(key(.up)) { $0.destination = editor(.systemPrompt, "ab\ncd", caret: 2) }
        store.send(key(.backspace)) { $0.destination = editor(.systemPrompt, "a\ncd", caret: 1) }
        store.send(key(.end))  // already at the end of the line
        store.send(key(.delete)) { $0.destination = editor(.systemPrompt, "acd", caret: 1) }
        store.send(key(.home)) { $0.destination = editor(.systemPrompt, "acd", caret: 0) }
        store.send(key(.right)) { $0.destination = editor(.systemPrompt, "acd", caret: 1) }
        typeInEditor("X", store)
        // Ctrl+U deletes from the line's start to the caret, and Ctrl+Y puts it back.
        store.send(key(.control("u"))) {
            $0.destination = editor(.systemPrompt, "cd", caret: 0)
            $0.composer.killBuffer = "aX"
        }
        store.send(key(.control("y"))) { $0.destination = editor(.systemPrompt, "aXcd", caret: 2) }
        store.send(key(.escape)) { $0.destination = nil }

        var onNumber = store.state
        onNumber.selectedField = .temperature
        let number = TestStore(onNumber)
        number.send(key(.enter)) { $0.destination = editor(.temperature) }
        typeInEditor("1", number)
        number.send(key(.control("j")))  // no new line in a number
        typeInEditor("2", number)
    }

    func testTheEditorOwnsTheKeysButCtrlQStillQuits() {
        var state = savedParametersState()
        state.selectedField = .user
        let store = TestStore(state)
        store.send(key(.enter)) { $0.destination = editor(.user) }
        // No focus move and no overlay over the editor; ? is text here.
        store.send(key(.tab))
        typeInEditor("?", store)
        store.send(key(.function(1)))
        store.send(key(.control("p")))
        store.send(key(.alt("1")))
        XCTAssertEqual(store.state.destination?.coversPanes, false)
        store.send(key(.control("q")), effects: [.quit]) { $0.status.quitRequested = true }
    }

    func testAnErrorStaysUntilTheNextEnterAndAFixIsTaken() {
        var state = savedParametersState()
        XCTAssertEqual(typeValue(&state, .temperature, "5"), [], "refused: nothing saved")
        let error = "temperature must be from 0 to 2 (got 5)"
        XCTAssertEqual(state.destination, editor(.temperature, "5", error: error))
        let store = TestStore(state)
        store.send(key(.backspace)) { $0.destination = editor(.temperature, "", error: error) }  // still shown while fixing
        typeInEditor("1.5", store)
        var fixed = state.parameters
        fixed.temperature = 1.5
        store.send(key(.enter, stamp(9)), effects: [.saveParameters(fixed, sessionID: "S1", nowMillis: 9)]) {
            $0.destination = nil
            $0.parameters = fixed
        }
    }

    func testPasteGoesIntoAnOpenEditor() {
        var state = savedParametersState()
        state.selectedField = .systemPrompt
        let store = TestStore(state)
        store.send(key(.enter)) { $0.destination = editor(.systemPrompt) }
        // Into the editor, not the composer; the focus stays.
        store.send(.textPasted("one\ntwo")) { $0.destination = editor(.systemPrompt, "one\ntwo") }
    }

    func testAcceptingTheSameValueSavesNothing() {
        var state = savedParametersState()
        state.parameters.user = "bob"
        state.selectedField = .user
        let store = TestStore(state)
        store.send(key(.enter)) { $0.destination = editor(.user, "bob") }
        store.send(key(.enter)) { $0.destination = nil }
    }

    // MARK: - $EDITOR

    func testExternalEditValidTextIsTaken() {
        var state = savedParametersState()
        state.status.nowMillis = 3000
        let store = TestStore(state)
        var saved = state.parameters
        saved.systemPrompt = "Be terse.\nAlways."  // the editor's final newline is dropped
        store.send(.externalEditFinished(.systemPrompt, text: "Be terse.\nAlways.\n", problem: nil),
                   effects: [.saveParameters(saved, sessionID: "S1", nowMillis: 3000)]) {
            $0.parameters = saved
            $0.selectedField = .systemPrompt
        }
        saved.tools = #"[{"type":"function","function":{"name":"f"}}]"#
        store.send(.externalEditFinished(.tools, text: "[\n {\"type\": \"function\", \"function\": {\"name\": \"f\"}}\n]\n", problem: nil),
                   effects: [.saveParameters(saved, sessionID: "S1", nowMillis: 3000)]) {
            $0.parameters = saved
            $0.selectedField = .tools
        }
    }

    func testExternalEditInvalidTextOpensTheEditorWithIt() {
        var state = savedParametersState()
        state.parameters.logitBias = #"{"1":1}"#
        let problem = "logit_bias for token 1 must be a number from -100 to 100"
        // The old value is kept; the editor opens with the text and why; the focus stays.
        TestStore(state).send(.externalEditFinished(.logitBias, text: "{\"1\": 500}\n", problem: nil)) {
            $0.status.notice = problem
            $0.destination = editor(.logitBias, "{\"1\": 500}", error: problem)
            $0.selectedField = .logitBias
        }
    }

    func testExternalEditWithoutTextChangesNothing() {
        var state = savedParametersState()
        state.parameters.user = "kept"
        let store = TestStore(state)
        store.send(.externalEditFinished(.user, text: nil, problem: "EDITOR exited with status 1")) {
            $0.status.notice = "EDITOR exited with status 1"
        }
        store.send(.externalEditFinished(.user, text: nil, problem: nil)) {
            $0.status.notice = "user unchanged: the editor closed without saving."
        }
    }
}
