/// The keys chatterm ships with, context by context, in the order help and docs/keys.md list
/// them. This table is the only place a default key is written down: the reducer dispatches
/// through it, and help, hints, the palette and docs/keys.md are made from it.
enum DefaultKeymap {
    /// Moving in a list (sessions, parameters, presets), vi keys beside the arrows.
    static let listMoves: [(Command, [Key])] = [
        (.selectPrevious, [.up, .character("k")]),
        (.selectNext, [.down, .character("j")]),
        (.selectFirst, [.home]),
        (.selectLast, [.end]),
    ]

    /// Scrolling a text overlay (inspector, help).
    static let scrollMoves: [(Command, [Key])] = [
        (.scrollUp, [.up, .character("k")]),
        (.scrollDown, [.down, .character("j")]),
        (.scrollPageUp, [.pageUp]),
        (.scrollPageDown, [.pageDown]),
        (.scrollTop, [.home]),
        (.scrollBottom, [.end]),
    ]

    /// Where something is typed (an editor, a prompt, a search line, the palette) and over an
    /// overlay (presets, inspector, help), Ctrl+C closes it as Esc does: it never quits
    /// chatterm with the typed text on screen, nor from under what the user was reading.
    static let table: [(context: KeyContext, bindings: [(Command, [Key])])] = [
        (.app, [
            (.quit, [.control("q")]),
            (.interrupt, [.control("c")]),
            (.palette, [.control("k")]),
        ]),
        (.global, [
            (.cancel, [.escape]),
            (.help, [.function(1)]),
            (.newSession, [.control("n")]),
            (.cycleTheme, [.alt("t")]),
            (.toggleZoom, [.alt("z")]),
            (.switchProfile, [.alt("p")]),
            (.toggleMouse, [.alt("m")]),
            (.retry, [.control("r")]),
            (.presets, [.control("p")]),
            (.focusNext, [.tab]),
            (.focusPrevious, [.backTab]),
            (.focusSessions, [.alt("1")]),
            (.focusConversation, [.alt("2")]),
            (.focusParameters, [.alt("3")]),
            (.focusMessage, [.alt("4")]),
            (.compare, [.control("g")]),
            (.startLocalServer, [.alt("l")]),
            (.tools, [.control("t")]),
        ]),
        (.message, [
            (.send, [.enter]),
            (.newline, [.altEnter, .control("j")]),
            // Ctrl+C never throws away a typed message: it clears the box first (into the kill
            // buffer, so Ctrl+Y brings it back); with the box empty it passes on to interrupt.
            (.clearMessage, [.control("c")]),
            (.previousPrompt, [.up]),
            (.nextPrompt, [.down]),
            // Reading back while typing: the conversation scrolls without taking focus.
            (.scrollPageUp, [.pageUp]),
            (.scrollPageDown, [.pageDown]),
        ]),
        (.conversation, [
            (.previousMessage, [.up, .character("k")]),
            (.nextMessage, [.down, .character("j")]),
            (.scrollUp, [.character("K")]),
            (.scrollDown, [.character("J")]),
            (.scrollPageUp, [.pageUp]),
            (.scrollPageDown, [.pageDown]),
            (.scrollTop, [.home, .character("g")]),
            (.scrollBottom, [.end, .character("G")]),
            (.inspect, [.character("i"), .enter]),
            (.copyMessage, [.character("y")]),
            (.copyCodeBlock, [.character("c")]),
            (.copyConversation, [.character("Y")]),
            (.searchConversation, [.character("/")]),
            (.nextMatch, [.character("n")]),
            (.previousMatch, [.character("N")]),
            (.editMessage, [.character("e")]),
            (.regenerate, [.character("r")]),
            (.previousVersion, [.character("[")]),
            (.nextVersion, [.character("]")]),
            (.deleteMessage, [.character("d")]),
            (.forkFromMessage, [.character("f")]),
            (.undoDelete, [.character("u")]),
            (.toggleMarkdown, [.character("m")]),
            (.toggleDetails, [.character("t")]),
            (.answerToolCall, [.character("a")]),
            (.help, [.character("?")]),
        ]),
        (.sessions, listMoves + [
            (.choose, [.enter]),
            (.searchSessions, [.character("/")]),
            (.renameSession, [.character("R")]),
            (.forkSession, [.character("f")]),
            (.deleteSession, [.character("d")]),
            (.exportSession, [.character("x")]),
            (.undoDelete, [.character("u")]),
            (.help, [.character("?")]),
        ]),
        (.parameters, listMoves + [
            (.stepDown, [.left]),
            (.stepUp, [.right]),
            (.bigStepDown, [.shiftLeft]),
            (.bigStepUp, [.shiftRight]),
            (.editValue, [.enter]),
            (.unset, [.backspace, .delete]),
            (.pickModel, [.character("m")]),
            (.randomSeed, [.character("r")]),
            (.newSessionID, [.character("g")]),
            (.editInEditor, [.character("e")]),
            (.cycleResponseFormat, [.character("f")]),
            (.resetParameters, [.character("R")]),
            (.presets, [.character("p")]),
            (.help, [.character("?")]),
        ]),
        (.fieldEditor, [
            // `accept` has send's keys unless bound itself (`followers`).
            (.accept, [.enter]),
            (.close, [.escape, .control("c")]),
            (.newline, [.altEnter, .control("j")]),
        ]),
        (.modelPicker, [
            (.selectPrevious, [.up]),
            (.selectNext, [.down]),
            (.choose, [.enter]),
            (.close, [.escape, .control("c")]),
        ]),
        (.presets, listMoves + [
            (.choose, [.enter]),
            (.savePreset, [.character("s")]),
            (.deletePreset, [.character("d"), .delete]),
            (.close, [.escape, .character("q"), .control("c")]),
        ]),
        (.presetName, [
            (.accept, [.enter]),
            (.close, [.escape, .control("c")]),
        ]),
        (.conversationSearch, [
            (.accept, [.enter]),
            (.close, [.escape, .control("c")]),
        ]),
        (.sessionRename, [
            (.accept, [.enter]),
            (.close, [.escape, .control("c")]),
            (.nextFormat, [.tab]),
        ]),
        (.sessionSearch, [
            (.selectPrevious, [.up]),
            (.selectNext, [.down]),
            (.choose, [.enter]),
            (.close, [.escape, .control("c")]),
        ]),
        (.compareSetup, [
            (.accept, [.enter]),
            (.close, [.escape, .control("c")]),
            (.help, [.function(1)]),
        ]),
        (.compare, [
            (.previousColumn, [.left, .character("h"), .backTab]),
            (.nextColumn, [.right, .character("l"), .tab]),
        ] + scrollMoves + [
            (.choose, [.enter]),
            (.pickWithParameters, [.character("p")]),
            (.stopColumn, [.character("x")]),
            (.scrollTogether, [.character("s")]),
            (.inspect, [.character("i")]),
            (.exportCompare, [.character("w")]),
            (.close, [.escape, .character("q")]),
            (.help, [.function(1), .character("?")]),
        ]),
        (.inspector, [
            (.nextView, [.tab, .right]),
            (.previousView, [.backTab, .left]),
            (.viewParameters, [.character("1")]),
            (.viewBody, [.character("2")]),
            (.viewCurl, [.character("3")]),
            (.olderReply, [.character("[")]),
            (.newerReply, [.character("]")]),
        ] + scrollMoves + [
            (.copy, [.character("y")]),
            (.close, [.escape, .character("q"), .control("c")]),
        ]),
        (.help, [
            (.close, [.escape, .character("?"), .character("q"), .enter, .function(1), .control("c")]),
        ] + scrollMoves),
        // A delete's question: `y` deletes; `n` (or any other key) keeps. Ctrl+C and Ctrl+Q
        // answer no and then do their own job (the `app` keys are asked next).
        (.confirm, [
            (.confirm, [.character("y")]),
            (.decline, [.character("n")]),
        ]),
        // After `c`: the block's number. Any other key cancels and does what it always does.
        (.codeBlock, Command.copyBlocks.enumerated().map { ($0.element, [Key.character(Character(String($0.offset + 1)))]) }),
        // A tool call waits: asked before the conversation's own keys while it has the focus.
        // Esc stops the turn (the call is refused, nothing more is sent).
        (.toolApproval, [
            (.runTool, [.character("y")]),
            (.alwaysRunTool, [.character("a")]),
            (.refuseTool, [.character("n")]),
            (.runAllTools, [.character("A")]),
            (.cancel, [.escape]),
        ]),
        (.tools, listMoves + [
            (.toggleTool, [.character(" "), .enter]),
            (.close, [.escape, .character("q"), .control("c")]),
        ]),
        (.palette, [
            (.selectPrevious, [.up]),
            (.selectNext, [.down]),
            (.choose, [.enter]),
            (.close, [.escape, .control("c")]),
        ]),
        (.text, [
            (.cursorLeft, [.left, .control("b")]),
            (.cursorRight, [.right, .control("f")]),
            (.wordLeft, [.alt("b"), .ctrlLeft]),
            (.wordRight, [.alt("f"), .ctrlRight]),
            (.lineStart, [.home, .control("a")]),
            (.lineEnd, [.end, .control("e")]),
            (.lineUp, [.up]),
            (.lineDown, [.down]),
            (.deleteBackward, [.backspace]),
            (.deleteForward, [.delete, .control("d")]),
            (.deleteWordBackward, [.control("w"), .altBackspace]),
            (.deleteWordForward, [.alt("d")]),
            (.deleteToLineStart, [.control("u")]),
            (.deleteToLineEnd, [.control("k")]),
            (.yank, [.control("y")]),
        ]),
    ]

    /// Commands that pass their key on to the next context when they have nothing to do, by
    /// design: Ctrl+K deletes to the end of the line, and at the end opens the palette; Esc
    /// stops a stream, and otherwise closes what the next context has open. A key they share
    /// with a later context is not hidden from it. Ctrl+C clears a typed message, and with the
    /// box empty (or a reply streaming) stops the reply or quits.
    static let passingOn: Set<Command> = [.deleteToLineEnd, .cancel, .clearMessage]

    /// Bindings whose keys follow another's unless the user binds them: the field editor
    /// accepts with whatever sends a message, so swapping send and newline carries over to the
    /// multi-line editor instead of leaving it with no way to accept.
    static let followers: [(context: KeyContext, command: Command, leader: (KeyContext, Command))] = [
        (.fieldEditor, .accept, (.message, .send)),
    ]
}
