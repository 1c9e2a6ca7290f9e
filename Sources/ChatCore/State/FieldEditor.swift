/// Enter on a parameter opens this inline editor: the user types an exact value, Enter accepts
/// it (after validation), Esc leaves the old value. An invalid value keeps the editor open with
/// `error` saying why, and the field keeps its previous value.
public struct FieldEditor: Sendable, Equatable {
    public var field: ParameterField
    /// The text being typed; multi-line for the system prompt and for lists (one item a line).
    public var text: TextInput
    public var error: String?

    public init(field: ParameterField, text: TextInput, error: String? = nil) {
        self.field = field
        self.text = text
        self.error = error
    }
}
