/// `m`, or Enter on `model`: the picker opens at once (listing…) and asks for the model list.
func openModelPicker(_ state: inout AppState) -> [Effect] {
    state.selectedField = .model
    state.overlay = .modelPicker(ModelPicker())
    return [.listModels]
}

/// ↑/↓ choose; `choose` takes the chosen model, or the typed text when nothing matches or the
/// list could not be fetched; `close` leaves without a change. Typing filters (the `text` keymap).
func modelPickerCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard case var .modelPicker(picker)? = state.overlay else { return nil }
    switch command {
    case .close:
        state.overlay = nil
        return []
    case .choose:
        return chooseModel(&state, picker, stamp)
    case .selectPrevious:
        picker.selectedIndex = max(0, picker.selectedIndex - 1)
    case .selectNext:
        picker.selectedIndex = min(max(0, picker.matches.count - 1), picker.selectedIndex + 1)
    default:
        return nil
    }
    state.overlay = .modelPicker(picker)
    return []
}

private func chooseModel(_ state: inout AppState, _ picker: ModelPicker, _ stamp: Stamp) -> [Effect] {
    let matches = picker.matches
    let name = matches.indices.contains(picker.selectedIndex) ? matches[picker.selectedIndex] : picker.filter.text
    guard !ParameterValidation.isBlank(name) else {
        state.status.notice = "Type a model name (\(state.keymap.displayKey(for: .close, in: [.modelPicker])) keeps the current one)."
        return []
    }
    // Listed names are untrusted text: they pass the same check as typed ones.
    switch ParameterValidation.applying(name, to: .model, in: state.parameters) {
    case let .success(parameters):
        state.overlay = nil
        guard parameters != state.parameters else { return [] }
        state.parameters = parameters
        return persistParameters(&state, stamp)
    case let .failure(problem):
        state.status.notice = problem.message
        return []
    }
}

/// The models endpoint answered: the picker (if still open) lists the names, sorted and unique,
/// with the model in use chosen when it is among them.
func modelsListed(_ state: inout AppState, _ names: [String]) -> [Effect] {
    guard case var .modelPicker(picker) = state.overlay else { return [] }
    picker.listing = .loaded(Array(Set(names.filter { !ParameterValidation.isBlank($0) })).sorted())
    picker.selectedIndex = state.effectiveModel.flatMap { picker.matches.firstIndex(of: $0) } ?? 0
    state.overlay = .modelPicker(picker)
    return []
}

/// Listing failed: the picker says why and takes free text instead.
func modelsListingFailed(_ state: inout AppState, _ problem: String) -> [Effect] {
    guard case var .modelPicker(picker) = state.overlay else { return [] }
    picker.listing = .failed(problem)
    picker.selectedIndex = 0
    state.overlay = .modelPicker(picker)
    return []
}
