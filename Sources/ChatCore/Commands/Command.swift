/// Everything a key can do, by name. The name is what config.toml's `[keys]` table, the
/// palette (Ctrl+K) and docs/keys.md use; `summary` is the help text, `label` the one or two
/// words of a hint line. Which keys run a command, and where, is the keymap's business
/// (`DefaultKeymap`, `Keymap`); what it does is the reducer's (`perform`).
public enum Command: String, Sendable, Equatable, Hashable, CaseIterable {
    // Anywhere.
    case quit
    case interrupt
    case palette

    // With no overlay open (and under the help overlay).
    case cancel
    case help
    case newSession = "new-session"
    case cycleTheme = "cycle-theme"
    case toggleZoom = "toggle-zoom"
    case switchProfile = "switch-profile"
    case toggleMouse = "toggle-mouse"
    case retry
    case presets
    case focusNext = "focus-next"
    case focusPrevious = "focus-previous"
    case focusSessions = "focus-sessions"
    case focusConversation = "focus-conversation"
    case focusParameters = "focus-parameters"
    case focusMessage = "focus-message"
    case compare
    case startLocalServer = "start-local-server"
    /// The tools overlay: MCP servers, their tools, a switch per tool.
    case tools

    // The message box.
    case send
    case newline
    case clearMessage = "clear-message"
    case previousPrompt = "previous-prompt"
    case nextPrompt = "next-prompt"

    // Scrolling: the conversation, the inspector, the help overlay.
    case scrollUp = "scroll-up"
    case scrollDown = "scroll-down"
    case scrollPageUp = "scroll-page-up"
    case scrollPageDown = "scroll-page-down"
    case scrollTop = "scroll-top"
    case scrollBottom = "scroll-bottom"
    case inspect
    case previousMessage = "previous-message"
    case nextMessage = "next-message"
    case copyMessage = "copy-message"
    case copyCodeBlock = "copy-code-block"
    case copyConversation = "copy-conversation"
    case searchConversation = "search-conversation"
    case nextMatch = "next-match"
    case previousMatch = "previous-match"
    case searchSessions = "search-sessions"
    case renameSession = "rename-session"
    case forkSession = "fork-session"
    case forkFromMessage = "fork-from-message"
    case deleteSession = "delete-session"
    case exportSession = "export-session"
    case nextFormat = "next-format"
    case deleteMessage = "delete-message"
    case undoDelete = "undo-delete"
    case toggleMarkdown = "toggle-markdown"
    case toggleDetails = "toggle-details"
    case answerToolCall = "answer-tool-call"
    case editMessage = "edit-message"
    case regenerate
    case previousVersion = "previous-version"
    case nextVersion = "next-version"

    // A tool call's approval (the `tool-approval` context), and the tools overlay.
    case runTool = "run-tool"
    case alwaysRunTool = "always-run-tool"
    case refuseTool = "refuse-tool"
    case runAllTools = "run-all-tools"
    case toggleTool = "toggle-tool"

    // Answers to a question on the status line: a delete's y/n, the code block's number after `c`.
    case confirm
    case decline
    case copyBlock1 = "copy-block-1"
    case copyBlock2 = "copy-block-2"
    case copyBlock3 = "copy-block-3"
    case copyBlock4 = "copy-block-4"
    case copyBlock5 = "copy-block-5"
    case copyBlock6 = "copy-block-6"
    case copyBlock7 = "copy-block-7"
    case copyBlock8 = "copy-block-8"
    case copyBlock9 = "copy-block-9"

    // Lists: sessions, parameters, model picker, presets, palette.
    case selectPrevious = "select-previous"
    case selectNext = "select-next"
    case selectFirst = "select-first"
    case selectLast = "select-last"
    case choose
    case close

    // The parameters pane.
    case stepDown = "step-down"
    case stepUp = "step-up"
    case bigStepDown = "big-step-down"
    case bigStepUp = "big-step-up"
    case editValue = "edit-value"
    case unset
    case pickModel = "pick-model"
    case randomSeed = "random-seed"
    case newSessionID = "new-session-id"
    case editInEditor = "edit-in-editor"
    case cycleResponseFormat = "cycle-response-format"
    case resetParameters = "reset-parameters"

