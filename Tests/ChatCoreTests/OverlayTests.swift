import XCTest
@testable import ChatCore
import StreamProtocol

/// The model picker, each step asserted whole (state and effects) with the TestStore.
final class ModelPickerTests: XCTestCase {
    private func key(_ key: Key, at now: Int64 = 0) -> Action { .keyPressed(key, stamp(now)) }

    /// `m` in the parameters pane: the picker opens (listing…) and asks for the list.
    private func openPicker(_ store: TestStore<AppState, Action, [Effect]>) {
        store.send(key(.character("m")), effects: [.listModels]) {
            $0.selectedField = .model
            $0.destination = .modelPicker(ModelPicker())
        }
    }

    /// Types `text` into the filter, one key each: every change chooses the first match again.
    private func type(_ text: String, _ store: TestStore<AppState, Action, [Effect]>) {
        for character in text {
            store.send(key(.character(character))) {
                $0.destination?.modelPicker?.filter.insert(String(character))
                $0.destination?.modelPicker?.selection = ListSelection()
            }
        }
    }

    private func picker(_ listing: ModelPicker.Listing, filter: String = "", selected: Int = 0) -> Destination {
        .modelPicker(ModelPicker(listing: listing, filter: TextInput(text: filter), selection: ListSelection(index: selected)))
    }

    func testListFilterAndChoose() {
        let state = savedParametersState()
        let store = TestStore(state)
        openPicker(store)
        store.send(.modelsListed(["llama-3", "gpt-4o", "local-echo", "gpt-4o", " "])) {
            // Sorted, unique, no blanks; the model in use is chosen.
            $0.destination = self.picker(.loaded(["gpt-4o", "llama-3", "local-echo"]), selected: 2)
        }
        type("GPT", store)
        store.inspect { XCTAssertEqual($0.destination?.modelPicker?.matches, ["gpt-4o"], "case-insensitive filter") }
        store.send(key(.down))  // stays within the matches
        store.send(key(.down))
        var chosen = state.parameters
        chosen.model = "gpt-4o"
        store.send(key(.enter, at: 321), effects: [.saveParameters(chosen, sessionID: "S1", nowMillis: 321)]) {
            $0.destination = nil
            $0.parameters = chosen
        }
    }

    func testArrowsChooseAndBackspaceAndCtrlUEditTheFilter() {
        let state = savedParametersState()
        let store = TestStore(state)
        openPicker(store)
        store.send(.modelsListed(["a1", "a2", "b1"])) { $0.destination = self.picker(.loaded(["a1", "a2", "b1"])) }
        type("ax", store)
        store.inspect { XCTAssertEqual($0.destination?.modelPicker?.matches, []) }
        store.send(key(.backspace)) { $0.destination = self.picker(.loaded(["a1", "a2", "b1"]), filter: "a") }
        store.inspect { XCTAssertEqual($0.destination?.modelPicker?.matches, ["a1", "a2"]) }
        store.send(key(.down)) { $0.destination = self.picker(.loaded(["a1", "a2", "b1"]), filter: "a", selected: 1) }
        store.send(key(.control("u"))) {
            $0.destination = self.picker(.loaded(["a1", "a2", "b1"]))
            $0.killBuffer = "a"
        }
        store.send(key(.down)) { $0.destination = self.picker(.loaded(["a1", "a2", "b1"]), selected: 1) }
        store.send(key(.down)) { $0.destination = self.picker(.loaded(["a1", "a2", "b1"]), selected: 2) }
        store.send(key(.up)) { $0.destination = self.picker(.loaded(["a1", "a2", "b1"]), selected: 1) }
        var chosen = state.parameters
        chosen.model = "a2"
        store.send(key(.enter), effects: [.saveParameters(chosen, sessionID: "S1", nowMillis: 0)]) {
            $0.destination = nil
            $0.parameters = chosen
        }
    }

    func testFailedListingTakesFreeText() {
        let state = savedParametersState()
        let store = TestStore(state)
        openPicker(store)
        store.send(.modelsListingFailed("The models endpoint answered 404.")) {
            $0.destination = self.picker(.failed("The models endpoint answered 404."))
        }
        store.send(.textPasted("my-model\n")) {
            // A paste goes into the filter, on one line.
            $0.destination = self.picker(.failed("The models endpoint answered 404."), filter: "my-model")
        }
        var chosen = state.parameters
        chosen.model = "my-model"
        store.send(key(.enter), effects: [.saveParameters(chosen, sessionID: "S1", nowMillis: 0)]) {
            $0.destination = nil
            $0.parameters = chosen
        }
    }

