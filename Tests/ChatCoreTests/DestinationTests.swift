import XCTest
@testable import ChatCore
import StreamProtocol

/// `AppState.destination`: one value for what sits above the panes, so two can never be open
/// at once; the palette keeps what it opened over and gives it back. The overlays keep their
/// places with the shared components (`ScrollState`, `ListSelection`).
final class DestinationTests: XCTestCase {
    private func key(_ key: Key) -> Action { .keyPressed(key, stamp(0)) }

    func testThePaletteOpensOverTheHelpAndGivesItBack() {
        var state = AppState(profile: premProfile)
        state.screen.focus = .conversation
        let store = TestStore(state)
        store.send(key(.function(1))) { $0.destination = .help(ScrollState()) }
        store.send(key(.control("k"))) { $0.destination = .palette(CommandPalette(below: .help(ScrollState()))) }
        store.inspect { state in
            XCTAssertEqual(KeyContext.stack(for: state), [.palette, .text, .app])
            XCTAssertEqual(KeyContext.stackBelowPalette(state), [.help, .global, .app], "the palette lists the help's commands")
        }
        store.send(key(.escape)) { $0.destination = .help(ScrollState()) }
        store.send(key(.escape)) { $0.destination = nil }
    }

    func testAChosenCommandRunsWhereThePaletteWasOpened() {
        var state = AppState(profile: premProfile)
        state.screen.focus = .conversation
        let store = TestStore(state)
        store.send(key(.function(1))) { $0.destination = .help(ScrollState()) }
        store.send(key(.control("k"))) { $0.destination = .palette(CommandPalette(below: .help(ScrollState()))) }
        for character in "close" {
            store.send(key(.character(character))) {
                guard var palette = $0.destination?.palette else { return XCTFail("palette closed") }
                palette.filter.insert(String(character))
                $0.destination = .palette(palette)
            }
        }
        // `close` of the help: the palette gives the help back, and the help closes.
        store.send(key(.enter)) { $0.destination = nil }
    }

    func testTheHelpScrollsWithinWhatTheFrameMeasured() {
        let store = TestStore(AppState(profile: premProfile))
        let measured = ScrollMetrics(totalRows: 50, viewportRows: 20)
        store.send(key(.function(1))) { $0.destination = .help(ScrollState()) }
        store.send(.frameReported(.measuring(store.state, overlay: measured))) { $0.destination = .help(ScrollState(metrics: measured)) }
        store.send(key(.pageDown)) { $0.destination = .help(ScrollState(position: .row(19), metrics: measured)) }
        store.send(key(.end)) { $0.destination = .help(ScrollState(position: .row(30), metrics: measured)) }
        store.send(key(.down)) { _ in }
        // A taller terminal: the row is pulled back within the new last page.
        let taller = ScrollMetrics(totalRows: 50, viewportRows: 40)
        store.send(.frameReported(.measuring(store.state, overlay: taller))) { $0.destination = .help(ScrollState(position: .row(10), metrics: taller)) }
    }

    func testAMeasureTakenUnderThePaletteReachesTheInspectorBelow() {
        var state = AppState(profile: premProfile)
        let inspector = MessageInspector(messageID: "m", request: .notRecorded)
        state.destination = .palette(CommandPalette(below: .inspector(inspector)))
        let store = TestStore(state)
        let measured = ScrollMetrics(totalRows: 30, viewportRows: 10)
        store.send(.frameReported(.measuring(store.state, overlay: measured))) {
            var shown = inspector
            shown.scroll.metrics = measured
            $0.destination = .palette(CommandPalette(below: .inspector(shown)))
        }
    }

    func testThePresetsListKeepsItsSelectionInsideTheList() {
        var state = AppState(profile: premProfile)
        state.presets = [Preset(name: "a", parameters: SessionParameters()), Preset(name: "b", parameters: SessionParameters())]
        state.screen.focus = .parameters
        let store = TestStore(state)
        store.send(key(.character("p"))) { $0.destination = .presets(PresetPicker()) }
        store.send(key(.down)) { $0.destination = .presets(PresetPicker(selection: ListSelection(index: 1))) }
        store.send(key(.down)) { _ in }
        store.send(key(.home)) { $0.destination = .presets(PresetPicker()) }
        store.send(key(.end)) { $0.destination = .presets(PresetPicker(selection: ListSelection(index: 1))) }
        store.send(key(.character("d")), effects: [.deletePreset(name: "b")]) {
            $0.presets.removeLast()
            $0.destination = .presets(PresetPicker(selection: ListSelection(index: 0)))
            $0.status.notice = "Deleted preset b."
        }
    }

    func testOpeningOneDestinationReplacesAnother() {
        var state = stateWithZebraSessions()
        let store = TestStore(state)
        store.send(key(.character("R"))) {
            $0.destination = .sessionPrompt(SessionRename(sessionID: "s2", title: TextInput(text: "Zebras"), sessionTitle: "Zebras"))
        }
        // The field editor opened by `$EDITOR` coming back takes the place of the prompt.
        state = store.state
        store.send(.externalEditFinished(.seed, text: "x", problem: nil)) {
            $0.screen.focus = .parameters
            $0.selectedField = .seed
            $0.status.notice = ParameterValidation.applying("x", to: .seed, in: state.parameters).problem?.message
            $0.destination = .fieldEditor(FieldEditor(field: .seed, text: TextInput(text: "x"), error: $0.status.notice))
        }
    }
}

extension Result where Failure == ParameterProblem {
    fileprivate var problem: ParameterProblem? {
        if case let .failure(problem) = self { return problem }
        return nil
    }
}
