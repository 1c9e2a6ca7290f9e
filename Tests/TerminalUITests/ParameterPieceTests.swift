import ChatCore
import Dispatch
import XCTest
@testable import TerminalUI

/// The parts of the parameters pane: the catalog's rows, a field's row at any width, values
/// read in bounded time, the editor's error and the selection.
final class ParameterPieceTests: XCTestCase {
    func testCatalogListsEveryFieldOnceUnderFiveHeadings() {
        let items = ParameterCatalogLayout.items
        let fields = items.compactMap { item -> ParameterField? in
            if case let .field(field) = item.item { return field } else { return nil }
        }
        XCTAssertEqual(fields, ParameterField.allCases, "every field, in catalog order")
        XCTAssertEqual(items.filter { if case .heading = $0.item { return true } else { return false } }.count, 5)
        XCTAssertEqual(ParameterCatalogLayout.totalRows, 5 + 7 * 2 + 11)
        // Rows are contiguous.
        for (previous, next) in zip(items, items.dropFirst()) { XCTAssertEqual(previous.rows.upperBound, next.firstRow) }
        // The first field of a section brings its heading into view.
        XCTAssertEqual(ParameterCatalogLayout.rowsToShow(selecting: .model), 0..<2)
        XCTAssertEqual(ParameterCatalogLayout.rowsToShow(selecting: .temperature), 3..<6)
        XCTAssertEqual(ParameterCatalogLayout.rowsToShow(selecting: .topP), 6..<8)
    }

    func testFirstVisibleRowMovesAsLittleAsNeeded() {
        XCTAssertEqual(ParameterCatalogLayout.firstVisibleRow(wanted: 0..<2, totalRows: 30, visible: 10, previousFirst: 0), 0)
        XCTAssertEqual(ParameterCatalogLayout.firstVisibleRow(wanted: 12..<14, totalRows: 30, visible: 10, previousFirst: 0), 4)
        XCTAssertEqual(ParameterCatalogLayout.firstVisibleRow(wanted: 8..<10, totalRows: 30, visible: 10, previousFirst: 4), 4)
        XCTAssertEqual(ParameterCatalogLayout.firstVisibleRow(wanted: 2..<3, totalRows: 30, visible: 10, previousFirst: 4), 2)
        XCTAssertEqual(ParameterCatalogLayout.firstVisibleRow(wanted: nil, totalRows: 30, visible: 10, previousFirst: 99), 20)
        XCTAssertEqual(ParameterCatalogLayout.firstVisibleRow(wanted: 28..<30, totalRows: 30, visible: 40, previousFirst: 5), 0)
        // Taller than the window: its top shows.
        XCTAssertEqual(ParameterCatalogLayout.firstVisibleRow(wanted: 10..<15, totalRows: 30, visible: 3, previousFirst: 0), 10)
    }

    func testFieldRowUsesTheLongTagWhereItFitsAndTheShortOneElsewhere() {
        let row = FieldRow(isSet: false, label: "model", value: StyledLine("local-echo", role: .dim),
                           tags: [StyledLine("(profile)", role: .dim), StyledLine("(p)", role: .dim)])
        XCTAssertEqual(row.line(width: 40).text, "○ model             local-echo (profile)")
        XCTAssertEqual(row.line(width: 18).text, "○ model local… (p)")
        XCTAssertEqual(row.line(width: 18).width, 18)
        // Too narrow even for the short tag: the label gives way, never below its minimum.
        let narrow = row.line(width: 12).text
        XCTAssertTrue(narrow.hasPrefix("○ model"), narrow)
        for width in 1...40 { XCTAssertLessThanOrEqual(row.line(width: width).width, width, "width \(width)") }
    }

    func testFieldRowShowsNotSentInsteadOfHidingAField() {
        var state = ScreenFixtures.parametersState(profile: ScreenFixtures.openAIProfile)
        state.parameters.projectID = 12
        XCTAssertEqual(FieldRow(field: .projectID, model: ParametersPaneModel(state), width: 40).line(width: 40).text,
                       "● project_id        12 not sent (openai)")
        let unsetRow = FieldRow(field: .sessionID, model: ParametersPaneModel(state), width: 18).line(width: 18)
        XCTAssertEqual(unsetRow.text, "○ sessio… not sent")
        XCTAssertEqual(unsetRow.glyphs.last?.role, .dim, "an unset field that is not sent is just quiet")
        XCTAssertEqual(FieldRow(field: .projectID, model: ParametersPaneModel(state), width: 40).line(width: 40).glyphs.last?.role, .warningText,
                       "a value the user set that will not be sent is a warning")
    }

