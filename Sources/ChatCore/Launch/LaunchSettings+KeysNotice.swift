extension LaunchSettings {
    /// What the status line says at start about `[keys]`: the screen hides stderr, so the first
    /// message is shown there and `chatterm keys` lists them all. A problem (its entry left
    /// out, the defaults kept) comes before a warning (its entry kept), and each is called
    /// what it is: a warning never claims the defaults were kept.
    public var keysNotice: String? {
        // "(+2 more problems, 1 warning)": each kind counted as what it is.
        // "more" only for the kind the notice names first.
        func more(problems: Int, warnings: Int, shownIsWarning: Bool = false) -> String {
            let parts = [
                problems > 0 ? "\(problems) more problem\(problems == 1 ? "" : "s")" : nil,
                warnings > 0 ? "\(warnings) \(shownIsWarning ? "more " : "")warning\(warnings == 1 ? "" : "s")" : nil,
            ].compactMap { $0 }
            return parts.isEmpty ? "" : " (+" + parts.joined(separator: ", ") + ")"
        }
        if let problem = keymapProblems.first {
            return "[keys] problem\(more(problems: keymapProblems.count - 1, warnings: keymapWarnings.count)), defaults kept: "
                + "\(problem) · run `chatterm keys` for all"
        }
        if let warning = keymapWarnings.first {
            return "[keys] warning\(more(problems: 0, warnings: keymapWarnings.count - 1, shownIsWarning: true)), binding kept: \(warning) · "
                + "run `chatterm keys` for all"
        }
        return nil
    }
}
