import Foundation

/// Makes an arbitrary response body (often an HTML error page from a proxy) into one short
/// line of text: tags removed along with script and style contents, common entities decoded,
/// whitespace collapsed, shortened with "…".
enum ReadableText {
    static func fromBody(_ body: String, limit: Int) -> String {
        shortened(collapsingWhitespace(decodingEntities(strippingTags(body))), limit: limit)
    }

    static func shortened(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(max(limit - 1, 0))).trimmingASCIIWhitespace() + "…"
    }

    /// Drops `<...>` tags (only `<` followed by a letter, `/`, `!` or `?`, so that a plain
    /// "a < b" survives) and the bodies of `<script>` and `<style>` elements.
    static func strippingTags(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            let afterOpen = rest.index(after: open)
            guard afterOpen < rest.endIndex, isTagStart(rest[afterOpen]) else {
                output += rest[...open]
                rest = rest[afterOpen...]
                continue
            }
            output += rest[..<open]
            guard let close = rest[afterOpen...].firstIndex(of: ">") else {
                rest = rest[rest.endIndex...]  // an unterminated tag hides nothing worth showing
                break
            }
            let tagName = rest[afterOpen..<close].prefix { $0.isLetter }.lowercased()
            rest = rest[rest.index(after: close)...]
            if tagName == "script" || tagName == "style" {
                rest = skipping(past: "</\(tagName)", in: rest)
            }
            output += " "  // tags separate words (<td>a</td><td>b</td>)
        }
        output += rest
        return output
    }

    private static func isTagStart(_ character: Character) -> Bool {
        character.isLetter || character == "/" || character == "!" || character == "?"
    }

    /// The text after the closing tag `marker...>` (case-insensitive), or nothing if absent.
    private static func skipping(past marker: String, in text: Substring) -> Substring {
        // Searched in place: indices into a lowercased copy need not line up with the original.
        guard let found = text.range(of: marker, options: .caseInsensitive),
              let close = text[found.upperBound...].firstIndex(of: ">") else {
            return text[text.endIndex...]
        }
        return text[text.index(after: close)...]
    }

    static func decodingEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let candidate = rest[amp...].prefix(12)
            if let semicolon = candidate.firstIndex(of: ";"),
               let decoded = entity(String(rest[rest.index(after: amp)..<semicolon])) {
                output.append(decoded)
                rest = rest[rest.index(after: semicolon)...]
            } else {
                output.append("&")
                rest = rest[rest.index(after: amp)...]
            }
        }
        output += rest
        return output
    }

    private static func entity(_ name: String) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }

    static func collapsingWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
