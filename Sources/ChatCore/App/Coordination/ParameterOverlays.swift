/// The root's side of the overlays that change the session's parameters or the presets (the
/// parameters pane's storage, not the overlays'): the model picker's choice and the presets'
/// apply, save and delete. The overlays (Features/Overlays/ModelPicker.swift, Presets.swift)
/// reduce their own state and ask for these through their delegates.

/// `m`, or Enter on `model`: the picker opens at once (listing…) with the pane's cursor on
/// `model`.
func openModelPicker(_ state: inout AppState) -> [Effect] {
    state.selectedField = .model
    return state.handle(ModelPicker.open())
}

/// The picker's commands, run in the app.
func modelPickerCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard case let .modelPicker(picker)? = state.destination,
          let reduced = modelPickerCommand(command, picker, parameters: state.parameters, state.context) else { return nil }
    state.apply(reduced.shared)
    var effects = reduced.effects
    for delegate in reduced.delegates {
        switch delegate {
        case let .setParameters(parameters):
            state.parameters = parameters
            effects += persistParameters(&state, stamp)
        }
    }
    return effects
}

/// Ctrl+P or `p`: the presets overlay.
func openPresets(_ state: inout AppState) -> [Effect] {
    state.handle(PresetPicker.open())
}

/// The presets list's commands, run in the app.
func presetsCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard case let .presets(picker)? = state.destination,
          let reduced = presetsCommand(command, picker, count: state.presets.count) else { return nil }
    return state.handle(reduced, nowMillis: stamp.nowMillis)
}

/// While a preset's name is typed: `accept` saves, `close` goes back to the list.
func presetNameCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard case let .presets(picker)? = state.destination, let reduced = presetNameCommand(command, picker) else { return nil }
    return state.handle(reduced, nowMillis: state.status.nowMillis)
}

/// The store's presets: sorted as the overlay lists them, its choice kept within them.
func presetsLoaded(_ state: inout AppState, _ presets: [Preset]) -> [Effect] {
    state.presets = sortedPresets(presets)
    let count = state.presets.count
    state.destination?.beneath?.presets?.selection.clamp(count: count)
    return []
}

extension AppState {
    /// The presets overlay's effects, after the root has answered what it asked.
    fileprivate mutating func handle(_ reduced: Reduced<PresetsRequest>, nowMillis: Int64) -> [Effect] {
        apply(reduced.shared)
        var effects = reduced.effects
        for delegate in reduced.delegates {
            switch delegate {
            case let .apply(index): effects += applyPreset(&self, at: index, nowMillis: nowMillis)
            case let .delete(picker): effects += deletePreset(&self, picker)
            case let .save(picker, name): effects += savePreset(&self, picker, name: name)
            }
        }
        return effects
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
private func applyPreset(_ state: inout AppState, at index: Int, nowMillis: Int64) -> [Effect] {
    guard state.presets.indices.contains(index) else { return [] }
    let preset = state.presets[index]
    state.parameters = preset.applied(to: state.parameters)
    state.destination = nil
    state.status.notice = "Applied preset \(preset.name)."
    return persistParameters(&state, nowMillis: nowMillis)
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
