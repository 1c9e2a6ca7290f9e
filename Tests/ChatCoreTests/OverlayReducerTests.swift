import XCTest
@testable import ChatCore

/// Each overlay's own reduce, over its own state alone: what it does itself, and what it asks
/// of the app (a delegate).
final class OverlayReducerTests: XCTestCase {
    func testTheHelpScrollsItselfAndAsksTheAppToCloseIt() {
        let metrics = ScrollMetrics(totalRows: 30, viewportRows: 10)
        let store = TestStore(ScrollState(metrics: metrics), reducer: reduceHelp)
        store.send(.scrollDown, returns: .done) { $0.position = .row(1) }
        store.send(.scrollBottom, returns: .done) { $0.position = .row(20) }
        store.send(.scrollPageUp, returns: .done) { $0.position = .row(11) }
        store.send(.send, returns: .notMine)
        store.send(.close, returns: .delegate(.close))
    }

    func testTheModelPickerNamesTheChosenModelOrTheTypedText() {
        let picker = ModelPicker(listing: .loaded(["a-1", "a-2", "b-1"]), filter: TextInput(text: "a"))
        let store = TestStore(picker, reducer: reduceModelPicker)
        store.send(.selectNext, returns: .done) { $0.selection = ListSelection(index: 1) }
        store.send(.selectNext, returns: .done, { _ in })  // two matches: stays on the last
        store.send(.choose, returns: .delegate(.choose("a-2")))
        var typed = ModelPicker(listing: .failed("HTTP 404"), filter: TextInput(text: "my-model"))
        XCTAssertEqual(reduceModelPicker(&typed, .choose), .delegate(.choose("my-model")))
        XCTAssertEqual(reduceModelPicker(&typed, .close), .delegate(.close))
        XCTAssertEqual(reduceModelPicker(&typed, .savePreset), .notMine)
    }

    func testThePresetsListMovesItselfAndAsksTheAppToApplyOrDelete() {
        let store = TestStore(PresetPicker(), reducer: { reducePresets(&$0, $1, count: 3) })
        store.send(.selectLast, returns: .done) { $0.selection = ListSelection(index: 2) }
        store.send(.selectNext, returns: .done)
        store.send(.choose, returns: .delegate(.apply(2)))
        store.send(.savePreset, returns: .done) { $0.naming = TextInput() }
        store.send(.deletePreset, returns: .delegate(.delete))
        store.send(.close, returns: .delegate(.close))
        store.send(.accept, returns: .notMine)
    }

    func testThePaletteMovesItselfAndAsksTheAppToRunTheChosenCommand() {
        let entries = CommandPalette.entries(contexts: [.help, .app], keymap: .defaults, filter: "")
        let store = TestStore(CommandPalette(), reducer: { reducePalette(&$0, $1, entries: entries) })
        store.send(.selectNext, returns: .done) { $0.selection = ListSelection(index: 1) }
        store.send(.choose, returns: .delegate(.run(entries[1])))
        store.send(.selectPrevious, returns: .done) { $0.selection = ListSelection() }
        store.send(.close, returns: .delegate(.close))
        store.send(.deleteBackward, returns: .notMine, { _ in })  // typing is the text keymap's
        var nothing = CommandPalette(filter: TextInput(text: "zzz"))
        XCTAssertEqual(reducePalette(&nothing, .choose, entries: []), .delegate(.nothingMatches("zzz")))
    }

    func testTheInspectorStepsThroughRepliesAndAsksForWhatItCannotDo() {
        let replies = [
            Message(id: "r1", role: .assistant, content: "one", createdAtMillis: 0),
            Message(id: "r2", role: .assistant, content: "two", createdAtMillis: 0),
        ]
        let measured = ScrollMetrics(totalRows: 20, viewportRows: 5)
        var start = MessageInspector(messageID: "r2", request: .notRecorded)
        start.scroll.metrics = measured
        let store = TestStore(start, reducer: { reduceInspector(&$0, $1, replies: replies, profile: premProfile) })
        store.send(.scrollPageDown, returns: .done) { $0.scroll.position = .row(4) }
        store.send(.nextView, returns: .done) {
            $0.view = .body
            $0.scroll.position = .row(0)
        }
        store.send(.newerReply, returns: .done)  // none newer
        store.send(.olderReply, returns: .delegate(.loadRequest(messageID: "r1"))) {
            $0.messageID = "r1"
            $0.request = .loading
        }
        store.send(.close, returns: .delegate(.close))
        store.send(.send, returns: .notMine)
        // A reply no longer in view: whatever the key, the app is asked to close it.
        var gone = MessageInspector(messageID: "elsewhere")
        XCTAssertEqual(reduceInspector(&gone, .scrollDown, replies: replies, profile: premProfile), .delegate(.close))
    }
}
