import Foundation

/// The file `x` in the sessions pane proposes for an export: the title made safe as a file
/// name (letters and digits, dashes between words, at most 40 characters), then the start of
/// the id so that two sessions with one title do not collide.
public enum SessionFileName {
    public static func suggested(title: String, sessionID: String, extension fileExtension: String = "md") -> String {
        let letters = title.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" }
        var slug = String(letters).split(separator: "-").joined(separator: "-")
        if slug.count > 40 { slug = String(slug.prefix(40)) }
        return (slug.isEmpty ? "session" : slug) + "-" + String(sessionID.prefix(8)) + "." + fileExtension
    }
}
