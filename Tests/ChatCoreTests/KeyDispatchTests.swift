import XCTest
@testable import ChatCore
import StreamProtocol

private typealias AppStore = TestStore<AppState, Action, [Effect]>

private func key(_ key: Key, _ at: Stamp = stamp(0)) -> Action { .keyPressed(key, at) }

/// Types `text` one key at a time into a text input other than the message box, each key
/// asserted: `insert` puts the typed character where that input is.
private func typeText(_ text: String, _ store: AppStore, file: StaticString = #filePath, line: UInt = #line,
                      into insert: (inout AppState, String) -> Void) {
    for character in text {
        store.send(key(.character(character)), effects: [], { insert(&$0, String(character)) }, file: file, line: line)
    }
}

/// Types `text` into the message box, one key each.
private func typeMessage(_ text: String, _ store: AppStore, file: StaticString = #filePath, line: UInt = #line) {
    for character in text {
        store.send(key(.character(character)), effects: [], { $0.composer.input.insert(String(character)) }, file: file, line: line)
    }
}

/// Types `text` into the palette's filter (opened empty), one key each.
private func typePalette(_ text: String, _ store: AppStore, file: StaticString = #filePath, line: UInt = #line) {
    var filter = ""
    for character in text {
        filter.append(character)
        store.send(key(.character(character)), effects: [], {
            $0.destination = .palette(CommandPalette(filter: TextInput(text: filter)))
        }, file: file, line: line)
    }
}

/// Esc or Ctrl+C over `sentState()`'s reply in flight (at t=0): the stream is cancelled and the
/// reply kept, saved as interrupted.
private func stopsTheReply(_ store: AppStore, _ id: RequestID, with stop: Key, file: StaticString = #filePath, line: UInt = #line) {
    guard var reply = store.state.streaming.active?.reply else { return XCTFail("no reply in flight", file: file, line: line) }
    reply.status = .interrupted
    reply.stats = ReplyStats(timeToFirstTokenMillis: nil, totalMillis: 0, deltaCount: 0)
    // The store keeps the request the reply was sent with; the list in memory does not (the
    // inspector loads it).
    var kept = reply
    kept.request = nil
    store.send(key(stop), effects: [.cancelStream(id), .saveMessage(reply, sessionID: "S1")], {
        $0.conversation.messages.append(kept)
        $0.streaming.active = nil
        $0.streaming.lastOutcome = .interrupted
    }, file: file, line: line)
}

/// Keys reach commands through the keymap, context by context.
final class KeyDispatchTests: XCTestCase {
    func testStacksFollowTheState() {
        var state = AppState(profile: premProfile)
        XCTAssertEqual(KeyContext.stack(for: state), [.message, .text, .global, .app])
        state.screen.focus = .parameters
        XCTAssertEqual(KeyContext.stack(for: state), [.parameters, .global, .app])
        state.destination = .help(ScrollState())
        XCTAssertEqual(KeyContext.stack(for: state), [.help, .global, .app])
        state.destination = .presets(PresetPicker(naming: TextInput()))
        XCTAssertEqual(KeyContext.stack(for: state), [.presetName, .text, .app])
        state.destination = .fieldEditor(FieldEditor(field: .user, text: TextInput()))
        XCTAssertEqual(KeyContext.stack(for: state), [.fieldEditor, .text, .app])
        state.destination = .palette(CommandPalette(below: state.destination))
        XCTAssertEqual(KeyContext.stack(for: state), [.palette, .text, .app])
        XCTAssertEqual(KeyContext.stackBelowPalette(state), [.fieldEditor, .text, .app])
    }

