/// What the run started with and may switch: the profile and the others `switch-profile`
/// cycles through, what the start found missing (the welcome screen), the local server being
/// started from it, and what the state file holds.
public struct LaunchState: Sendable, Equatable {
    public var profile: Profile
    /// What `switch-profile` cycles through (the profile started with first).
    public var profileChoices: [ProfileChoice] = []
    /// What the start found missing (`LaunchSettings.setupGaps`): the empty conversation shows
    /// the welcome screen with every one and how to fix it.
    public var setupGaps: [SetupGap] = []
    /// The welcome screen's local server is starting (a second press waits for it).
    public var localServerStarting = false
    /// What the state file holds (read at start, then each save): `rememberChoicesIfChanged`
    /// writes only what differs.
    public var savedChoices = RememberedChoices()
    /// The `[mcp.NAME]` servers and `max_tool_rounds` from config.toml.
    public var toolSettings = ToolSettings()

    public init(profile: Profile) {
        self.profile = profile
    }
}
