import StreamProtocol

/// The parameters pane's name for a row of the field table (StreamProtocol/Fields), kept so the
/// pane, editor and presets code reads as before.
public typealias ParameterField = RequestField

extension RequestField {
    /// What the next request sends for this field: the session's value, or the row's fallback
    /// (the profile's model or project id, the session's own id). Nil when nothing is sent.
    public func effectiveText(in state: AppState) -> String? {
        effectiveText(parameters: state.parameters, profile: state.launch.profile, sessionID: state.conversation.activeSessionID)
    }

    /// The same from the values it reads (the parameters pane's view model holds just these).
    public func effectiveText(parameters: SessionParameters, profile: Profile, sessionID: String?) -> String? {
        if let own = text(in: parameters) { return own }
        switch fallback {
        case .profileModel: return profile.defaultModel
        case .profileProjectID: return profile.projectID.map(String.init)
        case .sessionID: return sessionID
        case nil: return nil
        }
    }
}

extension SessionParameters {
    /// The fields as the request sends them: the row fallbacks filled in from the profile and
    /// the session (`sessionID`), every other field as set.
    func withFallbacks(model: String?, projectID: Int?, sessionID: String) -> SessionParameters {
        var p = self
        for field in RequestField.all where !field.isSet(in: p) {
            switch (field.fallback, field.storage) {
            case let (.profileModel, .text(path)): p[keyPath: path] = model
            case let (.profileProjectID, .integer(path)): p[keyPath: path] = projectID
            case let (.sessionID, .text(path)): p[keyPath: path] = sessionID
            default: break
            }
        }
        return p
    }
}
