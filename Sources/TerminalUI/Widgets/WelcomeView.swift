import ChatCore

/// The first run's welcome, drawn in the empty conversation: everything the start found
/// missing at once, each with the ways to fix it, and the bundled local server to try chatterm
/// without a key or an account (its key starts it for this run). A project id typed into Parameters meanwhile drops its entry.
enum WelcomeView {
    /// The gaps the start found that are still open, given the project id and model the next
    /// request would send (the session's, else the profile's).
    static func openGaps(_ gaps: [SetupGap], projectID: Int?, model: String?) -> [SetupGap] {
        gaps.filter { gap in
            switch gap.kind {
            case .projectID: return projectID == nil
            case .model: return model == nil
            case .apiKey: return true
            }
        }
    }

    /// The welcome's rows at `width`, wrapped; fix lines are indented under their problem.
    static func lines(_ gaps: [SetupGap], width: Int, keymap: Keymap) -> [StyledLine] {
        var rows: [StyledLine] = []
        func add(_ text: String, _ role: StyleRole, indent: Int = 0) {
            let wrapped = TextWrapper.wrap(text, width: max(1, width - indent), role: role)
            rows += wrapped.map { .spaces(indent, role: .normal) + $0 }
        }
        add("Welcome to chatterm: \(gaps.count == 1 ? "one thing" : "\(gaps.count) things") to set up", .heading)
        for gap in gaps {
            rows.append(StyledLine())
            add("• " + gap.problem, .warningText)
            for fix in gap.fixes { add(fix, .dim, indent: 2) }
        }
        rows.append(StyledLine())
        add("Or try the bundled local server (no key, no network): press \(keymap.displayKey(for: .startLocalServer, in: [.global])) "
            + "to start it for this run, or from a shell:", .normal)
        add("chatterm-server --port 8080 &", .code, indent: 2)
        add("chatterm --base-url http://127.0.0.1:8080 --project-id 1", .code, indent: 2)
        return rows
    }

    static func draw(_ gaps: [SetupGap], keymap: Keymap, into grid: inout CellGrid, rect: Rect) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, role: .normal)
        let rows = lines(gaps, width: max(1, rect.width - 2), keymap: keymap)
        let top = rect.y + max(0, (rect.height - rows.count) / 2)
        for (offset, row) in rows.prefix(rect.height).enumerated() {
            _ = grid.draw(row, x: rect.x + 1, y: top + offset, clip: rect)
        }
    }
}
