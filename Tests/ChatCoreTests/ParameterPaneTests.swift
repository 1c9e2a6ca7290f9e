import XCTest
@testable import ChatCore
import StreamProtocol

private typealias AppStore = TestStore<AppState, Action, [Effect]>

private func key(_ key: Key, _ at: Stamp = stamp(0)) -> Action { .keyPressed(key, at) }

/// Sends `key` to the saved session of `savedParametersState()`: the parameters change as
/// `change` says and are saved, stamped `now`; `also` is the rest of the step's change.
private func sendSaving(
    _ store: AppStore, _ pressed: Key, at now: Int64 = 0, random: UInt64 = 0, freshID: String = "id",
    file: StaticString = #filePath, line: UInt = #line,
    _ change: (inout SessionParameters) -> Void, also: (inout AppState) -> Void = { _ in }
) {
    var saved = store.state.parameters
    change(&saved)
    store.send(key(pressed, Stamp(nowMillis: now, freshID: freshID, random: random)),
               effects: [.saveParameters(saved, sessionID: "S1", nowMillis: now)], {
        $0.parameters = saved
        if now > $0.status.nowMillis { $0.status.nowMillis = now }
        also(&$0)
    }, file: file, line: line)
}

/// The parameters pane without an editor: choosing, stepping, unsetting and the letter keys.
final class ParameterPaneTests: XCTestCase {
    /// Every slider, with the range the seed schema gives it (written out, not read back from
    /// `NumericParameter.range`, so a wrong range fails here).
    let sliders: [(ParameterField, low: Double, high: Double)] = [
        (.temperature, 0, 2), (.topP, 0, 1), (.maxTokens, 1, 131_072),
        (.frequencyPenalty, -2, 2), (.presencePenalty, -2, 2),
        (.repositoryLimit, 1, 100), (.similarityThreshold, 0, 1),
    ]

    private func value(_ field: ParameterField, _ state: AppState) -> Double? {
        guard case let .slider(numeric) = field.kind else { return nil }
        return numeric.value(in: state.parameters)
    }

    func testEverySliderClampsAtBothEnds() {
        for (field, low, high) in sliders {
            var state = savedParametersState()
            state.selectedField = field
            // A press that moves the value saves what it leaves; at a bound the value stays and
            // nothing is saved. The values between are the steps' business, the bounds are this test's.
            func pressSaves(_ pressed: Key) {
                let before = state
                let effects = press(&state, pressed)
                let saved: [Effect] = state.parameters == before.parameters
                    ? [] : [.saveParameters(state.parameters, sessionID: "S1", nowMillis: 0)]
                XCTAssertEqual(effects, saved, "\(field) \(pressed)")
                var others = state
                others.parameters = before.parameters
                XCTAssertEqual(others, before, "\(field) \(pressed) changed only the parameters")
            }
            pressSaves(.right)
            for _ in 0..<40 { pressSaves(.shiftRight) }
            XCTAssertEqual(value(field, state), high, "\(field) stops at its top")
            // A small step past the top stays, and saves nothing.
            TestStore(state).send(key(.right))
            for _ in 0..<40 { pressSaves(.shiftLeft) }
            // max_tokens halves on a big step, so it needs small steps for its last few units.
            for _ in 0..<20 { pressSaves(.left) }
            XCTAssertEqual(value(field, state), low, "\(field) stops at its bottom")
        }
    }

    func testSmallAndBigStepsOfTheRepositorySliders() {
        var state = savedParametersState()
        state.selectedField = .repositoryLimit
        let store = TestStore(state)
        sendSaving(store, .right) { $0.repositoryLimit = 3 }  // the first step sets the default
        sendSaving(store, .right) { $0.repositoryLimit = 4 }
        sendSaving(store, .shiftRight) { $0.repositoryLimit = 9 }
        sendSaving(store, .shiftLeft) { $0.repositoryLimit = 4 }
        sendSaving(store, .shiftLeft) { $0.repositoryLimit = 1 }

        var threshold = store.state
        threshold.selectedField = .similarityThreshold
        let next = TestStore(threshold)
        sendSaving(next, .left) { $0.similarityThreshold = 0.5 }
        sendSaving(next, .right) { $0.similarityThreshold = 0.55 }
        sendSaving(next, .shiftRight) { $0.similarityThreshold = 0.8 }
        sendSaving(next, .left) { $0.similarityThreshold = 0.75 }
        sendSaving(next, .left) { $0.similarityThreshold = 0.7 }
        sendSaving(next, .left) { $0.similarityThreshold = 0.65 }  // no float drift
    }

