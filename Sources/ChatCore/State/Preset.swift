import StreamProtocol

/// A named set of parameters the user saved to apply to other sessions later.
public struct Preset: Sendable, Equatable, Codable {
    public var name: String
    public var parameters: SessionParameters
    public init(name: String, parameters: SessionParameters) {
        self.name = name
        self.parameters = parameters
    }

    /// The preset's parameters replace `current` (all of them: fields the preset leaves unset
    /// become unset), except the session's own session_id override.
    public func applied(to current: SessionParameters) -> SessionParameters {
        var result = parameters
        result.sessionID = current.sessionID
        return result
    }
}
