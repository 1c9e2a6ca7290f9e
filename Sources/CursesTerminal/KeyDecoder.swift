import ChatCore

/// Turns raw `wgetch` results into input events. Pure: no curses calls, so every rule here
/// is unit tested. The only state is a character whose bytes straddle two drains and an
/// unfinished bracketed paste, which may span drains.
///
/// Escape handling relies on how ncurses delivers input with `keypad` on and a short
/// `escdelay`: a lone Escape arrives as ESC with nothing after it in the same drain, while
/// Alt+x (ESC x from the terminal) arrives as ESC immediately followed by x. Escape sequences
/// ncurses did not recognise arrive as their raw characters; the common xterm ones are decoded
/// here and unknown ones are dropped rather than typed into the composer.
public struct KeyDecoder {
    /// Key codes known only at run time: extended terminfo keys (kUP, kDN …) and codes
    /// registered with `define_key`.
    public var extraKeyCodes: [Int32: Key]
    /// The bytes of a bracketed paste whose end marker has not arrived yet.
    private var pasteBuffer: PasteBuffer?
    /// The first bytes of a character whose other bytes are still on their way.
    private var utf8 = UTF8Assembler()

    public init(extraKeyCodes: [Int32: Key] = [:]) {
        self.extraKeyCodes = extraKeyCodes
    }

    /// Whether a paste has started and not yet ended.
    public var isInsidePaste: Bool { pasteBuffer != nil }

    /// Decodes one drain of input. `screenSize` is the terminal size after the drain, reported
    /// with a resize.
    public mutating func decode(_ raw: [RawInput], screenSize: (width: Int, height: Int)) -> [InputEvent] {
        let inputs = assembleCharacters(raw)
        var output = DecoderOutput()
        var index = 0
        while index < inputs.count {
            if pasteBuffer != nil {
                index += consumeInsidePaste(inputs, at: index, into: &output)
                continue
            }
            switch inputs[index] {
            case .char(let value):
                if let scalar = Self.printableScalar(value) {
                    output.pendingText.append(scalar)
                    index += 1
                } else if value == ControlCode.escape {
                    index += decodeEscape(inputs, at: index, into: &output)
                } else {
                    if let key = Self.keyForControl(value) { output.append(.key(key)) }
                    index += 1
                }
            case .byte:
                index += 1  // `assembleCharacters` left none
            case .mouse(let event):
                output.flushText()
                if let event { output.append(.mouse(event)) }
                index += 1
            case .keyCode(let code):
                if code == CursesKeyCode.pasteStart {
                    output.flushText()
                    pasteBuffer = PasteBuffer()
                } else if code == CursesKeyCode.resize {
                    output.appendResize(width: screenSize.width, height: screenSize.height)
                } else if let key = keyForCode(code) {
                    output.append(.key(key))
                }
                index += 1
            }
        }
        output.flushText()
        return output.events
    }

    /// Bytes read straight from the terminal while a paste is open (`CursesScreen` reads a
    /// paste's body itself, in large chunks, rather than a byte per `wgetch`). Everything up
    /// to the raw end marker is pasted text; whatever follows the marker is decoded as input.
    public mutating func decode(pasteChunk chunk: ArraySlice<UInt8>, screenSize: (width: Int, height: Int)) -> [InputEvent] {
        guard var buffer = pasteBuffer else { return decode(chunk.map { .byte($0) }, screenSize: screenSize) }
        pasteBuffer = nil  // not shared while it grows, so appending does not copy it
        guard let used = buffer.append(chunk: chunk) else {
            pasteBuffer = buffer
            return []
        }
        var output = DecoderOutput()
        output.append(.paste(buffer.text))
        let rest = chunk.dropFirst(used)
        return output.events + (rest.isEmpty ? [] : decode(rest.map { .byte($0) }, screenSize: screenSize))
    }

    /// Turns bytes into scalars, holding a character cut off at the end of the drain for the
    /// next one; a key code that interrupts a character leaves U+FFFD in its place.
    private mutating func assembleCharacters(_ raw: [RawInput]) -> [RawInput] {
        guard raw.contains(where: { if case .byte = $0 { return true } else { return false } }) || utf8.isMidCharacter else {
            return raw
        }
        var inputs: [RawInput] = []
        inputs.reserveCapacity(raw.count)
        var scalars: [UInt32] = []
        for input in raw {
            switch input {
            case .byte(let byte):
                utf8.add(byte, into: &scalars)
            default:
                utf8.flush(into: &scalars)
            }
            for value in scalars { inputs.append(.char(value)) }
            scalars.removeAll(keepingCapacity: true)
            if case .byte = input { continue }
            inputs.append(input)
        }
        return inputs
    }

    // MARK: - Paste

