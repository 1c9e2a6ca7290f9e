import XCTest
@testable import ChatCore
import StreamProtocol

final class ModelPickerTests: XCTestCase {
    private func picker(_ state: AppState) -> ModelPicker? {
        if case let .modelPicker(picker)? = state.overlay { return picker }
        return nil
    }

    func testListFilterAndChoose() {
        var state = savedParametersState()
        XCTAssertEqual(press(&state, .character("m")), [.listModels])
        XCTAssertEqual(picker(state)?.listing, .loading)
        apply(&state, [.modelsListed(["llama-3", "gpt-4o", "local-echo", "gpt-4o", " "])])
        XCTAssertEqual(picker(state)?.listing, .loaded(["gpt-4o", "llama-3", "local-echo"]), "sorted, unique, no blanks")
        XCTAssertEqual(picker(state)?.selectedIndex, 2, "the model in use is chosen")
        apply(&state, keys(typing: "GPT"))
        XCTAssertEqual(picker(state)?.matches, ["gpt-4o"], "case-insensitive filter")
        XCTAssertEqual(picker(state)?.selectedIndex, 0)
        _ = press(&state, .down, .down)
        XCTAssertEqual(picker(state)?.selectedIndex, 0, "stays within the matches")
        let effects = press(&state, .enter, at: 321)
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.parameters.model, "gpt-4o")
        XCTAssertEqual(effects, [.saveParameters(state.parameters, sessionID: "S1", nowMillis: 321)])
    }

    func testArrowsChooseAndBackspaceAndCtrlUEditTheFilter() {
        var state = savedParametersState()
        _ = press(&state, .character("m"))
        apply(&state, [.modelsListed(["a1", "a2", "b1"])])
        apply(&state, keys(typing: "ax"))
        XCTAssertEqual(picker(state)?.matches, [])
        _ = press(&state, .backspace)
        XCTAssertEqual(picker(state)?.matches, ["a1", "a2"])
        _ = press(&state, .down)
        XCTAssertEqual(picker(state)?.selectedIndex, 1)
        _ = press(&state, .control("u"))
        XCTAssertEqual(picker(state)?.filter.text, "")
        _ = press(&state, .down, .down, .up)
        XCTAssertEqual(picker(state)?.selectedIndex, 1)
        _ = press(&state, .enter)
        XCTAssertEqual(state.parameters.model, "a2")
    }

    func testFailedListingTakesFreeText() {
        var state = savedParametersState()
        _ = press(&state, .character("m"))
        apply(&state, [.modelsListingFailed("The models endpoint answered 404.")])
        XCTAssertEqual(picker(state)?.listing, .failed("The models endpoint answered 404."))
        apply(&state, [.textPasted("my-model\n")])
        XCTAssertEqual(picker(state)?.filter.text, "my-model", "a paste goes into the filter, on one line")
        _ = press(&state, .enter)
        XCTAssertEqual(state.parameters.model, "my-model")
        XCTAssertNil(state.overlay)
    }

    func testTypedTextWhenNothingMatches() {
        var state = savedParametersState()
        _ = press(&state, .character("m"))
        apply(&state, [.modelsListed(["a"])] + keys(typing: "brand-new"))
        _ = press(&state, .enter)
        XCTAssertEqual(state.parameters.model, "brand-new")
    }

    func testEnterWithNothingToTakeKeepsThePickerOpen() {
        var state = savedParametersState()
        _ = press(&state, .character("m"))
        apply(&state, [.modelsListingFailed("offline")])
        XCTAssertEqual(press(&state, .enter), [])
        XCTAssertNotNil(picker(state))
        XCTAssertNotNil(state.status.notice)
        XCTAssertNil(state.parameters.model)
    }

    func testEscapeKeepsTheModelAndLateResultsAreIgnored() {
        var state = savedParametersState()
        state.parameters.model = "kept"
        _ = press(&state, .character("m"))
        apply(&state, keys(typing: "other"))
        _ = press(&state, .escape)
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.parameters.model, "kept")
        apply(&state, [.modelsListed(["x"]), .modelsListingFailed("late")])
        XCTAssertNil(state.overlay, "a late answer does not reopen the picker")
    }

    func testListedNamesAreCheckedLikeTypedOnes() {
        var state = savedParametersState()
        _ = press(&state, .character("m"))
        apply(&state, [.modelsListed(["evil\u{1B}[2J"])])
        XCTAssertEqual(press(&state, .enter), [])
        XCTAssertEqual(state.status.notice, "model must not contain control characters")
        XCTAssertNil(state.parameters.model)
    }
}

final class PresetTests: XCTestCase {
    private func presetPicker(_ state: AppState) -> PresetPicker? {
        if case let .presets(picker)? = state.overlay { return picker }
        return nil
    }

    private func save(_ state: inout AppState, as name: String) -> [Effect] {
        _ = press(&state, .character("s"))
        return apply(&state, keys(typing: name) + [.keyPressed(.enter, stamp(0))])
    }

