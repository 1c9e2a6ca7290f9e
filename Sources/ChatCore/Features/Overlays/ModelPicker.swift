import StreamProtocol

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

extension ModelPicker {
    /// `m`, or Enter on `model`: the picker opens at once (listing…) and asks for the model list.
    static func open() -> Reduced<NoDelegate> {
        Reduced(effects: [.listModels], shared: [.present(.modelPicker(ModelPicker()))])
    }

    /// The models endpoint answered: the picker lists the names, sorted and unique, with the
    /// model in use (`current`) chosen when it is among them.
    mutating func listed(_ names: [String], current: String?) {
        listing = .loaded(Array(Set(names.filter { !ParameterValidation.isBlank($0) })).sorted())
        selection = ListSelection(index: current.flatMap { matches.firstIndex(of: $0) } ?? 0)
    }

    /// Listing failed: the picker says why and takes free text instead.
    mutating func listingFailed(_ problem: String) {
        listing = .failed(problem)
        selection = ListSelection()
    }
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

/// What the picker asks of the root once a model is chosen.
enum ModelPickerRequest: Sendable, Equatable {
    /// The session's parameters with the chosen model (the root sets and saves them).
    case setParameters(SessionParameters)
}

/// The picker's commands over its own state (the payload of `Destination.modelPicker`), given
/// the session's parameters the chosen name is checked against: nil when the command is not
/// its.
func modelPickerCommand(
    _ command: Command, _ picker: ModelPicker, parameters: SessionParameters, _ context: FeatureContext
) -> Reduced<ModelPickerRequest>? {
    var picker = picker
    switch reduceModelPicker(&picker, command) {
    case .notMine: return nil
    case .done: return Reduced(shared: [.present(.modelPicker(picker))])
    case .delegate(.close): return Reduced(shared: [.present(nil)])
    case let .delegate(.choose(name)): return chooseModel(name, parameters: parameters, context)
    }
}

private func chooseModel(_ name: String, parameters: SessionParameters, _ context: FeatureContext) -> Reduced<ModelPickerRequest> {
    guard !ParameterValidation.isBlank(name) else {
        return .notice("Type a model name (\(context.keymap.displayKey(for: .close, in: [.modelPicker])) keeps the current one).")
    }
    // Listed names are untrusted text: they pass the same check as typed ones.
    switch ParameterValidation.applying(name, to: .model, in: parameters) {
    case let .success(chosen):
        return Reduced(shared: [.present(nil)], delegates: chosen == parameters ? [] : [.setParameters(chosen)])
    case let .failure(problem):
        return .notice(problem.message)
    }
}