    /// The tester's fault: a typed value off the slider's grid (temperature 0.75) stepped by
    /// adding the step and rounding, so → gave 0.9 (skipping 0.8) and ← from 0.71 gave 0.6.
    /// A step from it lands on the nearest grid value that way; big steps land on the grid too.
    func testAStepFromATypedValueOffTheGridLandsBackOnIt() {
        var state = savedParametersState()
        state.selectedField = .temperature
        for (typed, pressed, landed) in [
            (0.75, Key.right, 0.8), (0.75, .left, 0.7), (0.71, .right, 0.8), (0.71, .left, 0.7),
            (0.79, .left, 0.7), (0.75, .shiftRight, 1.2), (0.75, .shiftLeft, 0.3), (1.95, .right, 2.0),
        ] {
            state.parameters.temperature = typed
            sendSaving(TestStore(state), pressed) { $0.temperature = landed }
        }
        // On the grid, a step is the step (no float drift either way).
        state.parameters.temperature = 0.7
        sendSaving(TestStore(state), .right) { $0.temperature = 0.8 }
        sendSaving(TestStore(state), .left) { $0.temperature = 0.6 }
    }

    func testSeedStepsByOneAndByAHundredFromZero() {
        var state = savedParametersState()
        state.selectedField = .seed
        let store = TestStore(state)
        sendSaving(store, .right) { $0.seed = 0 }  // the first step only sets it
        sendSaving(store, .right) { $0.seed = 1 }
        sendSaving(store, .shiftRight) { $0.seed = 101 }
        sendSaving(store, .shiftLeft) { $0.seed = 1 }
        sendSaving(store, .shiftLeft) { $0.seed = -99 }
        sendSaving(store, .left) { $0.seed = -100 }  // seeds may be negative
        var atTheTop = store.state
        atTheTop.parameters.seed = Int.max
        TestStore(atTheTop).send(key(.shiftRight))  // no overflow; unchanged, so nothing is saved
    }

    func testProjectIDStartsAtTheProfilesAndStaysPositive() {
        var state = savedParametersState()
        state.selectedField = .projectID
        let store = TestStore(state)
        sendSaving(store, .right, at: 7000) { $0.projectID = 7 }  // premProfile's project id
        sendSaving(store, .right) { $0.projectID = 8 }
        sendSaving(store, .shiftLeft) { $0.projectID = 1 }
        store.send(key(.left))  // stays 1: nothing changed, nothing saved

        var noProfileID = premProfile
        noProfileID.projectID = nil
        var other = AppState(profile: noProfileID)
        other.screen.focus = .parameters
        other.selectedField = .projectID
        // No saved session: nothing to save.
        TestStore(other).send(key(.left)) { $0.parameters.projectID = 1 }
    }

    func testArrowsDoNothingOnTextFields() {
        var state = savedParametersState()
        state.selectedField = .user
        XCTAssertEqual(state.parameters, SessionParameters())
        let store = TestStore(state)
        store.send(key(.right))
        store.send(key(.shiftLeft))
    }

    func testChoosingFieldsWalksTheWholeCatalog() {
        let store = TestStore(savedParametersState())
        store.send(key(.home)) { $0.selectedField = .model }
        store.send(key(.up))  // already the first
        let all = ParameterField.allCases
        XCTAssertEqual(all.first, .model)
        XCTAssertEqual(all.last, .similarityThreshold)
        for index in 0..<30 {  // one field down each, then nothing past the last
            store.send(key(.character("j"))) { $0.selectedField = all[min(index + 1, all.count - 1)] }
        }
        store.send(key(.home)) { $0.selectedField = .model }
        store.send(key(.end)) { $0.selectedField = .similarityThreshold }
        store.send(key(.character("k"))) { $0.selectedField = .repositoryLimit }
    }

    func testBackspaceAndDeleteUnsetEveryKindOfField() {
        let all = SessionParameters(
            model: "m", systemPrompt: "s", temperature: 1, topP: 0.5, maxTokens: 10, frequencyPenalty: 1,
            presencePenalty: 1, seed: 3, stop: ["x"], user: "u", projectID: 4, sessionID: "sid",
            logitBias: #"{"1":1}"#, responseFormat: #"{"type":"text"}"#,
            tools: #"[{"type":"function","function":{"name":"f"}}]"#, repositoryIDs: [1],
            repositoryLimit: 2, similarityThreshold: 0.3)
        for (index, field) in ParameterField.allCases.enumerated() {
            var state = savedParametersState()
            state.parameters = all
            state.selectedField = field
            XCTAssertNotNil(field.text(in: state.parameters), "\(field) is set to start with")
            let store = TestStore(state)
            // Only the field changes, and the change is saved.
            sendSaving(store, index.isMultiple(of: 2) ? .backspace : .delete, at: 9000) { field.unset(in: &$0) }
            XCTAssertNil(field.text(in: store.state.parameters), "\(field) is unset")
        }
    }

    func testUnsettingAnUnsetFieldSavesNothing() {
        var state = savedParametersState()
        state.selectedField = .stop
        TestStore(state).send(key(.backspace))
    }

    func testRandomSeedComesFromTheStamp() {
        var state = savedParametersState()
        state.selectedField = .temperature
        let store = TestStore(state)
        // Kept within 0...2^31-1; the cursor shows what changed.
        sendSaving(store, .character("r"), at: 10, random: (1 << 31) + 12345, freshID: "x", { $0.seed = 12345 },
                   also: { $0.selectedField = .seed })
        sendSaving(store, .character("r"), at: 10, random: UInt64.max, freshID: "x") { $0.seed = 2_147_483_647 }
    }

