import Foundation

/// Finds the line a key was written on, for error messages only: TOMLKit does not report the
/// positions of parsed values, so this scans the text. It follows `[table]` headers and dotted
/// keys; a key inside an inline table reports the line of the key that holds the table; for
/// forms it does not follow (keys in quotes with dots, multi-line arrays of tables) it answers
/// nil and the message names just the key.
struct TOMLKeyLines {
    private var firstLine: [String: Int] = [:]

    init(text: String) {
        var table: [String] = []
        // Inside a multi-line string ("""…""" or '''…'''), lines are text, not keys.
        var openDelimiter: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if let delimiter = openDelimiter {
                if line.components(separatedBy: delimiter).count % 2 == 0 { openDelimiter = nil }
                continue
            }
            for delimiter in ["\"\"\"", "'''"] where line.components(separatedBy: delimiter).count % 2 == 0 {
                // An odd number of delimiters on this line: a multi-line string starts here.
                openDelimiter = delimiter
            }
            if line.hasPrefix("[") {
                // `[a.b]` or `[[a.b]]`; anything after the closing bracket is a comment.
                let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }
                table = Self.keyParts(inner)
                record(table, line: index + 1)
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let parts = Self.keyParts(line[..<equals])
                guard !parts.isEmpty else { continue }
                record(table + parts, line: index + 1)
            }
        }
    }

    private mutating func record(_ path: [String], line: Int) {
        guard !path.isEmpty else { return }
        // Dotted keys create their parents: `repositories.limit = 3` also places `repositories`.
        for length in 1...path.count {
            let key = path.prefix(length).joined(separator: ".")
            if firstLine[key] == nil { firstLine[key] = line }
        }
    }

    private static func keyParts(_ text: Substring) -> [String] {
        text.split(separator: ".").map {
            $0.trimming(" \t\"'")
        }.filter { !$0.isEmpty }
    }

    /// The 1-based line of the dotted key `path`, or of the nearest enclosing key that was
    /// written out (an inline table's members are on its line).
    func line(of path: [String]) -> Int? {
        var length = path.count
        while length > 0 {
            if let line = firstLine[path.prefix(length).joined(separator: ".")] { return line }
            length -= 1
        }
        return nil
    }
}

private extension Substring {
    func trimming(_ set: String) -> String {
        let characters = Set(set)
        return String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
