import ChatCore

/// The status line's words: where requests go, which model, what the stream is doing.
enum StatusText {
    static func segments(_ state: AppState) -> [StatusSegment] {
        var segments = [
            StatusSegment("\(state.profile.name) · \(state.profile.dialect.rawValue)", role: .statusAccent),
            StatusSegment(state.effectiveModel ?? "no model"),
        ]
        if let notice = state.notice {
            segments.append(StatusSegment(notice, role: .warningText))
        } else {
            segments.append(streamSegment(state))
        }
        return segments
    }

    static func streamSegment(_ state: AppState) -> StatusSegment {
        if let stream = state.stream {
            let elapsed = seconds(state.nowMillis - stream.startedAtMillis)
            switch stream.phase {
            case .waiting:
                return StatusSegment("⋯ waiting \(elapsed)", role: .statusAccent)
            case .receiving:
                let since = stream.firstContentAtMillis ?? stream.startedAtMillis
                let span = state.nowMillis - since
                // A rate over a few milliseconds is noise; show it once there is half a second.
                let rate = span >= 500 ? " · \(stream.deltaCount * 1000 / Int(span))/s" : ""
                return StatusSegment("▶ streaming \(stream.deltaCount) deltas\(rate) · \(elapsed)", role: .statusAccent)
            }
        }
        switch state.lastOutcome {
        case let .completed(deltas, millis)?:
            return StatusSegment("✓ done · \(deltas) deltas in \(seconds(millis))")
        case .interrupted?:
            return StatusSegment("■ interrupted", role: .warningText)
        case let .failed(message)?:
            return StatusSegment("✗ \(message)", role: .errorText)
        case nil:
            return StatusSegment("ready")
        }
    }

    static func hints(_ state: AppState) -> String {
        state.isStreaming ? "Esc stop · F1 help" : "Enter send · Tab pane · F1 help · ^Q quit"
    }

    static func seconds(_ millis: Int64) -> String {
        let tenths = max(0, millis) / 100
        return "\(tenths / 10).\(tenths % 10)s"
    }
}

/// Read-only facts under the sliders (editable fields arrive with the full parameters pane).
enum ParameterInfo {
    static func lines(_ state: AppState) -> [StyledLine] {
        var lines: [StyledLine] = []
        func add(_ label: String, _ value: String?) {
            var line = StyledLine(label + " ", role: .dim)
            line.append(contentsOf: StyledLine(value ?? "unset", role: value == nil ? .valueUnset : .valueSet))
            lines.append(line)
        }
        add("model", state.effectiveModel)
        if state.profile.dialect == .prem { add("project", state.profile.projectID.map(String.init)) }
        add("session", state.activeSessionID.map { String($0.prefix(8)) } ?? "new")
        return lines
    }
}

/// "now", "5m", "3h", "2d", "7w": short ages for the sessions list, from times in the state.
enum RelativeTime {
    static func text(from millis: Int64, to now: Int64) -> String {
        let seconds = max(0, now - millis) / 1000
        switch seconds {
        case ..<60: return "now"
        case ..<3600: return "\(seconds / 60)m"
        case ..<86_400: return "\(seconds / 3600)h"
        case ..<(86_400 * 14): return "\(seconds / 86_400)d"
        default: return "\(seconds / (86_400 * 7))w"
        }
    }
}
