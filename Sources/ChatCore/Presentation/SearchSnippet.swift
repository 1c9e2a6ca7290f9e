/// The few words of a message shown under a search hit: plain text (Markdown's markers taken
/// out, so a table shows its words, not `|:------|`), on one line, and cut so that the first
/// match is in sight. Matches are marked with `SessionSearchHit.matchStart`/`matchEnd`, which
/// both functions keep where they are.
public enum SearchSnippet {
    /// `marked` (the store's snippet of a message, Markdown and all) as plain text on one line:
    /// table rules and code fences dropped, table cells joined with " · ", heading, quote and
    /// list markers, emphasis and inline code marks removed, links and images reduced to their
    /// text, runs of spaces and line breaks made one space.
    public static func plain(_ marked: String) -> String {
        var lines: [String] = []
        for rawLine in marked.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var line = Substring(rawLine).trimmingSpaces()
            if isRule(line) || isFence(line) { continue }
            line = dropLeadingMarkers(line)
            var text = String(line)
            if text.hasPrefix("|") || text.hasSuffix("|") || text.filter({ $0 == "|" }).count >= 2 {
                text = text.split(separator: "|", omittingEmptySubsequences: true)
                    .map { $0.trimmingSpaces() }.filter { !$0.isEmpty }.joined(separator: " · ")
            }
            text = inlineText(text)
            if !text.isEmpty { lines.append(text) }
        }
        return collapseSpaces(lines.joined(separator: " "))
    }

    /// `text` (one line, from `plain`) cut to at most `width` characters so that the first
    /// match shows: when it would end past `width`, the start is cut (to "…") and about a
    /// third of the width of what came before the match is kept. Marks take no width.
    public static func window(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        let characters = Array(text)
        func isMark(_ c: Character) -> Bool { c == SessionSearchHit.matchStart || c == SessionSearchHit.matchEnd }
        // The visible index (marks not counted) where the first match ends.
        var visible = 0
        var matchEnd: Int?
        var inMatch = false
        for character in characters {
            if character == SessionSearchHit.matchStart { inMatch = true; continue }
            if character == SessionSearchHit.matchEnd {
                if inMatch { matchEnd = visible; break }
                continue
            }
            visible += 1
        }
        guard let end = matchEnd, end > width else { return text }
        // Keep the match's end in sight with some words before it: start `end - width + 1`
        // at the latest (one cell for "…"), earlier when the match is short.
        let context = width / 3
        let matchStartVisible = visibleIndexOfFirstMatchStart(characters) ?? end
        var start = max(1, end - width + 1, matchStartVisible - context)
        // From a word's start when one begins before the match: "…twelve quokka", not "…en twelve".
        let visibleText = characters.filter { !isMark($0) }
        if start < matchStartVisible, matchStartVisible <= visibleText.count, visibleText[start - 1] != " ",
           let space = visibleText[start..<matchStartVisible].firstIndex(of: " ") {
            start = space + 1
        }
        var result = "…"
        var seen = 0
        var open = false
        var emitted = false
        for character in characters {
            if isMark(character) {
                open = character == SessionSearchHit.matchStart
                if seen >= start { result.append(character); emitted = true }
                continue
            }
            // Cut inside a match: it stays marked from the cut on.
            if seen == start, open, !emitted { result.append(SessionSearchHit.matchStart) }
            if seen >= start { result.append(character); emitted = true }
            seen += 1
        }
        return result
    }

    private static func visibleIndexOfFirstMatchStart(_ characters: [Character]) -> Int? {
        var visible = 0
        for character in characters {
            if character == SessionSearchHit.matchStart { return visible }
            if character != SessionSearchHit.matchEnd { visible += 1 }
        }
        return nil
    }

    // MARK: - Lines

    /// `|:---|---:|`, `---`, `***`, `___`: nothing to read.
    private static func isRule(_ line: Substring) -> Bool {
        let kept = line.filter { !isMarkOrSpace($0) }
        guard kept.isEmpty, !line.isEmpty else { return false }
        return line.allSatisfy { "|:-=*_+ \t".contains($0) } && line.contains { "-=*_".contains($0) }
            && (line.contains("|") || line.count >= 3)
    }

    private static func isFence(_ line: Substring) -> Bool {
        let text = line.filter { !isMark($0) }
        return text.hasPrefix("```") || text.hasPrefix("~~~")
    }

    /// Heading `#`s, quote `>`s, list bullets (`-`, `*`, `+`, `1.`, `1)`) and task boxes.
    private static func dropLeadingMarkers(_ line: Substring) -> Substring {
        var rest = line
        var changed = true
        while changed {
            changed = false
            rest = rest.trimmingSpaces()
            if rest.first == ">" { rest = rest.dropFirst(); changed = true; continue }
            if rest.first == "#" {
                let hashes = rest.prefix { $0 == "#" }
                if hashes.count <= 6, rest.dropFirst(hashes.count).first.map({ $0 == " " }) ?? true {
                    rest = rest.dropFirst(hashes.count); changed = true; continue
                }
            }
            if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " {
                rest = rest.dropFirst(2); changed = true; continue
            }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.count <= 9, let after = rest.dropFirst(digits.count).first, after == "." || after == ")",
               rest.dropFirst(digits.count + 1).first == " " {
                rest = rest.dropFirst(digits.count + 2); changed = true; continue
            }
            for box in ["[ ] ", "[x] ", "[X] "] where rest.hasPrefix(box) {
                rest = rest.dropFirst(box.count); changed = true
            }
        }
        return rest
    }

    // MARK: - Inline

    /// Links and images to their text, then emphasis, strikethrough and code marks out.
    private static func inlineText(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            // `[text](target)` and `![alt](target)`: the text; the target (even cut off by the
            // snippet's end) is dropped.
            if character == "]", index + 1 < characters.count, characters[index + 1] == "(" {
                var close = index + 2
                while close < characters.count, characters[close] != ")" { close += 1 }
                index = close + 1
                continue
            }
            if character == "[" || (character == "!" && index + 1 < characters.count && characters[index + 1] == "[") {
                index += 1
                continue
            }
            if character == "`" || character == "~" && index + 1 < characters.count && characters[index + 1] == "~" {
                index += character == "`" ? 1 : 2
                continue
            }
            if character == "*" || character == "_" {
                // A run of them is emphasis when it touches a word on one side only; `a * b`
                // and snake_case stay as written.
                var end = index
                while end < characters.count, characters[end] == character { end += 1 }
                let before = index > 0 ? characters[index - 1] : " "
                let after = end < characters.count ? characters[end] : " "
                let wordBefore = isWordCharacter(before)
                let wordAfter = isWordCharacter(after)
                if wordBefore != wordAfter {
                    index = end
                    continue
                }
                result.append(contentsOf: characters[index..<end])
                index = end
                continue
            }
            result.append(character)
            index += 1
        }
        return result
    }

    /// Letters, digits and the match marks (a mark stands where a word is).
    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || isMark(character)
    }

    private static func isMark(_ character: Character) -> Bool {
        character == SessionSearchHit.matchStart || character == SessionSearchHit.matchEnd
    }

    private static func isMarkOrSpace(_ character: Character) -> Bool {
        "|:-=*_+ \t".contains(character) || isMark(character)
    }

    private static func collapseSpaces(_ text: String) -> String {
        var result = ""
        var lastWasSpace = true
        for character in text {
            if character.isWhitespace {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(character)
                lastWasSpace = false
            }
        }
        if result.last == " " { result.removeLast() }
        return result
    }
}

private extension Substring {
    func trimmingSpaces() -> Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}
