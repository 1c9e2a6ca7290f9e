import XCTest
@testable import ChatCore
import StreamProtocol

private func key(_ key: Key, _ at: Stamp = stamp(0)) -> Action { .keyPressed(key, at) }

/// Types into the message box, one key each.
private func typeMessage(_ text: String, _ store: TestStore<AppState, Action, [Effect]>,
                         file: StaticString = #filePath, line: UInt = #line) {
    for character in text {
        store.send(key(.character(character)), effects: [], { $0.composer.input.insert(String(character)) }, file: file, line: line)
    }
}

final class FocusTests: XCTestCase {
    func testTabCyclesAndAltJumps() {
        let state = AppState(profile: premProfile)
        XCTAssertEqual(state.screen.focus, .composer)
        let store = TestStore(state)
        store.send(key(.tab)) { $0.screen.focus = .sessions }
        store.send(key(.tab)) { $0.screen.focus = .conversation }
        store.send(key(.tab)) { $0.screen.focus = .parameters }
        store.send(key(.backTab)) { $0.screen.focus = .conversation }
        for (digit, pane) in [("1", Pane.sessions), ("2", .conversation), ("3", .parameters), ("4", .composer)] {
            store.send(key(.alt(Character(digit)))) { $0.screen.focus = pane }
        }
    }

    func testHelpOverlayOpensWithF1OrQuestionMarkOutsideTheComposer() {
        let store = TestStore(AppState(profile: premProfile))
        typeMessage("?", store)  // ? is text inside the composer
        store.send(key(.function(1))) { $0.destination = .help(ScrollState()) }
        store.send(key(.character("x")))  // the overlay swallows keys
        store.send(key(.escape)) { $0.destination = nil }
        store.send(key(.alt("2"))) { $0.screen.focus = .conversation }
        store.send(key(.character("?"))) { $0.destination = .help(ScrollState()) }
    }

    func testComposerEditing() {
        let store = TestStore(AppState(profile: premProfile))
        typeMessage("ab", store)
        store.send(key(.control("j"))) { $0.composer.input.insert("\n") }
        typeMessage("cd", store)
        store.send(key(.up)) { $0.composer.input = TextInput(text: "ab\ncd", caret: 2) }
        store.send(key(.backspace)) { $0.composer.input = TextInput(text: "a\ncd", caret: 1) }
        store.send(key(.home)) { $0.composer.input = TextInput(text: "a\ncd", caret: 0) }
        typeMessage("é", store)
        XCTAssertEqual(store.state.composer.input, TextInput(text: "éa\ncd", caret: 1))
        store.send(.textPasted("P\nQ")) { $0.composer.input = TextInput(text: "éP\nQa\ncd", caret: 4) }
        XCTAssertEqual(store.state.composer.input.lineCount, 3)
    }

    func testPasteGoesToTheComposerFromAnyPane() {
        let store = TestStore(AppState(profile: premProfile))
        store.send(key(.alt("1"))) { $0.screen.focus = .sessions }
        store.send(.textPasted("pasted")) {
            $0.screen.focus = .composer
            $0.composer.input = TextInput(text: "pasted")
        }
    }
}

final class ScrollTests: XCTestCase {
    func testScrollingUpLeavesTheTailAndEndResumesFollowing() {
        let store = TestStore(AppState(profile: premProfile))
        let metrics = ScrollMetrics(totalRows: 100, viewportRows: 20)
        store.send(.frameReported(.measuring(store.state, conversation: metrics))) { $0.conversation.scroll.metrics = metrics }
        store.send(key(.alt("2"))) { $0.screen.focus = .conversation }
        // K scrolls a line (↑ moves the message cursor).
        store.send(key(.character("K"))) { $0.conversation.scroll.position = .row(79) }
        store.send(key(.pageUp)) { $0.conversation.scroll.position = .row(60) }
        // New rows arrive below: the reader keeps their place.
        let more = ScrollMetrics(totalRows: 150, viewportRows: 20)
        store.send(.frameReported(.measuring(store.state, conversation: more))) { $0.conversation.scroll.metrics = more }
        store.send(key(.home)) { $0.conversation.scroll.position = .row(0) }
        store.send(key(.end)) { $0.conversation.scroll.position = .end }
    }

