import XCTest
@testable import ChatCore
import StreamProtocol

/// The state file's contents: what is remembered, when it is saved, and a damaged file.
final class RememberedChoicesTests: XCTestCase {
    func testTheFileRoundTripsThroughTheProjectsJSON() {
        let choices = RememberedChoices(sessionID: "6f1c2a9e", theme: "light", zoomed: true)
        XCTAssertEqual(choices.fileText, """
            {
              "version": 1,
              "session": "6f1c2a9e",
              "theme": "light",
              "zoomed": true
            }

            """)
        XCTAssertEqual(RememberedChoices.parse(choices.fileText), .success(choices))
        XCTAssertEqual(RememberedChoices.parse(RememberedChoices().fileText), .success(RememberedChoices()))
    }

    func testADamagedFileSaysWhyAndOddFieldsReadAsUnset() {
        XCTAssertEqual(RememberedChoices.parse("{\"session\": \"ab"),
                       .failure(RememberedChoicesProblem(reason: "not JSON (at byte 15)")))
        XCTAssertEqual(RememberedChoices.parse("[1, 2]"), .failure(RememberedChoicesProblem(reason: "not a JSON object")))
        XCTAssertEqual(RememberedChoices.parse(""), .failure(RememberedChoicesProblem(reason: "not JSON (at byte 0)")))
        // Wrong kinds, control characters, overlong values: unset, never trusted.
        XCTAssertEqual(RememberedChoices.parse(#"{"session": 12, "theme": "a\u001b[2Jb", "zoomed": "yes"}"#),
                       .success(RememberedChoices()))
        XCTAssertEqual(RememberedChoices.parse(#"{"session": "\#(String(repeating: "x", count: 201))"}"#),
                       .success(RememberedChoices()))
        XCTAssertEqual(RememberedChoices.parse(#"{"session": "s", "future": [1]}"#), .success(RememberedChoices(sessionID: "s")))
    }

    func testOpeningASessionSwitchingThemeAndZoomingAreSavedOnceEach() {
        var state = AppState(profile: premProfile)
        XCTAssertEqual(rememberChoicesIfChanged(&state), [], "nothing changed since the start")
        XCTAssertEqual(reduce(&state, .conversationLoaded(sessionID: "s1", window: .whole([]), parameters: nil)), [])
        XCTAssertEqual(rememberChoicesIfChanged(&state), [.saveRememberedChoices(RememberedChoices(sessionID: "s1"))])
        XCTAssertEqual(rememberChoicesIfChanged(&state), [])
        XCTAssertEqual(reduce(&state, .themeChanged("light")), [])
        XCTAssertEqual(rememberChoicesIfChanged(&state),
                       [.saveRememberedChoices(RememberedChoices(sessionID: "s1", theme: "light"))])
        XCTAssertEqual(press(&state, .alt("z")), [])
        XCTAssertTrue(state.screen.zoomed)
        XCTAssertEqual(state.status.notice, "Zoomed: the conversation takes the full width (Alt+z gives the side panes back).")
        XCTAssertEqual(rememberChoicesIfChanged(&state),
                       [.saveRememberedChoices(RememberedChoices(sessionID: "s1", theme: "light", zoomed: true))])
        XCTAssertEqual(press(&state, .alt("z")), [])
        XCTAssertFalse(state.screen.zoomed)
        // A new session is not saved until its first message: the file forgets the old one.
        XCTAssertEqual(press(&state, .control("n")), [])
        XCTAssertEqual(rememberChoicesIfChanged(&state), [.saveRememberedChoices(RememberedChoices(theme: "light"))])
    }

    func testAFirstSendRemembersTheNewSession() {
        var (state, _) = sentState("hello")
        XCTAssertEqual(rememberChoicesIfChanged(&state), [.saveRememberedChoices(RememberedChoices(sessionID: "S1"))])
    }

    func testWhatWasReadAtStartIsNotWrittenBack() {
        var state = AppState(profile: premProfile)
        state.launch.savedChoices = RememberedChoices(sessionID: "s1", theme: "light", zoomed: true)
        state.screen.zoomed = true
        state.screen.pickedTheme = "light"
        XCTAssertEqual(reduce(&state, .conversationLoaded(sessionID: "s1", window: .whole([]), parameters: nil)), [])
        XCTAssertEqual(rememberChoicesIfChanged(&state), [])
    }

    /// The session read at start opens only into the blank session the run began with.
    func testAReopenedSessionNeverReplacesWhatTheUserChoseMeanwhile() {
        let window = MessageWindow.whole([Message(id: "o1", role: .user, content: "before", createdAtMillis: 1)])
        var blank = AppState(profile: premProfile)
        XCTAssertEqual(reduce(&blank, .sessionReopened(sessionID: "s1", window: window, parameters: nil)), [])
        XCTAssertEqual(blank.conversation.activeSessionID, "s1")
        XCTAssertEqual(blank.conversation.messages.map(\.id), ["o1"])

        var (sent, _) = sentState("typed fast")
        XCTAssertEqual(reduce(&sent, .sessionReopened(sessionID: "s1", window: window, parameters: nil)), [])
        XCTAssertEqual(sent.conversation.activeSessionID, "S1", "the session just sent to stays open")

        var opened = AppState(profile: premProfile)
        XCTAssertEqual(reduce(&opened, .conversationLoaded(sessionID: "s2", window: .whole([]), parameters: nil)), [])
        XCTAssertEqual(reduce(&opened, .sessionReopened(sessionID: "s1", window: window, parameters: nil)), [])
        XCTAssertEqual(opened.conversation.activeSessionID, "s2")
    }

    func testZoomIsAGlobalKeyShownInHelpAndRebindable() {
        XCTAssertEqual(Keymap.defaults.command(for: .alt("z"), in: .global), .toggleZoom)
        var state = AppState(profile: premProfile)
        state.screen.focus = .parameters
        XCTAssertEqual(press(&state, .alt("z")), [])
        XCTAssertTrue(state.screen.zoomed)
        XCTAssertEqual(state.screen.focus, .parameters, "a focused side pane keeps the focus (shown in the conversation's place)")
    }
}
