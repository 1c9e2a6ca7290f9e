import XCTest
@testable import ChatCore
import StreamProtocol

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
        let effects = press(&state, .character("a"), .enter, .character("b"), .control("s"))
        let requests = effects.compactMap { effect -> ChatRequest? in
            if case let .startStream(_, request) = effect { return request }
            return nil
        }
        XCTAssertEqual(requests.count, 1)
        XCTAssertEqual(state.conversation.messages.map(\.content), ["a\nb"])
        XCTAssertEqual(state.composer.input.text, "")
    }

    func testARebindingChangesWhatTheKeyDoesAndTheDefaultKeyStopsWorking() {
        var state = savedParametersState()
        state.keymap = Keymap.defaults.applying([KeyOverride(command: "random-seed", keys: ["x"])]).0
        let s = Stamp(nowMillis: 3000, freshID: "f", random: 12345)
        _ = reduce(&state, .keyPressed(.character("r"), s))
        XCTAssertNil(state.parameters.seed, "r no longer picks a seed")
        _ = reduce(&state, .keyPressed(.character("x"), s))
        XCTAssertEqual(state.parameters.seed, 12345)
    }

    func testMInTheConversationTogglesMarkdownForRepliesOnly() {
        var state = AppState(profile: premProfile)
        state.screen.focus = .conversation
        let stamp = Stamp(nowMillis: 1000, freshID: "f", random: 1)
        XCTAssertEqual(state.screen.display, DisplayOptions(markdownReplies: true, markdownUserMessages: false))
        XCTAssertEqual(reduce(&state, .keyPressed(.character("m"), stamp)), [])
        XCTAssertEqual(state.screen.display, DisplayOptions(markdownReplies: false, markdownUserMessages: false))
        XCTAssertEqual(state.status.notice, "Replies shown as the raw text the model sent.")
        XCTAssertEqual(reduce(&state, .keyPressed(.character("m"), stamp)), [])
        XCTAssertEqual(state.screen.display.markdownReplies, true)
        XCTAssertEqual(state.status.notice, "Replies shown as Markdown.")
        // In the message box the same key is text.
        state.screen.focus = .composer
        _ = reduce(&state, .keyPressed(.character("m"), stamp))
        XCTAssertEqual(state.screen.display.markdownReplies, true)
        XCTAssertEqual(state.composer.input.text, "m")
    }

    func testAltTAsksForTheNextThemeAndTheAnswerIsSaid() {
        var state = AppState(profile: premProfile)
        XCTAssertEqual(reduce(&state, .keyPressed(.alt("t"), Stamp(nowMillis: 1, freshID: "f", random: 0))), [.cycleTheme])
        XCTAssertEqual(reduce(&state, .themeChanged("solarized-dark")), [])
        XCTAssertEqual(state.status.notice, "Theme: solarized-dark (Alt+t for the next).")
    }

    func testRandomSeedTakesTheStampsBitsWithinThirtyOneBits() {
        var state = savedParametersState()
        _ = reduce(&state, .keyPressed(.character("r"), Stamp(nowMillis: 3000, freshID: "f", random: (1 << 40) + 77)))
        XCTAssertEqual(state.parameters.seed, 77)
        _ = reduce(&state, .keyPressed(.character("r"), Stamp(nowMillis: 3001, freshID: "g", random: 0x7FFF_FFFF)))
        XCTAssertEqual(state.parameters.seed, 0x7FFF_FFFF)
    }

    func testHelpLetsGlobalKeysThroughAndSwallowsTheRest() {
        var state = AppState(profile: premProfile)
        _ = press(&state, .function(1))
        XCTAssertEqual(state.destination, .help(ScrollState()))
        _ = press(&state, .character("x"))
        XCTAssertEqual(state.composer.input.text, "", "help swallows typing")
        _ = press(&state, .tab)
        XCTAssertNil(state.destination, "focus keys close help")
        XCTAssertEqual(state.screen.focus, .sessions)
        _ = press(&state, .character("?"))
        XCTAssertEqual(state.destination, .help(ScrollState()), "? opens help outside the message box")
        _ = press(&state, .character("q"))
        XCTAssertNil(state.destination)
    }

    func testEscapeOnlyStopsAStreamAndInsideTheMessageBoxQuestionMarkIsTyped() {
        var (state, id) = sentState()
        XCTAssertEqual(press(&state, .character("?")), [])
        XCTAssertEqual(state.composer.input.text, "?")
        XCTAssertEqual(press(&state, .escape).first, .cancelStream(id))
    }

    func testCtrlCStopsThenQuits() {
        var (state, id) = sentState()
        XCTAssertEqual(press(&state, .control("c")).first, .cancelStream(id))
        XCTAssertFalse(state.status.quitRequested)
        XCTAssertEqual(press(&state, .control("c")), [.quit])
        XCTAssertTrue(state.status.quitRequested)
    }

    func testSessionsPaneChoosesAndOpens() {
        var state = AppState(profile: premProfile)
        state.sessions.list = [SessionSummary(id: "a", title: "A", createdAtMillis: 1, updatedAtMillis: 2),
                          SessionSummary(id: "b", title: "B", createdAtMillis: 1, updatedAtMillis: 1)]
        _ = press(&state, .alt("1"), .character("j"))
        XCTAssertEqual(state.sessions.selectedIndex, 1)
        XCTAssertEqual(press(&state, .enter), [.loadConversation(sessionID: "b")])
        state.screen.focus = .sessions
        _ = press(&state, .home)
        XCTAssertEqual(state.sessions.selectedIndex, 0)
    }
}

