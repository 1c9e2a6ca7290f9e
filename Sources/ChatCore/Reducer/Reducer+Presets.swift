/// Ctrl+P or `p`: the presets overlay.
func openPresets(_ state: inout AppState) -> [Effect] {
    state.overlay = .presets(PresetPicker())
    return []
}

/// ↑/↓ choose, Enter applies, `s` saves the current parameters under a typed name, `d` or
/// Delete deletes, Esc closes. While a name is typed the naming prompt owns the keys.
func presetsKey(_ state: inout AppState, _ picker: PresetPicker, _ key: Key, _ stamp: Stamp) -> [Effect] {
    if picker.naming != nil { return presetNamingKey(&state, picker, key) }
    var picker = picker
    let last = max(0, state.presets.count - 1)
    switch key {
    case .escape, .character("q"):
        state.overlay = nil
        return []
    case .up, .character("k"):
        picker.selectedIndex = max(0, picker.selectedIndex - 1)
    case .down, .character("j"):
        picker.selectedIndex = min(last, picker.selectedIndex + 1)
    case .home:
        picker.selectedIndex = 0
    case .end:
        picker.selectedIndex = last
    case .enter:
        return applyPreset(&state, at: picker.selectedIndex, stamp)
    case .character("s"):
        picker.naming = Composer()
        picker.error = nil
    case .character("d"), .delete:
        return deletePreset(&state, picker)
    default:
        return []
    }
    state.overlay = .presets(picker)
    return []
}

private func presetNamingKey(_ state: inout AppState, _ picker: PresetPicker, _ key: Key) -> [Effect] {
    guard var naming = picker.naming else { return [] }
    var picker = picker
    switch key {
    case .escape:
        picker.naming = nil
        picker.error = nil
        state.overlay = .presets(picker)
        return []
    case .enter:
        return savePreset(&state, picker, name: naming.text)
    case let .character(c):
        naming.insert(String(c))
    case .backspace:
        naming.deleteBackward()
    case .delete:
        naming.deleteForward()
    case .left:
        naming.moveLeft()
    case .right:
        naming.moveRight()
    case .home, .control("a"):
        naming.moveToLineStart()
    case .end, .control("e"):
        naming.moveToLineEnd()
    case .control("u"):
        naming.clear()
    default:
        return []
    }
    picker.naming = naming
    state.overlay = .presets(picker)
    return []
}

func pasteIntoPresetName(_ state: inout AppState, _ text: String) {
    guard case var .presets(picker) = state.overlay, var naming = picker.naming else { return }
    naming.insert(String(text.filter { !$0.isNewline }))
    picker.naming = naming
    state.overlay = .presets(picker)
}

/// Saves (or replaces, by name) the current parameters. The session_id override stays out:
/// it names one session, and a preset is for applying to others.
private func savePreset(_ state: inout AppState, _ picker: PresetPicker, name typed: String) -> [Effect] {
    var picker = picker
    let name = ParameterValidation.trimmed(typed)
    guard !name.isEmpty else {
        picker.error = "A preset needs a name."
        state.overlay = .presets(picker)
        return []
    }
    var parameters = state.parameters
    parameters.sessionID = nil
    let preset = Preset(name: name, parameters: parameters)
    state.presets = sortedPresets(state.presets.filter { $0.name != name } + [preset])
    picker.naming = nil
    picker.error = nil
    picker.selectedIndex = state.presets.firstIndex { $0.name == name } ?? 0
    state.overlay = .presets(picker)
    state.notice = "Saved preset \(name)."
    return [.savePreset(preset)]
}

/// The preset's parameters replace the session's (all of them: fields the preset leaves unset
/// become unset), except the session's own session_id override.
private func applyPreset(_ state: inout AppState, at index: Int, _ stamp: Stamp) -> [Effect] {
    guard state.presets.indices.contains(index) else { return [] }
    let preset = state.presets[index]
    var parameters = preset.parameters
    parameters.sessionID = state.parameters.sessionID
    state.parameters = parameters
    state.overlay = nil
    state.notice = "Applied preset \(preset.name)."
    return persistParameters(&state, stamp)
}

private func deletePreset(_ state: inout AppState, _ picker: PresetPicker) -> [Effect] {
    guard state.presets.indices.contains(picker.selectedIndex) else { return [] }
    var picker = picker
    let name = state.presets.remove(at: picker.selectedIndex).name
    picker.selectedIndex = min(picker.selectedIndex, max(0, state.presets.count - 1))
    state.overlay = .presets(picker)
    state.notice = "Deleted preset \(name)."
    return [.deletePreset(name: name)]
}

/// By name, ignoring case (ties in stored order of the exact name), as the overlay lists them.
func sortedPresets(_ presets: [Preset]) -> [Preset] {
    presets.sorted { a, b in
        let (la, lb) = (a.name.lowercased(), b.name.lowercased())
        return la != lb ? la < lb : a.name < b.name
    }
}

func presetsLoaded(_ state: inout AppState, _ presets: [Preset]) -> [Effect] {
    state.presets = sortedPresets(presets)
    if case var .presets(picker) = state.overlay {
        picker.selectedIndex = min(picker.selectedIndex, max(0, state.presets.count - 1))
        state.overlay = .presets(picker)
    }
    return []
}
