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
}