    /// The conflict check walks `KeyContext.allStacks`; every stack a state can produce is there.
    func testEveryStackAStateProducesIsKnownToTheConflictCheck() {
        let destinations: [Destination?] = [
            nil, .help(ScrollState()), .modelPicker(ModelPicker()), .presets(PresetPicker()), .presets(PresetPicker(naming: TextInput())),
            .inspector(MessageInspector(messageID: "m")), .fieldEditor(FieldEditor(field: .user, text: TextInput())),
            .sessionPrompt(SessionRename(sessionID: "s", title: TextInput())), .confirm(.deleteMessage(id: "m")),
            .confirm(.deleteSession(id: "s")),
        ]
        for pane in Pane.allCases {
            for destination in destinations {
                for palette in [false, true] {
                    var state = AppState(profile: premProfile)
                    state.screen.focus = pane
                    state.destination = palette ? .palette(CommandPalette(below: destination)) : destination
                    XCTAssertTrue(KeyContext.allStacks.contains(KeyContext.stack(for: state)), "\(KeyContext.stack(for: state))")
                    XCTAssertTrue(KeyContext.allStacks.contains(KeyContext.stackBelowPalette(state)), "\(KeyContext.stackBelowPalette(state))")
                }
            }
        }
        // The code block's number is asked over the conversation.
        var copying = AppState(profile: premProfile)
        copying.screen.focus = .conversation
        copying.destination = .codeBlockNumber
        XCTAssertTrue(KeyContext.allStacks.contains(KeyContext.stack(for: copying)), "\(KeyContext.stack(for: copying))")
    }

    func testTheSwappedKeymapSendsOneMessageWithALineBreak() {
        var state = AppState(profile: premProfile)
        state.keymap = Keymap.defaults.applying([
            KeyOverride(command: "send", keys: ["ctrl+s"]), KeyOverride(command: "newline", keys: ["enter"]),
        ]).0
        let store = TestStore(state)
        typeMessage("a", store)
        store.send(key(.enter)) { $0.composer.input.insert("\n") }  // Enter is now a line break
        typeMessage("b", store)
        // Ctrl+S sends the one message, line break and all: one request.
        let session = SessionSummary(id: "id", title: "a b", createdAtMillis: 0, updatedAtMillis: 0)
        let user = Message(id: "id-u", role: .user, content: "a\nb", createdAtMillis: 0)
        let reply = Message(
            id: "id-a", role: .assistant, content: "", createdAtMillis: 0, status: .streaming,
            model: "local-echo", parameters: SessionParameters(),
            request: SentRequest(
                url: "http://127.0.0.1:9/v1/chat/completions", dialect: .prem,
                body: #"{"project_id":7,"model":"local-echo","messages":[{"role":"user","content":"a\nb"}],"session_id":"id","stream":true}"#,
                hadAPIKey: false, historyMessageIDs: ["id-u"]))
        let request = ChatRequest(
            projectID: 7, model: "local-echo", messages: [ChatMessage(role: .user, content: "a\nb")], sessionID: "id")
        store.send(key(.control("s")), effects: [
            .createSession(session, SessionParameters()),
            .saveMessage(user, sessionID: "id"),
            .saveMessage(reply, sessionID: "id"),
            .startStream(RequestID(1), request),
        ]) {
            $0.sessions.list = [session]
            $0.conversation.activeSessionID = "id"
            $0.conversation.activeSessionSaved = true
            $0.conversation.messages = [user]
            $0.composer.input = TextInput()
            $0.streaming.active = ActiveStream(RequestID(1), sessionID: "id", reply: reply, now: 0)
            $0.streaming.nextRequestNumber = 2
        }
        XCTAssertEqual(store.state.conversation.messages.map(\.content), ["a\nb"])
    }

    func testARebindingChangesWhatTheKeyDoesAndTheDefaultKeyStopsWorking() {
        var state = savedParametersState()
        state.keymap = Keymap.defaults.applying([KeyOverride(command: "random-seed", keys: ["x"])]).0
        let s = Stamp(nowMillis: 3000, freshID: "f", random: 12345)
        let store = TestStore(state)
        store.send(key(.character("r"), s)) { $0.status.nowMillis = 3000 }  // r no longer picks a seed
        var seeded = state.parameters
        seeded.seed = 12345
        store.send(key(.character("x"), s), effects: [.saveParameters(seeded, sessionID: "S1", nowMillis: 3000)]) {
            $0.parameters.seed = 12345
            $0.selectedField = .seed
        }
    }

