import StreamProtocol
import XCTest
@testable import ChatCore

/// The pane's own state (`ParameterPaneState`) and the rows it walks: the cursor follows the
/// field table's order, and each slider steps on the track its row holds.
final class ParameterPaneStateTests: XCTestCase {
    private func paneState() -> AppState {
        var state = AppState(profile: premProfile)
        state.screen.focus = .parameters
        state.parameterPane = ParameterPaneState(selectedField: RequestField.all[0])
        return state
    }

    func testTheCursorWalksTheFieldTableInOrderAndStopsAtTheEnds() {
        let store = TestStore(paneState())
        store.send(.commandInvoked(.selectPrevious, stamp(0)))
        for field in RequestField.all.dropFirst() {
            store.send(.commandInvoked(.selectNext, stamp(0))) { $0.parameterPane.selectedField = field }
        }
        store.send(.commandInvoked(.selectNext, stamp(0)))
        store.send(.commandInvoked(.selectFirst, stamp(0))) { $0.parameterPane.selectedField = RequestField.all[0] }
    }

    func testEachSliderRowStartsAtItsDefaultAndStepsOnItsGrid() {
        for field in RequestField.all {
            guard case let .slider(numeric) = field.kind else { continue }
            var state = paneState()
            state.parameterPane.selectedField = field
            let store = TestStore(state)
            var expected = SessionParameters()
            numeric.set(numeric.defaultValue, in: &expected)
            store.send(.commandInvoked(.stepUp, stamp(0))) { $0.parameters = expected }
            numeric.set(numeric.stepped(numeric.defaultValue, up: true, big: true), in: &expected)
            store.send(.commandInvoked(.bigStepUp, stamp(0))) { $0.parameters = expected }
            store.inspect { state in
                XCTAssertEqual(field.text(in: state.parameters), numeric.format(numeric.value(in: expected) ?? .nan), field.id)
            }
        }
    }

    func testTheLogTrackOfMaxTokensStepsThroughRoundValues() {
        let track = NumericParameter.maxTokens
        XCTAssertTrue(track.isLogarithmic)
        XCTAssertFalse(NumericParameter.repositoryLimit.isLogarithmic, "1…100 is not a thousandfold")
        XCTAssertEqual(track.stepped(1024, up: true, big: false), 1200)
        XCTAssertEqual(track.stepped(1024, up: false, big: false), 1000)
        XCTAssertEqual(track.stepped(1024, up: true, big: true), 2048)
        XCTAssertEqual(track.stepped(1024, up: false, big: true), 512)
    }

    func testTheOldNamesReadThePanesState() {
        var state = paneState()
        state.selectedField = .seed
        state.presets = [Preset(name: "p", parameters: SessionParameters(seed: 1))]
        XCTAssertEqual(state.parameterPane, ParameterPaneState(
            selectedField: .seed, presets: [Preset(name: "p", parameters: SessionParameters(seed: 1))]))
    }
}

/// The pane's own reducer, on its own state only.
final class ParameterPaneReducerTests: XCTestCase {
    private func store(at field: RequestField) -> TestStore<ParameterPaneState, ParameterPaneAction, Bool> {
        TestStore(ParameterPaneState(selectedField: field)) { state, action in
            reduceParameterPane(&state, action)
            return true
        }
    }

    func testMovesAreHeldAtTheEndsOfTheTable() {
        let all = RequestField.all
        store(at: all[1])
            .send(.move(by: -5), returns: true) { $0.selectedField = all[0] }
            .send(.move(by: 3), returns: true) { $0.selectedField = all[3] }
            .send(.move(by: 100), returns: true) { $0.selectedField = all[all.count - 1] }
            .send(.selectFirst, returns: true) { $0.selectedField = all[0] }
            .send(.selectLast, returns: true) { $0.selectedField = all[all.count - 1] }
    }

    func testThePresetsAreNotTouchedByTheCursor() {
        let preset = Preset(name: "p", parameters: SessionParameters(seed: 2))
        let store = TestStore(ParameterPaneState(selectedField: .seed, presets: [preset])) { state, action in
            reduceParameterPane(&state, action)
            return true
        }
        store.send(.move(by: 1), returns: true) { $0.selectedField = .stop }
    }
}
