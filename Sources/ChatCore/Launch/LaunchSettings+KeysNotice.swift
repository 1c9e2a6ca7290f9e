extension LaunchSettings {
    /// What the status line says at start about `[keys]`: the screen hides stderr, so the first
    /// message is shown there and `chatterm keys` lists them all. A problem (its entry left
    /// out, the defaults kept) comes before a warning (its entry kept), and each is called
    /// what it is: a warning never claims the defaults were kept.
    public var keysNotice: String? {
        let more = keymapProblems.count + keymapWarnings.count - 1
        let moreText = more > 0 ? " (+\(more) more)" : ""
        if let problem = keymapProblems.first {
            return "[keys] problem\(moreText), defaults kept: \(problem) · run `chatterm keys` for all"
        }
        if let warning = keymapWarnings.first {
            return "[keys] warning\(moreText), binding kept: \(warning) · run `chatterm keys` for all"
        }
        return nil
    }
}