    /// Consumes one input inside a paste; returns how many were used.
    private mutating func consumeInsidePaste(_ inputs: [RawInput], at index: Int, into output: inout DecoderOutput) -> Int {
        switch inputs[index] {
        case .keyCode(CursesKeyCode.pasteEnd):
            finishPaste(into: &output)
        case .keyCode(CursesKeyCode.enter):
            pasteBuffer?.append(byte: UInt8(ControlCode.lineFeed))
        case .keyCode, .mouse:
            // Key codes inside a paste come from escape sequences in the pasted text; they are
            // not text, and acting on them as keys would let a paste drive the UI.
            break
        case .byte(let byte):
            pasteBuffer?.append(byte: byte)
            if pasteBuffer?.removeEndMarkerIfComplete() == true { finishPaste(into: &output) }
        case .char(let value):
            // The raw end marker (ncurses did not translate it) may be split between drains:
            // it is found in the buffer, not by looking ahead.
            pasteBuffer?.append(scalar: value)
            if pasteBuffer?.removeEndMarkerIfComplete() == true { finishPaste(into: &output) }
        }
        return 1
    }

    private mutating func finishPaste(into output: inout DecoderOutput) {
        let text = pasteBuffer?.text ?? ""
        pasteBuffer = nil
        output.append(.paste(text))
    }

    // MARK: - Escape

    /// Decodes the input at `index`, which is ESC; returns how many inputs were consumed.
    private mutating func decodeEscape(_ inputs: [RawInput], at index: Int, into output: inout DecoderOutput) -> Int {
        guard index + 1 < inputs.count else {
            output.append(.key(.escape))
            return 1
        }
        switch inputs[index + 1] {
        case .keyCode(let code) where code == CursesKeyCode.resize || code == CursesKeyCode.pasteStart:
            // Not a key: the Escape pressed just before a resize or a paste is its own key.
            output.append(.key(.escape))
            return 1
        case .keyCode, .mouse, .byte:
            // Alt+arrow and friends: ESC then a key ncurses decoded. There is no Alt variant of
            // these keys, so drop the ESC rather than also reporting a (destructive) Escape.
            return 1
        case .char(let next):
            if next == ControlCode.escape {
                output.append(.key(.escape))
                return 1
            }
            if next == ControlCode.carriageReturn {
                output.append(.key(.altEnter))
                return 2
            }
            if next == 0x7F || next == 0x08 {
                output.append(.key(.altBackspace))
                return 2
            }
            if next == UInt32(UInt8(ascii: "[")), index + 2 < inputs.count,
               let consumed = decodeCSI(inputs, parametersAt: index + 2, into: &output) {
                return 2 + consumed
            }
            if next == UInt32(UInt8(ascii: "O")), index + 2 < inputs.count,
               case .char(let final) = inputs[index + 2], let key = Self.keyForSS3(final) {
                output.append(.key(key))
                return 3
            }
            if let scalar = Self.printableScalar(next) {
                output.append(.key(.alt(Character(scalar))))
                return 2
            }
            // ESC before another control character (Alt+Ctrl+x): no such key exists;
            // drop the ESC and let the control character speak for itself.
            return 1
        }
    }

    /// Parses `parameters intermediates final` of a CSI sequence starting at `start`. Returns the
    /// number of inputs consumed, or nil when the sequence is incomplete or malformed (then the
    /// ESC [ is read as Alt+[).
    private mutating func decodeCSI(_ inputs: [RawInput], parametersAt start: Int, into output: inout DecoderOutput) -> Int? {
        var parameters = ""
        var index = start
        while index < inputs.count, case .char(let value) = inputs[index] {
            switch value {
            case 0x30...0x3F, 0x20...0x2F:
                parameters.unicodeScalars.append(Unicode.Scalar(UInt8(value)))
                index += 1
            case 0x40...0x7E:
                let final = Character(Unicode.Scalar(UInt8(value)))
                applyCSI(parameters: parameters, final: final, into: &output)
                return index - start + 1
            default:
                return nil
            }
        }
        return nil
    }

    private mutating func applyCSI(parameters: String, final: Character, into output: inout DecoderOutput) {
        let fields = parameters.split(separator: ";", omittingEmptySubsequences: false)
        let first = fields.first.map(String.init) ?? ""
        let shifted = fields.count > 1 && fields[1] == "2"
        let controlled = fields.count > 1 && fields[1] == "5"
        switch (first, final) {
        case ("200", "~"):
            output.flushText()
            pasteBuffer = PasteBuffer()
            return
        case ("201", "~"):
            return  // an end marker without a start: nothing to finish
        default:
            break
        }
        if controlled, final == "C" || final == "D" {
            output.append(.key(final == "C" ? .ctrlRight : .ctrlLeft))
            return
        }
        if let key = Self.keyForCSI(first: first, shifted: shifted, final: final) {
            output.append(.key(key))
        }
        // Anything else (focus reports, mouse reports, Ctrl+keys we do not model) is dropped.
    }

