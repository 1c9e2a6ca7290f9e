import ChatCore

/// One field's row in the parameters pane: "● label   value", with what to say when the value
/// is not the session's own (a dim fallback marked "(profile)", "(default)" or "(session)") or will not be
/// sent at all ("not sent (openai)"). Sliders use this row above their track.
struct FieldRow: Equatable {
    /// Whether the session sets the field itself (● in `.valueSet`, else ○ in `.valueUnset`).
    var isSet: Bool
    var label: String
    /// The value shown (already sanitized and cut to the row), or nil for none.
    var value: StyledLine?
    /// Said after the value, longest form first: the row uses the first that leaves the value
    /// some room, so a narrow pane shows "(p)" where a wide one shows "(profile)".
    var tags: [StyledLine]

    /// A value shown in fewer columns than this (or its whole width) gives way to the label.
    static let minimumValueWidth = 5
    /// The label keeps at least this many columns when it has to give way itself.
    static let minimumLabelWidth = 8

    init(isSet: Bool, label: String, value: StyledLine?, tags: [StyledLine] = []) {
        self.isSet = isSet
        self.label = label
        self.value = value
        self.tags = tags
    }

    /// The row for `field` in the pane's `model`, its value read for at most `width` columns.
    init(field: ParameterField, model: ParametersPaneModel, width: Int) {
        let own = field.text(in: model.parameters)
        let dialect = model.profile.dialect
        let label = ParameterSection.label(field)
        let width = max(1, width)
        if !field.isCarried(by: dialect) {
            // Shown, not hidden: the user may have set it for the other dialect.
            let role: StyleRole = own == nil ? .dim : .warningText
            self.init(
                isSet: own != nil, label: label, value: own.map { ValueLine.make($0, role: .dim, maxWidth: width) },
                tags: [StyledLine("not sent (\(dialect.rawValue))", role: role), StyledLine("not sent", role: role)])
        } else if let own {
            self.init(isSet: true, label: label, value: ValueLine.make(own, role: .valueSet, maxWidth: width))
        } else if let effective = model.effectiveText(field) {
            // Where the fallback comes from: the open session, a config profile, or the
            // defaults of this run (flags, environment, config top level).
            let source = field == .sessionID ? "session" : model.profile.isConfigured ? "profile" : "default"
            self.init(
                isSet: false, label: label, value: ValueLine.make(effective, role: .dim, maxWidth: width),
                tags: [StyledLine("(\(source))", role: .dim), StyledLine("(\(source.prefix(1)))", role: .dim)])
        } else if field == .sessionID {
            // A new session gets its id when its first message is sent.
            self.init(isSet: false, label: label, value: StyledLine("new", role: .dim),
                      tags: [StyledLine("(session)", role: .dim), StyledLine("(s)", role: .dim)])
        } else {
            self.init(isSet: false, label: label, value: StyledLine("unset", role: .valueUnset))
        }
    }

    /// The row at `width` columns: marker and label on the left, value and tag on the right.
    func line(width: Int) -> StyledLine {
        guard width > 0 else { return StyledLine() }
        var left = StyledLine(isSet ? "● " : "○ ", role: isSet ? .valueSet : .valueUnset)
        left.append(contentsOf: StyledLine(label, role: .normal))
        let candidates: [StyledLine?] = tags.isEmpty ? [nil] : tags.map { Optional($0) }
        for tag in candidates {
            let tagWidth = tag.map { $0.width + (value == nil ? 0 : 1) } ?? 0
            let room = width - left.width - 1 - tagWidth
            if let value {
                guard room >= min(value.width, Self.minimumValueWidth) else { continue }
                return Self.assemble(left, value.truncated(toWidth: room), tag, width: width)
            }
            guard room >= 0 else { continue }
            return Self.assemble(left, nil, tag, width: width)
        }
        // Even the shortest tag leaves the value too little room: the label gives way.
        let tag = candidates.last ?? nil
        let tagWidth = tag.map { $0.width + (value == nil ? 0 : 1) } ?? 0
        let natural = (value?.width ?? 0) + tagWidth
        let leftRoom = min(left.width, max(Self.minimumLabelWidth, width - 1 - natural))
        let valueRoom = width - leftRoom - 1 - tagWidth
        let shownValue = valueRoom >= 1 ? value?.truncated(toWidth: valueRoom) : nil
        return Self.assemble(left.truncated(toWidth: leftRoom), shownValue, tag, width: width)
    }

    private static func assemble(_ left: StyledLine, _ value: StyledLine?, _ tag: StyledLine?, width: Int) -> StyledLine {
        var right = value ?? StyledLine()
        if let tag {
            if value != nil { right.append(.space(.normal)) }
            right.append(contentsOf: tag)
        }
        let leftPart = left.truncated(toWidth: width)
        guard right.width > 0 else { return leftPart }
        right = right.truncated(toWidth: max(0, width - leftPart.width - 1))
        return leftPart + .spaces(width - leftPart.width - right.width, role: .normal) + right
    }
}