/// The one text input, through the `text` keymap, in every place that takes text.
final class TextInputKeysTests: XCTestCase {
    func testReadlineKeysInTheMessageBox() {
        var state = AppState(profile: premProfile)
        apply(&state, typing("hello big world"))
        _ = press(&state, .control("w"))
        XCTAssertEqual(state.composer.input.text, "hello big ")
        _ = press(&state, .alt("b"), .alt("b"))
        XCTAssertEqual(state.composer.input.caret, 0)
        _ = press(&state, .alt("f"))
        XCTAssertEqual(state.composer.input.caret, 5)
        _ = press(&state, .control("k"))
        XCTAssertEqual(state.composer.input.text, "hello")
        XCTAssertEqual(state.composer.killBuffer, " big ")
        _ = press(&state, .control("a"), .control("y"))
        XCTAssertEqual(state.composer.input.text, " big hello")
        _ = press(&state, .end, .altBackspace)
        XCTAssertEqual(state.composer.input.text, " big ")
        _ = press(&state, .ctrlLeft)
        XCTAssertEqual(state.composer.input.caret, 1)
        _ = press(&state, .alt("d"))
        XCTAssertEqual(state.composer.input.text, "  ")
        _ = press(&state, .control("u"))
        XCTAssertEqual(state.composer.input.text, " ")
    }

    func testCtrlKWithNothingToDeleteOpensThePalette() {
        var state = AppState(profile: premProfile)
        apply(&state, typing("ab"))
        _ = press(&state, .left, .control("k"))
        XCTAssertEqual(state.composer.input.text, "a")
        XCTAssertNil(state.destination?.palette)
        _ = press(&state, .control("k"))
        XCTAssertNotNil(state.destination?.palette, "at the end of the line Ctrl+K falls through to the palette")
    }

    /// Where something is typed, Ctrl+C closes it as Esc does; it never quits with the text on
    /// screen (the palette over a typed message, the value editor with a value typed).
    func testCtrlCClosesThePaletteAndTheValueEditorInsteadOfQuitting() {
        var state = AppState(profile: premProfile)
        apply(&state, typing("a message"))
        _ = press(&state, .control("k"))
        XCTAssertNotNil(state.destination?.palette)
        XCTAssertEqual(press(&state, .control("c")), [])
        XCTAssertNil(state.destination?.palette)
        XCTAssertFalse(state.status.quitRequested)
        XCTAssertEqual(state.composer.input.text, "a message")

        _ = press(&state, .alt("3"))
        _ = press(&state, .enter)
        XCTAssertNotNil(state.destination?.fieldEditor)
        apply(&state, typing("gpt"))
        XCTAssertEqual(press(&state, .control("c")), [])
        XCTAssertNil(state.destination?.fieldEditor)
        XCTAssertFalse(state.status.quitRequested)

        // Over help too: Ctrl+C closes what the user was reading.
        _ = press(&state, .function(1))
        XCTAssertNotNil(state.destination)
        XCTAssertEqual(press(&state, .control("c")), [])
        XCTAssertNil(state.destination)
        XCTAssertFalse(state.status.quitRequested)
    }