    static func keyForCSI(first: String, shifted: Bool, final: Character) -> Key? {
        switch final {
        case "A": return shifted ? .shiftUp : .up
        case "B": return shifted ? .shiftDown : .down
        case "C": return shifted ? .shiftRight : .right
        case "D": return shifted ? .shiftLeft : .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "P": return .function(1)
        case "Q": return .function(2)
        case "R": return .function(3)
        case "S": return .function(4)
        case "~":
            switch first {
            case "1", "7": return .home
            case "4", "8": return .end
            case "3": return .delete
            case "5": return .pageUp
            case "6": return .pageDown
            case "11": return .function(1)
            case "12": return .function(2)
            case "13": return .function(3)
            case "14": return .function(4)
            case "15": return .function(5)
            case "17": return .function(6)
            case "18": return .function(7)
            case "19": return .function(8)
            case "20": return .function(9)
            case "21": return .function(10)
            case "23": return .function(11)
            case "24": return .function(12)
            default: return nil
            }
        default: return nil
        }
    }

    static func keyForSS3(_ value: UInt32) -> Key? {
        switch value {
        case UInt32(UInt8(ascii: "A")): return .up
        case UInt32(UInt8(ascii: "B")): return .down
        case UInt32(UInt8(ascii: "C")): return .right
        case UInt32(UInt8(ascii: "D")): return .left
        case UInt32(UInt8(ascii: "H")): return .home
        case UInt32(UInt8(ascii: "F")): return .end
        case UInt32(UInt8(ascii: "M")): return .enter
        case UInt32(UInt8(ascii: "P")): return .function(1)
        case UInt32(UInt8(ascii: "Q")): return .function(2)
        case UInt32(UInt8(ascii: "R")): return .function(3)
        case UInt32(UInt8(ascii: "S")): return .function(4)
        default: return nil
        }
    }

    // MARK: - Characters and key codes

    /// The scalar if `value` is text: not a C0/C1 control, not DEL, a valid scalar.
    static func printableScalar(_ value: UInt32) -> Unicode.Scalar? {
        guard value >= 0x20, value != 0x7F, !(0x80...0x9F).contains(value) else { return nil }
        return Unicode.Scalar(value)
    }

    /// Control characters in raw mode: Tab, Enter (CR, since `nonl`), Ctrl+J (LF), Backspace
    /// (BS or DEL, depending on the terminal), Ctrl+letter. Others (NUL, Ctrl+\ …, C1) mean
    /// nothing here.
    static func keyForControl(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case ControlCode.carriageReturn: return .enter
        case ControlCode.lineFeed: return .control("j")
        case 8, 0x7F: return .backspace
        case 1...26:
            guard let letter = Unicode.Scalar(UInt32(UInt8(ascii: "a")) + value - 1) else { return nil }
            return .control(Character(letter))
        default: return nil
        }
    }

    func keyForCode(_ code: Int32) -> Key? {
        if let key = extraKeyCodes[code] { return key }
        switch code {
        case CursesKeyCode.up: return .up
        case CursesKeyCode.down: return .down
        case CursesKeyCode.left: return .left
        case CursesKeyCode.right: return .right
        case CursesKeyCode.shiftUp: return .shiftUp
        case CursesKeyCode.shiftDown: return .shiftDown
        case CursesKeyCode.shiftLeft: return .shiftLeft
        case CursesKeyCode.shiftRight: return .shiftRight
        case CursesKeyCode.home, CursesKeyCode.find, CursesKeyCode.keypadA1: return .home
        case CursesKeyCode.end, CursesKeyCode.select, CursesKeyCode.keypadC1: return .end
        case CursesKeyCode.pageUp, CursesKeyCode.keypadA3: return .pageUp
        case CursesKeyCode.pageDown, CursesKeyCode.keypadC3: return .pageDown
        case CursesKeyCode.deleteChar: return .delete
        case CursesKeyCode.backTab: return .backTab
        case CursesKeyCode.backspace: return .backspace
        case CursesKeyCode.enter: return .enter
        default:
            let functionNumber = Int(code - CursesKeyCode.function(0))
            if (1...12).contains(functionNumber) { return .function(functionNumber) }
            return nil
        }
    }
}

enum ControlCode {
    static let escape: UInt32 = 0x1B
    static let carriageReturn: UInt32 = 0x0D
    static let lineFeed: UInt32 = 0x0A
}

/// Events of one drain, with printable scalars buffered so a multi-scalar grapheme (emoji with
/// modifiers, a letter with combining marks) becomes one `Character`.
private struct DecoderOutput {
    var events: [InputEvent] = []
    var pendingText = String.UnicodeScalarView()

    mutating func flushText() {
        guard !pendingText.isEmpty else { return }
        for character in String(pendingText) {
            events.append(.key(.character(character)))
        }
        pendingText = String.UnicodeScalarView()
    }

    mutating func append(_ event: InputEvent) {
        flushText()
        events.append(event)
    }

    /// Several SIGWINCHs in one drain all report the final size; one event is enough.
    mutating func appendResize(width: Int, height: Int) {
        let event = InputEvent.resize(width: width, height: height)
        if events.last == event, pendingText.isEmpty { return }
        append(event)
    }
}
