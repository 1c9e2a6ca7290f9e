/// A named set of parameters the user saved to apply to other sessions later.
public struct Preset: Sendable, Equatable, Codable {
    public var name: String
    public var parameters: SessionParameters
    public init(name: String, parameters: SessionParameters) {
        self.name = name
        self.parameters = parameters
    }
}