    func testWideCharactersAndCombiningMarksMoveAndDeleteAsOne() {
        var state = AppState(profile: premProfile)
        apply(&state, typing("日本"))
        _ = reduce(&state, .textPasted("e\u{301}👍🏽"))
        XCTAssertEqual(state.composer.input.text.count, 4)
        _ = press(&state, .left, .backspace)
        XCTAssertEqual(state.composer.input.text, "日本👍🏽")
        _ = press(&state, .control("w"))
        XCTAssertEqual(state.composer.input.text, "👍🏽", "letters of any script make a word")
    }

    func testHomeAndEndWorkInTheModelFilter() {
        var state = savedParametersState()
        _ = press(&state, .character("m"))
        apply(&state, typing("gpt"))
        _ = press(&state, .home, .character("x"), .end, .character("y"))
        guard case let .modelPicker(picker)? = state.destination else { return XCTFail("picker closed") }
        XCTAssertEqual(picker.filter.text, "xgpty")
    }

    func testPresetNameAndFieldEditorShareTheKeys() {
        var state = savedParametersState()
        _ = press(&state, .control("p"), .character("s"))
        apply(&state, typing("fast sampling"))
        _ = press(&state, .control("w"), .control("a"), .alt("d"))
        guard case let .presets(picker)? = state.destination else { return XCTFail("presets closed") }
        XCTAssertEqual(picker.naming?.text, " ")
        _ = press(&state, .escape, .escape)
        state.selectedField = .user
        _ = press(&state, .enter)
        apply(&state, typing("ann lee"))
        _ = press(&state, .control("w"))
        XCTAssertEqual(state.destination?.fieldEditor?.text.text, "ann ")
    }

    func testPastingIntoASingleLineInputDropsLineBreaks() {
        var state = savedParametersState()
        _ = press(&state, .character("m"))
        _ = reduce(&state, .textPasted("gpt-4o\n"))
        guard case let .modelPicker(picker)? = state.destination else { return XCTFail("picker closed") }
        XCTAssertEqual(picker.filter.text, "gpt-4o")
    }
}

final class PromptHistoryTests: XCTestCase {
    /// A session with prompts "one", "two" and "three", each answered.
    private func threePrompts() -> AppState {
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
        var state = threePrompts()
        XCTAssertEqual(state.conversation.messages.filter { $0.role == .user }.map(\.content), ["one", "two\nlines", "three"])
        apply(&state, typing("draft"))
        _ = press(&state, .up)
        XCTAssertEqual(state.composer.input.text, "three")
        _ = press(&state, .up)
        XCTAssertEqual(state.composer.input.text, "two\nlines")
        _ = press(&state, .up)
        XCTAssertEqual(state.composer.input.text, "two\nlines", "first ↑ moves to the recalled prompt's first line")
        _ = press(&state, .up)
        XCTAssertEqual(state.composer.input.text, "one")
        _ = press(&state, .up)
        XCTAssertEqual(state.composer.input.text, "one", "nothing older")
        _ = press(&state, .down, .down)
        XCTAssertEqual(state.composer.input.text, "two\nlines", "going forward the caret starts on the first line")
        _ = press(&state, .down)
        XCTAssertEqual(state.composer.input.text, "three")
        _ = press(&state, .down)
        XCTAssertEqual(state.composer.input.text, "draft")
        XCTAssertNil(state.composer.promptRecall)
    }

    func testAnEditedRecallStartsANewWalkWithTheEditAsDraft() {
        var state = threePrompts()
        _ = press(&state, .up)
        apply(&state, typing("!"))
        _ = press(&state, .up)
        XCTAssertEqual(state.composer.input.text, "three")
        _ = press(&state, .down)
        XCTAssertEqual(state.composer.input.text, "three!")
    }

    func testNoPromptsNoChange() {
        var state = AppState(profile: premProfile)
        apply(&state, typing("x"))
        XCTAssertEqual(press(&state, .up), [])
        XCTAssertEqual(state.composer.input.text, "x")
    }
}

