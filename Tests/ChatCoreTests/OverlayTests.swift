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
            $0.composer.killBuffer = "a"
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
        store.send(key(.enter)) { $0.status.notice = "Type a model name (Esc keeps the current one)." }
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
        store.send(key(.enter)) { $0.status.notice = "model must not contain control characters" }
    }
}

final class PresetTests: XCTestCase {
    private func key(_ key: Key, at now: Int64 = 0) -> Action { .keyPressed(key, stamp(now)) }

    /// `s`, the name typed, Enter: the parameters saved as `preset`; the list becomes `list`
    /// with `preset` chosen.
    private func save(
        _ store: TestStore<AppState, Action, [Effect]>, typing name: String, as preset: Preset, list: [Preset],
        file: StaticString = #filePath, line: UInt = #line
    ) {
        store.send(key(.character("s")), effects: [], { state in
            state.destination?.presets?.naming = TextInput()
            state.destination?.presets?.error = nil
            state.status.notice = nil
        }, file: file, line: line)
        for character in name {
            store.send(key(.character(character)), effects: [], { $0.destination?.presets?.naming?.insert(String(character)) }, file: file, line: line)
        }
        store.send(key(.enter), effects: [.savePreset(preset)], { state in
            state.presets = list
            state.destination = .presets(PresetPicker(selection: ListSelection(index: list.firstIndex(of: preset) ?? -1)))
            state.status.notice = "Saved preset \(preset.name)."
        }, file: file, line: line)
    }

    /// A store going on from `store`'s state with the session's parameters changed (as the
    /// pane would change them), to save or apply presets over.
    private func withParameters(_ parameters: SessionParameters, _ store: TestStore<AppState, Action, [Effect]>) -> TestStore<AppState, Action, [Effect]> {
        var state = store.state
        state.parameters = parameters
        return TestStore(state)
    }