    func testTypedTextWhenNothingMatches() {
        let state = savedParametersState()
        let store = TestStore(state)
        openPicker(store)
        store.send(.modelsListed(["a"])) { $0.destination = self.picker(.loaded(["a"])) }
        type("brand-new", store)
        var chosen = state.parameters
        chosen.model = "brand-new"
        store.send(key(.enter), effects: [.saveParameters(chosen, sessionID: "S1", nowMillis: 0)]) {
            $0.destination = nil
            $0.parameters = chosen
        }
    }

    func testEnterWithNothingToTakeKeepsThePickerOpen() {
        let store = TestStore(savedParametersState())
        openPicker(store)
        store.send(.modelsListingFailed("offline")) { $0.destination = self.picker(.failed("offline")) }
        store.send(key(.enter)) { $0.notice = "Type a model name (Esc keeps the current one)." }
    }

    func testEscapeKeepsTheModelAndLateResultsAreIgnored() {
        var state = savedParametersState()
        state.parameters.model = "kept"
        let store = TestStore(state)
        openPicker(store)
        type("other", store)
        store.send(key(.escape)) { $0.destination = nil }
        // A late answer does not reopen the picker.
        store.send(.modelsListed(["x"]))
        store.send(.modelsListingFailed("late"))
    }

    func testListedNamesAreCheckedLikeTypedOnes() {
        let store = TestStore(savedParametersState())
        openPicker(store)
        store.send(.modelsListed(["evil\u{1B}[2J"])) { $0.destination = self.picker(.loaded(["evil\u{1B}[2J"])) }
        store.send(key(.enter)) { $0.notice = "model must not contain control characters" }
    }
}

final class PresetTests: XCTestCase {
    private func presetPicker(_ state: AppState) -> PresetPicker? {
        if case let .presets(picker)? = state.destination { return picker }
        return nil
    }

    private func key(_ key: Key) -> Action { .keyPressed(key, stamp(0)) }

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
        XCTAssertEqual(presetPicker(state)?.selection.index, 2, "the saved one is chosen")

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
        XCTAssertNil(state.destination)