    func testScrollingDownToTheBottomFollowsAgain() {
        let store = TestStore(AppState(profile: premProfile))
        let metrics = ScrollMetrics(totalRows: 30, viewportRows: 20)
        store.send(.frameReported(.measuring(store.state, conversation: metrics))) { $0.conversation.scroll.metrics = metrics }
        store.send(key(.alt("2"))) { $0.screen.focus = .conversation }
        store.send(key(.character("K"))) { $0.conversation.scroll.position = .row(9) }
        store.send(key(.character("J"))) { $0.conversation.scroll.position = .end }
        store.send(key(.pageDown))  // still following
    }

    func testPageKeysScrollFromTheComposer() {
        let store = TestStore(AppState(profile: premProfile))
        let metrics = ScrollMetrics(totalRows: 100, viewportRows: 20)
        store.send(.frameReported(.measuring(store.state, conversation: metrics))) { $0.conversation.scroll.metrics = metrics }
        store.send(key(.pageUp)) { $0.conversation.scroll.position = .row(61) }  // the focus stays in the composer
    }

    func testSendingResumesFollowing() {
        var start = AppState(profile: premProfile)
        start.conversation.scroll.position = .row(3)
        start.composer.input = TextInput(text: "x")
        let store = TestStore(start)
        let send = ExpectedSend(text: "x", id: "S", now: 1)
        store.send(.keyPressed(.enter, stamp(1, "S")), effects: send.effects, send.apply)  // scroll: .followingTail
    }
}

final class SliderTests: XCTestCase {
    /// A new session with the parameters pane focused. Setup only (Alt+3 is asserted in KeyDispatchTests).
    func givenParametersFocused() -> AppState {
        var state = AppState(profile: premProfile)
        apply(&state, [.keyPressed(.alt("3"), stamp(0))])
        return state
    }

    func testFirstStepSetsTheDefaultThenSteps() {
        let state = givenParametersFocused()
        XCTAssertNil(state.parameters.temperature)
        // An unsaved session: the values stay in memory, nothing is saved.
        let store = TestStore(state)
        store.send(key(.right)) { $0.parameters.temperature = 1.0 }
        store.send(key(.right)) { $0.parameters.temperature = 1.1 }
        store.send(key(.right)) { $0.parameters.temperature = 1.2 }
        store.send(key(.right)) { $0.parameters.temperature = 1.3 }  // no float drift
        store.send(key(.shiftLeft)) { $0.parameters.temperature = 0.8 }
    }

    func testClampingAtBothEnds() {
        // An unsaved session: nothing is saved; a step past a bound changes nothing.
        var state = givenParametersFocused()
        state.parameters.temperature = 1.9
        var store = TestStore(state)
        store.send(key(.shiftRight)) { $0.parameters.temperature = 2.0 }
        store.send(key(.shiftRight))
        state = store.state
        state.parameters.temperature = 0.1
        store = TestStore(state)
        store.send(key(.shiftLeft)) { $0.parameters.temperature = 0.0 }
        store.send(key(.down)) { $0.selectedField = .topP }
        state = store.state
        state.parameters.topP = 0.95
        store = TestStore(state)
        store.send(key(.right)) { $0.parameters.topP = 1.0 }
        store.send(key(.right))
        store.send(key(.down)) { $0.selectedField = .maxTokens }
        store.send(key(.down)) { $0.selectedField = .frequencyPenalty }
        store.send(key(.down)) { $0.selectedField = .presencePenalty }
        state = store.state
        state.parameters.presencePenalty = -1.9
        store = TestStore(state)
        store.send(key(.left)) { $0.parameters.presencePenalty = -2.0 }
        store.send(key(.left))
    }

