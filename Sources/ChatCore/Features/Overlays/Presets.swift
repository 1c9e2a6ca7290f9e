/// The presets overlay: a list of `AppState.presets`, and a name being typed when saving.
public struct PresetPicker: Sendable, Equatable {
    /// Which of `AppState.presets` is chosen.
    public var selection: ListSelection
    /// Non-nil while the user types a name for "save the current parameters as".
    public var naming: TextInput?
    public var error: String?

    public init(selection: ListSelection = ListSelection(), naming: TextInput? = nil, error: String? = nil) {
        self.selection = selection
        self.naming = naming
        self.error = error
    }
}

/// Ctrl+P or `p`: the presets overlay.
func openPresets(_ state: inout AppState) -> [Effect] {
    state.destination = .presets(PresetPicker())
    return []
}

/// The presets list: ↑/↓ choose, `choose` applies, `save-preset` asks for a name to save the
/// current parameters under, `delete-preset` deletes, `close` closes.
func presetsCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard case var .presets(picker)? = state.destination else { return nil }
    switch reducePresets(&picker, command, count: state.presets.count) {
    case .notMine: return nil
    case .done: state.destination = .presets(picker)
    case .delegate(.close): state.destination = nil
    case let .delegate(.apply(index)): return applyPreset(&state, at: index, stamp)
    case .delegate(.delete): return deletePreset(&state, picker)
    }
    return []
}

enum PresetsDelegate: Equatable {
    case close
    /// Apply the preset at this index of `AppState.presets` to the session.
    case apply(Int)
    /// Delete the selected preset (from the list and the store).
    case delete
}

/// The list's own keys over its own state, given how many presets there are.
func reducePresets(_ picker: inout PresetPicker, _ command: Command, count: Int) -> OverlayStep<PresetsDelegate> {
    switch command {
    case .close: return .delegate(.close)
    case .selectPrevious, .selectNext, .selectFirst, .selectLast:
        _ = picker.selection.perform(command, count: count)
    case .choose: return .delegate(.apply(picker.selection.index))
    case .savePreset:
        picker.naming = TextInput()
        picker.error = nil
    case .deletePreset: return .delegate(.delete)
    default: return .notMine
    }
    return .done
}

/// While a preset's name is typed: `accept` saves, `close` goes back to the list.
func presetNameCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard case var .presets(picker)? = state.destination, let naming = picker.naming else { return nil }
    switch command {
    case .close:
        picker.naming = nil
        picker.error = nil
        state.destination = .presets(picker)
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
        state.destination = .presets(picker)
        return []
    }
    var parameters = state.parameters
    parameters.sessionID = nil
    let preset = Preset(name: name, parameters: parameters)
    state.presets = sortedPresets(state.presets.filter { $0.name != name } + [preset])
    picker.naming = nil
    picker.error = nil
    picker.selection = ListSelection(index: state.presets.firstIndex { $0.name == name } ?? 0)
    state.destination = .presets(picker)
    state.status.notice = "Saved preset \(name)."
    return [.savePreset(preset)]
}

/// The preset's parameters replace the session's (`Preset.applied(to:)`).
private func applyPreset(_ state: inout AppState, at index: Int, _ stamp: Stamp) -> [Effect] {
    guard state.presets.indices.contains(index) else { return [] }
    let preset = state.presets[index]
    state.parameters = preset.applied(to: state.parameters)
    state.destination = nil
    state.status.notice = "Applied preset \(preset.name)."
    return persistParameters(&state, stamp)
}

private func deletePreset(_ state: inout AppState, _ picker: PresetPicker) -> [Effect] {
    guard state.presets.indices.contains(picker.selection.index) else { return [] }
    var picker = picker
    let name = state.presets.remove(at: picker.selection.index).name
    picker.selection.clamp(count: state.presets.count)
    state.destination = .presets(picker)
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
    let count = state.presets.count
    state.destination?.beneath?.presets?.selection.clamp(count: count)
    return []
}
