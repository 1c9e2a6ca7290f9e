@testable import ChatCore
import XCTest

/// The composer feature's reducer on its own state: the `text` commands and the kill buffer.
final class ComposerFeatureTests: XCTestCase {
    func testDeletesFillTheKillBufferAndYankPutsItBack() {
        var state = ComposerState()
        state.input = TextInput(text: "hello brave world")
        let store = TestStore(state, reducer: reduceComposer)
        store.send(.edit(.deleteWordBackward), returns: .nothing) {
            $0.input = TextInput(text: "hello brave ")
            $0.killBuffer = "world"
        }
        store.send(.edit(.lineStart), returns: .nothing) {
            $0.input = TextInput(text: "hello brave ", caret: 0)
        }
        store.send(.edit(.yank), returns: .nothing) {
            $0.input = TextInput(text: "worldhello brave ", caret: 5)
        }
    }

    func testACommandThatDoesNotApplyFallsThroughAndKeepsTheBuffer() {
        var state = ComposerState()
        state.input = TextInput(text: "one line")
        state.killBuffer = "kept"
        let store = TestStore(state, reducer: reduceComposer)
        // Nothing after the caret to delete, no line above, not a text command at all.
        store.send(.edit(.deleteToLineEnd), returns: Reduced(delegates: [.notApplied]))
        store.send(.edit(.lineUp), returns: Reduced(delegates: [.notApplied]))
        store.send(.edit(.send), returns: Reduced(delegates: [.notApplied]))
    }
}
