import XCTest
@testable import ChatCore
import StreamProtocol

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
            _ = press(&state, .right)
            for _ in 0..<40 { _ = press(&state, .shiftRight) }
            XCTAssertEqual(value(field, state), high, "\(field) stops at its top")
            _ = press(&state, .right)
            XCTAssertEqual(value(field, state), high, "\(field) a small step past the top stays")
            for _ in 0..<40 { _ = press(&state, .shiftLeft) }
            // max_tokens halves on a big step, so it needs small steps for its last few units.
            for _ in 0..<20 { _ = press(&state, .left) }
            XCTAssertEqual(value(field, state), low, "\(field) stops at its bottom")
        }
    }

    func testSmallAndBigStepsOfTheRepositorySliders() {
        var state = savedParametersState()
        state.selectedField = .repositoryLimit
        _ = press(&state, .right)
        XCTAssertEqual(state.parameters.repositoryLimit, 3, "first step sets the default")
        _ = press(&state, .right)
        XCTAssertEqual(state.parameters.repositoryLimit, 4)
        _ = press(&state, .shiftRight)
        XCTAssertEqual(state.parameters.repositoryLimit, 9)
        _ = press(&state, .shiftLeft, .shiftLeft)
        XCTAssertEqual(state.parameters.repositoryLimit, 1)

        state.selectedField = .similarityThreshold
        _ = press(&state, .left)
        XCTAssertEqual(state.parameters.similarityThreshold, 0.5)
        _ = press(&state, .right)
        XCTAssertEqual(state.parameters.similarityThreshold, 0.55)
        _ = press(&state, .shiftRight)
        XCTAssertEqual(state.parameters.similarityThreshold, 0.8)
        _ = press(&state, .left, .left, .left)
        XCTAssertEqual(state.parameters.similarityThreshold, 0.65, "no float drift")
    }

    func testSeedStepsByOneAndByAHundredFromZero() {
        var state = savedParametersState()
        state.selectedField = .seed
        _ = press(&state, .right)
        XCTAssertEqual(state.parameters.seed, 0, "the first step only sets it")
        _ = press(&state, .right)
        XCTAssertEqual(state.parameters.seed, 1)
        _ = press(&state, .shiftRight)
        XCTAssertEqual(state.parameters.seed, 101)
        _ = press(&state, .shiftLeft, .shiftLeft, .left)
        XCTAssertEqual(state.parameters.seed, -100, "seeds may be negative")
        state.parameters.seed = Int.max
        _ = press(&state, .shiftRight)
        XCTAssertEqual(state.parameters.seed, Int.max, "no overflow")
    }

    func testProjectIDStartsAtTheProfilesAndStaysPositive() {
        var state = savedParametersState()
        state.selectedField = .projectID
        let effects = press(&state, .right, at: 7000)
        XCTAssertEqual(state.parameters.projectID, 7, "premProfile's project id")
        XCTAssertEqual(effects, [.saveParameters(state.parameters, sessionID: "S1", nowMillis: 7000)])
        _ = press(&state, .right)
        XCTAssertEqual(state.parameters.projectID, 8)
        _ = press(&state, .shiftLeft)
        XCTAssertEqual(state.parameters.projectID, 1)
        _ = press(&state, .left)
        XCTAssertEqual(state.parameters.projectID, 1)

        var noProfileID = premProfile
        noProfileID.projectID = nil
        var other = AppState(profile: noProfileID)
        other.screen.focus = .parameters
        other.selectedField = .projectID
        _ = press(&other, .left)
        XCTAssertEqual(other.parameters.projectID, 1)
    }

    func testArrowsDoNothingOnTextFields() {
        var state = savedParametersState()
        state.selectedField = .user
        XCTAssertEqual(press(&state, .right, .shiftLeft), [])
        XCTAssertEqual(state.parameters, SessionParameters())
    }

    func testChoosingFieldsWalksTheWholeCatalog() {
        var state = savedParametersState()
        _ = press(&state, .home)
        XCTAssertEqual(state.selectedField, .model)
        _ = press(&state, .up)
        XCTAssertEqual(state.selectedField, .model)
        for _ in 0..<30 { _ = press(&state, .character("j")) }
        XCTAssertEqual(state.selectedField, .similarityThreshold)
        _ = press(&state, .home, .end)
        XCTAssertEqual(state.selectedField, .similarityThreshold)
        _ = press(&state, .character("k"))
        XCTAssertEqual(state.selectedField, .repositoryLimit)
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
            let effects = press(&state, index.isMultiple(of: 2) ? .backspace : .delete, at: 9000)
            XCTAssertNil(field.text(in: state.parameters), "\(field) is unset")
            XCTAssertEqual(effects, [.saveParameters(state.parameters, sessionID: "S1", nowMillis: 9000)])
            var expected = all
            field.unset(in: &expected)
            XCTAssertEqual(state.parameters, expected, "only \(field) changed")
        }
    }

    func testUnsettingAnUnsetFieldSavesNothing() {
        var state = savedParametersState()
        state.selectedField = .stop
        XCTAssertEqual(press(&state, .backspace), [])
    }

    func testRandomSeedComesFromTheStamp() {
        var state = savedParametersState()
        state.selectedField = .temperature
        let effects = apply(&state, [.keyPressed(.character("r"), Stamp(nowMillis: 10, freshID: "x", random: (1 << 31) + 12345))])
        XCTAssertEqual(state.parameters.seed, 12345, "kept within 0...2^31-1")
        XCTAssertEqual(state.selectedField, .seed, "the cursor shows what changed")
        XCTAssertEqual(effects, [.saveParameters(state.parameters, sessionID: "S1", nowMillis: 10)])
        apply(&state, [.keyPressed(.character("r"), Stamp(nowMillis: 10, freshID: "x", random: UInt64.max))])
        XCTAssertEqual(state.parameters.seed, 2_147_483_647)
    }

    func testRegenerateSessionIDUsesTheFreshID() {
        var state = savedParametersState()
        apply(&state, [.keyPressed(.character("g"), stamp(10, "fresh-uuid"))])
        XCTAssertEqual(state.parameters.sessionID, "fresh-uuid")
        XCTAssertEqual(state.selectedField, .sessionID)
        XCTAssertEqual(ParameterField.sessionID.effectiveText(in: state), "fresh-uuid")
        _ = press(&state, .backspace)
        XCTAssertEqual(ParameterField.sessionID.effectiveText(in: state), "S1", "unset: the session's own id")
    }

    func testANewSessionKeepsTheParametersButNotARegeneratedSessionID() {
        var state = savedParametersState()
        state.parameters.temperature = 0.3
        apply(&state, [.keyPressed(.character("g"), stamp(10, "fresh-uuid"))])
        apply(&state, [.keyPressed(.control("n"), stamp(20))])
        XCTAssertEqual(state.parameters.temperature, 0.3, "the other fields carry over")
        XCTAssertNil(state.parameters.sessionID, "the old session's id is not reused")
        XCTAssertNil(ParameterField.sessionID.effectiveText(in: state), "a new session gets its id when it is first sent")
    }

    func testResetRestoresTheProfileDefaults() {
        var profile = premProfile
        profile.defaultParameters = SessionParameters(temperature: 0.2, maxTokens: 300)
        var state = savedParametersState(profile: profile)
        state.parameters = SessionParameters(model: "x", temperature: 1.5, seed: 4, sessionID: "mine")
        let effects = press(&state, .character("R"), at: 77)
        XCTAssertEqual(state.parameters, SessionParameters(temperature: 0.2, maxTokens: 300))
        XCTAssertEqual(effects, [.saveParameters(state.parameters, sessionID: "S1", nowMillis: 77)])
        XCTAssertNotNil(state.status.notice)
    }

    func testResponseFormatQuickChoicesCycle() {
        var state = savedParametersState()
        state.selectedField = .temperature
        _ = press(&state, .character("f"))
        XCTAssertEqual(state.selectedField, .responseFormat)
        XCTAssertEqual(state.parameters.responseFormat, #"{"type":"json_object"}"#)
        XCTAssertNil(state.destination?.fieldEditor)

        _ = press(&state, .character("f"))
        XCTAssertEqual(state.destination?.fieldEditor?.field, .responseFormat, "the schema template opens for editing")
        XCTAssertEqual(state.parameters.responseFormat, #"{"type":"json_object"}"#, "nothing changes until Enter")
        let template = state.destination?.fieldEditor?.text.text ?? ""
        XCTAssertTrue(template.contains("\"json_schema\""), template)
        _ = press(&state, .enter)
        XCTAssertNil(state.destination?.fieldEditor)
        XCTAssertEqual(state.parameters.responseFormat, ResponseFormatChoices.jsonSchemaTemplate.compactText)

        _ = press(&state, .character("f"))
        XCTAssertNil(state.parameters.responseFormat, "and round to unset")
    }

    func testEditExternallyOnlyForTextListAndJSONFields() {
        var state = savedParametersState()
        state.parameters.systemPrompt = "Be brief."
        state.parameters.tools = #"[{"type":"function","function":{"name":"f"}}]"#
        state.selectedField = .systemPrompt
        XCTAssertEqual(press(&state, .character("e")), [.editExternally(.systemPrompt, text: "Be brief.")])
        state.selectedField = .stop
        XCTAssertEqual(press(&state, .character("e")), [.editExternally(.stop, text: "")])
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
        XCTAssertEqual(press(&state, .character("e")), [.editExternally(.tools, text: pretty)], "JSON opens indented")
        state.selectedField = .temperature
        XCTAssertEqual(press(&state, .character("e")), [])
        XCTAssertEqual(state.status.notice?.contains("Enter"), true, "a notice says how to set a number instead")
    }

    func testEnterOpensTheEditorPrefilledOrThePickerOnModel() {
        var state = savedParametersState()
        state.parameters.stop = ["END", "\n\n"]
        state.selectedField = .stop
        _ = press(&state, .enter)
        XCTAssertEqual(state.destination?.fieldEditor, FieldEditor(field: .stop, text: TextInput(text: "END\n\\n\\n")))
        _ = press(&state, .escape)
        XCTAssertNil(state.destination?.fieldEditor)
        XCTAssertEqual(state.parameters.stop, ["END", "\n\n"], "Esc changes nothing")

        state.selectedField = .model
        XCTAssertEqual(press(&state, .enter), [.listModels])
        XCTAssertEqual(state.destination, .modelPicker(ModelPicker()))
        XCTAssertNil(state.destination?.fieldEditor)
    }

    func testPresetsKeyOpensTheOverlay() {
        var state = savedParametersState()
        _ = press(&state, .character("p"))
        XCTAssertEqual(state.destination, .presets(PresetPicker()))
    }
}