    func testMInTheConversationTogglesMarkdownForRepliesOnly() {
        var state = AppState(profile: premProfile)
        state.screen.focus = .conversation
        let stamp = Stamp(nowMillis: 1000, freshID: "f", random: 1)
        XCTAssertEqual(state.screen.display, DisplayOptions(markdownReplies: true, markdownUserMessages: false))
        let store = TestStore(state)
        store.send(key(.character("m"), stamp)) {
            $0.screen.display = DisplayOptions(markdownReplies: false, markdownUserMessages: false)
            $0.status.notice = "Replies shown as the raw text the model sent."
            $0.status.nowMillis = 1000
        }
        store.send(key(.character("m"), stamp)) {
            $0.screen.display.markdownReplies = true
            $0.status.notice = "Replies shown as Markdown."
        }
        // In the message box the same key is text (and typing clears the notice).
        var composing = store.state
        composing.screen.focus = .composer
        TestStore(composing).send(key(.character("m"), stamp)) {
            $0.composer.input.insert("m")
            $0.status.notice = nil
        }
    }

    func testAltTAsksForTheNextThemeAndTheAnswerIsSaid() {
        let store = TestStore(AppState(profile: premProfile))
        store.send(key(.alt("t"), Stamp(nowMillis: 1, freshID: "f", random: 0)), effects: [.cycleTheme]) { $0.status.nowMillis = 1 }
        store.send(.themeChanged("solarized-dark")) {
            $0.screen.pickedTheme = "solarized-dark"
            $0.status.notice = "Theme: solarized-dark (Alt+t for the next)."
        }
    }

    func testRandomSeedTakesTheStampsBitsWithinThirtyOneBits() {
        let state = savedParametersState()
        let store = TestStore(state)
        var seeded = state.parameters
        seeded.seed = 77
        store.send(key(.character("r"), Stamp(nowMillis: 3000, freshID: "f", random: (1 << 40) + 77)),
                   effects: [.saveParameters(seeded, sessionID: "S1", nowMillis: 3000)]) {
            $0.parameters.seed = 77
            $0.selectedField = .seed
            $0.status.nowMillis = 3000
        }
        seeded.seed = 0x7FFF_FFFF
        store.send(key(.character("r"), Stamp(nowMillis: 3001, freshID: "g", random: 0x7FFF_FFFF)),
                   effects: [.saveParameters(seeded, sessionID: "S1", nowMillis: 3001)]) {
            $0.parameters.seed = 0x7FFF_FFFF
            $0.status.nowMillis = 3001
        }
    }

    func testHelpLetsGlobalKeysThroughAndSwallowsTheRest() {
        let store = TestStore(AppState(profile: premProfile))
        store.send(key(.function(1))) { $0.destination = .help(ScrollState()) }
        store.send(key(.character("x")))  // help swallows typing
        store.send(key(.tab)) {  // focus keys close help
            $0.destination = nil
            $0.screen.focus = .sessions
        }
        store.send(key(.character("?"))) { $0.destination = .help(ScrollState()) }  // outside the message box
        store.send(key(.character("q"))) { $0.destination = nil }
    }

    func testEscapeOnlyStopsAStreamAndInsideTheMessageBoxQuestionMarkIsTyped() {
        let (state, id) = sentState()
        let store = TestStore(state)
        typeMessage("?", store)
        stopsTheReply(store, id, with: .escape)
        XCTAssertEqual(store.state.composer.input.text, "?", "Esc leaves the message box alone")
    }

