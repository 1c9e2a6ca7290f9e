/// What a feature's reducer returns: the effects for the runner, and the delegate actions the
/// root reducer must react to (what the feature cannot do inside its own state). The root
/// reducer routes actions down and handles these; features never reach into each other.
public struct Reduced<Delegate: Sendable & Equatable>: Sendable, Equatable {
    public var effects: [Effect]
    public var delegates: [Delegate]

    public init(effects: [Effect] = [], delegates: [Delegate] = []) {
        self.effects = effects
        self.delegates = delegates
    }

    public static var none: Self { Self() }
}