    // The field editor and the preset name prompt.
    case accept

    // The presets overlay.
    case savePreset = "save-preset"
    case deletePreset = "delete-preset"

    // The inspector.
    case nextView = "next-view"
    case previousView = "previous-view"
    case viewParameters = "view-parameters"
    case viewBody = "view-body"
    case viewCurl = "view-curl"
    case olderReply = "older-reply"
    case newerReply = "newer-reply"
    case copy

    // Compare: the columns.
    case previousColumn = "previous-column"
    case nextColumn = "next-column"
    case stopColumn = "stop-column"
    case pickWithParameters = "pick-with-parameters"
    case scrollTogether = "scroll-together"
    case exportCompare = "export-compare"

    // Every text input.
    case cursorLeft = "cursor-left"
    case cursorRight = "cursor-right"
    case wordLeft = "word-left"
    case wordRight = "word-right"
    case lineStart = "line-start"
    case lineEnd = "line-end"
    case lineUp = "line-up"
    case lineDown = "line-down"
    case deleteBackward = "delete-backward"
    case deleteForward = "delete-forward"
    case deleteWordBackward = "delete-word-backward"
    case deleteWordForward = "delete-word-forward"
    case deleteToLineStart = "delete-to-line-start"
    case deleteToLineEnd = "delete-to-line-end"
    case yank

    /// What the command does in `context`, for help and docs/keys.md: `summary`, but for a
    /// shared command that does something else there (Esc under a tool call's prompt).
    public func summary(in context: KeyContext) -> String {
        switch (self, context) {
        case (.cancel, .toolApproval): return "stop the tool calls: none of the rest runs and nothing more is sent to the model"
        default: return summary
        }
    }

