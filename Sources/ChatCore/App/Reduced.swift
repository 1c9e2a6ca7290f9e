/// What a feature's reducer returns: the effects for the runner, what it asks of the root that
/// any feature may ask (`shared`: a notice, an overlay, the focus), and the delegate actions the
/// root must react to (what the feature cannot do inside its own state). The root reducer
/// routes actions down and handles these; features never reach into each other.
public struct Reduced<Delegate: Sendable & Equatable>: Sendable, Equatable {
    public var effects: [Effect]
    public var shared: [SharedRequest]
    public var delegates: [Delegate]

    public init(effects: [Effect] = [], shared: [SharedRequest] = [], delegates: [Delegate] = []) {
        self.effects = effects
        self.shared = shared
        self.delegates = delegates
    }

    /// Nothing to do. Not called `none`: in a function returning `Reduced?` ("nil: not mine"),
    /// `return .none` would be Optional's nil, and the key would fall through unseen.
    public static var nothing: Self { Self() }

    /// Only a line for the status line.
    public static func notice(_ text: String?) -> Self { Self(shared: [.notice(text)]) }

    /// Adds what `other` returned after what this one did.
    public mutating func append(_ other: Self) {
        effects += other.effects
        shared += other.shared
        delegates += other.delegates
    }
}

/// For a feature that tells the root nothing beyond the shared requests.
public enum NoDelegate: Sendable, Equatable {}

extension AppState {
    /// A feature with no delegates: its shared requests applied, its effects returned.
    mutating func handle(_ reduced: Reduced<NoDelegate>) -> [Effect] {
        apply(reduced.shared)
        return reduced.effects
    }
}
