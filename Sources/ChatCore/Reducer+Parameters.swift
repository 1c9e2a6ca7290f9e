import StreamProtocol

/// Keys of the parameters pane: ↑/↓ choose a field, ←/→ step a slider, Backspace unsets.
func parametersKey(_ state: inout AppState, _ key: Key, _ stamp: Stamp) -> [Effect] {
    let all = ParameterField.allCases
    let index = all.firstIndex(of: state.selectedField) ?? 0
    let field = state.selectedField
    switch key {
    case .up, .character("k"):
        state.selectedField = all[max(0, index - 1)]
        return []
    case .down, .character("j"):
        state.selectedField = all[min(all.count - 1, index + 1)]
        return []
    case .left, .right, .shiftLeft, .shiftRight:
        guard case let .slider(parameter) = field.kind else { return [] }
        let up = key == .right || key == .shiftRight
        let big = key == .shiftLeft || key == .shiftRight
        // The first step of an unset field sets it to its default; the next ones move it.
        let current = parameter.value(in: state.parameters)
        let next = current.map { parameter.stepped($0, up: up, big: big) } ?? parameter.defaultValue
        parameter.set(next, in: &state.parameters)
    case .backspace, .delete:
        guard field.text(in: state.parameters) != nil else { return [] }
        unset(field, in: &state.parameters)
    default:
        return []
    }
    return persistParameters(&state, stamp)
}

/// Clears one field: it is no longer sent.
func unset(_ field: ParameterField, in p: inout SessionParameters) {
    if case let .slider(numeric) = field.kind {
        numeric.set(nil, in: &p)
        return
    }
    switch field {
    case .model: p.model = nil
    case .systemPrompt: p.systemPrompt = nil
    case .seed: p.seed = nil
    case .stop: p.stop = nil
    case .user: p.user = nil
    case .projectID: p.projectID = nil
    case .sessionID: p.sessionID = nil
    case .logitBias: p.logitBias = nil
    case .responseFormat: p.responseFormat = nil
    case .tools: p.tools = nil
    case .repositoryIDs: p.repositoryIDs = nil
    default: break
    }
}
