/// The presets overlay: a list of the presets (`ParameterPaneState.presets`), and a name being
/// typed when saving.
public struct PresetPicker: Sendable, Equatable {
    /// Which of the presets is chosen.
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

extension PresetPicker {
    /// Ctrl+P or `p`: the presets overlay.
    static func open() -> Reduced<NoDelegate> {
        Reduced(shared: [.present(.presets(PresetPicker()))])
    }
}

/// What the presets overlay asks of the root, which holds the presets and the parameters.
enum PresetsRequest: Sendable, Equatable {
    /// Apply the preset at this index of the presets to the session.
    case apply(Int)
    /// Delete the preset this picker has chosen (from the list and the store).
    case delete(PresetPicker)
    /// Save the current parameters under the typed name; the picker shows the result.
    case save(PresetPicker, name: String)
}

/// The presets list over its own state (the payload of `Destination.presets`), given how many
/// presets there are: ↑/↓ choose, `choose` applies, `save-preset` asks for a name to save the
/// current parameters under, `delete-preset` deletes, `close` closes. Nil when the command is
/// not its.
func presetsCommand(_ command: Command, _ picker: PresetPicker, count: Int) -> Reduced<PresetsRequest>? {
    var picker = picker
    switch reducePresets(&picker, command, count: count) {
    case .notMine: return nil
    case .done: return Reduced(shared: [.present(.presets(picker))])
    case .delegate(.close): return Reduced(shared: [.present(nil)])
    case let .delegate(.apply(index)): return Reduced(delegates: [.apply(index)])
    case .delegate(.delete): return Reduced(delegates: [.delete(picker)])
    }
}

/// While a preset's name is typed: `accept` saves, `close` goes back to the list.
func presetNameCommand(_ command: Command, _ picker: PresetPicker) -> Reduced<PresetsRequest>? {
    guard let naming = picker.naming else { return nil }
    var picker = picker
    switch command {
    case .close:
        picker.naming = nil
        picker.error = nil
        return Reduced(shared: [.present(.presets(picker))])
    case .accept:
        return Reduced(delegates: [.save(picker, name: naming.text)])
    default:
        return nil
    }
}

enum PresetsDelegate: Equatable {
    case close
    /// Apply the preset at this index of the presets to the session.
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

/// By name, ignoring case (ties in stored order of the exact name), as the overlay lists them.
func sortedPresets(_ presets: [Preset]) -> [Preset] {
    presets.sorted { a, b in
        let (la, lb) = (a.name.lowercased(), b.name.lowercased())
        return la != lb ? la < lb : a.name < b.name
    }
}
