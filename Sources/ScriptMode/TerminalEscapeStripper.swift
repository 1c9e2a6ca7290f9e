/// Removes what would make a terminal do something rather than show text, from text that
/// arrives in pieces (a reply's deltas): ESC sequences (CSI, OSC, DCS, SOS, PM, APC and the
/// two-character ones), their 8-bit C1 forms, and every other control character except line
/// feed and tab. A carriage return is kept only before a line feed (a lone one would let text
/// overwrite the line the user already read). The bidirectional overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), which reorder what is shown after them, become U+FFFD, as
/// `TextSanitizer` shows them on screen. Everything else passes through unchanged.
///
/// For standard output, where the text should read as sent minus the dangerous parts; the
/// screen uses `TextSanitizer` instead, which shows controls as visible symbols. A sequence
/// may be split across pieces at any point: the state carries over.
///
/// A string sequence (OSC and the like) that never ends would swallow the rest of the reply,
/// so a line feed also ends it: the terminal never saw the sequence start, so nothing is
/// left open there.
public struct TerminalEscapeStripper: Sendable, Equatable {
    private enum Mode: Sendable, Equatable {
        case text
        /// After ESC.
        case escape
        /// After ESC and intermediate bytes (0x20–0x2F), until a final byte.
        case escapeIntermediate
        /// Inside a control sequence, until its final byte (0x40–0x7E).
        case controlSequence
        /// Inside OSC/DCS/SOS/PM/APC, until BEL, ST (ESC \ or U+009C) or a line feed.
        case controlString
        /// ESC inside a control string: `\` ends it.
        case controlStringEscape
    }

    private var mode = Mode.text
    /// A carriage return waiting to see whether a line feed follows.
    private var pendingReturn = false

    public init() {}

    /// The text of `piece` that is safe to print, given what came before.
    public mutating func filter(_ piece: String) -> String {
        if mode == .text, !pendingReturn, Self.isPlain(piece) { return piece }
        var out = String.UnicodeScalarView()
        for scalar in piece.unicodeScalars { feed(scalar, into: &out) }
        return String(out)
    }

    /// The end of the text: a carriage return still waiting is dropped, an open sequence ends.
    public mutating func finish() {
        mode = .text
        pendingReturn = false
    }

    /// One-shot use, for a whole text (an error message from a server).
    public static func stripped(_ text: String) -> String {
        var stripper = TerminalEscapeStripper()
        return stripper.filter(text)
    }

    /// No control character at all (the usual delta): nothing to look at scalar by scalar.
    /// C1 controls are U+0080–U+009F, which UTF-8 writes as 0xC2 0x80–0x9F; the bidi controls
    /// are 0xE2 0x80 0xAA–0xAE and 0xE2 0x81 0xA6–0xA9.
    private static func isPlain(_ piece: String) -> Bool {
        var afterC2 = false
        var before: UInt8 = 0
        var last: UInt8 = 0
        for byte in piece.utf8 {
            if byte < 0x20 && byte != 0x0A && byte != 0x09 { return false }
            if byte == 0x7F { return false }
            if afterC2 && byte < 0xA0 { return false }
            if before == 0xE2 && ((last == 0x80 && (0xAA...0xAE).contains(byte)) || (last == 0x81 && (0xA6...0xA9).contains(byte))) {
                return false
            }
            afterC2 = byte == 0xC2
            before = last
            last = byte
        }
        return true
    }

    private mutating func feed(_ scalar: Unicode.Scalar, into out: inout String.UnicodeScalarView) {
        let value = scalar.value
        switch mode {
        case .text:
            break
        case .escape:
            switch value {
            case 0x5B: mode = .controlSequence  // [
            case 0x5D, 0x50, 0x58, 0x5E, 0x5F: mode = .controlString  // ] P X ^ _
            case 0x20...0x2F: mode = .escapeIntermediate
            case 0x30...0x7E: mode = .text  // a two-character sequence, dropped whole
            default:
                mode = .text
                feedText(scalar, into: &out)
            }
            return
        case .escapeIntermediate:
            switch value {
            case 0x20...0x2F: break
            case 0x30...0x7E: mode = .text
            default:
                mode = .text
                feedText(scalar, into: &out)
            }
            return
        case .controlSequence:
            switch value {
            case 0x20...0x3F: break
            case 0x40...0x7E: mode = .text
            default:
                // Not a sequence after all (a line feed, text): it ends here, the rest is text.
                mode = .text
                feedText(scalar, into: &out)
            }
            return
        case .controlString:
            switch value {
            case 0x07, 0x9C: mode = .text
            case 0x1B: mode = .controlStringEscape
            case 0x0A:
                mode = .text
                feedText(scalar, into: &out)
            default: break
            }
            return
        case .controlStringEscape:
            mode = value == 0x5C ? .text : .controlString
            if value == 0x0A {
                mode = .text
                feedText(scalar, into: &out)
            }
            return
        }
        feedText(scalar, into: &out)
    }

    private mutating func feedText(_ scalar: Unicode.Scalar, into out: inout String.UnicodeScalarView) {
        let value = scalar.value
        if pendingReturn {
            pendingReturn = false
            if value == 0x0A { out.append("\r") }
        }
        switch value {
        case 0x0A, 0x09: out.append(scalar)
        case 0x0D: pendingReturn = true
        case 0x1B: mode = .escape
        case 0x9B: mode = .controlSequence
        case 0x9D, 0x90, 0x98, 0x9E, 0x9F: mode = .controlString
        case 0x00...0x1F, 0x7F...0x9F: break
        case 0x202A...0x202E, 0x2066...0x2069: out.append("\u{FFFD}")
        default: out.append(scalar)
        }
    }
}