    /// What the command does, for help, the palette and docs/keys.md.
    public var summary: String {
        switch self {
        case .toggleMouse: return "turn the mouse on or off (clicks focus and pick, the wheel scrolls; off leaves the terminal's selection alone)"
        case .switchProfile: return "send the next requests to the next profile of config.toml (the session remembers it)"
        case .cycleTheme: return "switch to the next built-in theme (remembered for the next start unless --theme or the config names one)"
        case .toggleZoom: return "zoom the conversation to the full width (side panes hidden; again to show them); remembered"
        case .quit: return "quit (a streaming reply is stopped and saved first)"
        case .interrupt: return "stop the streaming reply (typed text stays); quit when nothing streams (in the message box, a typed message is cleared first)"
        case .palette: return "the command palette: every command, with where it acts, filtered as you type"
        case .cancel: return "stop the streaming reply (the partial reply is kept, marked interrupted)"
        case .help: return "this help"
        case .newSession: return "new session (a reply still streaming goes on in its own session)"
        case .retry: return "retry the last failed, stopped or unanswered turn"
        case .presets: return "presets: save, apply, delete parameter sets"
        case .focusNext: return "next pane"
        case .focusPrevious: return "previous pane"
        case .focusSessions: return "go to the sessions pane"
        case .focusConversation: return "go to the conversation pane"
        case .focusParameters: return "go to the parameters pane"
        case .focusMessage: return "go to the message box"
        case .send: return "send the message"
        case .newline: return "new line"
        case .clearMessage: return "clear the typed message (Ctrl+Y puts it back; in an edit, leave it); while a reply streams or with the box empty, stop or quit"
        case .previousPrompt: return "line up; on the first line, the previous prompt of this session"
        case .nextPrompt: return "line down; on the last line, the next prompt (then what you were typing)"
        case .scrollUp: return "scroll up a line"
        case .scrollDown: return "scroll down a line"
        case .scrollPageUp: return "scroll up a page"
        case .scrollPageDown: return "scroll down a page"
        case .scrollTop: return "scroll to the top (the conversation selects its first message)"
        case .scrollBottom: return "scroll to the bottom (the conversation selects its last message and follows the reply again)"
        case .inspect: return "inspect the selected reply (on your message, the reply to it): parameters, request body, curl"
        case .previousMessage: return "move the message cursor to the previous message"
        case .nextMessage: return "move the message cursor to the next message (past the last: follow new ones)"
        case .copyMessage: return "copy the selected message's text as it was written"
        case .copyCodeBlock: return "copy a code block of the selected message: then its number (1-9)"
        case .copyConversation: return "copy the whole conversation as Markdown"
        case .searchConversation: return "search the conversation: matches highlight as you type, Enter keeps them for n/N"
        case .nextMatch: return "move the cursor to the next search match"
        case .previousMatch: return "move the cursor to the previous search match"
        case .searchSessions: return "search every session's messages: words, \"phrases\", prefixes*; Enter opens the hit"
        case .forkSession: return "a new session that starts as a copy of the selected one"
        case .forkFromMessage: return "a new session that starts as a copy of this one up to the selected message"
        case .renameSession: return "rename the selected session (Enter saves, Esc keeps the old title)"
        case .deleteSession: return "delete the selected session and all its messages (asks first)"
        case .deleteMessage: return "delete the selected message and everything below it, other versions too (asks first)"
        case .undoDelete: return "put back what the last delete removed (while chatterm runs)"
        case .toggleMarkdown: return "show replies rendered as Markdown or as the raw text the model sent"
        case .editMessage: return "edit the selected message of yours: Enter sends it as a new version, the old one stays"
        case .regenerate: return "ask again for the selected reply with the parameters as they are now (a new version beside it)"
        case .previousVersion: return "show the previous version of the message at or above the cursor"
        case .nextVersion: return "show the next version of the message at or above the cursor"
        case .exportSession: return "write the selected session to a file: Markdown, or JSON with every field and version (Tab in the prompt)"
        case .nextFormat: return "export as the other format (Markdown or JSON); the name's extension follows"
        case .answerToolCall: return "answer the newest reply's tool calls: type each result in the message box (openai dialect)"
        case .toggleDetails: return "show replies' reasoning and sources in full, or as one line each (on a tool result: all of it)"
        case .confirm: return "yes: delete what the question names"
        case .tools: return "tools: the MCP servers, their tools, and which the model is offered in this session"
        case .runTool: return "run this tool call once"
        case .alwaysRunTool: return "run this call, and this tool without asking in this session until chatterm quits"
        case .refuseTool: return "refuse this call: the model is told and can go on"
        case .runAllTools: return "run this call and the reply's other calls without asking again"
        case .toggleTool: return "offer the selected tool to the model in this session, or stop offering it"
        case .decline: return "no: keep it (so does any other key)"
        case .copyBlock1, .copyBlock2, .copyBlock3, .copyBlock4, .copyBlock5, .copyBlock6, .copyBlock7, .copyBlock8, .copyBlock9:
            return "copy code block \(codeBlockNumber ?? 0) of the selected message"
        case .selectPrevious: return "select the previous item"
        case .selectNext: return "select the next item"
        case .selectFirst: return "select the first item"
        case .selectLast: return "select the last item"
        case .choose: return "take the selected item"
        case .close: return "close"
        case .stepDown: return "step the field down (sliders, seed, project_id)"
        case .stepUp: return "step the field up"
        case .bigStepDown: return "big step down"
        case .bigStepUp: return "big step up"
        case .editValue: return "type an exact value (on model: pick one)"
        case .unset: return "unset the field (not sent)"
        case .pickModel: return "choose the model from the server's list"
        case .randomSeed: return "random seed (0 … 2147483647)"
        case .newSessionID: return "a fresh session_id"
        case .editInEditor: return "edit the field in $EDITOR"
        case .cycleResponseFormat: return "response_format: off → json_object → a json_schema template"
        case .resetParameters: return "reset every field to the profile's defaults"
        case .accept: return "accept what was typed (an invalid value says why and stays open)"
        case .savePreset: return "save the current parameters under a name"
        case .deletePreset: return "delete the selected preset"
        case .nextView: return "next view: parameters → body → curl"
        case .previousView: return "previous view"
        case .viewParameters: return "show the parameters"
        case .viewBody: return "show the request body"
        case .viewCurl: return "show the curl command"
        case .olderReply: return "the older reply"
        case .newerReply: return "the newer reply"
        case .copy: return "copy what is shown (OSC 52, also over ssh)"
        case .startLocalServer: return "on the welcome screen: start the bundled local server and use it for this run"
        case .compare: return "compare: the prompt typed (or the message of yours under the cursor) asked with several parameter sets, side by side"
        case .previousColumn: return "the previous column"
        case .nextColumn: return "the next column"
        case .stopColumn: return "stop the selected column's reply (the others go on)"
        case .pickWithParameters: return "pick the selected column's reply and make its parameters the session's"
        case .scrollTogether: return "scroll every column together, or only the selected one"
        case .exportCompare: return "write the comparison to a Markdown file: one table of replies and their parameters"
        case .cursorLeft: return "caret left"
        case .cursorRight: return "caret right"
        case .wordLeft: return "caret to the previous word"
        case .wordRight: return "caret past the next word"
        case .lineStart: return "caret to the start of the line"
        case .lineEnd: return "caret to the end of the line"
        case .lineUp: return "caret up a line"
        case .lineDown: return "caret down a line"
        case .deleteBackward: return "delete the character before the caret"
        case .deleteForward: return "delete the character under the caret"
        case .deleteWordBackward: return "delete the word before the caret"
        case .deleteWordForward: return "delete the word after the caret"
        case .deleteToLineStart: return "delete to the start of the line"
        case .deleteToLineEnd: return "delete to the end of the line (nothing there: falls through, e.g. to the palette)"
        case .yank: return "insert the text deleted last (Ctrl+U/K/W)"
        }
    }

