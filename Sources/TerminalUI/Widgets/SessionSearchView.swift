import Foundation
import ChatCore

/// The sessions pane while `/` searches: each hit on two rows (the session's title and age,
/// then the matching words in their context, marked), the selected one highlighted, and the
/// query line over the pane's bottom border.
enum SessionSearchView {
    /// `ages[i]` is how old `search.hits[i]`'s session is ("5m").
    static func draw(into grid: inout CellGrid, border: Rect, search: SessionSearch, ages: [String]) {
        let rect = border.inset(by: 1)
        guard !rect.isEmpty else { return }
        grid.fill(rect, role: .normal)
        let perHit = 2
        let shown = max(1, rect.height / perHit)
        let first = max(0, min(search.selectedIndex - shown + 1, search.hits.count - shown))
        for (offset, hit) in search.hits.dropFirst(first).prefix(shown).enumerated() {
            let y = rect.y + offset * perHit
            let selected = first + offset == search.selectedIndex
            let age = StyledLine(" " + (first + offset < ages.count ? ages[first + offset] : ""), role: .dim)
            let titleText = hit.summary.title.isEmpty ? "(untitled)" : hit.summary.title
            var title = StyledLine(titleText, role: selected ? .selection : .normal).truncated(toWidth: max(0, rect.width - age.width))
            while title.width < rect.width - age.width { title.append(.space(selected ? .selection : .normal)) }
            title.append(contentsOf: age)
            grid.draw(title, x: rect.x, y: y, clip: rect)
            // Cut so that the first match is in sight, however far into the snippet it is.
            let snippet = SearchSnippet.window(hit.snippet, width: rect.width - 1)
            grid.draw(snippetLine(snippet).truncated(toWidth: rect.width - 1), x: rect.x + 1, y: y + 1, clip: rect)
        }
        if search.hits.isEmpty, search.resultsQuery == search.query.text, !search.query.text.isEmpty {
            grid.draw(StyledLine("No message matches.", role: .dim), x: rect.x, y: rect.y, clip: rect)
        }
        let note: String
        if search.query.text.trimmingCharacters(in: .whitespaces).isEmpty {
            note = " · words, \"phrases\", prefix*"
        } else if search.resultsQuery != search.query.text {
            note = " · searching…"
        } else {
            note = " · \(search.hits.count)\(search.hits.count == SessionSearchLimits.hits ? "+" : "") found"
        }
        BorderInputLine.draw(label: "/", input: search.query, note: note, editing: true, into: &grid, border: border)
    }

    /// The snippet with its matched words marked (the store puts them between U+0001 and
    /// U+0002, which are taken out here, before the sanitizer would show them).
    static func snippetLine(_ snippet: String) -> StyledLine {
        var line = StyledLine()
        var inMatch = false
        var piece = ""
        func flush() {
            guard !piece.isEmpty else { return }
            line.append(contentsOf: StyledLine(piece, role: inMatch ? .searchMatch : .dim))
            piece = ""
        }
        for character in snippet {
            if character == SessionSearchHit.matchStart || character == SessionSearchHit.matchEnd {
                flush()
                inMatch = character == SessionSearchHit.matchStart
            } else {
                piece.append(character)
            }
        }
        flush()
        return line
    }
}