    func testCtrlCStopsThenQuits() {
        let (state, id) = sentState()
        let store = TestStore(state)
        stopsTheReply(store, id, with: .control("c"))  // stops, does not quit
        store.send(key(.control("c")), effects: [.quit]) { $0.status.quitRequested = true }
    }

    func testSessionsPaneChoosesAndOpens() {
        var state = AppState(profile: premProfile)
        state.sessions.list = [SessionSummary(id: "a", title: "A", createdAtMillis: 1, updatedAtMillis: 2),
                          SessionSummary(id: "b", title: "B", createdAtMillis: 1, updatedAtMillis: 1)]
        let store = TestStore(state)
        store.send(key(.alt("1"))) { $0.screen.focus = .sessions }
        store.send(key(.character("j"))) { $0.sessions.selection = ListSelection(index: 1) }
        store.send(key(.enter), effects: [.loadConversation(sessionID: "b")]) { $0.screen.focus = .conversation }
        var back = store.state
        back.screen.focus = .sessions
        TestStore(back).send(key(.home)) { $0.sessions.selection = ListSelection(index: 0) }
    }
}

/// The one text input, through the `text` keymap, in every place that takes text.
final class TextInputKeysTests: XCTestCase {
    func testReadlineKeysInTheMessageBox() {
        let store = TestStore(AppState(profile: premProfile))
        typeMessage("hello big world", store)
        store.send(key(.control("w"))) {
            $0.composer.input = TextInput(text: "hello big ")
            $0.composer.killBuffer = "world"
        }
        store.send(key(.alt("b"))) { $0.composer.input = TextInput(text: "hello big ", caret: 6) }
        store.send(key(.alt("b"))) { $0.composer.input = TextInput(text: "hello big ", caret: 0) }
        store.send(key(.alt("f"))) { $0.composer.input = TextInput(text: "hello big ", caret: 5) }
        store.send(key(.control("k"))) {
            $0.composer.input = TextInput(text: "hello")
            $0.composer.killBuffer = " big "
        }
        store.send(key(.control("a"))) { $0.composer.input = TextInput(text: "hello", caret: 0) }
        store.send(key(.control("y"))) { $0.composer.input = TextInput(text: " big hello", caret: 5) }
        store.send(key(.end)) { $0.composer.input = TextInput(text: " big hello") }
        store.send(key(.altBackspace)) {
            $0.composer.input = TextInput(text: " big ")
            $0.composer.killBuffer = "hello"
        }
        store.send(key(.ctrlLeft)) { $0.composer.input = TextInput(text: " big ", caret: 1) }
        store.send(key(.alt("d"))) {
            $0.composer.input = TextInput(text: "  ", caret: 1)
            $0.composer.killBuffer = "big"
        }
        store.send(key(.control("u"))) {
            $0.composer.input = TextInput(text: " ", caret: 0)
            $0.composer.killBuffer = " "
        }
    }

    func testCtrlKWithNothingToDeleteOpensThePalette() {
        let store = TestStore(AppState(profile: premProfile))
        typeMessage("ab", store)
        store.send(key(.left)) { $0.composer.input = TextInput(text: "ab", caret: 1) }
        store.send(key(.control("k"))) {
            $0.composer.input = TextInput(text: "a")
            $0.composer.killBuffer = "b"
        }
        // At the end of the line Ctrl+K falls through to the palette.
        store.send(key(.control("k"))) { $0.destination = .palette(CommandPalette()) }
    }

    /// Where something is typed, Ctrl+C closes it as Esc does; it never quits with the text on
    /// screen (the palette over a typed message, the value editor with a value typed).
    func testCtrlCClosesThePaletteAndTheValueEditorInsteadOfQuitting() {
        let store = TestStore(AppState(profile: premProfile))
        typeMessage("a message", store)
        store.send(key(.control("k"))) { $0.destination = .palette(CommandPalette()) }
        // Closed, not quit; the message stays.
        store.send(key(.control("c"))) { $0.destination = nil }

        store.send(key(.alt("3"))) { $0.screen.focus = .parameters }
        store.send(key(.enter)) { $0.destination = .fieldEditor(FieldEditor(field: .temperature, text: TextInput())) }
        typeText("gpt", store) { $0.destination?.fieldEditor?.text.insert($1) }
        store.send(key(.control("c"))) { $0.destination = nil }

        // Over help too: Ctrl+C closes what the user was reading.
        store.send(key(.function(1))) { $0.destination = .help(ScrollState()) }
        store.send(key(.control("c"))) { $0.destination = nil }
    }

