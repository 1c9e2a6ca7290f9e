import ChatCore
import StreamProtocol

/// The inside of the parameters pane: every request field under its section heading, scrolled
/// to keep the selected one in view; the inline editor at the bottom while one is open; a line
/// of the pane's keys under it when the pane is focused and tall enough.
///
/// Each row reads at most a row's worth of its value, so the cost does not depend on what the
/// fields hold. A class for two things kept across frames that never change what is drawn:
/// the list's scroll position, and the rows themselves, rebuilt only when the parameters, the
/// fallbacks they show (the profile, the session's id) or the width change (a streaming frame then only copies rows in view).
final class ParameterPaneView {
    /// What the rows are built from: the model's values and fallbacks (not its focus, selection
    /// or editor, which are drawn over the rows), at a width.
    private struct RowsKey: Equatable {
        var parameters: SessionParameters
        /// The fallbacks and where they come from ("(profile)" or "(default)"), the dialect.
        var profile: Profile
        var sessionID: String?
        var width: Int

        init(_ model: ParametersPaneModel, width: Int) {
            parameters = model.parameters
            profile = model.profile
            sessionID = model.activeSessionID
            self.width = width
        }
    }

    private var firstRow = 0
    /// Which field each row of the last drawn list shows (for clicks).
    private(set) var lastRows: [ScreenMap.ParameterRow] = []
    private var rowsKey: RowsKey?
    /// The lines of each item of `ParameterCatalogLayout.items`, by index.
    private var rows: [[StyledLine]] = []

    init() {}

    /// Below this many rows the hint line gives its row to the fields.
    static let hintMinimumHeight = 10
    /// Below this many rows an open editor may cover the whole list.
    static let keepSelectionMinimumHeight = 10

    /// Draws into `rect` (the pane's inside). The list moves only when the selection leaves it.
    func draw(into grid: inout CellGrid, rect: Rect, model: ParametersPaneModel) {
        guard !rect.isEmpty else { return }
        let focused = model.focused
        grid.fill(rect, role: .normal)
        var list = rect
        if focused && rect.height >= Self.hintMinimumHeight {
            list.height -= 1
            let items = model.fieldEditor.map { FieldEditorView.hints($0, keymap: model.keymap) }
                ?? Self.hints(for: model.selectedField, keymap: model.keymap)
            grid.draw(KeyHintLine.make(items, role: .dim, width: rect.width), x: rect.x, y: list.maxY, clip: rect.row(rect.height - 1))
        }
        let wanted = ParameterCatalogLayout.rowsToShow(selecting: model.selectedField)
        guard let editor = model.fieldEditor else {
            drawList(into: &grid, rect: list, model: model, wanted: wanted, totalRows: ParameterCatalogLayout.totalRows)
            return
        }
        // The editor opens in place: right under the field's rows (its row and a slider's
        // track), the fields below moved down to make room, the list scrolled so the field and
        // the editor show. A pane too short for that gives the editor all its rows (the
        // editor's title names the field).
        let fieldRows = ParameterCatalogLayout.rows(of: model.selectedField) ?? 0..<1
        let keepRows = fieldRows.count
        guard list.height >= Self.keepSelectionMinimumHeight / 2 + keepRows else {
            let height = FieldEditorView.height(editor, width: list.width, available: list.height)
            FieldEditorView.draw(into: &grid, rect: Rect(x: list.x, y: list.maxY - height, width: list.width, height: height), editor: editor)
            return
        }
        let height = FieldEditorView.height(editor, width: list.width, available: list.height - keepRows)
        let gap = (at: fieldRows.upperBound, height: height)
        let span = fieldRows.lowerBound..<(fieldRows.upperBound + height)
        let heading = wanted.map { min($0.lowerBound, fieldRows.lowerBound) } ?? fieldRows.lowerBound
        // The field's heading too, when it fits beside the editor.
        let shown = span.count + (fieldRows.lowerBound - heading) <= list.height ? heading..<span.upperBound : span
        let first = drawList(
            into: &grid, rect: list, model: model, wanted: shown,
            totalRows: ParameterCatalogLayout.totalRows + height, gap: gap)
        let box = Rect(x: list.x, y: list.y + gap.at - first, width: list.width, height: height).intersection(list)
        FieldEditorView.draw(into: &grid, rect: box, editor: editor)
    }