    func testMaxTokensStepsSmallNearZeroAndDoublesOnBigStep() {
        let p = NumericParameter.maxTokens
        XCTAssertTrue(p.isLogarithmic)
        XCTAssertFalse(NumericParameter.temperature.isLogarithmic)
        XCTAssertFalse(NumericParameter.repositoryLimit.isLogarithmic, "1…100 reads fine on a linear track")
        XCTAssertEqual(p.trackFraction(of: 1), 0)
        XCTAssertEqual(p.trackFraction(of: Double(NumericParameter.maxTokensCap)), 1)
        XCTAssertEqual(p.trackFraction(of: 512), 9.0 / 17.0, accuracy: 1e-9, "2^9 of 2^17")
        XCTAssertGreaterThan(p.trackFraction(of: 1100), 0.5, "1,100 is past the middle, not at the far left")
        XCTAssertEqual(NumericParameter.temperature.trackFraction(of: 0.5), 0.25)
        XCTAssertEqual(p.stepped(1, up: true, big: false), 2)
        XCTAssertEqual(p.stepped(9, up: true, big: false), 10)
        // Log steps: about ten a decade, round values, the same distance along the track.
        XCTAssertEqual(p.stepped(10, up: true, big: false), 12)
        XCTAssertEqual(p.stepped(100, up: true, big: false), 120)
        XCTAssertEqual(p.stepped(100, up: false, big: false), 80)
        XCTAssertEqual(p.stepped(1000, up: false, big: false), 800)
        XCTAssertEqual(p.stepped(1024, up: true, big: false), 1200, "off a stop: the next one up")
        XCTAssertEqual(p.stepped(1024, up: false, big: false), 1000)
        XCTAssertEqual(p.stepped(80_000, up: true, big: false), 100_000)
        XCTAssertEqual(p.stepped(120_000, up: true, big: false), Double(NumericParameter.maxTokensCap))
        XCTAssertEqual(p.stepped(Double(NumericParameter.maxTokensCap), up: true, big: false), Double(NumericParameter.maxTokensCap))
        XCTAssertEqual(p.stepped(Double(NumericParameter.maxTokensCap), up: false, big: false), 120_000)
        let stops = p.logarithmicStops
        XCTAssertEqual(stops.count, 10 + 9 + 3 * 10 + 2 + 1, "1…10, 12…80, three whole decades, 100,000 and 120,000, the cap")
        for (a, b) in zip(stops, stops.dropFirst()) where a >= 10 {
            XCTAssertLessThanOrEqual(b / a, 1.34, "\(a) → \(b): no step is much wider than another on the track")
        }
        XCTAssertEqual(p.stepped(1024, up: true, big: true), 2048)
        XCTAssertEqual(p.stepped(1, up: false, big: false), 1, "clamped at 1")
        XCTAssertEqual(p.stepped(Double(NumericParameter.maxTokensCap), up: true, big: true), Double(NumericParameter.maxTokensCap))
    }

    func testBackspaceUnsetsAndUnsetIsNotSent() {
        let store = TestStore(givenParametersFocused())
        store.send(key(.right)) { $0.parameters.temperature = 1.0 }
        store.send(key(.backspace)) { $0.parameters.temperature = nil }
    }

    func testParametersArePersistedOnlyForASavedSession() {
        let store = TestStore(givenParametersFocused())
        store.send(.keyPressed(.right, stamp(5))) {  // an unsaved session keeps them in memory
            $0.status.nowMillis = 5
            $0.parameters.temperature = 1.0
        }
        store.send(.keyPressed(.alt("4"), stamp(0))) { $0.screen.focus = .composer }
        store.send(.keyPressed(.character("x"), stamp(0))) { $0.composer.input = TextInput(text: "x") }
        var send = ExpectedSend(text: "x", id: "S", now: 10)
        send.parameters.temperature = 1.0
        send.extraFields = #","temperature":1"#
        store.send(.keyPressed(.enter, stamp(10, "S")), effects: send.effects, send.apply)
        store.send(.keyPressed(.alt("3"), stamp(0))) { $0.screen.focus = .parameters }
        store.send(.keyPressed(.right, stamp(20)), effects: [.saveParameters(SessionParameters(temperature: 1.1), sessionID: "S", nowMillis: 20)]) {
            $0.status.nowMillis = 20
            $0.parameters.temperature = 1.1
        }
    }

    func testSlidersDoNothingWithoutParametersFocus() {
        let store = TestStore(AppState(profile: premProfile))
        store.send(key(.alt("2"))) { $0.screen.focus = .conversation }
        store.send(key(.right))
    }
}

final class SessionListTests: XCTestCase {
    let list = [
        SessionSummary(id: "b", title: "newer", createdAtMillis: 2, updatedAtMillis: 20),
        SessionSummary(id: "a", title: "older", createdAtMillis: 1, updatedAtMillis: 10),
    ]

