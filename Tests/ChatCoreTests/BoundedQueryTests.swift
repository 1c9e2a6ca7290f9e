import XCTest
@testable import ChatCore
import StreamProtocol

private func key(_ key: Key, _ at: Stamp = stamp(0)) -> Action { .keyPressed(key, at) }

/// The tester's fault: a 1 MB paste into the conversation search froze the screen for about
/// 7 s a key (every key matched the megabyte against every message). A query or a list's
/// filter takes at most `TextInput.queryCharacterLimit` characters, by paste, typing or
/// Ctrl+Y alike; the message box and the field editor take any length.
final class BoundedQueryTests: XCTestCase {
    private let limit = TextInput.queryCharacterLimit
    /// A megabyte of text, with line breaks (a one-line input drops them) and no "one".
    private let megabyte = String(repeating: "abcdefghi\n", count: 104_858)
    private let cutNotice = "A search or filter takes at most 1000 characters: the rest was left out."

    func testAPastedMegabyteLeavesABoundedConversationQueryAndANotice() {
        XCTAssertEqual(limit, 1_000)
        let store = TestStore(twoFinishedTurns().0)
        store.send(key(.character("/"))) { $0.conversation.search = ConversationSearch() }
        let kept = String(repeating: "abcdefghi", count: 112).prefix(1_000)
        store.send(.textPasted(megabyte)) {
            $0.conversation.search?.query = TextInput(text: String(kept))
            $0.status.notice = self.cutNotice
        }
        // At the limit a typed key is refused the same way, and says so.
        store.send(key(.character("z")))
    }

    func testTheSessionSearchThePaletteTheModelFilterAndAPresetNameAreBoundedToo() {
        var sessions = stateWithZebraSessions()
        XCTAssertEqual(press(&sessions, .character("/")), [])
        let found = apply(&sessions, [.textPasted(megabyte)])
        XCTAssertEqual(sessions.sessions.search?.query.text.count, limit)
        XCTAssertEqual(found, [.searchSessions(query: sessions.sessions.search?.query.text ?? "")])
        XCTAssertEqual(sessions.status.notice, cutNotice)

        var palette = AppState(profile: premProfile)
        XCTAssertEqual(press(&palette, .control("k")), [])
        XCTAssertEqual(apply(&palette, [.textPasted(megabyte)]), [])
        XCTAssertEqual(palette.destination?.palette?.filter.text.count, limit)
        XCTAssertEqual(palette.status.notice, cutNotice)

        var picker = AppState(profile: premProfile)
        picker.destination = .modelPicker(ModelPicker())
        XCTAssertEqual(apply(&picker, [.textPasted(megabyte)]), [])
        guard case let .modelPicker(model)? = picker.destination else { return XCTFail("the picker closed") }
        XCTAssertEqual(model.filter.text.count, limit)
        XCTAssertEqual(picker.status.notice, cutNotice)

        var presets = AppState(profile: premProfile)
        var naming = PresetPicker()
        naming.naming = TextInput()
        presets.destination = .presets(naming)
        XCTAssertEqual(apply(&presets, [.textPasted(megabyte)]), [])
        guard case let .presets(named)? = presets.destination else { return XCTFail("the presets closed") }
        XCTAssertEqual(named.naming?.text.count, limit)
        XCTAssertEqual(presets.status.notice, cutNotice)
    }

    /// Ctrl+Y puts back what a delete kept, which may be a whole message's worth.
    func testCtrlYIntoAQueryIsBounded() {
        var state = twoFinishedTurns().0
        state.composer.killBuffer = megabyte
        XCTAssertEqual(press(&state, .character("/"), .control("y")), [])
        XCTAssertEqual(state.conversation.search?.query.text.count, limit)
        XCTAssertEqual(state.status.notice, cutNotice)
    }

    /// The message box is not a query: a megabyte pasted there stays whole.
    func testTheMessageBoxTakesAnyLength() {
        var state = AppState(profile: premProfile)
        XCTAssertEqual(apply(&state, [.textPasted(megabyte)]), [])
        XCTAssertEqual(state.composer.input.text.utf8.count, megabyte.utf8.count)
        XCTAssertNil(state.status.notice)
    }
}