    func testWideCharactersAndCombiningMarksMoveAndDeleteAsOne() {
        let store = TestStore(AppState(profile: premProfile))
        typeMessage("日本", store)
        store.send(.textPasted("e\u{301}👍🏽")) { $0.composer.input = TextInput(text: "日本e\u{301}👍🏽") }
        XCTAssertEqual(store.state.composer.input.text.count, 4)
        store.send(key(.left)) { $0.composer.input = TextInput(text: "日本e\u{301}👍🏽", caret: 3) }
        store.send(key(.backspace)) { $0.composer.input = TextInput(text: "日本👍🏽", caret: 2) }
        // Letters of any script make a word.
        store.send(key(.control("w"))) {
            $0.composer.input = TextInput(text: "👍🏽", caret: 0)
            $0.composer.killBuffer = "日本"
        }
    }

    func testHomeAndEndWorkInTheModelFilter() {
        let store = TestStore(savedParametersState())
        store.send(key(.character("m")), effects: [.listModels]) {
            $0.selectedField = .model
            $0.destination = .modelPicker(ModelPicker())
        }
        // Each change of the filter chooses the first match again.
        let typeFilter = { (text: String) in
            typeText(text, store) {
                $0.destination?.modelPicker?.filter.insert($1)
                $0.destination?.modelPicker?.selection = ListSelection()
            }
        }
        typeFilter("gpt")
        store.send(key(.home)) { $0.destination?.modelPicker?.filter = TextInput(text: "gpt", caret: 0) }
        typeFilter("x")
        store.send(key(.end)) { $0.destination?.modelPicker?.filter = TextInput(text: "xgpt") }
        typeFilter("y")
        XCTAssertEqual(store.state.destination?.modelPicker?.filter.text, "xgpty")
    }

    func testPresetNameAndFieldEditorShareTheKeys() {
        let store = TestStore(savedParametersState())
        store.send(key(.control("p"))) { $0.destination = .presets(PresetPicker()) }
        store.send(key(.character("s"))) { $0.destination = .presets(PresetPicker(naming: TextInput())) }
        typeText("fast sampling", store) { $0.destination?.presets?.naming?.insert($1) }
        store.send(key(.control("w"))) {
            $0.destination?.presets?.naming = TextInput(text: "fast ")
            $0.composer.killBuffer = "sampling"
        }
        store.send(key(.control("a"))) { $0.destination?.presets?.naming = TextInput(text: "fast ", caret: 0) }
        store.send(key(.alt("d"))) {
            $0.destination?.presets?.naming = TextInput(text: " ", caret: 0)
            $0.composer.killBuffer = "fast"
        }
        store.send(key(.escape)) { $0.destination = .presets(PresetPicker()) }
        store.send(key(.escape)) { $0.destination = nil }
        var onUser = store.state
        onUser.selectedField = .user
        let editing = TestStore(onUser)
        editing.send(key(.enter)) { $0.destination = .fieldEditor(FieldEditor(field: .user, text: TextInput())) }
        typeText("ann lee", editing) { $0.destination?.fieldEditor?.text.insert($1) }
        editing.send(key(.control("w"))) {
            $0.destination?.fieldEditor?.text = TextInput(text: "ann ")
            $0.composer.killBuffer = "lee"
        }
    }

