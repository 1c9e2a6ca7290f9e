/// Something a first run lacks that the full-screen app can start without (an API key, a
/// project id): instead of exiting on the first, the app opens on a welcome screen that lists
/// every one with the ways to fix it. `chatterm ask` and the other commands still refuse.
public struct SetupGap: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case apiKey
        case projectID
        /// openai without a model, where the server cannot be asked for its list yet (no key).
        case model
    }

    public var kind: Kind
    /// One sentence: what is missing.
    public var problem: String
    /// Each way to fix it, one line each, most direct first.
    public var fixes: [String]

    public init(kind: Kind, problem: String, fixes: [String]) {
        self.kind = kind
        self.problem = problem
        self.fixes = fixes
    }
}
