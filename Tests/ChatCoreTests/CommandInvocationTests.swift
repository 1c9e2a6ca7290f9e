import XCTest
@testable import ChatCore
import StreamProtocol

/// `Action.commandInvoked`: commands by name, as `chatterm ask` drives the reducer.
final class CommandInvocationTests: XCTestCase {
    func testPastedTextAndSendByNameGiveTheSameEffectsAsTypingAndEnter() {
        var byKeys = AppState(profile: premProfile)
        XCTAssertEqual(apply(&byKeys, typing("two lines")), [])
        let keyEffects = reduce(&byKeys, .keyPressed(.enter, stamp(1000, "S1")))

        var byName = AppState(profile: premProfile)
        // A rebound send must not matter: the command is named, not its key.
        byName.keymap = Keymap.defaults.applying([KeyOverride(command: "send", keys: ["ctrl+s"])]).0
        XCTAssertNotEqual(byName.keymap, .defaults)
        XCTAssertEqual(reduce(&byName, .textPasted("two lines")), [])
        XCTAssertEqual(byName.composer.input, TextInput(text: "two lines"), "pasted as typed")
        let namedEffects = reduce(&byName, .commandInvoked(.send, stamp(1000, "S1")))

        XCTAssertEqual(namedEffects, keyEffects)
        XCTAssertEqual(namedEffects.count, 4)
        XCTAssertEqual(byName.conversation.messages, byKeys.conversation.messages)
    }

    func testPasteKeepsLineBreaksAndTabsExactly() {
        var state = AppState(profile: premProfile)
        let prompt = "review this\n\n```\n\tlet x = 1\r\n```"
        XCTAssertEqual(reduce(&state, .textPasted(prompt)), [])
        XCTAssertEqual(state.composer.input, TextInput(text: prompt), "every character kept")
        let effects = reduce(&state, .commandInvoked(.send, stamp(1000, "S1")))
        guard case let .startStream(_, request)? = effects.last else { return XCTFail("no request: \(effects)") }
        XCTAssertEqual(request.messages, [ChatMessage(role: .user, content: prompt)])
    }

    func testCancelByNameInterruptsTheStreamAndSavesWhatArrived() {
        var (state, id) = sentState("hi")
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("partial")], nowMillis: 1100)), [])
        let effects = reduce(&state, .commandInvoked(.cancel, stamp(1200)))
        XCTAssertEqual(effects.first, .cancelStream(id))
        guard case let .saveMessage(reply, sessionID)? = effects.last else { return XCTFail("no save: \(effects)") }
        XCTAssertEqual(sessionID, "S1")
        XCTAssertEqual(reply.status, .interrupted)
        XCTAssertEqual(reply.content, "partial")
        XCTAssertEqual(state.streaming.lastOutcome, .interrupted)
        XCTAssertNil(state.streaming.active)
    }

    func testACommandThatDoesNotApplyIsANoticeNotAnEffect() {
        var state = AppState(profile: premProfile)
        XCTAssertEqual(reduce(&state, .commandInvoked(.cancel, stamp(5))), [])
        XCTAssertEqual(state.status.notice, "cancel: nothing to do here right now.")
        XCTAssertEqual(state.status.nowMillis, 5)
    }
}
