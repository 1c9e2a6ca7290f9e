import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest
@testable import TerminalUI

/// The model picker, presets and inspector overlays drawn over the panes, at 80x24 and 40x12.
final class OverlayTests: XCTestCase {
    private static let models = [
        "claude-3.5-sonnet", "gpt-4.1", "gpt-4o", "gpt-4o-mini", "llama-3.1-70b", "llama-3.1-8b", "local-echo",
        "mistral-large", "o3-mini", "phi-3", "qwen2.5-72b", "evil\u{1B}[2Jmodel", "gemma-2-9b", "deepseek-r1",
    ].sorted()

    private func state(_ overlay: Destination, width: Int = 80, height: Int = 24) -> AppState {
        var state = ScreenFixtures.parametersState(width: width, height: height)
        state.screen.focus = .conversation
        state.destination = overlay
        state.presets = [
            Preset(name: "creative", parameters: SessionParameters(temperature: 1.3, topP: 0.95)),
            Preset(name: "precise", parameters: SessionParameters(
                systemPrompt: "Answer in one line.\nNo prose.", temperature: 0.1, maxTokens: 256, seed: 7)),
            Preset(name: "json \u{1B}]52;c;aGk=\u{07} out", parameters: SessionParameters(responseFormat: #"{"type":"json_object"}"#)),
        ]
        return state
    }

    private func text(_ state: AppState) -> String {
        let grid = ScreenRenderer().render(state)
        XCTAssertFalse(grid.cells.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 } },
                       "no raw control character reaches the grid")
        return grid.textLines().joined(separator: "\n")
    }

    private func picker(_ listing: ModelPicker.Listing, filter: String = "", selected: Int = 0) -> Destination {
        .modelPicker(ModelPicker(listing: listing, filter: TextInput(text: filter), selection: ListSelection(index: selected)))
    }

    // MARK: - Model picker

    func testModelPickerListsScrollsAndMarksTheCurrentModel() {
        let overlay = picker(.loaded(Self.models), selected: 13)
        let big = text(state(overlay))
        assertSnapshot(of: big, as: .lines, named: "80x24")
        XCTAssertTrue(big.contains("● local-echo"), "the model in use is marked")
        XCTAssertTrue(big.contains("qwen2.5-72b"), "the list scrolled to the selection")
        XCTAssertTrue(big.contains("␛[2J"), "model names are sanitized")
        assertSnapshot(of: text(state(overlay, width: 40, height: 12)), as: .lines, named: "40x12")
    }

    func testModelPickerFiltered() {
        let screen = text(state(picker(.loaded(Self.models), filter: "4o", selected: 1)))
        assertSnapshot(of: screen, as: .lines)
        XCTAssertTrue(screen.contains("2 of 14 models"))
    }

    func testModelPickerLoadingSaysTheTypedNameIsTaken() {
        let overlay = picker(.loading, filter: "my-model")
        let screen = text(state(overlay))
        assertSnapshot(of: screen, as: .lines, named: "80x24")
        XCTAssertTrue(screen.contains("Loading models"))
        XCTAssertTrue(screen.contains("Enter takes the typed"))
        assertSnapshot(of: text(state(overlay, width: 40, height: 12)), as: .lines, named: "40x12")
    }

    func testModelPickerFailedFallsBackToFreeText() {
        let overlay = picker(.failed("HTTP 404 from /v1/models: Not Found"), filter: "my-model")
        let grid = ScreenRenderer().render(state(overlay))
        let screen = grid.textLines().joined(separator: "\n")
        assertSnapshot(of: screen, as: .lines, named: "80x24")
        XCTAssertTrue(screen.contains("Could not list models: HTTP 404"))
        XCTAssertTrue(screen.contains("Enter takes it"))
        XCTAssertNotNil(grid.cursor, "the caret stands in the filter")
        let errorRow = grid.textLines().firstIndex { $0.contains("Could not list") } ?? 0
        let errorColumn = grid.textLines()[errorRow].distance(of: "Could") ?? 0
        XCTAssertEqual(grid[errorColumn, errorRow].role, .overlayError)
        assertSnapshot(of: text(state(overlay, width: 40, height: 12)), as: .lines, named: "40x12")
    }

