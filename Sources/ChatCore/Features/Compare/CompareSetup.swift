import StreamProtocol

/// Compare's setup (Ctrl+G): the sweep line that makes the columns, typed in compare's own
/// state. It stays in `CompareState` (not a `Destination`) because it is compare's first
/// phase, in place of the panes, and what opens above the panes opens above it too: help and
/// the palette give it back when they close, which a destination replacing it could not.
/// Sending it is the root's (`App/Coordination/CompareSend.swift`): it writes the message,
/// the session and the streams.

/// Ctrl+G: the setup for `prompt` (the text in the message box, or else the message of the
/// user's at or above the conversation's cursor: the root finds it), starting from the
/// session's `parameters`. Refused while a reply streams or `editing` (a message edit or a
/// tool answer) is open, and without a prompt.
func openCompare(
    _ state: inout CompareState, prompt: CompareRun.Prompt?, parameters: SessionParameters, editing: Bool,
    _ context: FeatureContext
) -> Reduced<NoDelegate> {
    guard !context.isStreaming else { return .notice("A reply is still streaming: compare once it ends.") }
    guard !editing else {
        return .notice("Leave the edit or the tool answer first (\(context.keymap.displayKey(for: .cancel, in: [.global]))).")
    }
    guard let prompt else {
        return .notice("Type a prompt first (or put the conversation's cursor on a message of yours): "
            + "\(context.keymap.displayKey(for: .compare, in: [.global])) asks it with several parameter sets side by side.")
    }
    state.run = CompareRun(prompt: prompt, sweep: TextInput(text: state.lastSweep), baseParameters: parameters)
    return .nothing
}

/// What the setup asks of the root.
enum CompareSetupRequest: Sendable, Equatable {
    /// Enter: send the prompt with every column's parameters.
    case send
}

/// The setup's keys: Enter sends (the root's), help, close (nothing was sent). Nil for any
/// other command (typing is the `text` keymap's).
func compareSetupCommand(_ command: Command, _ state: inout CompareState) -> Reduced<CompareSetupRequest>? {
    switch command {
    case .accept: return Reduced(delegates: [.send])
    case .help: return Reduced(shared: [.openHelp])
    case .close:
        state.run = nil
        return .notice("Compare closed; nothing was sent.")
    default: return nil
    }
}