    func testSaveSortedReplaceApplyDelete() {
        var state = savedParametersState()
        state.parameters = SessionParameters(temperature: 0.2, sessionID: "this-session-only")
        _ = press(&state, .control("p"))
        XCTAssertEqual(presetPicker(state), PresetPicker())

        let saved = save(&state, as: "precise")
        let precise = Preset(name: "precise", parameters: SessionParameters(temperature: 0.2))
        XCTAssertEqual(saved, [.savePreset(precise)], "a preset never carries a session_id")
        XCTAssertNil(presetPicker(state)?.naming)

        state.parameters = SessionParameters(temperature: 1.8, maxTokens: 50)
        _ = save(&state, as: "Creative")
        _ = save(&state, as: "  zeta ")
        XCTAssertEqual(state.presets.map(\.name), ["Creative", "precise", "zeta"], "by name, ignoring case; names trimmed")
        XCTAssertEqual(presetPicker(state)?.selectedIndex, 2, "the saved one is chosen")

        state.parameters = SessionParameters(topP: 0.3)
        XCTAssertEqual(save(&state, as: "precise"), [.savePreset(Preset(name: "precise", parameters: SessionParameters(topP: 0.3)))])
        XCTAssertEqual(state.presets.map(\.name), ["Creative", "precise", "zeta"], "an existing name is replaced")
        XCTAssertEqual(state.presets[1].parameters, SessionParameters(topP: 0.3))

        // Apply "Creative": every field replaced, the session's own session_id override kept.
        state.parameters = SessionParameters(model: "m", seed: 9, sessionID: "mine")
        _ = press(&state, .home)
        let applied = press(&state, .enter, at: 555)
        XCTAssertEqual(state.parameters, SessionParameters(temperature: 1.8, maxTokens: 50, sessionID: "mine"))
        XCTAssertEqual(applied, [.saveParameters(state.parameters, sessionID: "S1", nowMillis: 555)])
        XCTAssertNil(state.overlay)

        _ = press(&state, .control("p"))
        _ = press(&state, .character("j"))
        XCTAssertEqual(press(&state, .character("d")), [.deletePreset(name: "precise")])
        XCTAssertEqual(state.presets.map(\.name), ["Creative", "zeta"])
        _ = press(&state, .end)
        XCTAssertEqual(press(&state, .delete), [.deletePreset(name: "zeta")])
        XCTAssertEqual(presetPicker(state)?.selectedIndex, 0)
        XCTAssertEqual(press(&state, .character("d")), [.deletePreset(name: "Creative")])
        XCTAssertEqual(press(&state, .character("d"), .enter), [], "nothing left to delete or apply")
        _ = press(&state, .character("q"))
        XCTAssertNil(state.overlay)
    }

    func testEmptyNameIsRefusedAndEscCancelsNamingOnly() {
        var state = savedParametersState()
        _ = press(&state, .control("p"), .character("s"))
        apply(&state, keys(typing: "   "))
        XCTAssertEqual(press(&state, .enter), [])
        XCTAssertEqual(presetPicker(state)?.error, "A preset needs a name.")
        XCTAssertNotNil(presetPicker(state)?.naming, "still naming")
        XCTAssertEqual(state.presets, [])
        _ = press(&state, .escape)
        XCTAssertEqual(presetPicker(state), PresetPicker(), "naming cancelled, overlay still open")
        _ = press(&state, .escape)
        XCTAssertNil(state.overlay)
    }

    func testNamingTakesLettersThatAreKeysElsewhere() {
        var state = savedParametersState()
        _ = press(&state, .control("p"), .character("s"))
        apply(&state, keys(typing: "dsq"))
        apply(&state, [.textPasted("j\nk")])
        XCTAssertEqual(presetPicker(state)?.naming?.text, "dsqjk")
    }

    func testLoadedPresetsAreSortedAndCtrlPNeedsNoOverlay() {
        var state = AppState(profile: premProfile)
        apply(&state, [.presetsLoaded([Preset(name: "b", parameters: SessionParameters()), Preset(name: "A", parameters: SessionParameters())])])
        XCTAssertEqual(state.presets.map(\.name), ["A", "b"])
        _ = press(&state, .function(1), .control("p"))
        XCTAssertEqual(state.overlay, .help, "the help overlay swallows Ctrl+P")
        _ = press(&state, .escape, .control("p"))
        XCTAssertEqual(state.overlay, .presets(PresetPicker()), "from the composer too")
    }

    func testApplyingInAnUnsavedSessionKeepsParametersInMemory() {
        var state = AppState(profile: premProfile)
        apply(&state, [.presetsLoaded([Preset(name: "x", parameters: SessionParameters(seed: 5))])])
        XCTAssertEqual(press(&state, .control("p"), .enter), [])
        XCTAssertEqual(state.parameters.seed, 5)
    }
}

final class InspectorTests: XCTestCase {
    /// `twoFinishedTurns()`, and what the store holds for each reply.
    private var stored: [String: SentRequest] = [:]

    private func twoTurns() -> AppState {
        let (state, stored) = twoFinishedTurns()
        self.stored = stored
        return state
    }

    /// The store's answer to the inspector's `.loadSentRequest`.
    private func loaded(_ state: inout AppState, _ messageID: String) {
        apply(&state, [.sentRequestLoaded(messageID: messageID, stored[messageID])])
    }