        _ = press(&state, .control("p"))
        _ = press(&state, .character("j"))
        XCTAssertEqual(press(&state, .character("d")), [.deletePreset(name: "precise")])
        XCTAssertEqual(state.presets.map(\.name), ["Creative", "zeta"])
        _ = press(&state, .end)
        XCTAssertEqual(press(&state, .delete), [.deletePreset(name: "zeta")])
        XCTAssertEqual(presetPicker(state)?.selection.index, 0)
        XCTAssertEqual(press(&state, .character("d")), [.deletePreset(name: "Creative")])
        XCTAssertEqual(press(&state, .character("d"), .enter), [], "nothing left to delete or apply")
        _ = press(&state, .character("q"))
        XCTAssertNil(state.destination)
    }

    func testEmptyNameIsRefusedAndEscCancelsNamingOnly() {
        let store = TestStore(savedParametersState())
        store.send(key(.control("p"))) { $0.destination = .presets(PresetPicker()) }
        store.send(key(.character("s"))) { $0.destination = .presets(PresetPicker(naming: TextInput())) }
        for _ in 0..<3 { store.send(key(.character(" "))) { $0.destination?.presets?.naming?.insert(" ") } }
        // Refused: still naming, with why; nothing saved.
        store.send(key(.enter)) { $0.destination?.presets?.error = "A preset needs a name." }
        store.send(key(.escape)) { $0.destination = .presets(PresetPicker()) }  // naming cancelled, overlay still open
        store.send(key(.escape)) { $0.destination = nil }
    }

    func testNamingTakesLettersThatAreKeysElsewhere() {
        let store = TestStore(savedParametersState())
        store.send(key(.control("p"))) { $0.destination = .presets(PresetPicker()) }
        store.send(key(.character("s"))) { $0.destination = .presets(PresetPicker(naming: TextInput())) }
        for character in "dsq" {
            store.send(key(.character(character))) { $0.destination?.presets?.naming?.insert(String(character)) }
        }
        // A paste into a one-line name drops the line break.
        store.send(.textPasted("j\nk")) { $0.destination?.presets?.naming?.insert("jk") }
        store.inspect { XCTAssertEqual($0.destination?.presets?.naming?.text, "dsqjk") }
    }

    func testLoadedPresetsAreSortedAndCtrlPNeedsNoOverlay() {
        let store = TestStore(AppState(profile: premProfile))
        let a = Preset(name: "A", parameters: SessionParameters()), b = Preset(name: "b", parameters: SessionParameters())
        store.send(.presetsLoaded([b, a])) { $0.presets = [a, b] }
        store.send(key(.function(1))) { $0.destination = .help(ScrollState()) }
        store.send(key(.control("p")))  // the help overlay swallows Ctrl+P
        store.send(key(.escape)) { $0.destination = nil }
        store.send(key(.control("p"))) { $0.destination = .presets(PresetPicker()) }  // from the composer too
    }

    func testApplyingInAnUnsavedSessionKeepsParametersInMemory() {
        let store = TestStore(AppState(profile: premProfile))
        let preset = Preset(name: "x", parameters: SessionParameters(seed: 5))
        store.send(.presetsLoaded([preset])) { $0.presets = [preset] }
        store.send(key(.control("p"))) { $0.destination = .presets(PresetPicker()) }
        // No session saved yet: nothing to persist, the parameters change in memory.
        store.send(key(.enter)) {
            $0.parameters = SessionParameters(seed: 5)
            $0.destination = nil
            $0.notice = "Applied preset x."
        }
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
        if case let .inspector(inspector)? = state.destination { return inspector }
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
        XCTAssertNil(state.destination)
        _ = press(&state, .enter)
        XCTAssertEqual(inspector(state)?.messageID, "S2-a", "Enter opens it too")
        _ = press(&state, .character("q"))
        XCTAssertNil(state.destination)
    }

    func testViewsSwitchAndCopyWhatIsShown() {
        var state = twoTurns()
        _ = press(&state, .character("i"), .character("["))
        loaded(&state, "S1-a")
        guard let reply = state.messages.first(where: { $0.id == "S1-a" }), let request = stored["S1-a"] else {
            return XCTFail("no reply")
        }
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard(InspectorContent.copyText(
            for: reply, request: .recorded(request), view: .parameters, profile: premProfile))])
        XCTAssertEqual(state.notice, "copied the parameters to the clipboard")

        _ = press(&state, .tab)
        XCTAssertEqual(inspector(state)?.view, .body)
        let body = #"{"project_id":7,"model":"local-echo","messages":[{"role":"user","content":"one"}],"session_id":"S1","stream":true,"temperature":0.5}"#
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard(body)], "the body as sent, compact")
        XCTAssertEqual(state.notice?.hasPrefix("copied"), true)

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

    func testScrollingStaysWithinTheRowsDrawn() throws {
        let store = TestStore(twoTurns())
        let newest = try XCTUnwrap(stored["S2-a"])
        func key(_ key: Key) -> Action { .keyPressed(key, stamp(0)) }
        store.send(key(.character("i")), effects: [.loadSentRequest(messageID: "S2-a")]) {
            $0.destination = .inspector(MessageInspector(messageID: "S2-a"))
        }
        store.send(.sentRequestLoaded(messageID: "S2-a", newest)) { $0.destination?.inspector?.request = .recorded(newest) }
        // The renderer drew 30 wrapped rows in a box of 5.
        let measured = ScrollMetrics(totalRows: 30, viewportRows: 5)
        store.send(.overlayMeasured(measured)) { $0.destination?.inspector?.scroll.metrics = measured }
        store.send(key(.up))  // at the top already
        store.send(key(.down)) { $0.destination?.inspector?.scroll.position = .row(1) }
        store.send(key(.character("j"))) { $0.destination?.inspector?.scroll.position = .row(2) }
        store.send(key(.pageDown)) { $0.destination?.inspector?.scroll.position = .row(6) }  // a page is the rows shown less one
        store.send(key(.end)) { $0.destination?.inspector?.scroll.position = .row(25) }  // the last page
        store.send(key(.down))  // never past the last page
        store.send(key(.pageUp)) { $0.destination?.inspector?.scroll.position = .row(21) }
        store.send(key(.home)) { $0.destination?.inspector?.scroll.position = .row(0) }
        store.send(key(.down)) { $0.destination?.inspector?.scroll.position = .row(1) }
        // Another reply starts at the top, its request asked of the store.
        store.send(key(.character("[")), effects: [.loadSentRequest(messageID: "S1-a")]) {
            $0.destination?.inspector?.messageID = "S1-a"
            $0.destination?.inspector?.scroll.position = .row(0)
            $0.destination?.inspector?.request = .loading
        }
    }

    func testNothingToInspect() {
        var state = AppState(profile: premProfile)
        _ = press(&state, .alt("2"), .character("i"))
        XCTAssertNil(state.destination)
        XCTAssertEqual(state.notice, "No reply to inspect yet.")
    }

    func testTheStreamingReplyCanBeInspected() {
        var (state, _) = sentState("q")
        XCTAssertEqual(press(&state, .alt("2"), .character("i")), [], "its request is in memory: nothing to load")
        XCTAssertEqual(inspector(state)?.messageID, "S1-a")
        _ = press(&state, .character("2"))
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard(state.stream?.reply.request?.body ?? "?")])
    }
}