    func testPastingIntoASingleLineInputDropsLineBreaks() {
        let store = TestStore(savedParametersState())
        store.send(key(.character("m")), effects: [.listModels]) {
            $0.selectedField = .model
            $0.destination = .modelPicker(ModelPicker())
        }
        store.send(.textPasted("gpt-4o\n")) { $0.destination?.modelPicker?.filter = TextInput(text: "gpt-4o") }
    }
}

final class PromptHistoryTests: XCTestCase {
    /// A session with prompts "one", "two" and "three", each answered. Setup only: sending and
    /// streaming are asserted step by step in SendingTests and StreamingTests.
    private func givenThreePrompts() -> AppState {
        var state = AppState(profile: premProfile)
        for (index, text) in ["one", "two\nlines", "three"].enumerated() {
            apply(&state, keys(typing: text))
            let effects = reduce(&state, .keyPressed(.enter, stamp(Int64(1000 * (index + 1)), "S\(index)")))
            for case let .startStream(id, _) in effects {
                apply(&state, [
                    .streamReceived(id, [.content("ok"), .done(StreamCompletion())], nowMillis: Int64(1000 * (index + 1) + 10)),
                    .streamClosed(id, failure: nil, nowMillis: Int64(1000 * (index + 1) + 20)),
                ])
            }
        }
        return state
    }

    func testUpRecallsOlderPromptsAndDownReturnsTheDraft() {
        let state = givenThreePrompts()
        XCTAssertEqual(state.conversation.messages.filter { $0.role == .user }.map(\.content), ["one", "two\nlines", "three"])
        let store = TestStore(state)
        typeMessage("draft", store)
        store.send(key(.up)) {
            $0.composer.input = TextInput(text: "three")
            $0.composer.promptRecall = PromptRecall(position: 2, draft: "draft", shown: "three")
        }
        store.send(key(.up)) {
            $0.composer.input = TextInput(text: "two\nlines")
            $0.composer.promptRecall = PromptRecall(position: 1, draft: "draft", shown: "two\nlines")
        }
        // The first ↑ moves to the recalled prompt's first line.
        store.send(key(.up)) { $0.composer.input = TextInput(text: "two\nlines", caret: 3) }
        store.send(key(.up)) {
            $0.composer.input = TextInput(text: "one")
            $0.composer.promptRecall = PromptRecall(position: 0, draft: "draft", shown: "one")
        }
        store.send(key(.up))  // nothing older
        // Going forward the caret starts on the first line.
        store.send(key(.down)) {
            $0.composer.input = TextInput(text: "two\nlines", caret: 0)
            $0.composer.promptRecall = PromptRecall(position: 1, draft: "draft", shown: "two\nlines")
        }
        store.send(key(.down)) { $0.composer.input = TextInput(text: "two\nlines", caret: 4) }
        store.send(key(.down)) {
            $0.composer.input = TextInput(text: "three", caret: 0)
            $0.composer.promptRecall = PromptRecall(position: 2, draft: "draft", shown: "three")
        }
        store.send(key(.down)) {
            $0.composer.input = TextInput(text: "draft")
            $0.composer.promptRecall = nil
        }
    }

    func testAnEditedRecallStartsANewWalkWithTheEditAsDraft() {
        let store = TestStore(givenThreePrompts())
        store.send(key(.up)) {
            $0.composer.input = TextInput(text: "three")
            $0.composer.promptRecall = PromptRecall(position: 2, draft: "", shown: "three")
        }
        typeMessage("!", store)
        store.send(key(.up)) {
            $0.composer.input = TextInput(text: "three")
            $0.composer.promptRecall = PromptRecall(position: 2, draft: "three!", shown: "three")
        }
        store.send(key(.down)) {
            $0.composer.input = TextInput(text: "three!")
            $0.composer.promptRecall = nil
        }
    }

    func testNoPromptsNoChange() {
        let store = TestStore(AppState(profile: premProfile))
        typeMessage("x", store)
        store.send(key(.up))
    }
}

