import StreamProtocol

/// The parameters pane's own state: which field its cursor is on, and the saved presets it
/// applies. The values themselves are the root's `parameters` (send, compare and the inspector
/// read them; the pane's commands are given them to change); the inline editor's storage is ``Destination.fieldEditor`.
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
