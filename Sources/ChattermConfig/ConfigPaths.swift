/// Where the config file is looked for, and how paths written inside it are read.
public enum ConfigPaths {
    /// `$XDG_CONFIG_HOME/chatterm/config.toml` when `XDG_CONFIG_HOME` is absolute (XDG says a
    /// relative one is ignored), else `$HOME/.config/chatterm/config.toml`; nil without a home.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let configHome = environment["XDG_CONFIG_HOME"], configHome.hasPrefix("/") {
            return join(configHome, "chatterm/config.toml")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return join(home, ".config/chatterm/config.toml")
    }

    /// A path from the file: `~/…` is under the home directory, an absolute path is kept, and a
    /// relative one is relative to the config file's directory (not to wherever chatterm was
    /// started), so the file means the same from any directory.
    public static func resolve(_ value: String, besides configPath: String, homeDirectory: String?) -> String {
        if value.hasPrefix("/") { return value }
        if value == "~" || value.hasPrefix("~/"), let home = homeDirectory, !home.isEmpty {
            return join(home, String(value.dropFirst(2)))
        }
        guard let slash = configPath.lastIndex(of: "/") else { return value }
        return join(String(configPath[...slash]), value)
    }

    private static func join(_ base: String, _ relative: String) -> String {
        if relative.isEmpty { return base }
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }
}
