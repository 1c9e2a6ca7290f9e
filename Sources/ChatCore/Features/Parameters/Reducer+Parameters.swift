import StreamProtocol

/// The parameters pane's commands while no editor is open (docs/keys.md, "Parameters").
func parametersCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    let field = state.selectedField
    switch command {
    case .selectPrevious:
        reduceParameterPane(&state.parameterPane, .move(by: -1))
        return []
    case .selectNext:
        reduceParameterPane(&state.parameterPane, .move(by: 1))
        return []
    case .selectFirst:
        reduceParameterPane(&state.parameterPane, .selectFirst)
        return []
    case .selectLast:
        reduceParameterPane(&state.parameterPane, .selectLast)
        return []
    case .stepDown, .stepUp, .bigStepDown, .bigStepUp:
        let up = command == .stepUp || command == .bigStepUp
        let big = command == .bigStepDown || command == .bigStepUp
        guard step(field, in: &state, up: up, big: big) else { return [] }
    case .editValue:
        if field == .model { return openModelPicker(&state) }
        let effects = openFieldEditor(&state, field, text: editableText(field, state.parameters))
        if case .json = field.kind, let text = state.destination?.fieldEditor?.text.text, text.contains("\n") {
            // Laid out over lines, JSON is read from its top: the caret starts there.
            state.destination?.fieldEditor?.text = TextInput(text: text, caret: 0)
        }
        return effects
    case .unset:
        guard field.text(in: state.parameters) != nil else { return [] }
        field.unset(in: &state.parameters)
    case .pickModel:
        return openModelPicker(&state)
    case .randomSeed:
        // 0...2^31-1: a seed every server accepts, whatever integer width it parses into.
        state.selectedField = .seed
        state.parameters.seed = Int(stamp.random % (1 << 31))
    case .newSessionID:
        state.selectedField = .sessionID
        state.parameters.sessionID = stamp.freshID
    case .editInEditor:
        return editExternally(&state, field)
    case .cycleResponseFormat:
        return responseFormatQuickChoice(&state, stamp)
    case .resetParameters:
        state.parameters = state.launch.profile.defaultParameters
        state.status.notice = "Parameters reset to the profile's defaults."
    case .presets:
        return openPresets(&state)
    case .help:
        return openHelp(&state)
    default:
        return nil
    }
    return persistParameters(&state, stamp)
}

/// ←/→ on a slider or an integer field. The first step of an unset field only sets it (to the
/// slider's usual default, seed 0, or the profile's project id) so the user sees where it starts.
/// Returns false when the field is not steppable.
private func step(_ field: ParameterField, in state: inout AppState, up: Bool, big: Bool) -> Bool {
    switch field.kind {
    case let .slider(parameter):
        let current = parameter.value(in: state.parameters)
        let next = current.map { parameter.stepped($0, up: up, big: big) } ?? parameter.defaultValue
        parameter.set(next, in: &state.parameters)
        return true
    case let .integer(minimum):
        // Integers have no natural scale to double, so the big step is ±100.
        guard case let .integer(path) = field.storage else { return false }
        let amount = big ? 100 : 1
        // Unset, the first step shows where it starts: the profile's value where the row falls
        // back to it (project_id), else 0 or the least allowed.
        let start = (field.fallback == .profileProjectID ? state.launch.profile.projectID : nil) ?? max(minimum, 0)
        state.parameters[keyPath: path] = state.parameters[keyPath: path]
            .map { steppedInteger($0, by: up ? amount : -amount, minimum: minimum) } ?? start
        return true
    default:
        return false
    }
}

/// `value + delta`, held within `minimum...Int.max` instead of overflowing.
func steppedInteger(_ value: Int, by delta: Int, minimum: Int) -> Int {
    let (sum, overflow) = value.addingReportingOverflow(delta)
    if overflow { return delta > 0 ? Int.max : minimum }
    return max(minimum, sum)
}

/// `e`: the selected text, list or JSON field in `$EDITOR`. JSON goes out indented, which is
/// easier to edit; it comes back compact after validation.
private func editExternally(_ state: inout AppState, _ field: ParameterField) -> [Effect] {
    guard field.isExternallyEditable else {
        let edit = state.keymap.displayKey(for: .editInEditor, in: [.parameters])
        let type = state.keymap.displayKey(for: .editValue, in: [.parameters])
        state.status.notice = "\(edit) edits text, list and JSON fields; press \(type) to type \(field.wireName)."
        return []
    }
    var text = field.text(in: state.parameters) ?? ""
    if case .json = field.kind, let value = JSONValue.parse(text) { text = value.prettyText }
    return [.editExternally(field, text: text)]
}

/// `f`: unset → `{"type":"json_object"}` → a json_schema template in the inline editor → unset.
private func responseFormatQuickChoice(_ state: inout AppState, _ stamp: Stamp) -> [Effect] {
    state.selectedField = .responseFormat
    guard let current = state.parameters.responseFormat else {
        state.parameters.responseFormat = ResponseFormatChoices.jsonObject.compactText
        return persistParameters(&state, stamp)
    }
    if JSONValue.parse(current) == ResponseFormatChoices.jsonObject {
        return openFieldEditor(&state, .responseFormat, text: ResponseFormatChoices.jsonSchemaTemplate.prettyText)
    }
    state.parameters.responseFormat = nil
    return persistParameters(&state, stamp)
}

/// The quick choices `f` cycles through.
public enum ResponseFormatChoices {
    public static let jsonObject: JSONValue = .object([(key: "type", value: .string("json_object"))])
    /// A small valid schema to edit from: one required string member.
    public static let jsonSchemaTemplate: JSONValue = .object([
        (key: "type", value: .string("json_schema")),
        (key: "json_schema", value: .object([
            (key: "name", value: .string("answer")),
            (key: "schema", value: .object([
                (key: "type", value: .string("object")),
                (key: "properties", value: .object([
                    (key: "answer", value: .object([(key: "type", value: .string("string"))])),
                ])),
                (key: "required", value: .array([.string("answer")])),
            ])),
        ])),
    ])
}
