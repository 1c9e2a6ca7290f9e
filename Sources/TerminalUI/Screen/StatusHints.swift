import ChatCore

/// The status line's key hints: the keys of what has the keys now (the focused pane, a search
/// or rename line), then help, the palette, the next pane and quit. Enter sends in the message
/// box, inspects in the conversation and opens in the sessions pane, and the line says so.
/// The parameters pane and every overlay draw their own hint line; here they get the common
/// keys only. All from the keymap, so a rebound key shows as bound.
enum StatusHints {
    /// What the hints are made from (built from the state in `StatusLineModel`).
    struct Facts: Equatable {
        var keymap: Keymap
        var isStreaming: Bool
        /// The key contexts below the palette (`KeyContext.stackBelowPalette`); empty while a
        /// reply streams (the hints then do not depend on it).
        var stack: [KeyContext]
        /// The sessions pane's prompt exports (rather than renames).
        var exporting: Bool
        var zoomed: Bool
        var terminalWidth: Int
        /// A tool call waiting or running (`ToolsState.turn`).
        var tool: ToolActivity = .none
    }

    /// What a tool turn asks of the status line.
    enum ToolActivity: Equatable {
        case none
        /// A call waits for `y`/`a`/`n` (the keys are the `tool-approval` context's when it
        /// has the keys, else the line says a call waits).
        case awaitingApproval
        /// Tenths of a second the running call has taken.
        case running(tenths: Int64)
    }

    /// Most useful first: the line drops hints from the end when it is short of room.
    static func make(_ facts: Facts) -> [String] {
        let keymap = facts.keymap
        if facts.isStreaming {
            return [keymap.hint(.cancel, in: [.global]), keymap.hint(.help, in: [.global]), keymap.hint(.palette, in: [.app])]
                .compactMap { $0 }
        }
        let stack = facts.stack
        var own: [String?]
        switch stack.first {
        case .toolApproval?:
            own = ToolRowsContext.approvalHintItems(keymap)
        case .message?:
            own = [keymap.hint(.send, in: [.message])]
        case .conversation?:
            own = [
                keymap.hint(.previousMessage, .nextMessage, in: [.conversation], label: "select"),
                twoKeys(.inspect, in: .conversation, keymap),
                keymap.hint(.copyMessage, in: [.conversation], label: "copy"),
                keymap.hint(.searchConversation, in: [.conversation], label: "search"),
            ]
        case .sessions?:
            own = [
                keymap.hint(.selectPrevious, .selectNext, in: [.sessions], label: "select"),
                keymap.hint(.choose, in: [.sessions], label: "open"),
                keymap.hint(.searchSessions, in: [.sessions], label: "search"),
            ]
        case .sessionSearch?:
            own = [
                keymap.hint(.selectPrevious, .selectNext, in: [.sessionSearch], label: "hit"),
                keymap.hint(.choose, in: [.sessionSearch], label: "open"),
                keymap.hint(.close, in: [.sessionSearch], label: "back"),
            ]
        case .sessionRename?:
            let exporting = facts.exporting
            own = [
                keymap.hint(.accept, in: [.sessionRename], label: exporting ? "export" : "rename"),
                exporting ? keymap.hint(.nextFormat, in: [.sessionRename], label: "format") : nil,
                keymap.hint(.close, in: [.sessionRename], label: "cancel"),
            ]
        case .conversationSearch?:
            own = [keymap.hint(.accept, in: [.conversationSearch], label: "done"), keymap.hint(.close, in: [.conversationSearch], label: "close")]
        default:
            own = []
        }
        switch facts.tool {
        case .none:
            break
        case .awaitingApproval where stack.first != .toolApproval:
            // The approval keys are read while the conversation has the keys: say where.
            own.insert(contentsOf: ["⚙ a tool call waits", keymap.hint(.focusConversation, in: [.global], label: "answer")], at: 0)
        case .awaitingApproval:
            break
        case let .running(tenths):
            own.insert("tool running " + ToolBlockRows.tenthsText(tenths), at: 0)
            own.insert(keymap.hint(.cancel, in: [.global], label: "stop"), at: 1)
        }
        let common = [
            keymap.hint(.help, in: stack), keymap.hint(.palette, in: [.app]),
            stack.contains(.global) ? keymap.hint(.focusNext, in: [.global]) : nil, keymap.hint(.quit, in: [.app]),
        ]
        // Where the side panes squeeze the conversation (or are hidden by the zoom), the key
        // that changes it (where global keys act); last, so it is the first hint to go when the
        // line is short.
        let zoom = stack.contains(.global) && (facts.zoomed || facts.terminalWidth < 120) ? [keymap.hint(.toggleZoom, in: [.global])] : []
        return (own + common + zoom).compactMap { $0 }
    }

    /// "i/⏎ inspect": a command's first two keys, when a second one (Enter) is worth learning.
    private static func twoKeys(_ command: Command, in context: KeyContext, _ keymap: Keymap) -> String? {
        let keys = keymap.keys(for: command, in: context).prefix(2).map(KeyName.short)
        guard !keys.isEmpty else { return nil }
        return keys.joined(separator: "/") + " " + command.label
    }
}