    private func inspector(_ state: AppState) -> MessageInspector? {
        if case let .inspector(inspector)? = state.overlay { return inspector }
        return nil
    }

    func testOpensOnTheNewestReplyAndStepsThroughReplies() {
        var state = twoTurns()
        XCTAssertEqual(press(&state, .character("i")), [.loadSentRequest(messageID: "S2-a")])
        XCTAssertEqual(inspector(state), MessageInspector(messageID: "S2-a", request: .loading))
        XCTAssertEqual(press(&state, .character("[")), [.loadSentRequest(messageID: "S1-a")])
        XCTAssertEqual(inspector(state)?.messageID, "S1-a")
        XCTAssertEqual(press(&state, .character("[")), [], "no older reply, nothing to load")
        XCTAssertEqual(inspector(state)?.messageID, "S1-a", "no older reply")
        _ = press(&state, .character("]"), .character("]"))
        XCTAssertEqual(inspector(state)?.messageID, "S2-a")
        _ = press(&state, .escape)
        XCTAssertNil(state.overlay)
        _ = press(&state, .enter)
        XCTAssertEqual(inspector(state)?.messageID, "S2-a", "Enter opens it too")
        _ = press(&state, .character("q"))
        XCTAssertNil(state.overlay)
    }

    func testViewsSwitchAndCopyWhatIsShown() {
        var state = twoTurns()
        _ = press(&state, .character("i"), .character("["))
        loaded(&state, "S1-a")
        guard let reply = state.conversation.messages.first(where: { $0.id == "S1-a" }), let request = stored["S1-a"] else {
            return XCTFail("no reply")
        }
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard(InspectorContent.copyText(
            for: reply, request: .recorded(request), view: .parameters, profile: premProfile))])
        XCTAssertEqual(state.status.notice, "copied the parameters to the clipboard")

        _ = press(&state, .tab)
        XCTAssertEqual(inspector(state)?.view, .body)
        let body = #"{"project_id":7,"model":"local-echo","messages":[{"role":"user","content":"one"}],"session_id":"S1","stream":true,"temperature":0.5}"#
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard(body)], "the body as sent, compact")
        XCTAssertEqual(state.status.notice?.hasPrefix("copied"), true)

        _ = press(&state, .right)
        XCTAssertEqual(inspector(state)?.view, .curl)
        let curl = "curl -N --compressed 'http://127.0.0.1:9/v1/chat/completions' -H 'Content-Type: application/json' -H 'Accept: text/event-stream' --data-raw '\(body)'"
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard(curl)])
        _ = press(&state, .tab)
        XCTAssertEqual(inspector(state)?.view, .parameters, "Tab wraps around")
        _ = press(&state, .left)
        XCTAssertEqual(inspector(state)?.view, .curl)
        _ = press(&state, .character("2"))
        XCTAssertEqual(inspector(state)?.view, .body)
        _ = press(&state, .character("1"))
        XCTAssertEqual(inspector(state)?.view, .parameters)
        _ = press(&state, .character("3"), .backTab)
        XCTAssertEqual(inspector(state)?.view, .body)
    }

    func testScrollingStaysWithinTheRowsDrawn() {
        var state = twoTurns()
        _ = press(&state, .character("i"))
        loaded(&state, "S2-a")
        // The renderer drew 30 wrapped rows in a box of 5.
        let rows = 30
        _ = reduce(&state, .overlayMeasured(ScrollMetrics(totalRows: rows, viewportRows: 5)))
        _ = press(&state, .up)
        XCTAssertEqual(inspector(state)?.topRow, 0)
        _ = press(&state, .down, .character("j"))
        XCTAssertEqual(inspector(state)?.topRow, 2)
        _ = press(&state, .pageDown)
        XCTAssertEqual(inspector(state)?.topRow, 6, "a page is the rows shown less one")
        _ = press(&state, .end)
        XCTAssertEqual(inspector(state)?.topRow, rows - 5, "the last page")
        for _ in 0..<rows { _ = press(&state, .down) }
        XCTAssertEqual(inspector(state)?.topRow, rows - 5, "never past the last page")
        _ = press(&state, .pageUp)
        XCTAssertEqual(inspector(state)?.topRow, rows - 9)
        _ = press(&state, .home)
        XCTAssertEqual(inspector(state)?.topRow, 0)
        _ = press(&state, .down, .character("["))
        XCTAssertEqual(inspector(state)?.topRow, 0, "another reply starts at the top")
    }

    func testNothingToInspect() {
        var state = AppState(profile: premProfile)
        _ = press(&state, .alt("2"), .character("i"))
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.status.notice, "No reply to inspect yet.")
    }

    func testTheStreamingReplyCanBeInspected() {
        var (state, _) = sentState("q")
        XCTAssertEqual(press(&state, .alt("2"), .character("i")), [], "its request is in memory: nothing to load")
        XCTAssertEqual(inspector(state)?.messageID, "S1-a")
        _ = press(&state, .character("2"))
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard(state.streaming.active?.reply.request?.body ?? "?")])
    }
}
