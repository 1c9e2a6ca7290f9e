/// The `text` keymap, typing and pasting, for whichever text input has the keys: the palette's
/// filter, the field editor, the model filter, the preset name, or the message box. One
/// implementation for all of them, so a key means the same in each. The root's: the input that
/// has the keys may be any feature's (or an overlay's), decided by the whole app's key stack.

/// Which input has the keys, and whether it takes line breaks.
private enum TextTarget {
    case palette, fieldEditor(multiline: Bool), modelFilter, presetName, conversationSearch, sessionRename, sessionSearch, compareSweep
    case composer

    /// The most characters the input takes: a query or a list's filter is bounded
    /// (`TextInput.queryCharacterLimit`); the message box, the field editor, a session's
    /// title and the compare sweep are not.
    var characterLimit: Int? {
        switch self {
        case .palette, .modelFilter, .presetName, .conversationSearch, .sessionSearch: return TextInput.queryCharacterLimit
        case .fieldEditor, .sessionRename, .compareSweep, .composer: return nil
        }
    }

    /// The input of the context that reads keys first, when that context has one: the same
    /// decision as `KeyContext.stack(for:)`, not a second copy of it.
    init?(_ state: AppState) {
        switch KeyContext.stack(for: state).first {
        case .palette?: self = .palette
        case .fieldEditor?: self = .fieldEditor(multiline: state.destination?.fieldEditor?.field.isMultiline ?? false)
        case .modelPicker?: self = .modelFilter
        case .presetName?: self = .presetName
        case .conversationSearch?: self = .conversationSearch
        case .sessionRename?: self = .sessionRename
        case .sessionSearch?: self = .sessionSearch
        case .compareSetup?: self = .compareSweep
        case .message?: self = .composer
        default: return nil
        }
    }
}

/// Applies `body` to the input that has the keys. A change of the text resets what depends on
/// it (a filtered list's selection); nil when no input has the keys.
@discardableResult
private func editTarget<R>(_ state: inout AppState, _ body: (inout TextInput) -> R) -> R? {
    guard let target = TextTarget(state) else { return nil }
    switch target {
    case .palette:
        guard case var .palette(palette)? = state.destination else { return nil }
        let before = palette.filter.text
        let result = body(&palette.filter)
        if palette.filter.text != before { palette.selection.selectFirst() }
        state.destination = .palette(palette)
        return result
    case .fieldEditor:
        guard case var .fieldEditor(editor)? = state.destination else { return nil }
        let result = body(&editor.text)
        // The error stays until the next accept: it is what the user is fixing.
        state.destination = .fieldEditor(editor)
        return result
    case .modelFilter:
        guard case var .modelPicker(picker)? = state.destination else { return nil }
        let before = picker.filter.text
        let result = body(&picker.filter)
        if picker.filter.text != before { picker.selection.selectFirst() }
        state.destination = .modelPicker(picker)
        return result
    case .presetName:
        guard case var .presets(picker)? = state.destination, var naming = picker.naming else { return nil }
        let result = body(&naming)
        picker.naming = naming
        state.destination = .presets(picker)
        return result
    case .conversationSearch:
        guard var search = state.conversation.search else { return nil }
        let before = search.query.text
        let result = body(&search.query)
        state.conversation.search = search
        if search.query.text != before { refreshConversationSearch(&state) }
        return result
    case .sessionSearch:
        // A change of the query asks the store again: `reduce` sees it (effects cannot leave here).
        guard var search = state.sessions.search else { return nil }
        let result = body(&search.query)
        state.sessions.search = search
        return result
    case .sessionRename:
        guard case var .sessionPrompt(rename)? = state.destination else { return nil }
        let result = body(&rename.title)
        state.destination = .sessionPrompt(rename)
        return result
    case .compareSweep:
        guard var compare = state.compare.run else { return nil }
        let result = body(&compare.sweep)
        state.compare.run = compare
        return result
    case .composer:
        return body(&state.composer.input)
    }
}

/// Typed text (a key, a line break from `newline`) goes into the input that has the keys, as
/// much of it as the input takes (a query is bounded); what is left out is said.
func typeText(_ state: inout AppState, _ text: String) {
    guard let limit = TextTarget(state)?.characterLimit else {
        editTarget(&state) { $0.insert(text) }
        return
    }
    if editTarget(&state, { $0.insert(text, limit: limit) }) == true {
        state.status.notice = "A search or filter takes at most \(limit) characters: the rest was left out."
    }
}

/// A paste goes where text is being typed: the palette's filter, the field editor, the model
/// filter or a preset's name when one is open; otherwise into the message box, whatever had
/// focus. Inputs of one line drop the line breaks a copied line usually ends with; a break
/// inside a single-line field is kept and refused on accept, so it is seen.
func pasted(_ state: inout AppState, _ text: String) -> [Effect] {
    if TextTarget(state) == nil {
        state.destination = nil
        state.screen.focus = .composer
    }
    guard let target = TextTarget(state) else { return [] }
    insertFitted(&state, text, into: target)
    return []
}

/// Pasted or yanked text as the input takes it: one-line inputs drop line breaks, a bounded
/// one reads no further than its limit (a megabyte's paste costs what the limit does).
private func insertFitted(_ state: inout AppState, _ text: String, into target: TextTarget) {
    let fitted: String
    switch target {
    case .fieldEditor(multiline: false): fitted = trimmingNewlines(text)
    case .palette, .modelFilter, .presetName, .conversationSearch, .sessionRename, .sessionSearch, .compareSweep:
        // One more than the limit, so `typeText` still sees that something was left out.
        let lines = text.lazy.filter { !$0.isNewline }
        fitted = String(target.characterLimit.map { lines.prefix($0 + 1) } ?? lines.prefix(Int.max))
    default: fitted = text
    }
    typeText(&state, fitted)
}

/// The `text` commands. Nil where they do not apply (no input, nothing to delete to the end of
/// the line, no line above), so the key falls through: Ctrl+K at the end of a line opens the
/// palette, ↑ on a single line does nothing harmful.
func textCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    if case .composer? = TextTarget(state) {
        let reduced = reduceComposer(&state.composer, .edit(command))
        return reduced.delegates.contains(.notApplied) ? nil : reduced.effects
    }
    if command == .yank, let target = TextTarget(state), target.characterLimit != nil {
        // Ctrl+Y puts back what a delete kept (maybe a whole message): into a query, as a
        // paste would, so it is bounded the same way.
        insertFitted(&state, state.composer.killBuffer, into: target)
        return []
    }
    var killed: String?
    let buffer = state.composer.killBuffer
    let applied: Bool? = editTarget(&state) { input in
        let result = applyTextCommand(command, to: &input, killBuffer: buffer)
        killed = result.killed
        return result.applied
    }
    guard applied == true else { return nil }
    if let killed, !killed.isEmpty { state.composer.killBuffer = killed }
    return []
}

func trimmingNewlines(_ text: String) -> String {
    var t = Substring(text)
    while let first = t.first, first.isNewline { t.removeFirst() }
    while let last = t.last, last.isNewline { t.removeLast() }
    return String(t)
}
