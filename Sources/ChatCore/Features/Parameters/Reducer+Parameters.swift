import StreamProtocol

/// The parameters pane's commands while no editor is open (docs/keys.md, "Parameters"): on the
/// pane's cursor and the values (`parameters`, the root's, lent to change). A change asks the
/// root to save the values (`.changed`); a step that changes nothing saves nothing.
func parametersCommand(
    _ command: Command, _ pane: inout ParameterPaneState, _ parameters: inout SessionParameters,
    _ context: FeatureContext, _ stamp: Stamp
) -> Reduced<ParametersDelegate>? {
    let field = pane.selectedField
    var shared: [SharedRequest] = []
    switch command {
    case .selectPrevious:
        reduceParameterPane(&pane, .move(by: -1))
        return Reduced()
    case .selectNext:
        reduceParameterPane(&pane, .move(by: 1))
        return Reduced()
    case .selectFirst:
        reduceParameterPane(&pane, .selectFirst)
        return Reduced()
    case .selectLast:
        reduceParameterPane(&pane, .selectLast)
        return Reduced()
    case .stepDown, .stepUp, .bigStepDown, .bigStepUp:
        let up = command == .stepUp || command == .bigStepUp
        let big = command == .bigStepDown || command == .bigStepUp
        let before = parameters
        // At a bound the value stays: nothing changed, nothing to save.
        guard step(field, in: &parameters, context.launch.profile, up: up, big: big), parameters != before else { return Reduced() }
    case .editValue:
        if field == .model { return Reduced(delegates: [.openModelPicker]) }
        return openFieldEditor(&pane, field, editingInput(field, text: editableText(field, parameters)))
    case .unset:
        guard field.text(in: parameters) != nil else { return Reduced() }
        field.unset(in: &parameters)
    case .pickModel:
        return Reduced(delegates: [.openModelPicker])
    case .randomSeed:
        // 0...2^31-1: a seed every server accepts, whatever integer width it parses into.
        pane.selectedField = .seed
        parameters.seed = Int(stamp.random % (1 << 31))
    case .newSessionID:
        pane.selectedField = .sessionID
        parameters.sessionID = stamp.freshID
    case .editInEditor:
        return editExternally(field, parameters, context)
    case .cycleResponseFormat:
        return responseFormatQuickChoice(&pane, &parameters, stamp)
    case .resetParameters:
        parameters = context.launch.profile.defaultParameters
        shared.append(.notice("Parameters reset to the profile's defaults."))
    case .presets:
        return Reduced(delegates: [.openPresets])
    case .help:
        return Reduced(delegates: [.openHelp])
    default:
        return nil
    }
    return Reduced(shared: shared, delegates: [.changed(nowMillis: stamp.nowMillis)])
}

/// ←/→ on a slider or an integer field. The first step of an unset field only sets it (to the
/// slider's usual default, seed 0, or the profile's project id) so the user sees where it starts.
/// Returns false when the field is not steppable.
private func step(_ field: ParameterField, in parameters: inout SessionParameters, _ profile: Profile, up: Bool, big: Bool) -> Bool {
    switch field.kind {
    case let .slider(parameter):
        let current = parameter.value(in: parameters)
        let next = current.map { parameter.stepped($0, up: up, big: big) } ?? parameter.defaultValue
        parameter.set(next, in: &parameters)
        return true
    case let .integer(minimum):
        // Integers have no natural scale to double, so the big step is ±100.
        guard case let .integer(path) = field.storage else { return false }
        let amount = big ? 100 : 1
        // Unset, the first step shows where it starts: the profile's value where the row falls
        // back to it (project_id), else 0 or the least allowed.
        let start = (field.fallback == .profileProjectID ? profile.projectID : nil) ?? max(minimum, 0)
        parameters[keyPath: path] = parameters[keyPath: path]
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
private func editExternally(
    _ field: ParameterField, _ parameters: SessionParameters, _ context: FeatureContext
) -> Reduced<ParametersDelegate> {
    guard field.isExternallyEditable else {
        let edit = context.keymap.displayKey(for: .editInEditor, in: [.parameters])
        let type = context.keymap.displayKey(for: .editValue, in: [.parameters])
        return .notice("\(edit) edits text, list and JSON fields; press \(type) to type \(field.wireName).")
    }
    var text = field.text(in: parameters) ?? ""
    if case .json = field.kind, let value = JSONValue.parse(text) { text = value.prettyText }
    return Reduced(effects: [.editExternally(field, text: text)])
}

/// `f`: unset → `{"type":"json_object"}` → a json_schema template in the inline editor → unset.
private func responseFormatQuickChoice(
    _ pane: inout ParameterPaneState, _ parameters: inout SessionParameters, _ stamp: Stamp
) -> Reduced<ParametersDelegate> {
    pane.selectedField = .responseFormat
    guard let current = parameters.responseFormat else {
        parameters.responseFormat = ResponseFormatChoices.jsonObject.compactText
        return Reduced(delegates: [.changed(nowMillis: stamp.nowMillis)])
    }
    if JSONValue.parse(current) == ResponseFormatChoices.jsonObject {
        // Opened as Enter opens a JSON value, so the two keys leave the caret in one place.
        let template = ResponseFormatChoices.jsonSchemaTemplate.prettyText
        return openFieldEditor(&pane, .responseFormat, editingInput(.responseFormat, text: template))
    }
    parameters.responseFormat = nil
    return Reduced(delegates: [.changed(nowMillis: stamp.nowMillis)])
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