    func testModelPickerWithNoMatch() {
        let screen = text(state(picker(.loaded(Self.models), filter: "zzz")))
        XCTAssertTrue(screen.contains("No match: Enter takes \"zzz\" as the name."), screen)
    }

    /// Which role each cell has: the overlay's fill, hints and errors on it, the typed line.
    func testModelPickerFailedRoleMap() {
        let overlay = picker(.failed("HTTP 404 from /v1/models: Not Found"), filter: "my-model")
        let grid = ScreenRenderer().render(state(overlay, width: 40, height: 12))
        assertSnapshot(of: grid.roleLines().joined(separator: "\n"), as: .lines)
    }

    // MARK: - Presets

    func testPresetsListWithSummaryOfTheSelectedOne() {
        let overlay = Destination.presets(PresetPicker(selection: ListSelection(index: 1)))
        let screen = text(state(overlay))
        assertSnapshot(of: screen, as: .lines, named: "80x24")
        XCTAssertTrue(screen.contains("temperature 0.1"), "what the selected preset sets")
        XCTAssertTrue(screen.contains("json ␛]52;c;aGk=␇ out"), "names are sanitized")
        assertSnapshot(of: text(state(overlay, width: 40, height: 12)), as: .lines, named: "40x12")
    }

    func testPresetsNamingPromptWithAnError() {
        let overlay = Destination.presets(PresetPicker(selection: ListSelection(index: 0), naming: TextInput(text: ""), error: "A preset needs a name."))
        let grid = ScreenRenderer().render(state(overlay))
        let screen = grid.textLines().joined(separator: "\n")
        assertSnapshot(of: screen, as: .lines, named: "80x24")
        XCTAssertTrue(screen.contains("Save as:"))
        XCTAssertTrue(screen.contains("saves temperature 0.7"), "what saving would store")
        XCTAssertTrue(screen.contains("A preset needs a name."))
        XCTAssertNotNil(grid.cursor)
        assertSnapshot(of: text(state(overlay, width: 40, height: 12)), as: .lines, named: "40x12")
    }

    func testPresetsWhenThereAreNone() {
        var empty = state(.presets(PresetPicker()))
        empty.presets = []
        let shown = text(empty)
        XCTAssertTrue(shown.contains("No presets yet"))
        // The whole sentence, wrapped in the box (it was cut off after "unde…").
        XCTAssertTrue(shown.contains("the current parameters under") && shown.contains("║ a name."), shown)
    }

    // MARK: - Palette

    func testPaletteListsTheCommandsOfWhereTheUserIsWithTheirKeys() {
        var palette = state(.help(ScrollState()))
        palette.destination = nil
        palette.screen.focus = .parameters
        palette.destination = .palette(CommandPalette())
        let screen = text(palette)
        assertSnapshot(of: screen, as: .lines, named: "80x24")
        XCTAssertTrue(screen.contains("random-seed"))
        XCTAssertTrue(screen.contains("Commands"))
        var filtered = palette
        filtered.destination = .palette(CommandPalette(filter: TextInput(text: "seed"), selection: ListSelection(index: 0)))
        filtered.screen.terminalWidth = 40
        filtered.screen.terminalHeight = 12
        assertSnapshot(of: text(filtered), as: .lines, named: "filtered-40x12")
        filtered.destination = .palette(CommandPalette(filter: TextInput(text: "no such thing")))
        XCTAssertTrue(text(filtered).contains("No command matches"))
    }

    /// The palette opens over the help: the help is drawn first (the palette's box covers it
    /// at this size), and the palette lists the help's commands, where the user was.
    func testThePaletteIsDrawnOverWhatItOpenedOver() {
        var over = state(.palette(CommandPalette(below: .help(ScrollState()))), width: 60, height: 16)
        over.screen.focus = .conversation
        let screen = text(over)
        assertSnapshot(of: screen, as: .lines, named: "over-help-60x16")
        XCTAssertTrue(screen.contains("Commands"), screen)
        XCTAssertTrue(screen.contains("scroll-down"), "the help's commands are listed: \(screen)")
    }

