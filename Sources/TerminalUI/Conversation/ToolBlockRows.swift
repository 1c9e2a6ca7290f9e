import ChatCore
import StreamProtocol

/// The rows of tool calls and tool results: a call's block (its server and tool, or its name as
/// sent, over the arguments pretty-printed) and the line under it saying where the call stands
/// (the approval prompt, the running time, how it ended); a result's header (server, tool, time,
/// a bad outcome in the warning or error colour) over its text folded to a few lines. Every
/// name, argument and result comes from a server or the model: drawn through the sanitiser
/// (`StyledLine(_:role:)`, `TextWrapper`, `CodeBlockLayout` all sanitise).
enum ToolBlockRows {
    /// Rows of a result shown before the fold line.
    static let foldedLines = 4

    /// A call's block and its state line.
    static func callRows(_ call: ToolCall, view: MessageToolView.CallView, width: Int) -> [StyledLine] {
        var rows: [StyledLine]
        if let name = view.name {
            let arguments = JSONValue.parse(call.arguments)?.prettyText ?? call.arguments
            rows = CodeBlockLayout.rows(
                text: arguments, language: "json", label: "⚙ " + name.server + " · " + name.tool, tag: call.id ?? "",
                width: width)
        } else {
            rows = ReplyExtras.toolCallRows(call, width: width)
        }
        if let line = stateLine(view.state) {
            rows.append(contentsOf: TextWrapper.wrap(line.text, width: width, role: line.role))
        }
        return rows
    }

    /// Under a compare column's calls.
    static let notRunInCompare = "tool calls are not run in compare"

    static func stateLine(_ state: MessageToolView.CallState) -> (text: String, role: StyleRole)? {
        switch state {
        case .none:
            return nil
        case let .awaiting(hint):
            return ("▶ " + hint, .warningText)
        case .queued:
            return ("waits for the call above", .dim)
        case let .running(tenths, stopHint):
            return ("running " + tenthsText(tenths) + (stopHint.isEmpty ? "" : " · " + stopHint), .dim)
        case let .ended(outcome):
            return (outcomeMark(outcome) + outcomeText(outcome), outcomeRole(outcome))
        case .answeredByHand:
            return ("answered by hand", .dim)
        case .notRun:
            // Not "not run": chatterm may have been closed while the call ran.
            return ("no result", .dim)
        }
    }

    /// "3.2 s".
    static func tenthsText(_ tenths: Int64) -> String {
        "\(tenths / 10).\(tenths % 10) s"
    }

    static func outcomeText(_ outcome: ToolRunOutcome) -> String {
        switch outcome {
        case .succeeded: return "ran"
        case .failed: return "failed"
        case .refused: return "refused"
        case .timedOut: return "timed out"
        case .stopped: return "stopped"
        }
    }

    private static func outcomeMark(_ outcome: ToolRunOutcome) -> String {
        switch outcome {
        case .succeeded: return "✓ "
        case .failed: return "✖ "
        case .refused, .timedOut, .stopped: return "⚠ "
        }
    }

    /// Failed in the error colour; refused, timed out and stopped in the warning colour.
    static func outcomeRole(_ outcome: ToolRunOutcome) -> StyleRole {
        switch outcome {
        case .succeeded: return .dim
        case .failed: return .errorText
        case .refused, .timedOut, .stopped: return .warningText
        }
    }

    /// "result · files · read_file · 0.4 s" and, for an outcome other than success, " · failed"
    /// in its colour.
    static func resultHeader(_ record: ToolRunRecord, width: Int) -> StyledLine {
        var line = StyledLine("result", role: .assistantLabel)
        var details = " · " + record.server + " · " + record.tool
        if let millis = record.elapsedMillis { details += " · " + tenthsText(max(0, millis) / 100) }
        line.append(contentsOf: StyledLine(details, role: .dim))
        if record.outcome != .succeeded {
            line.append(contentsOf: StyledLine(" · " + outcomeText(record.outcome), role: outcomeRole(record.outcome)))
        }
        return line.truncated(toWidth: width)
    }

    /// A result's text rows, the first `foldedLines` of them unless `expanded`, then
    /// "… N more lines · t shows all".
    static func foldedResult(_ rows: [StyledLine], expanded: Bool, expandKey: String, width: Int) -> [StyledLine] {
        guard !expanded, rows.count > foldedLines + 1 else { return rows }
        let hidden = rows.count - foldedLines
        let fold = "… \(hidden) more lines" + (expandKey.isEmpty ? "" : " · \(expandKey) shows all")
        return Array(rows.prefix(foldedLines)) + TextWrapper.wrap(fold, width: width, role: .dim)
    }
}