    /// One or two words for a hint line ("Enter send"). Looked up, not built: hint lines are
    /// drawn every frame.
    public var label: String { Self.labels[self] ?? rawValue }

    private static let labels: [Command: String] = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.makeLabel()) })

    private func makeLabel() -> String {
        switch self {
        case .interrupt: return "stop"
        case .palette: return "commands"
        case .cancel: return "stop"
        case .newSession: return "new"
        case .focusNext: return "pane"
        case .toggleZoom: return "zoom"
        case .focusPrevious: return "back"
        case .previousPrompt: return "history"
        case .scrollTop: return "top"
        case .scrollBottom: return "bottom"
        case .selectPrevious, .selectNext: return "choose"
        case .stepDown, .stepUp: return "step"
        case .editValue: return "type"
        case .pickModel: return "model"
        case .randomSeed: return "random"
        case .newSessionID: return "new id"
        case .editInEditor: return "$EDITOR"
        case .cycleResponseFormat: return "cycle"
        case .resetParameters: return "reset all"
        case .savePreset: return "save"
        case .deletePreset: return "delete"
        case .nextView: return "view"
        case .olderReply, .newerReply: return "reply"
        case .deleteToLineStart: return "clear"
        case .clearMessage: return "clear"
        case .previousColumn, .nextColumn: return "column"
        case .stopColumn: return "stop"
        case .pickWithParameters: return "pick + params"
        case .scrollTogether: return "together"
        case .exportCompare: return "export"
        case .startLocalServer: return "local server"
        case .confirm: return "yes"
        case .decline: return "no"
        case .runTool: return "run"
        case .alwaysRunTool: return "always"
        case .refuseTool: return "refuse"
        case .runAllTools: return "run all"
        case .toggleTool: return "on/off"
        default: return rawValue.replacingOccurrences(of: "-", with: " ")
        }
    }
}

extension Command {
    /// The code blocks `c` then a digit copies, in order: `copy-block-1` is the first.
    static let copyBlocks: [Command] = [
        .copyBlock1, .copyBlock2, .copyBlock3, .copyBlock4, .copyBlock5, .copyBlock6, .copyBlock7, .copyBlock8, .copyBlock9,
    ]

    /// The block number a `copy-block-N` command copies; nil for every other command.
    var codeBlockNumber: Int? { Command.copyBlocks.firstIndex(of: self).map { $0 + 1 } }
}
