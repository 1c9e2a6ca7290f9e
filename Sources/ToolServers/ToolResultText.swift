import ChatCore
import Foundation
import MCP

/// A `tools/call` result as the text the model and the conversation get: text parts joined
/// with newlines, every other kind described in a line of its own (the model cannot see an
/// image through a chat message's text), cut at `ToolCallResult.maxTextBytes` with a note.
enum ToolResultText {
    static func result(content: [Tool.Content], isError: Bool?) -> ToolCallResult {
        let text = content.map(line).joined(separator: "\n")
        return ToolCallResult(text: capped(text), outcome: isError == true ? .failed : .succeeded)
    }

    static func line(_ part: Tool.Content) -> String {
        switch part {
        case .text(let text, _, _):
            return text
        case .image(let data, let mimeType, _, _):
            return "[image \(mimeType), \(decodedSize(data)) bytes]"
        case .audio(let data, let mimeType, _, _):
            return "[audio \(mimeType), \(decodedSize(data)) bytes]"
        case .resource(let resource, _, _):
            if let text = resource.text { return text }
            return "[resource \(resource.uri)\(resource.mimeType.map { " \($0)" } ?? "")]"
        case .resourceLink(let uri, let name, _, _, let mimeType, _):
            return "[link \(name): \(uri)\(mimeType.map { " \($0)" } ?? "")]"
        }
    }

    /// The size the base64 text stands for (what a user would call the image's size).
    static func decodedSize(_ base64: String) -> Int {
        Data(base64Encoded: base64, options: .ignoreUnknownCharacters)?.count ?? base64.utf8.count
    }

    /// At most `ToolCallResult.maxTextBytes` bytes of UTF-8, cut at a character boundary, and a
    /// line saying how much was left out.
    static func capped(_ text: String, limit: Int = ToolCallResult.maxTextBytes) -> String {
        let total = text.utf8.count
        guard total > limit else { return text }
        var end = text.startIndex
        var bytes = 0
        while end < text.endIndex {
            let size = text[end].utf8.count
            if bytes + size > limit { break }
            bytes += size
            end = text.index(after: end)
        }
        let kept = text[..<end]
        return String(kept) + "\n[cut: \(total - bytes) more bytes not shown]"
    }
}
