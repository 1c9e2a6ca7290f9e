/// Ctrl+P or `p`: the presets overlay.
func openPresets(_ state: inout AppState) -> [Effect] {
    state.overlay = .presets(PresetPicker())
    return []
}

/// The presets list: ↑/↓ choose, `choose` applies, `save-preset` asks for a name to save the
/// current parameters under, `delete-preset` deletes, `close` closes.
func presetsCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard case var .presets(picker)? = state.overlay else { return nil }
    let last = max(0, state.presets.count - 1)
    switch command {
    case .close:
        state.overlay = nil
        return []
    case .selectPrevious: picker.selectedIndex = max(0, picker.selectedIndex - 1)
    case .selectNext: picker.selectedIndex = min(last, picker.selectedIndex + 1)
    case .selectFirst: picker.selectedIndex = 0
    case .selectLast: picker.selectedIndex = last
    case .choose: return applyPreset(&state, at: picker.selectedIndex, stamp)
    case .savePreset:
        picker.naming = TextInput()
        picker.error = nil
    case .deletePreset: return deletePreset(&state, picker)
    default: return nil
    }
    state.overlay = .presets(picker)
    return []
}

/// While a preset's name is typed: `accept` saves, `close` goes back to the list.
func presetNameCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard case var .presets(picker)? = state.overlay, let naming = picker.naming else { return nil }
    switch command {
    case .close:
        picker.naming = nil
        picker.error = nil
        state.overlay = .presets(picker)
        return []
    case .accept:
        return savePreset(&state, picker, name: naming.text)
    default:
        return nil
    }
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
    state.status.notice = "Saved preset \(name)."
    return [.savePreset(preset)]
}

/// The preset's parameters replace the session's (`Preset.applied(to:)`).
private func applyPreset(_ state: inout AppState, at index: Int, _ stamp: Stamp) -> [Effect] {
    guard state.presets.indices.contains(index) else { return [] }
    let preset = state.presets[index]
    state.parameters = preset.applied(to: state.parameters)
    state.overlay = nil
    state.status.notice = "Applied preset \(preset.name)."
    return persistParameters(&state, stamp)
}

private func deletePreset(_ state: inout AppState, _ picker: PresetPicker) -> [Effect] {
    guard state.presets.indices.contains(picker.selectedIndex) else { return [] }
    var picker = picker
    let name = state.presets.remove(at: picker.selectedIndex).name
    picker.selectedIndex = min(picker.selectedIndex, max(0, state.presets.count - 1))
    state.overlay = .presets(picker)
    state.status.notice = "Deleted preset \(name)."
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