final class PaletteTests: XCTestCase {
    func testFiltersAndRunsTheChosenCommandWhereTheUserWas() {
        let state = savedParametersState()
        let store = TestStore(state)
        store.send(key(.control("k"))) { $0.destination = .palette(CommandPalette()) }
        typePalette("random", store)
        let entries = CommandPalette.entries(for: store.state, filter: store.state.destination?.palette?.filter.text ?? "")
        XCTAssertEqual(entries.first?.command, .randomSeed)
        XCTAssertEqual(entries.first?.context, .parameters)
        // The change is saved like a key press.
        var seeded = state.parameters
        seeded.seed = 99
        store.send(key(.enter, Stamp(nowMillis: 4000, freshID: "p", random: 99)),
                   effects: [.saveParameters(seeded, sessionID: "S1", nowMillis: 4000)]) {
            $0.destination = nil
            $0.parameters.seed = 99
            $0.selectedField = .seed
            $0.status.nowMillis = 4000
        }
    }

    func testListsEveryPanesCommandsTheFocusedOnesFirstButOverAnOverlayOnlyItsOwn() {
        var state = AppState(profile: premProfile)
        let entries = CommandPalette.entries(for: state, filter: "")
        let commands = entries.map(\.command)
        XCTAssertEqual(commands.first, .send, "the message box's own commands first")
        XCTAssertTrue(commands.contains(.newSession))
        XCTAssertEqual(entries.first { $0.command == .randomSeed }?.context, .parameters, "another pane's, named by it")
        XCTAssertEqual(entries.first { $0.command == .inspect }?.pane, .conversation)
        XCTAssertEqual(entries.first { $0.command == .newSession }?.placeName, "anywhere")
        XCTAssertEqual(entries.first { $0.command == .newSession }?.pane, nil)
        XCTAssertEqual(Set(commands).count, commands.count, "each command once")
        let sessionsFirst = commands.firstIndex(of: .searchSessions) ?? 0
        XCTAssertGreaterThan(sessionsFirst, commands.firstIndex(of: .quit) ?? Int.max, "other panes after the focused pane's")
        XCTAssertFalse(commands.contains(.cursorLeft), "caret moves need a caret, not a palette")
        XCTAssertFalse(commands.contains(.palette))
        state.destination = .inspector(MessageInspector(messageID: "m"))
        let inspector = CommandPalette.entries(for: state, filter: "copy")
        XCTAssertEqual(inspector.map(\.command), [.copy])
    }

    func testAnotherPanesCommandMovesTheFocusThereAndRunsAsItsKeyWould() {
        var state = savedParametersState()
        state.screen.focus = .conversation
        let store = TestStore(state)
        store.send(key(.control("k"))) { $0.destination = .palette(CommandPalette()) }
        typePalette("random seed", store)
        XCTAssertEqual(CommandPalette.entries(for: store.state, filter: "random seed").first?.command, .randomSeed)
        // The focus goes where the command acted; the change is saved like a key press.
        var seeded = state.parameters
        seeded.seed = 99
        store.send(key(.enter, Stamp(nowMillis: 4000, freshID: "p", random: 99)),
                   effects: [.saveParameters(seeded, sessionID: "S1", nowMillis: 4000)]) {
            $0.destination = nil
            $0.screen.focus = .parameters
            $0.parameters.seed = 99
            $0.selectedField = .seed
            $0.status.nowMillis = 4000
        }
    }

    func testTheFilterMatchesWhereACommandActs() {
        let state = AppState(profile: premProfile)
        let entries = CommandPalette.entries(for: state, filter: "sessions")
        XCTAssertTrue(entries.contains { $0.command == .deleteSession }, "“sessions” finds the sessions pane's commands")
        XCTAssertTrue(entries.allSatisfy { $0.context == .sessions || $0.command.summary.lowercased().contains("sessions")
            || $0.command.rawValue.contains("sessions") })
    }

