import Foundation

/// Makes an arbitrary response body (often an HTML error page from a proxy) into short text:
/// tags removed along with script and style contents and comments, common entities decoded,
/// whitespace collapsed, shortened with "…".
///
/// A page with a `<title>` is summed up by its title, the way a browser tab names it; the rest
/// of its text becomes the details, without what merely repeats the title (nginx's
/// `<h1>502 Bad Gateway</h1>`) or names the server (`<hr><center>nginx/1.25.3</center>`,
/// Apache's `<address>`). A body without a title is its text, signature dropped.
enum ReadableText {
    struct Summary: Equatable {
        /// Empty when the body holds no readable text.
        var headline: String
        var details: String?
    }

    static func summary(ofBody body: String, limit: Int) -> Summary {
        let page = PageText(body)
        let title = clean(page.title)
        let text = clean(page.bodyText(droppingHeadingsIn: title))
        if title.isEmpty {
            return Summary(headline: shortened(text, limit: limit), details: nil)
        }
        return Summary(headline: shortened(title, limit: limit), details: text.isEmpty ? nil : shortened(text, limit: limit))
    }

    static func shortened(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(max(limit - 1, 0))).trimmingASCIIWhitespace() + "…"
    }

    static func clean(_ text: String) -> String {
        collapsingWhitespace(decodingEntities(text))
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

    /// "nginx", "cloudflare", "nginx/1.25.3", "Apache/2.4.57 (Debian) Server at host Port 443",
    /// "Microsoft-IIS/10.0": one product token, alone or with a version and more words after it.
    static func looksLikeServerSignature(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard let first = words.first, text.count <= 120 else { return false }
        let product = first.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let isToken: (Substring) -> Bool = { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        }
        guard let name = product.first, isToken(name), name.first?.isLetter == true else { return false }
        if product.count == 2 {
            return isToken(product[1]) && product[1].first?.isNumber == true
        }
        return words.count == 1
    }
}

/// The text of an HTML page (or of any body: text without tags is all "body"), split into the
/// parts a summary treats differently. Tags start only with `<` followed by a letter, `/`, `!`
/// or `?`, so a plain "a < b" survives.
private struct PageText {
    private enum Part {
        case text(Substring)
        case heading(String)
        /// An `<hr>`: what follows the last one may be the server's signature.
        case rule
    }

    private(set) var title = ""
    private var parts: [Part] = []

    init(_ body: String) {
        var rest = Substring(body)
        var openTitle = false
        var addressDepth = 0
        var heading: String?
        while let open = rest.firstIndex(of: "<") {
            let afterOpen = rest.index(after: open)
            guard afterOpen < rest.endIndex, Self.isTagStart(rest[afterOpen]) else {
                append(rest[...open], title: openTitle, address: addressDepth > 0, heading: &heading)
                rest = rest[afterOpen...]
                continue
            }
            append(rest[..<open], title: openTitle, address: addressDepth > 0, heading: &heading)
            if rest[afterOpen...].hasPrefix("!--") {
                // A comment may hold ">" (and tags); it ends only at "-->".
                rest = Self.skipping(past: "-->", in: rest[afterOpen...], endingTag: false)
                continue
            }
            guard let close = rest[afterOpen...].firstIndex(of: ">") else {
                rest = rest[rest.endIndex...]  // an unterminated tag hides nothing worth showing
                break
            }
            let closing = rest[afterOpen] == "/"
            let nameStart = closing ? rest.index(after: afterOpen) : afterOpen
            let name = rest[nameStart..<close].prefix { $0.isLetter || $0.isNumber }.lowercased()
            rest = rest[rest.index(after: close)...]
            // Tags separate words (<td>a</td><td>b</td>).
            append(" ", title: openTitle, address: addressDepth > 0, heading: &heading)
            if !closing && (name == "script" || name == "style") {
                rest = Self.skipping(past: "</\(name)", in: rest, endingTag: true)
                continue
            }
            switch name {
            case "title":
                openTitle = !closing
            case "address":
                addressDepth = max(0, addressDepth + (closing ? -1 : 1))
            case "hr" where !closing:
                parts.append(.rule)
            case "h1", "h2", "h3", "h4", "h5", "h6":
                if closing, let text = heading {
                    parts.append(.heading(text))
                    heading = nil
                } else if !closing, heading == nil {
                    heading = ""
                }
            default:
                break
            }
        }
        append(rest, title: openTitle, address: addressDepth > 0, heading: &heading)
        if let text = heading { parts.append(.heading(text)) }  // a heading never closed
    }

    private mutating func append(_ text: Substring, title openTitle: Bool, address: Bool, heading: inout String?) {
        guard !text.isEmpty else { return }
        if openTitle {
            title += text
        } else if address {
            return  // Apache's signature element
        } else if heading != nil {
            heading? += text
        } else {
            parts.append(.text(text))
        }
    }

    /// The body's text, less the first heading when it repeats `title` (compared cleaned and
    /// case-insensitively; a heading the title contains, like "Forbidden" under "403 Forbidden",
    /// repeats it too) and less a signature after the last rule.
    func bodyText(droppingHeadingsIn title: String) -> String {
        var kept = parts
        if let lastRule = kept.lastIndex(where: { if case .rule = $0 { return true } else { return false } }) {
            let after = ReadableText.clean(Self.text(of: kept[kept.index(after: lastRule)...]))
            if after.isEmpty || ReadableText.looksLikeServerSignature(after) {
                kept.removeSubrange(lastRule...)
            }
        }
        let loweredTitle = title.lowercased()
        if !loweredTitle.isEmpty, let first = kept.firstIndex(where: { if case .heading = $0 { return true } else { return false } }),
           case let .heading(text) = kept[first] {
            let heading = ReadableText.clean(text).lowercased()
            if !heading.isEmpty && loweredTitle.contains(heading) {
                kept.remove(at: first)
            }
        }
        return Self.text(of: kept[...])
    }

    private static func text(of parts: ArraySlice<Part>) -> String {
        var output = ""
        for part in parts {
            switch part {
            case let .text(text): output += text
            case let .heading(text): output += " " + text + " "
            case .rule: output += " "
            }
        }
        return output
    }

    private static func isTagStart(_ character: Character) -> Bool {
        character.isLetter || character == "/" || character == "!" || character == "?"
    }

    /// The text after `marker` (case-insensitive), and after the `>` that closes it when
    /// `endingTag`; nothing if absent.
    private static func skipping(past marker: String, in text: Substring, endingTag: Bool) -> Substring {
        // Searched in place: indices into a lowercased copy need not line up with the original.
        guard let found = text.range(of: marker, options: .caseInsensitive) else { return text[text.endIndex...] }
        guard endingTag else { return text[found.upperBound...] }
        guard let close = text[found.upperBound...].firstIndex(of: ">") else { return text[text.endIndex...] }
        return text[text.index(after: close)...]
    }
}
