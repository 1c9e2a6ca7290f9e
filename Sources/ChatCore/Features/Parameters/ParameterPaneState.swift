import StreamProtocol

/// The parameters pane's own state: which field its cursor is on, and the saved presets it
/// applies. The values themselves stay in `AppState.parameters` (send, compare and the inspector
/// read them); the inline editor's storage is ``Destination.fieldEditor`.
public struct ParameterPaneState: Sendable, Equatable {
    /// The pane's cursor: a row of the field table.
    public var selectedField: RequestField = .temperature
    /// Saved parameter presets, sorted by name (loaded at start, kept in the store).
    public var presets: [Preset] = []

    public init(selectedField: RequestField = .temperature, presets: [Preset] = []) {
        self.selectedField = selectedField
        self.presets = presets
    }
}
