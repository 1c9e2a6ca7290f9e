import Foundation

/// The bytes that put text on the terminal's clipboard: OSC 52 (`ESC ] 52 ; c ; base64 ST`),
/// which xterm, kitty, WezTerm, foot, Alacritty, iTerm2, Windows Terminal and others accept, and
/// which travels over ssh because it is just output. The text is base64, so nothing in it can be
/// read by the terminal as a control sequence.
///
/// Inside tmux (`$TMUX` set) the sequence is written twice: as is, which tmux takes when
/// `set-clipboard` is `on` (it then also keeps a paste buffer and forwards it to the outer
/// terminal), and wrapped in tmux's DCS passthrough, which reaches the outer terminal when
/// `allow-passthrough` is `on`. Either option is enough; with both, the clipboard is simply set
/// twice to the same text. docs/configuration.md says which to set.
public enum ClipboardSequence {
    /// Terminals cap OSC 52 differently (hterm at about 100 kB, many far higher); beyond this
    /// much base64 chatterm refuses rather than have a terminal cut the copy short silently.
    public static let maximumEncodedBytes = 1 << 20

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooLarge(textBytes: Int)

        public var description: String {
            switch self {
            case let .tooLarge(bytes):
                let limit = ClipboardSequence.maximumEncodedBytes / 4 * 3 / 1024
                return "Not copied: \((bytes + 1023) / 1024) KiB is more than terminals take through OSC 52 (about \(limit) KiB)."
            }
        }
    }

    public static func bytes(copying text: String, insideTmux: Bool) throws(Failure) -> String {
        let encoded = Data(text.utf8).base64EncodedString()
        guard encoded.utf8.count <= maximumEncodedBytes else { throw .tooLarge(textBytes: text.utf8.count) }
        let sequence = osc52(base64: encoded)
        return insideTmux ? sequence + tmuxPassthrough(sequence) : sequence
    }

    /// `c` selects the clipboard (not the primary selection); ST (`ESC \`) ends it.
    static func osc52(base64: String) -> String {
        "\u{1B}]52;c;" + base64 + "\u{1B}\\"
    }

    /// tmux's passthrough: `ESC P tmux;` + the sequence with every ESC doubled + `ESC \`.
    static func tmuxPassthrough(_ sequence: String) -> String {
        "\u{1B}Ptmux;" + sequence.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
    }
}