final class PaletteTests: XCTestCase {
    func testFiltersAndRunsTheChosenCommandWhereTheUserWas() {
        var state = savedParametersState()
        _ = press(&state, .control("k"))
        apply(&state, typing("random"))
        let entries = CommandPalette.entries(for: state, filter: state.destination?.palette?.filter.text ?? "")
        XCTAssertEqual(entries.first?.command, .randomSeed)
        XCTAssertEqual(entries.first?.context, .parameters)
        let effects = apply(&state, [.keyPressed(.enter, Stamp(nowMillis: 4000, freshID: "p", random: 99))])
        XCTAssertNil(state.destination?.palette)
        XCTAssertEqual(state.parameters.seed, 99)
        XCTAssertEqual(effects.count, 1, "the change is saved like a key press")
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
        _ = press(&state, .control("k"))
        apply(&state, typing("random seed"))
        XCTAssertEqual(CommandPalette.entries(for: state, filter: "random seed").first?.command, .randomSeed)
        let effects = apply(&state, [.keyPressed(.enter, Stamp(nowMillis: 4000, freshID: "p", random: 99))])
        XCTAssertNil(state.destination?.palette)
        XCTAssertEqual(state.screen.focus, .parameters, "the focus goes where the command acted")
        XCTAssertEqual(state.parameters.seed, 99)
        XCTAssertEqual(effects.count, 1, "the change is saved like a key press")
    }

    func testTheFilterMatchesWhereACommandActs() {
        let state = AppState(profile: premProfile)
        let entries = CommandPalette.entries(for: state, filter: "sessions")
        XCTAssertTrue(entries.contains { $0.command == .deleteSession }, "“sessions” finds the sessions pane's commands")
        XCTAssertTrue(entries.allSatisfy { $0.context == .sessions || $0.command.summary.lowercased().contains("sessions")
            || $0.command.rawValue.contains("sessions") })
    }

    func testWordsInAnyOrderAndEscapeCloses() {
        var state = AppState(profile: premProfile)
        let entries = CommandPalette.entries(contexts: KeyContext.stackBelowPalette(state), keymap: state.keymap, filter: "pane next")
        XCTAssertEqual(entries.map(\.command), [.focusNext])
        _ = press(&state, .control("k"), .character("z"), .escape)
        XCTAssertNil(state.destination?.palette)
        XCTAssertEqual(state.composer.input.text, "", "typing in the palette never reaches the message box")
    }

    func testACommandThatDoesNothingNowSaysSo() {
        var state = AppState(profile: premProfile)
        _ = press(&state, .control("k"))
        apply(&state, typing("cancel"))
        _ = press(&state, .enter)
        XCTAssertEqual(state.status.notice, "cancel: nothing to do here right now.")
    }

    func testAnUnboundCommandIsStillReachable() {
        var state = AppState(profile: premProfile)
        state.keymap = Keymap.defaults.applying([KeyOverride(command: "new-session", keys: [])]).0
        state.conversation.messages = [Message(id: "m", role: .user, content: "x", createdAtMillis: 1)]
        state.conversation.activeSessionID = "s"
        _ = press(&state, .control("k"))
        apply(&state, typing("new-session"))
        _ = press(&state, .enter)
        XCTAssertNil(state.conversation.activeSessionID)
        XCTAssertEqual(state.conversation.messages, [])
    }
}

/// The inspector scrolls in the rows the renderer drew, not in unwrapped lines.
final class InspectorGeometryTests: XCTestCase {
    func testEndReachesTheLastDrawnRowAndScrollingStaysWithinIt() {
        var state = AppState(profile: premProfile)
        state.conversation.messages = [Message(id: "a1", role: .assistant, content: "hi", createdAtMillis: 1)]
        state.screen.focus = .conversation
        _ = press(&state, .character("i"))
        // A curl command of 3 lines wrapped into 40 rows, 12 of them shown.
        _ = reduce(&state, .frameReported(.measuring(state, overlay: ScrollMetrics(totalRows: 40, viewportRows: 12))))
        _ = press(&state, .end)
        XCTAssertEqual(inspectorTop(state), 28)
        _ = press(&state, .down)
        XCTAssertEqual(inspectorTop(state), 28, "never past the end")
        _ = press(&state, .pageUp)
        XCTAssertEqual(inspectorTop(state), 17)
        _ = press(&state, .home, .pageDown)
        XCTAssertEqual(inspectorTop(state), 11)
        // A wider terminal: fewer rows; the position is pulled back into range.
        _ = reduce(&state, .frameReported(.measuring(state, overlay: ScrollMetrics(totalRows: 15, viewportRows: 12))))
        XCTAssertEqual(inspectorTop(state), 3)
    }

    private func inspectorTop(_ state: AppState) -> Int? {
        if case let .inspector(inspector)? = state.destination { return inspector.topRow }
        return nil
    }
}
