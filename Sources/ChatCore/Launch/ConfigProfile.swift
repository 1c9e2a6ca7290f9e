import StreamProtocol

/// One `[profiles.NAME]` table of the config file: an endpoint a user talks to (Prem with one
/// project, a local Ollama, OpenAI), chosen with `--profile NAME` or `default_profile`. What it
/// sets takes the place of the file's top-level value; flags still override it.
public struct ConfigProfile: Sendable, Equatable {
    public var name: String
    public var baseURL: String?
    public var dialect: Dialect?
    public var projectID: Int?
    public var model: String?
    public var theme: String?
    /// The environment variable holding this profile's key, instead of PREMAI_API_KEY or
    /// OPENAI_API_KEY. Profiles never hold a key themselves.
    public var apiKeyVariable: String?
    /// `api_key_command` for this profile's key (see `ConfigFileSettings.apiKeyCommand`).
    public var apiKeyCommand: String?
    /// `ca_file` for this profile's server only (see `ConfigFileSettings.caFile`).
    public var caFile: String?
    /// `[profiles.NAME.defaults]`: replaces the top-level `[defaults]` table when present.
    public var defaults: SessionParameters?

    public init(
        name: String, baseURL: String? = nil, dialect: Dialect? = nil, projectID: Int? = nil, model: String? = nil,
        theme: String? = nil, apiKeyVariable: String? = nil, defaults: SessionParameters? = nil
    ) {
        self.name = name
        self.baseURL = baseURL
        self.dialect = dialect
        self.projectID = projectID
        self.model = model
        self.theme = theme
        self.apiKeyVariable = apiKeyVariable
        self.defaults = defaults
    }

    /// The config keys this profile sets, for messages that name where a value came from.
    public var setKeys: Set<String> {
        var keys: Set<String> = []
        if baseURL != nil { keys.insert("base_url") }
        if dialect != nil { keys.insert("dialect") }
        if projectID != nil { keys.insert("project_id") }
        if model != nil { keys.insert("model") }
        if theme != nil { keys.insert("theme") }
        if caFile != nil { keys.insert("ca_file") }
        return keys
    }
}

extension ConfigFileSettings {
    /// The file's values with `profile`'s in their place.
    public func applying(_ profile: ConfigProfile) -> ConfigFileSettings {
        var merged = self
        merged.baseURL = profile.baseURL ?? baseURL
        merged.dialect = profile.dialect ?? dialect
        merged.projectID = profile.projectID ?? projectID
        merged.model = profile.model ?? model
        merged.theme = profile.theme ?? theme
        merged.caFile = profile.caFile ?? caFile
        merged.defaults = profile.defaults ?? defaults
        // A profile with its own key source does not borrow the top level's.
        if profile.apiKeyVariable != nil || profile.apiKeyCommand != nil {
            merged.apiKeyCommand = profile.apiKeyCommand
            merged.apiKey = nil
        }
        return merged
    }
}
