import StreamProtocol

/// What moves the parameters pane's cursor: the keys (↑/↓, Home/End) and the mouse wheel.
/// The cursor walks the field table's rows in their order and stops at either end.
public enum ParameterPaneAction: Sendable, Equatable {
    /// `by` rows down (negative: up), held at the ends.
    case move(by: Int)
    case selectFirst
    case selectLast
}

/// The pane's own reducer: it sees only `ParameterPaneState` and returns no effects (saving a
/// changed value is the root's job, after a value changes, not the cursor).
func reduceParameterPane(_ state: inout ParameterPaneState, _ action: ParameterPaneAction) {
    let rows = RequestField.all
    guard !rows.isEmpty else { return }
    switch action {
    case let .move(offset):
        let index = rows.firstIndex(of: state.selectedField) ?? 0
        state.selectedField = rows[min(max(0, index + offset), rows.count - 1)]
    case .selectFirst:
        state.selectedField = rows[0]
    case .selectLast:
        state.selectedField = rows[rows.count - 1]
    }
}
