import ChatCore
import Foundation
import StreamProtocol

/// ChatGPT's data export (`conversations.json`): an array of conversations, each a `mapping`
/// of nodes (`message`, `parent`, `children`) with `current_node` the end of the path shown, so
/// its branches (edits, regenerations) come in as chatterm versions. Nodes without text (the
/// empty root, hidden system context, browsing output, images) are left out and their children
/// hang from the nearest ancestor kept.
enum ChatGPTExport {
    static func looksLike(_ json: JSONValue) -> Bool {
        guard case let .array(items) = json, let first = items.first else { return false }
        return first["mapping"] != nil
    }

    static func conversations(in json: JSONValue) -> [ImportedConversation] {
        guard case let .array(items) = json else { return [] }
        return items.enumerated().map { index, item in conversation(item, number: index + 1) }
    }

    private struct Node {
        var parent: String?
        var children: [String]
        var message: JSONValue?
    }

    private static func conversation(_ item: JSONValue, number: Int) -> ImportedConversation {
        let sourceID = item["conversation_id"]?.stringValue ?? item["id"]?.stringValue ?? "conversation-\(number)"
        // A fixed id per source conversation: importing the same export twice finds it stored.
        let sessionID = "chatgpt-" + sourceID
        var nodes: [String: Node] = [:]
        var order: [String] = []
        if case let .object(members)? = item["mapping"] {
            for (key, value) in members {
                var children: [String] = []
                if case let .array(list)? = value["children"] { children = list.compactMap(\.stringValue) }
                nodes[key] = Node(parent: value["parent"]?.stringValue, children: children, message: value["message"])
                order.append(key)
            }
        }
        let created = millis(item["create_time"]) ?? 0
        var imported = ImportedConversation(
            sessionID: sessionID, title: item["title"]?.stringValue ?? "", createdAtMillis: created,
            updatedAtMillis: millis(item["update_time"]) ?? created, nodes: [])

        // The path shown: the current node and its ancestors.
        var onPath: Set<String> = []
        var walk = item["current_node"]?.stringValue
        while let id = walk, onPath.insert(id).inserted { walk = nodes[id]?.parent }

        // Parents before children, siblings in the export's order: depth first from the roots.
        var stack = order.filter { nodes[$0]?.parent.map { nodes[$0] == nil } ?? true }.reversed().map { ($0, nil as String?) }
        var seen: Set<String> = []
        while let (id, keptAncestor) = stack.popLast() {
            guard seen.insert(id).inserted, let node = nodes[id] else { continue }
            var parentForChildren = keptAncestor
            if let message = node.message, !message.isNull {
                switch self.message(message, id: sessionID + "-" + id, fallbackTime: created) {
                case let .kept(kept):
                    imported.nodes.append(.init(message: kept, parentID: keptAncestor, onPath: onPath.contains(id)))
                    parentForChildren = kept.id
                case let .skipped(reason?):
                    imported.skipped.append("“\(imported.title)”, message \(id): \(reason)")
                case .skipped(nil):
                    break
                }
            }
            for child in node.children.reversed() { stack.append((child, parentForChildren)) }
        }
        if imported.title.isEmpty, let first = imported.nodes.first(where: { $0.message.role == .user }) {
            imported.title = SessionTitle.make(fromFirstUserMessage: first.message.content)
        }
        return imported
    }

    private enum Outcome {
        case kept(Message)
        /// With the reason to report; nil for nodes that are scaffolding, not conversation.
        case skipped(String?)
    }

    private static func message(_ json: JSONValue, id: String, fallbackTime: Int64) -> Outcome {
        let role = json["author"]?["role"]?.stringValue ?? ""
        let content = json["content"]
        let type = content?["content_type"]?.stringValue ?? "text"
        if json["metadata"]?["is_visually_hidden_from_conversation"] == .bool(true) { return .skipped(nil) }
        if role == "tool" { return .skipped("output of the “\(json["author"]?["name"]?.stringValue ?? "tool")” tool") }
        var text: String
        switch type {
        case "text", "multimodal_text":
            let (joined, leftOut) = OpenAIMessages.text(of: content?["parts"])
            text = joined
            if !leftOut.isEmpty, joined.isEmpty { return .skipped("only \(leftOut.joined(separator: ", ")), no text") }
        case "code":
            text = content?["text"]?.stringValue ?? ""
        default:
            return .skipped("content of type “\(type)” is not conversation text")
        }
        let chatRole: ChatRole
        switch role {
        case "user": chatRole = .user
        case "assistant": chatRole = .assistant
        case "system":
            // The export opens with an empty system node; a non-empty one is real context.
            if text.isEmpty { return .skipped(nil) }
            chatRole = .system
        default:
            return .skipped("role “\(role)” is not one chatterm knows")
        }
        if text.isEmpty { return chatRole == .assistant ? .skipped(nil) : .skipped("no text") }
        text = text.trimmingCharacters(in: .newlines)
        var message = Message(
            id: id, role: chatRole, content: text, createdAtMillis: millis(json["create_time"]) ?? fallbackTime)
        if chatRole == .assistant { message.model = json["metadata"]?["model_slug"]?.stringValue }
        return .kept(message)
    }

    /// ChatGPT's times are seconds since 1970 with a fraction.
    private static func millis(_ value: JSONValue?) -> Int64? {
        guard let seconds = value?.doubleValue, seconds.isFinite, abs(seconds) < 1e12 else { return nil }
        return Int64((seconds * 1000).rounded())
    }
}