    func testFallbacksAreDimWithTheirSource() {
        var state = ScreenFixtures.parametersState()
        let project = FieldRow(field: .projectID, model: ParametersPaneModel(state), width: 30).line(width: 30)
        // No [profiles.NAME] table chose these: flags or the config's top level did.
        XCTAssertEqual(project.text, "○ project_id       7 (default)")
        XCTAssertEqual(project.glyphs.first { $0.text == "7" }?.role, .dim)
        XCTAssertEqual(FieldRow(field: .model, model: ParametersPaneModel(state), width: 18).line(width: 18).text, "○ model local… (d)")
        state.launch.profile.isConfigured = true
        XCTAssertEqual(FieldRow(field: .projectID, model: ParametersPaneModel(state), width: 30).line(width: 30).text,
                       "○ project_id       7 (profile)")
        state.launch.profile.isConfigured = false
        XCTAssertEqual(FieldRow(field: .sessionID, model: ParametersPaneModel(state), width: 60).line(width: 60).text,
                       "○ session_id  6f1c2a9e-5d7b-4c1e-9a3f-0b8d7e6c5a41 (session)")
        state.conversation.activeSessionID = nil
        XCTAssertEqual(FieldRow(field: .sessionID, model: ParametersPaneModel(state), width: 30).line(width: 30).text, "○ session_id     new (session)")
        state.parameters.model = "gpt-4o"
        let own = FieldRow(field: .model, model: ParametersPaneModel(state), width: 30).line(width: 30)
        XCTAssertEqual(own.text, "● model                 gpt-4o")
        XCTAssertEqual(own.glyphs.last?.role, .valueSet)
    }

    func testValueLineSanitizesShowsLineEndsAndReadsABoundedPrefix() {
        let line = ValueLine.make("a\nb\u{1B}[2J", role: .valueSet, maxWidth: 20)
        XCTAssertEqual(line.text, "a⏎b␛[2J")
        XCTAssertEqual(line.glyphs[1].role, .dim)
        XCTAssertEqual(line.glyphs[3].role, .controlPicture)
        // A megabyte value costs a row's worth: cut, marked, within the width.
        let huge = String(repeating: "word ", count: 200_000)
        let start = DispatchTime.now().uptimeNanoseconds
        let cut = ValueLine.make(huge, role: .valueSet, maxWidth: 18)
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        XCTAssertEqual(cut.width, 18)
        XCTAssertEqual(cut.glyphs.last?.text, "…")
        XCTAssertLessThan(elapsed, 5_000_000, "well under 5 ms: only a prefix is read")
        // Characters that draw nothing (zero-width spaces) cannot hide that the text was cut.
        let marks = String(repeating: "\u{200B}", count: 100) + "tail"
        XCTAssertEqual(ValueLine.make(marks, role: .normal, maxWidth: 10).text, "…")
    }

    func testSelectedRowIsHighlightedAndTheHintNeedsFocusAndRoom() {
        let state = ScreenFixtures.parametersState(selected: .seed)
        var grid = CellGrid(width: 20, height: 12)
        ParameterPaneView().draw(into: &grid, rect: grid.bounds, model: ScreenFixtures.parametersModel(state, focused: true))
        let lines = grid.textLines()
        let seedRow = lines.firstIndex { $0.hasPrefix("● seed") } ?? -1
        XCTAssertGreaterThanOrEqual(seedRow, 0, lines.joined(separator: "\n"))
        XCTAssertEqual(grid[0, seedRow].role, .selection)
        XCTAssertEqual(grid[19, seedRow].role, .selection)
        XCTAssertEqual(lines.last, "←→ step · r random  ")

        var unfocused = CellGrid(width: 20, height: 12)
        ParameterPaneView().draw(into: &unfocused, rect: unfocused.bounds, model: ScreenFixtures.parametersModel(state, focused: false))
        XCTAssertFalse(unfocused.textLines().joined().contains("random"), "no hint when the pane is not focused")
        let row = unfocused.textLines().firstIndex { $0.hasPrefix("● seed") } ?? 0
        XCTAssertEqual(unfocused[0, row].role, .selectionUnfocused)

        var short = CellGrid(width: 20, height: 6)
        ParameterPaneView().draw(into: &short, rect: short.bounds, model: ScreenFixtures.parametersModel(state, focused: true))
        XCTAssertFalse(short.textLines().joined().contains("random"), "no hint in a short pane")
        XCTAssertTrue(short.textLines().contains { $0.hasPrefix("● seed") }, "the selection stays in view")
    }

    func testEditorShowsItsErrorInTheErrorRoleAndTheCaret() {
        var state = ScreenFixtures.parametersState(selected: .seed)
        state.destination = .fieldEditor(FieldEditor(field: .seed, text: TextInput(text: "4x2", caret: 1), error: "not a whole number"))
        var grid = CellGrid(width: 24, height: 16)
        ParameterPaneView().draw(into: &grid, rect: grid.bounds, model: ScreenFixtures.parametersModel(state, focused: true))
        let lines = grid.textLines()
        let errorRow = lines.firstIndex { $0.contains("not a whole number") } ?? -1
        XCTAssertGreaterThan(errorRow, 0, lines.joined(separator: "\n"))
        XCTAssertEqual(grid[1, errorRow].role, .errorText)
        let textRow = lines.firstIndex { $0.contains("4x2") } ?? -1
        XCTAssertEqual(grid.cursor.map { [$0.x, $0.y] }, [2, textRow], "the caret after the first character")
        XCTAssertTrue(lines.contains { $0.hasPrefix("● seed") }, "the field being edited stays in view")
        XCTAssertEqual(lines.last?.trimmingTrailingSpaces(), "⏎ ok · Esc cancel")
    }
}
