import Foundation

/// A message's text against plain search words as the full-text index matches them: every word
/// must begin a word of the text (a word is a run of letters and digits), in any case and
/// without regard to accents. Used where asking the index costs more than reading the text:
/// a common word's search over the newest messages (the index reads its whole list of
/// matches for a prefix query, about 70 ms for a word in a million messages).
public enum WordPrefixMatch {
    /// The text's words where the query words begin them: each as its range in `text`.
    /// nil when some query word begins no word of the text.
    public static func matches(of words: [String], in text: String) -> [Range<String.Index>]? {
        var found: [Range<String.Index>] = []
        for word in words where !word.isEmpty {
            var matchedThisWord = false
            var searchStart = text.startIndex
            while searchStart < text.endIndex,
                  let hit = text.range(of: word, options: [.caseInsensitive, .diacriticInsensitive], range: searchStart..<text.endIndex) {
                searchStart = hit.upperBound
                // A word's start: nothing of a word just before it.
                if hit.lowerBound > text.startIndex, isWordCharacter(text[text.index(before: hit.lowerBound)]) { continue }
                var end = hit.upperBound
                while end < text.endIndex, isWordCharacter(text[end]) { end = text.index(after: end) }
                found.append(hit.lowerBound..<end)
                matchedThisWord = true
                searchStart = end
            }
            if !matchedThisWord { return nil }
        }
        return found.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// The plain search words of a query: its whitespace-separated parts, with what the index
    /// treats as separators at their ends taken off (as `FTS5Pattern(matchingAllPrefixesIn:)`
    /// drops them). Empty when there is nothing to look for.
    public static func words(of query: String) -> [String] {
        query.split(whereSeparator: \.isWhitespace)
            .flatMap { $0.split { !isWordCharacter($0) } }
            .map(String.init)
    }

    /// Some words of `text` around its first match, the matched words between
    /// `SessionSearchHit.matchStart` and `matchEnd`, "…" where cut: as the index's snippet.
    public static func snippet(of text: String, matches: [Range<String.Index>], wordsBefore: Int = 10, wordsAfter: Int = 14) -> String {
        guard let first = matches.first else { return "" }
        // The text's words; the snippet runs from `wordsBefore` words before the match's word
        // to `wordsAfter` words after it.
        var wordRanges: [Range<String.Index>] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard isWordCharacter(text[index]) else { index = text.index(after: index); continue }
            var end = index
            while end < text.endIndex, isWordCharacter(text[end]) { end = text.index(after: end) }
            wordRanges.append(index..<end)
            index = end
        }
        let matchWord = wordRanges.firstIndex { $0.upperBound > first.lowerBound } ?? 0
        let firstWord = max(0, matchWord - wordsBefore)
        let lastWord = min(wordRanges.count - 1, matchWord + wordsAfter)
        let start = wordRanges.isEmpty ? first.lowerBound : wordRanges[firstWord].lowerBound
        let end = wordRanges.isEmpty ? first.upperBound : wordRanges[lastWord].upperBound
        // "…" only where words were left out; the text's punctuation at its ends goes too.
        let cutBefore = firstWord > 0
        let cutAfter = lastWord < wordRanges.count - 1
        var result = cutBefore ? "…" : ""
        var position = start
        // Two query words may begin the same word of the text: it is marked once.
        for match in matches where match.lowerBound >= position && match.upperBound <= end {
            result += text[position..<match.lowerBound]
            result.append(SessionSearchHit.matchStart)
            result += text[match]
            result.append(SessionSearchHit.matchEnd)
            position = match.upperBound
        }
        result += text[position..<end]
        if cutAfter { result += "…" }
        return result
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}
