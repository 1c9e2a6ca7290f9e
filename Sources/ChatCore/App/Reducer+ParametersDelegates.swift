/// The root's answers to the parameters pane: saving its values with the open session, and
/// opening the overlays its keys name.
extension AppState {
    /// The parameters pane's effects, after the root has answered its delegates.
    mutating func handle(_ reduced: Reduced<ParametersDelegate>) -> [Effect] {
        apply(reduced.shared)
        var effects = reduced.effects
        for delegate in reduced.delegates {
            switch delegate {
            case let .changed(now): effects += persistParameters(&self, nowMillis: now)
            case .openModelPicker: effects += openModelPicker(&self)
            case .openPresets: effects += openPresets(&self)
            case .openHelp: effects += openHelp(&self)
            }
        }
        return effects
    }
}