    func testRegenerateSessionIDUsesTheFreshID() {
        let store = TestStore(savedParametersState())
        sendSaving(store, .character("g"), at: 10, freshID: "fresh-uuid", { $0.sessionID = "fresh-uuid" },
                   also: { $0.selectedField = .sessionID })
        XCTAssertEqual(ParameterField.sessionID.effectiveText(in: store.state), "fresh-uuid")
        sendSaving(store, .backspace) { $0.sessionID = nil }
        XCTAssertEqual(ParameterField.sessionID.effectiveText(in: store.state), "S1", "unset: the session's own id")
    }

    func testANewSessionKeepsTheParametersButNotARegeneratedSessionID() {
        var state = savedParametersState()
        state.parameters.temperature = 0.3
        let store = TestStore(state)
        sendSaving(store, .character("g"), at: 10, freshID: "fresh-uuid", { $0.sessionID = "fresh-uuid" },
                   also: { $0.selectedField = .sessionID })
        // The other fields carry over (temperature 0.3); the old session's id is not reused.
        store.send(key(.control("n"), stamp(20))) {
            $0.screen.focus = .composer
            $0.conversation.activeSessionID = nil
            $0.conversation.activeSessionSaved = false
            $0.conversation.messages = []
            $0.streaming.lastOutcome = nil
            $0.parameters.sessionID = nil
        }
        XCTAssertNil(ParameterField.sessionID.effectiveText(in: store.state), "a new session gets its id when it is first sent")
    }

    func testResetRestoresTheProfileDefaults() {
        var profile = premProfile
        profile.defaultParameters = SessionParameters(temperature: 0.2, maxTokens: 300)
        var state = savedParametersState(profile: profile)
        state.parameters = SessionParameters(model: "x", temperature: 1.5, seed: 4, sessionID: "mine")
        sendSaving(TestStore(state), .character("R"), at: 77, { $0 = SessionParameters(temperature: 0.2, maxTokens: 300) },
                   also: { $0.status.notice = "Parameters reset to the profile's defaults." })
    }

    func testResponseFormatQuickChoicesCycle() {
        var state = savedParametersState()
        state.selectedField = .temperature
        let store = TestStore(state)
        sendSaving(store, .character("f"), { $0.responseFormat = #"{"type":"json_object"}"# },
                   also: { $0.selectedField = .responseFormat })

        // The schema template opens for editing; nothing changes until Enter.
        let template = ResponseFormatChoices.jsonSchemaTemplate
        // Read from the top, as Enter opens a JSON value (FieldEditorTests.testJSONOpensPrettyPrinted).
        store.send(key(.character("f"))) {
            $0.destination = .fieldEditor(FieldEditor(field: .responseFormat, text: TextInput(text: template.prettyText, caret: 0)))
        }
        let opened = store.state.destination?.fieldEditor?.text.text ?? ""
        XCTAssertTrue(opened.contains("\"json_schema\""), opened)
        sendSaving(store, .enter, { $0.responseFormat = template.compactText }, also: { $0.destination = nil })

        sendSaving(store, .character("f")) { $0.responseFormat = nil }  // and round to unset
    }

    func testEditExternallyOnlyForTextListAndJSONFields() {
        var state = savedParametersState()
        state.parameters.systemPrompt = "Be brief."
        state.parameters.tools = #"[{"type":"function","function":{"name":"f"}}]"#
        state.selectedField = .systemPrompt
        TestStore(state).send(key(.character("e")), effects: [.editExternally(.systemPrompt, text: "Be brief.")])
        state.selectedField = .stop
        TestStore(state).send(key(.character("e")), effects: [.editExternally(.stop, text: "")])
        state.selectedField = .tools
        let pretty = """
        [
          {
            "type": "function",
            "function": {
              "name": "f"
            }
          }
        ]
        """
        // JSON opens indented.
        TestStore(state).send(key(.character("e")), effects: [.editExternally(.tools, text: pretty)])
        state.selectedField = .temperature
        // A notice says how to set a number instead.
        TestStore(state).send(key(.character("e"))) {
            $0.status.notice = "e edits text, list and JSON fields; press Enter to type temperature."
        }
    }

    func testEnterOpensTheEditorPrefilledOrThePickerOnModel() {
        var state = savedParametersState()
        state.parameters.stop = ["END", "\n\n"]
        state.selectedField = .stop
        let store = TestStore(state)
        store.send(key(.enter)) { $0.destination = .fieldEditor(FieldEditor(field: .stop, text: TextInput(text: "END\n\\n\\n"))) }
        store.send(key(.escape)) { $0.destination = nil }  // Esc changes nothing

        var onModel = store.state
        onModel.selectedField = .model
        TestStore(onModel).send(key(.enter), effects: [.listModels]) { $0.destination = .modelPicker(ModelPicker()) }
    }

    func testPresetsKeyOpensTheOverlay() {
        TestStore(savedParametersState()).send(key(.character("p"))) { $0.destination = .presets(PresetPicker()) }
    }
}