    func testSaveSortedReplaceApplyDelete() {
        var state = savedParametersState()
        state.parameters = SessionParameters(temperature: 0.2, sessionID: "this-session-only")
        var store = TestStore(state)
        store.send(key(.control("p"))) { $0.destination = .presets(PresetPicker()) }
        // A preset never carries a session_id.
        let precise = Preset(name: "precise", parameters: SessionParameters(temperature: 0.2))
        save(store, typing: "precise", as: precise, list: [precise])

        // By name, ignoring case; names trimmed; the saved one is chosen.
        store = withParameters(SessionParameters(temperature: 1.8, maxTokens: 50), store)
        let creative = Preset(name: "Creative", parameters: SessionParameters(temperature: 1.8, maxTokens: 50))
        let zeta = Preset(name: "zeta", parameters: SessionParameters(temperature: 1.8, maxTokens: 50))
        save(store, typing: "Creative", as: creative, list: [creative, precise])
        save(store, typing: "  zeta ", as: zeta, list: [creative, precise, zeta])

        // An existing name is replaced.
        store = withParameters(SessionParameters(topP: 0.3), store)
        let precise2 = Preset(name: "precise", parameters: SessionParameters(topP: 0.3))
        save(store, typing: "precise", as: precise2, list: [creative, precise2, zeta])

        // Apply "Creative": every field replaced, the session's own session_id override kept.
        store = withParameters(SessionParameters(model: "m", seed: 9, sessionID: "mine"), store)
        store.send(key(.home)) {
            $0.destination = .presets(PresetPicker())
            $0.status.notice = nil
        }
        let applied = SessionParameters(temperature: 1.8, maxTokens: 50, sessionID: "mine")
        store.send(key(.enter, at: 555), effects: [.saveParameters(applied, sessionID: "S1", nowMillis: 555)]) {
            $0.parameters = applied
            $0.destination = nil
            $0.status.notice = "Applied preset Creative."
        }

        store.send(key(.control("p"))) {
            $0.destination = .presets(PresetPicker())
            $0.status.notice = nil
        }
        store.send(key(.character("j"))) { $0.destination = .presets(PresetPicker(selection: ListSelection(index: 1))) }
        store.send(key(.character("d")), effects: [.deletePreset(name: "precise")]) {
            $0.presets = [creative, zeta]
            $0.status.notice = "Deleted preset precise."
        }
        store.send(key(.end)) { $0.status.notice = nil }
        store.send(key(.delete), effects: [.deletePreset(name: "zeta")]) {
            $0.presets = [creative]
            $0.destination = .presets(PresetPicker())
            $0.status.notice = "Deleted preset zeta."
        }
        store.send(key(.character("d")), effects: [.deletePreset(name: "Creative")]) {
            $0.presets = []
            $0.status.notice = "Deleted preset Creative."
        }
        // Nothing left to delete or apply.
        store.send(key(.character("d"))) { $0.status.notice = nil }
        store.send(key(.enter))
        store.send(key(.character("q"))) { $0.destination = nil }
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
            $0.status.notice = "Applied preset x."
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

    private func key(_ key: Key) -> Action { .keyPressed(key, stamp(0)) }

    func testOpensOnTheNewestReplyAndStepsThroughReplies() {
        let store = TestStore(twoTurns())
        store.send(key(.character("i")), effects: [.loadSentRequest(messageID: "S2-a")]) {
            $0.destination = .inspector(MessageInspector(messageID: "S2-a", request: .loading))
        }
        store.send(key(.character("[")), effects: [.loadSentRequest(messageID: "S1-a")]) { $0.destination?.inspector?.messageID = "S1-a" }
        store.send(key(.character("[")))  // no older reply, nothing to load
        store.send(key(.character("]")), effects: [.loadSentRequest(messageID: "S2-a")]) { $0.destination?.inspector?.messageID = "S2-a" }
        store.send(key(.character("]")))  // no newer one
        store.send(key(.escape)) { $0.destination = nil }
        // Enter opens it too.
        store.send(key(.enter), effects: [.loadSentRequest(messageID: "S2-a")]) {
            $0.destination = .inspector(MessageInspector(messageID: "S2-a"))
        }
        store.send(key(.character("q"))) { $0.destination = nil }
    }

    func testViewsSwitchAndCopyWhatIsShown() throws {
        let state = twoTurns()
        let store = TestStore(state)
        let reply = try XCTUnwrap(state.conversation.messages.first { $0.id == "S1-a" })
        let request = try XCTUnwrap(stored["S1-a"])
        func view(_ view: MessageInspector.View) -> (inout AppState) -> Void {
            { $0.destination?.inspector?.view = view; $0.status.notice = nil }
        }
        store.send(key(.character("i")), effects: [.loadSentRequest(messageID: "S2-a")]) {
            $0.destination = .inspector(MessageInspector(messageID: "S2-a"))
        }
        store.send(key(.character("[")), effects: [.loadSentRequest(messageID: "S1-a")]) { $0.destination?.inspector?.messageID = "S1-a" }
        store.send(.sentRequestLoaded(messageID: "S1-a", request)) { $0.destination?.inspector?.request = .recorded(request) }
        let parameters = InspectorContent.copyText(for: reply, request: .recorded(request), view: .parameters, profile: premProfile)
        store.send(key(.character("y")), effects: [.copyToClipboard(parameters)]) { $0.status.notice = "copied the parameters to the clipboard" }

        store.send(key(.tab), view(.body))
        let body = #"{"project_id":7,"model":"local-echo","messages":[{"role":"user","content":"one"}],"session_id":"S1","stream":true,"temperature":0.5}"#
        // The body as sent, compact.
        store.send(key(.character("y")), effects: [.copyToClipboard(body)]) { $0.status.notice = "copied the request body to the clipboard" }

        store.send(key(.right), view(.curl))
        let curl = "curl -N --compressed 'http://127.0.0.1:9/v1/chat/completions' -H 'Content-Type: application/json' -H 'Accept: text/event-stream' --data-raw '\(body)'"
        store.send(key(.character("y")), effects: [.copyToClipboard(curl)]) { $0.status.notice = "copied the curl command to the clipboard" }
        store.send(key(.tab), view(.parameters))  // Tab wraps around
        store.send(key(.left), view(.curl))
        store.send(key(.character("2")), view(.body))
        store.send(key(.character("1")), view(.parameters))
        store.send(key(.character("3")), view(.curl))
        store.send(key(.backTab), view(.body))
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
        store.send(.frameReported(.measuring(store.state, overlay: measured))) { $0.destination?.inspector?.scroll.metrics = measured }
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
        let store = TestStore(AppState(profile: premProfile))
        store.send(key(.alt("2"))) { $0.screen.focus = .conversation }
        store.send(key(.character("i"))) { $0.status.notice = "No reply to inspect yet." }
    }

    func testTheStreamingReplyCanBeInspected() throws {
        let (state, _) = sentState("q")
        let request = try XCTUnwrap(state.streaming.active?.reply.request)
        let store = TestStore(state)
        store.send(key(.alt("2"))) { $0.screen.focus = .conversation }
        // Its request is in memory: nothing to load.
        store.send(key(.character("i"))) { $0.destination = .inspector(MessageInspector(messageID: "S1-a", request: .recorded(request))) }
        store.send(key(.character("2"))) { $0.destination?.inspector?.view = .body }
        store.send(key(.character("y")), effects: [.copyToClipboard(request.body)]) {
            $0.status.notice = "copied the request body to the clipboard"
        }
    }
}