    func testHintsNameTheKeysTheUserBound() {
        var rebound = state(.help(ScrollState()))
        rebound.destination = nil
        rebound.screen.focus = .parameters
        rebound.selectedField = .seed
        XCTAssertTrue(text(rebound).contains("r random"))
        rebound.keymap = Keymap.defaults.applying([
            KeyOverride(command: "random-seed", keys: ["x"]), KeyOverride(command: "send", keys: ["ctrl+s"]),
        ]).0
        let screen = text(rebound)
        XCTAssertTrue(screen.contains("x random"), screen)
        XCTAssertFalse(screen.contains("r random"), screen)
        // The status line names the message box's keys when it has the focus.
        rebound.screen.focus = .composer
        XCTAssertTrue(text(rebound).contains("^S send"), text(rebound))
    }

    // MARK: - Inspector

    func testInspectorViews() {
        for view in MessageInspector.View.allCases {
            let overlay = Destination.inspector(MessageInspector(messageID: "a1", view: view, request: .recorded(ScreenFixtures.a1Request)))
            let screen = text(state(overlay))
            assertSnapshot(of: screen, as: .lines, named: "\(view.rawValue)-80x24")
            XCTAssertTrue(screen.contains("Reply · 59s ago") || screen.contains("Reply · just now") || screen.contains("ago · local-echo"), screen)
            XCTAssertTrue(screen.contains("y copy · [ ] reply · Esc close"), screen)
            assertSnapshot(of: text(state(overlay, width: 40, height: 12)), as: .lines, named: "\(view.rawValue)-40x12")
        }
    }

    func testInspectorShowsTheActiveTabAndScrolls() {
        let overlay = Destination.inspector(MessageInspector(
            messageID: "a1", view: .body, topRow: 3, request: .recorded(ScreenFixtures.a1Request)))
        let grid = ScreenRenderer().render(state(overlay, width: 40, height: 12))
        let lines = grid.textLines()
        assertSnapshot(of: lines.joined(separator: "\n"), as: .lines)
        let tabRow = lines.firstIndex { $0.contains("│  body") } ?? 0
        let bodyColumn = lines[tabRow].distance(of: "body") ?? 0
        XCTAssertEqual(grid[bodyColumn, tabRow].role, .selection, "the active view is highlighted")
        XCTAssertTrue(lines.joined().contains(" 4–9 of "), "the position shows the scroll")

        // Scrolling past the end stops at the last screenful.
        let far = ScreenRenderer().render(state(.inspector(MessageInspector(
            messageID: "a1", view: .body, topRow: 500, request: .recorded(ScreenFixtures.a1Request))), width: 40, height: 12))
        XCTAssertTrue(far.textLines().joined(separator: "\n").contains("}"), "the body's last line shows")
    }

    func testInspectorWhileTheRequestLoadsAndWhenNoneWasRecorded() {
        for view in [MessageInspector.View.body, .curl] {
            let loading = text(state(.inspector(MessageInspector(messageID: "a1", view: view, request: .loading))))
            XCTAssertTrue(loading.contains("loading the recorded request…"), loading)
            let none = text(state(.inspector(MessageInspector(messageID: "a1", view: view, request: .notRecorded))))
            XCTAssertTrue(none.contains("stored before chatterm recorded requests"), none)
        }
        // The parameters are the message's own: shown while the request loads.
        let parameters = text(state(.inspector(MessageInspector(messageID: "a1", view: .parameters, request: .loading))))
        XCTAssertTrue(parameters.contains("temperature  0.7"), parameters)
    }

    func testInspectorOnAMissingMessage() {
        let screen = text(state(.inspector(MessageInspector(messageID: "gone"))))
        XCTAssertTrue(screen.contains("no longer in the open session"))
    }
}

extension String {
    /// Column (in characters) where `needle` starts; the tests use it on ASCII-led rows.
    func distance(of needle: String) -> Int? {
        guard let range = range(of: needle) else { return nil }
        return self[..<range.lowerBound].count
    }
}
