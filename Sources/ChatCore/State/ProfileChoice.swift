/// An endpoint the app can switch to (`switch-profile`): the profile it started with, then
/// each `[profiles.NAME]` table of the config file, resolved at start like `--profile NAME`.
public struct ProfileChoice: Sendable, Equatable {
    public var name: String
    /// nil when the profile could not be resolved; `problem` says why.
    public var profile: Profile?
    public var problem: String?

    public init(name: String, profile: Profile?, problem: String? = nil) {
        self.name = name
        self.profile = profile
        self.problem = problem
    }
}
