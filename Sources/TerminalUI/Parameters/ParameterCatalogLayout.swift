import ChatCore

/// The parameters pane's groups, in pane order. Every field's row in the field table names its
/// group, so a field added to the table cannot be left out of the pane.
enum ParameterSection: Equatable {
    case model, sampling, output, identity, retrieval

    init(_ field: ParameterField) {
        switch field.group {
        case .model: self = .model
        case .sampling: self = .sampling
        case .output: self = .output
        case .identity: self = .identity
        case .retrieval: self = .retrieval
        }
    }

    var title: String {
        switch self {
        case .model: return "Model"
        case .sampling: return "Sampling"
        case .output: return "Output"
        case .identity: return "Identity"
        case .retrieval: return "Retrieval: repositories.*"
        }
    }

    /// The title where the full one does not fit.
    var shortTitle: String { self == .retrieval ? "Retrieval" : title }

    /// The label a field has in the pane: its wire name, without the `repositories.` prefix
    /// its heading already says (the pane is narrow; three labels starting "repositori…" would
    /// be indistinguishable).
    static func label(_ field: ParameterField) -> String {
        let prefix = "repositories."
        let name = field.wireName
        return name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
    }
}

/// Which rows of the pane hold what. Fixed for the catalog: a heading is one row, a slider two
/// (value row and track), any other field one. Computed once.
enum ParameterCatalogLayout {
    enum Item: Equatable {
        case heading(ParameterSection)
        case field(ParameterField)
    }

    struct Placed: Equatable {
        var item: Item
        var firstRow: Int
        var height: Int
        var rows: Range<Int> { firstRow..<(firstRow + height) }
    }

    static let items: [Placed] = {
        var placed: [Placed] = []
        var row = 0
        var section: ParameterSection?
        for field in ParameterField.allCases {
            let fieldSection = ParameterSection(field)
            if fieldSection != section {
                section = fieldSection
                placed.append(Placed(item: .heading(fieldSection), firstRow: row, height: 1))
                row += 1
            }
            let height: Int
            if case .slider = field.kind { height = SliderView.rowsPerSlider } else { height = 1 }
            placed.append(Placed(item: .field(field), firstRow: row, height: height))
            row += height
        }
        return placed
    }()

    static let totalRows: Int = items.last.map { $0.firstRow + $0.height } ?? 0

    /// The rows to keep in view while `field` is selected: its own, and its section's heading
    /// when it is the section's first field (so Home shows "Model" too).
    /// The rows of `field` itself (its row, and a slider's track).
    static func rows(of field: ParameterField) -> Range<Int>? {
        items.first { $0.item == .field(field) }?.rows
    }

    static func rowsToShow(selecting field: ParameterField) -> Range<Int>? {
        guard let index = items.firstIndex(where: { $0.item == .field(field) }) else { return nil }
        let rows = items[index].rows
        if index > 0, case .heading = items[index - 1].item {
            return items[index - 1].firstRow..<rows.upperBound
        }
        return rows
    }

    /// The first row of a `visible`-row window: the previous one, moved as little as needed to
    /// show all of `wanted` (its top when it is taller than the window), never past the end.
    static func firstVisibleRow(wanted: Range<Int>?, totalRows: Int, visible: Int, previousFirst: Int) -> Int {
        guard visible > 0, totalRows > visible else { return 0 }
        var first = min(max(0, previousFirst), totalRows - visible)
        if let wanted {
            if wanted.upperBound > first + visible { first = wanted.upperBound - visible }
            if wanted.lowerBound < first { first = wanted.lowerBound }
        }
        return min(max(0, first), totalRows - visible)
    }
}