    func testEnterOpensTheSelectedSession() {
        let store = TestStore(AppState(profile: premProfile))
        store.send(.sessionsLoaded(list)) { $0.sessions.list = self.list }
        store.send(key(.alt("1"))) { $0.screen.focus = .sessions }
        store.send(key(.character("j"))) { $0.sessions.selection = ListSelection(index: 1) }
        store.send(key(.enter), effects: [.loadConversation(sessionID: "a")]) { $0.screen.focus = .conversation }
        let messages = [Message(id: "m", role: .user, content: "q", createdAtMillis: 1),
                        Message(id: "r", role: .assistant, content: "cut", createdAtMillis: 2, status: .streaming)]
        var shown = messages
        shown[1].status = .interrupted  // a reply left streaming by a dead process is shown cut short
        store.send(.conversationLoaded(sessionID: "a", window: .whole(messages), parameters: SessionParameters(topP: 0.5))) {
            $0.conversation.activeSessionID = "a"
            $0.conversation.activeSessionSaved = true
            $0.conversation.messages = shown
            $0.parameters.topP = 0.5
        }
    }

    func testSendingInAnOpenedSessionMovesItToTheTop() {
        let store = TestStore(AppState(profile: premProfile))
        store.send(.sessionsLoaded(list)) { $0.sessions.list = self.list }
        store.send(.conversationLoaded(sessionID: "a", window: .whole([]), parameters: nil)) {
            $0.conversation.activeSessionID = "a"
            $0.conversation.activeSessionSaved = true
            $0.conversation.messages = []
            $0.conversation.openedEmpty = true  // the store said so: a send carries only its message
            $0.sessions.selectedIndex = 1
        }
        store.send(.keyPressed(.alt("4"), stamp(0))) { $0.screen.focus = .composer }
        store.send(.keyPressed(.character("x"), stamp(0))) { $0.composer.input = TextInput(text: "x") }
        var send = ExpectedSend(text: "x", id: "a", now: 99)
        send.freshID = "n"
        send.createsSession = false
        store.send(.keyPressed(.enter, stamp(99, "n")), effects: send.effects) {
            send.apply(&$0)
            // Not created: the open session moves to the top, newer, its selection with it.
            // One change of the list (one revision), not a removal and an insertion.
            var list = $0.sessions.list
            list.remove(at: 1)
            list.insert(SessionSummary(id: "a", title: "older", createdAtMillis: 1, updatedAtMillis: 99), at: 0)
            $0.sessions.list = list
            $0.sessions.selectedIndex = 0
        }
    }

    func testEmptyListIgnoresKeys() {
        let store = TestStore(AppState(profile: premProfile))
        store.send(key(.alt("1"))) { $0.screen.focus = .sessions }
        store.send(key(.enter))
    }
}

final class HelpScrollTests: XCTestCase {
    func testArrowsScrollTheHelpAndReopeningStartsAtTheTop() {
        let state = AppState(profile: Profile(name: "t", baseURL: "http://127.0.0.1:1", dialect: .prem, projectID: 1, defaultModel: "m"))
        let stamp = Stamp(nowMillis: 0, freshID: "x", random: 0)
        let key = { (key: Key) in Action.keyPressed(key, stamp) }
        /// The help scrolled to `row`, of `total` rows with `shown` on screen.
        func help(_ row: Int, _ total: Int, _ shown: Int) -> Destination {
            .help(ScrollState(position: .row(row), metrics: ScrollMetrics(totalRows: total, viewportRows: shown)))
        }
        let store = TestStore(state)
        store.send(key(.function(1))) { $0.destination = .help(ScrollState()) }
        // The renderer reports 50 rows of which 10 fit: scrolling stays within 0...40.
        store.send(.frameReported(.measuring(store.state, overlay: ScrollMetrics(totalRows: 50, viewportRows: 10)))) {
            $0.destination = help(0, 50, 10)
        }
        store.send(key(.down)) { $0.destination = help(1, 50, 10) }
        store.send(key(.down)) { $0.destination = help(2, 50, 10) }
        store.send(key(.up)) { $0.destination = help(1, 50, 10) }
        store.send(key(.pageDown)) { $0.destination = help(10, 50, 10) }  // a page is the rows shown less one
        for row in [19, 28, 37, 40, 40] {  // never past the last row
            store.send(key(.pageDown)) { $0.destination = help(row, 50, 10) }
        }
        // A taller terminal pulls the position back into range.
        store.send(.frameReported(.measuring(store.state, overlay: ScrollMetrics(totalRows: 30, viewportRows: 20)))) {
            $0.destination = help(10, 30, 20)
        }
        store.send(key(.escape)) { $0.destination = nil }
        store.send(key(.function(1))) { $0.destination = .help(ScrollState()) }  // reopening starts at the top
    }
}
