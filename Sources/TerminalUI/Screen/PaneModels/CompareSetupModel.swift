import ChatCore

/// What the compare setup (Ctrl+G) draws: the prompt's first line, the sweep line being typed
/// with its caret, and the columns the sweep makes now (what sets each apart) or why it makes
/// none.
struct CompareSetupModel: Equatable {
    enum Plan: Equatable {
        /// The sweep line cannot be read: what is wrong with it.
        case problem(String)
        /// A label per column the sweep makes (`CompareSweep.labels`).
        case columns([String])
    }

    var promptFirstLine: String
    /// Lines of the prompt after the first.
    var morePromptLines: Int
    var sweep: TextInput
    var plan: Plan
    /// The keys the plan's line names.
    var acceptKey: String
    var closeKey: String

    init(_ compare: CompareRun, presets: [Preset], keymap: Keymap) {
        let promptLines = compare.prompt.text.split(separator: "\n", omittingEmptySubsequences: false)
        promptFirstLine = String(promptLines.first ?? "")
        morePromptLines = max(0, promptLines.count - 1)
        sweep = compare.sweep
        switch compare.planned(presets: presets) {
        case let .failure(problem): plan = .problem(problem.message)
        case let .success(columns): plan = .columns(CompareSweep.labels(columns, current: compare.baseParameters))
        }
        acceptKey = keymap.displayKey(for: .accept, in: [.compareSetup])
        closeKey = keymap.displayKey(for: .close, in: [.compareSetup])
    }
}