    /// Draws the rows in view and returns the first one shown.
    @discardableResult
    /// `gap`: rows left empty from a list row on (the open editor's place); later rows move down.
    private func drawList(
        into grid: inout CellGrid, rect: Rect, model: ParametersPaneModel, wanted: Range<Int>?, totalRows: Int,
        gap: (at: Int, height: Int) = (at: Int.max, height: 0)
    ) -> Int {
        guard !rect.isEmpty else { return 0 }
        let key = RowsKey(model, width: rect.width)
        if key != rowsKey {
            rowsKey = key
            rows = ParameterCatalogLayout.items.map { Self.lines(for: $0.item, model: model, width: rect.width) }
        }
        let first = ParameterCatalogLayout.firstVisibleRow(
            wanted: wanted, totalRows: totalRows, visible: rect.height, previousFirst: firstRow)
        firstRow = first
        let window = first..<(first + rect.height)
        lastRows = []
        func shown(_ row: Int) -> Int { row >= gap.at ? row + gap.height : row }
        for (index, placed) in ParameterCatalogLayout.items.enumerated()
        where shown(placed.rows.lowerBound) < window.upperBound && shown(placed.rows.upperBound - 1) >= window.lowerBound {
            let lines = rows[index]
            for (offset, line) in lines.enumerated() where window.contains(shown(placed.firstRow + offset)) {
                let y = rect.y + shown(placed.firstRow + offset) - first
                grid.draw(line, x: rect.x, y: y, clip: rect)
                if case let .field(field) = placed.item {
                    lastRows.append(ScreenMap.ParameterRow(y: y, field: field, isTrack: offset == 1, x: rect.x, width: rect.width))
                }
                if offset == 0, placed.item == .field(model.selectedField) {
                    grid.setRole(model.focused ? .selection : .selectionUnfocused, in: Rect(x: rect.x, y: y, width: rect.width, height: 1))
                }
            }
        }
        return first
    }

    /// The rows of one item: a heading, a field's row, and for a slider its track under it.
    static func lines(for item: ParameterCatalogLayout.Item, model: ParametersPaneModel, width: Int) -> [StyledLine] {
        switch item {
        case let .heading(section):
            let title = StyledLine(section.title, role: .title)
            return [(title.width <= width ? title : StyledLine(section.shortTitle, role: .title)).truncated(toWidth: width)]
        case let .field(field):
            let row = FieldRow(field: field, model: model, width: width).line(width: width)
            guard case let .slider(numeric) = field.kind else { return [row] }
            let fraction = field.isCarried(by: model.profile.dialect)
                ? numeric.value(in: model.parameters).map(numeric.trackFraction(of:))
                : nil
            return [row, SliderView.bar(width: width, fraction: fraction)]
        }
    }

    /// The keys that act on the selected field (docs/keys.md), most useful first, from the keymap.
    static func hints(for field: ParameterField, keymap: Keymap) -> [String] {
        let here: [KeyContext] = [.parameters]
        let step = keymap.hint(.stepDown, .stepUp, in: here)
        let type = keymap.hint(.editValue, in: here)
        let edit = keymap.hint(.editValue, in: here, label: "edit")
        let unset = keymap.hint(.unset, in: here)
        let external = keymap.hint(.editInEditor, in: here)
        var items: [String?]
        switch field {
        case .model: items = [keymap.hint(.editValue, in: here, label: "pick"), unset]
        case .seed: items = [step, keymap.hint(.randomSeed, in: here), type, unset]
        case .projectID: items = [step, type, unset]
        case .sessionID: items = [keymap.hint(.newSessionID, in: here), type, unset]
        case .responseFormat: items = [keymap.hint(.cycleResponseFormat, in: here), edit, external, unset]
        default:
            switch field.kind {
            case .slider: items = [step, type, unset]
            case .integer, .text: items = [type, unset]
            case .multilineText, .list, .json: items = [edit, external, unset]
            }
        }
        return (items + [keymap.hint(.presets, in: here), keymap.hint(.resetParameters, in: here)]).compactMap { $0 }
    }
}
