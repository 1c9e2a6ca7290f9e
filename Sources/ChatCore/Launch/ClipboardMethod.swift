/// How copies reach the clipboard (`[clipboard] method`). OSC 52 is output, so it works over
/// ssh and inside tmux when the terminal accepts it; a tool writes the local display's
/// clipboard directly, where the terminal does not.
public enum ClipboardMethod: String, Sendable, Equatable, CaseIterable {
    /// OSC 52, and also the first tool found for this display (Wayland: wl-copy; X11: xclip,
    /// then xsel; macOS: pbcopy).
    case auto
    case osc52
    case wlCopy = "wl-copy"
    case xclip
    case xsel
    case pbcopy

    /// The command that reads the text on stdin, for a tool method.
    public var toolCommand: [String]? {
        switch self {
        case .auto, .osc52: return nil
        case .wlCopy: return ["wl-copy"]
        case .xclip: return ["xclip", "-selection", "clipboard", "-in"]
        case .xsel: return ["xsel", "--clipboard", "--input"]
        case .pbcopy: return ["pbcopy"]
        }
    }

    /// What `auto` tries beside OSC 52, in order, given the environment: tools for the display
    /// that is there (none over a plain ssh session).
    public static func autoCandidates(environment: [String: String]) -> [ClipboardMethod] {
        var candidates: [ClipboardMethod] = []
        if !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty { candidates.append(.wlCopy) }
        if !(environment["DISPLAY"] ?? "").isEmpty { candidates += [.xclip, .xsel] }
        candidates.append(.pbcopy)  // only ever found on macOS
        return candidates
    }
}
