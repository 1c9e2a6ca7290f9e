/// What the parameters pane (and its inline field editor) tells the root: the values changed
/// (the root saves them with the open session, which the pane does not know), or an overlay
/// the pane's keys open that is not the pane's own (model picker, presets, help read the app).
public enum ParametersDelegate: Sendable, Equatable {
    /// The values changed at this time and are to be saved.
    case changed(nowMillis: Int64)
    case openModelPicker
    case openPresets
    case openHelp
}
