/// Why typed text is not a valid value for a field: one sentence, shown under the inline editor
/// (or as a notice after `$EDITOR`).
public struct ParameterProblem: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
