@testable import ChatCore
import XCTest

/// An exhaustive test store, after The Composable Architecture's `TestStore`: each `send`
/// states the whole change it expects, as a closure that edits the state from before into the
/// state after, and every effect the reducer returned. The whole state is compared, and the
/// effects exactly, in order, so a test cannot pass while the reducer does something it did
/// not mention: a field changed and not asserted, or an effect returned and thrown away.
///
/// Generic over the reducer's shape, so a feature's own reducer (its state, its actions, what
/// it returns: effects, or effects with delegate actions) is tested the same way as the root.
final class TestStore<State: Equatable, Action, Output: Equatable> {
    private(set) var state: State
    private let reducer: (inout State, Action) -> Output
    /// Where a mismatch is reported: XCTFail, or a recorder in the store's own tests (which
    /// check that a mismatch is caught).
    var reportFailure: (String, StaticString, UInt) -> Void = { XCTFail($0, file: $1, line: $2) }

    init(_ initialState: State, reducer: @escaping (inout State, Action) -> Output) {
        state = initialState
        self.reducer = reducer
    }

    /// Sends `action`; fails unless the reducer returned exactly `returns` and left the state
    /// equal to the state before with `update` applied.
    @discardableResult
    func send(
        _ action: Action, returns expected: Output, _ update: (inout State) -> Void = { _ in },
        file: StaticString = #filePath, line: UInt = #line
    ) -> Self {
        var expectedState = state
        update(&expectedState)
        let output = reducer(&state, action)
        if output != expected {
            reportFailure("Returned something else than asserted.\n" + difference(expected, output), file, line)
        }
        if state != expectedState {
            reportFailure("The state changed otherwise than asserted.\n" + difference(expectedState, state), file, line)
            state = expectedState  // later steps compare from what the test said, not from the slip
        }
        return self
    }

    /// Reads the current state for an assertion the closure form cannot say (a derived value).
    func inspect(_ check: (State) -> Void) {
        check(state)
    }
}

extension TestStore where Output == [Effect] {
    /// The root reducer's store: `reduce(&AppState, Action) -> [Effect]`.
    convenience init(_ initialState: State) where State == AppState, Action == ChatCore.Action {
        self.init(initialState, reducer: ChatCore.reduce)
    }

    /// Sends `action`, expecting exactly `effects` (none when omitted) and the state change.
    @discardableResult
    func send(
        _ action: Action, effects: [Effect] = [], _ update: (inout State) -> Void = { _ in },
        file: StaticString = #filePath, line: UInt = #line
    ) -> Self {
        send(action, returns: effects, update, file: file, line: line)
    }
}

extension TestStore where State == AppState, Action == ChatCore.Action, Output == [Effect] {
    /// Types `text` into the message box a key at a time, asserting each key: the box holds
    /// what it held and what was typed so far, caret at its end, the clock moves to `now`, and nothing else
    /// changes or is returned (no draft keeping: `composer.drafts` is nil in these tests).
    func type(_ text: String, at now: Int64 = 0, file: StaticString = #filePath, line: UInt = #line) {
        var typed = state.composer.input.text
        for character in text {
            typed.append(character)
            let expected = typed
            send(.keyPressed(.character(character), stamp(now)), effects: [], {
                $0.status.nowMillis = max($0.status.nowMillis, now)
                $0.composer.input = TextInput(text: expected)
            }, file: file, line: line)
        }
    }
}

/// The lines that differ between two values' dumps: expected (−) against actual (+), so a
/// failure on a 50-field state names the fields, not two walls of text.
func difference<Value>(_ expected: Value, _ actual: Value) -> String {
    var left = "", right = ""
    dump(expected, to: &left)
    dump(actual, to: &right)
    let change = right.split(separator: "\n", omittingEmptySubsequences: false)
        .difference(from: left.split(separator: "\n", omittingEmptySubsequences: false))
    let lines = change.map { step -> String in
        switch step {
        case let .remove(_, line, _): return "− " + line
        case let .insert(_, line, _): return "+ " + line
        }
    }
    return lines.prefix(80).joined(separator: "\n") + (lines.count > 80 ? "\n… \(lines.count - 80) more" : "")
}
