/// The model picker: a list fetched from the models endpoint, filtered by what the user types.
/// When listing fails (or nothing matches) Enter takes the typed text as the model name.
public struct ModelPicker: Sendable, Equatable {
    public enum Listing: Sendable, Equatable {
        case loading
        case loaded([String])
        case failed(String)
    }

    public var listing: Listing
    /// Typed text: narrows the list, or is the model name itself when nothing is chosen.
    public var filter: TextInput
    /// Which of `matches` is chosen.
    public var selection: ListSelection

    public init(listing: Listing = .loading, filter: TextInput = TextInput(), selection: ListSelection = ListSelection()) {
        self.listing = listing
        self.filter = filter
        self.selection = selection
    }

    /// The listed models whose name contains the filter text (case-insensitive), in list order.
    public var matches: [String] {
        guard case let .loaded(models) = listing else { return [] }
        let needle = filter.text.lowercased()
        if needle.isEmpty { return models }
        return models.filter { $0.lowercased().contains(needle) }
    }
}

/// `m`, or Enter on `model`: the picker opens at once (listing…) and asks for the model list.
func openModelPicker(_ state: inout AppState) -> [Effect] {
    state.selectedField = .model
    state.destination = .modelPicker(ModelPicker())
    return [.listModels]
}

enum ModelPickerDelegate: Equatable {
    case close
    /// The model named: the chosen one, or the typed text when nothing matches or the list
    /// could not be fetched. The app checks it and sets the session's parameters.
    case choose(String)
}

/// ↑/↓ choose; `choose` names the chosen model, or the typed text; `close` leaves without a
/// change. Typing filters (the `text` keymap).
func reduceModelPicker(_ picker: inout ModelPicker, _ command: Command) -> OverlayStep<ModelPickerDelegate> {
    switch command {
    case .close:
        return .delegate(.close)
    case .choose:
        let matches = picker.matches
        return .delegate(.choose(matches.indices.contains(picker.selection.index) ? matches[picker.selection.index] : picker.filter.text))
    case .selectPrevious, .selectNext:
        _ = picker.selection.perform(command, count: picker.matches.count)
        return .done
    default:
        return .notMine
    }
}

/// The picker's commands, run in the app.
func modelPickerCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard case var .modelPicker(picker)? = state.destination else { return nil }
    switch reduceModelPicker(&picker, command) {
    case .notMine: return nil
    case .done: state.destination = .modelPicker(picker)
    case .delegate(.close): state.destination = nil
    case let .delegate(.choose(name)): return chooseModel(&state, name, stamp)
    }
    return []
}

private func chooseModel(_ state: inout AppState, _ name: String, _ stamp: Stamp) -> [Effect] {
    guard !ParameterValidation.isBlank(name) else {
        state.status.notice = "Type a model name (\(state.keymap.displayKey(for: .close, in: [.modelPicker])) keeps the current one)."
        return []
    }
    // Listed names are untrusted text: they pass the same check as typed ones.
    switch ParameterValidation.applying(name, to: .model, in: state.parameters) {
    case let .success(parameters):
        state.destination = nil
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
    guard var picker = state.destination?.beneath?.modelPicker else { return [] }
    picker.listing = .loaded(Array(Set(names.filter { !ParameterValidation.isBlank($0) })).sorted())
    picker.selection = ListSelection(index: state.effectiveModel.flatMap { picker.matches.firstIndex(of: $0) } ?? 0)
    state.destination?.beneath?.modelPicker = picker
    return []
}

/// Listing failed: the picker says why and takes free text instead.
func modelsListingFailed(_ state: inout AppState, _ problem: String) -> [Effect] {
    guard var picker = state.destination?.beneath?.modelPicker else { return [] }
    picker.listing = .failed(problem)
    picker.selection = ListSelection()
    state.destination?.beneath?.modelPicker = picker
    return []
}