    func testWordsInAnyOrderAndEscapeCloses() {
        let state = AppState(profile: premProfile)
        let entries = CommandPalette.entries(contexts: KeyContext.stackBelowPalette(state), keymap: state.keymap, filter: "pane next")
        XCTAssertEqual(entries.map(\.command), [.focusNext])
        let store = TestStore(state)
        store.send(key(.control("k"))) { $0.destination = .palette(CommandPalette()) }
        // Typing in the palette never reaches the message box.
        typePalette("z", store)
        store.send(key(.escape)) { $0.destination = nil }
    }

    func testACommandThatDoesNothingNowSaysSo() {
        let store = TestStore(AppState(profile: premProfile))
        store.send(key(.control("k"))) { $0.destination = .palette(CommandPalette()) }
        typePalette("cancel", store)
        store.send(key(.enter)) {
            $0.destination = nil
            $0.status.notice = "cancel: nothing to do here right now."
        }
    }

    func testAnUnboundCommandIsStillReachable() {
        var state = AppState(profile: premProfile)
        state.keymap = Keymap.defaults.applying([KeyOverride(command: "new-session", keys: [])]).0
        state.conversation.messages = [Message(id: "m", role: .user, content: "x", createdAtMillis: 1)]
        state.conversation.activeSessionID = "s"
        let store = TestStore(state)
        store.send(key(.control("k"))) { $0.destination = .palette(CommandPalette()) }
        typePalette("new-session", store)
        store.send(key(.enter)) {
            $0.destination = nil
            $0.conversation.activeSessionID = nil
            $0.conversation.messages = []
        }
    }
}

/// The inspector scrolls in the rows the renderer drew, not in unwrapped lines.
final class InspectorGeometryTests: XCTestCase {
    func testEndReachesTheLastDrawnRowAndScrollingStaysWithinIt() {
        var state = AppState(profile: premProfile)
        state.conversation.messages = [Message(id: "a1", role: .assistant, content: "hi", createdAtMillis: 1)]
        state.screen.focus = .conversation
        let store = TestStore(state)
        store.send(key(.character("i")), effects: [.loadSentRequest(messageID: "a1")]) {
            $0.destination = self.inspector(top: 0, rows: 0, shown: 0)
        }
        // A curl command of 3 lines wrapped into 40 rows, 12 of them shown.
        store.send(.frameReported(.measuring(store.state, overlay: ScrollMetrics(totalRows: 40, viewportRows: 12)))) {
            $0.destination = self.inspector(top: 0, rows: 40, shown: 12)
        }
        store.send(key(.end)) { $0.destination = self.inspector(top: 28, rows: 40, shown: 12) }
        store.send(key(.down))  // never past the end
        store.send(key(.pageUp)) { $0.destination = self.inspector(top: 17, rows: 40, shown: 12) }
        store.send(key(.home)) { $0.destination = self.inspector(top: 0, rows: 40, shown: 12) }
        store.send(key(.pageDown)) { $0.destination = self.inspector(top: 11, rows: 40, shown: 12) }
        // A wider terminal: fewer rows; the position is pulled back into range.
        store.send(.frameReported(.measuring(store.state, overlay: ScrollMetrics(totalRows: 15, viewportRows: 12)))) {
            $0.destination = self.inspector(top: 3, rows: 15, shown: 12)
        }
        XCTAssertEqual(store.state.destination.flatMap { if case let .inspector(i) = $0 { i.topRow } else { nil } }, 3)
    }

    /// The inspector on "a1"'s parameters, its request still loading, scrolled to `top`.
    private func inspector(top: Int, rows: Int, shown: Int) -> Destination {
        var inspector = MessageInspector(messageID: "a1")
        inspector.view = .parameters
        inspector.request = .loading
        inspector.scroll = ScrollState(position: .row(top), metrics: ScrollMetrics(totalRows: rows, viewportRows: shown))
        return .inspector(inspector)
    }
}
