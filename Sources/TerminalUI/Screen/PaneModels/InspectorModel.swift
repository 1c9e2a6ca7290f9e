import ChatCore
import StreamProtocol

/// What the message inspector draws: the message it shows (nil once it is gone from the open
/// session), the request recorded with it, which view and how far scrolled, its title and keys.
struct InspectorModel: Equatable {
    var message: Message?
    var request: InspectedRequest
    var view: MessageInspector.View
    /// The first row asked for (`MessageInspector.scroll`); the view clamps it to the rows.
    var requestedRow: Int
    /// The views print fields the dialect and the key variable name.
    var profile: Profile
    /// "Reply · 5m ago · model".
    var title: String
    var hints: [String]

    /// `lastIndex`: where the inspected message was last found in the open session's messages,
    /// tried before searching them again (the renderer keeps it between frames).
    init(_ inspector: MessageInspector, _ state: borrowing AppState, lastIndex: inout Int?) {
        let message = Self.find(inspector.messageID, in: state, lastIndex: &lastIndex)
        self.message = message
        request = message.map { InspectorContent.request(for: $0, inspector: inspector) } ?? .loading
        view = inspector.view
        requestedRow = inspector.scroll.requestedRow
        profile = state.launch.profile
        var title = "Reply"
        if let message {
            title += " · " + InspectorView.age(message.createdAtMillis, now: state.status.nowMillis)
            if let model = message.model, !model.isEmpty { title += " · " + model }
        }
        self.title = title
        let keymap = state.keymap
        hints = [
            keymap.hint(.copy, in: [.inspector]), keymap.hint(.olderReply, .newerReply, in: [.inspector]),
            keymap.hint(.close, in: [.inspector]), keymap.hint(.nextView, in: [.inspector]),
            keymap.hint(.scrollUp, .scrollDown, in: [.inspector], label: "scroll"),
        ].compactMap { $0 }
    }

    /// The message with `id`: the reply in flight, a compare column's, or one of the open
    /// session's messages (searched from the newest, where the inspector starts; the last hit
    /// is tried first).
    private static func find(_ id: String, in state: borrowing AppState, lastIndex: inout Int?) -> Message? {
        if let reply = state.streaming.active?.reply, reply.id == id, state.streaming.active?.sessionID == state.conversation.activeSessionID { return reply }
        if let column = state.compare.run?.columns.first(where: { $0.reply.id == id }) { return column.reply }
        let messages = state.conversation.messages
        if let index = lastIndex, index < messages.count, messages[index].id == id { return messages[index] }
        guard let index = messages.lastIndex(where: { $0.id == id }) else { return nil }
        lastIndex = index
        return messages[index]
    }
}
